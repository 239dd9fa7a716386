// The shipped city and job-category tables load, are complete and consistent (JOB-1, JOB-3).
#include "jobs/taxonomy.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using hiresafe::jobs::Category;
using hiresafe::jobs::City;
using hiresafe::jobs::Taxonomy;

namespace {

const Taxonomy& builtin() {
  static const Taxonomy taxonomy = [] {
    auto loaded = Taxonomy::builtin();
    if (!loaded) ADD_FAILURE() << loaded.error().detail;
    return loaded ? std::move(loaded).value() : Taxonomy{};
  }();
  return taxonomy;
}

// Line 1 version, line 2 header, lines 3-4 data; appended rows start at line 5.
const std::string kCities =
    "# version: 3\n"
    "code\tparent_code\tlevel\tname_zh\tname_en\tlatitude\tlongitude\n"
    "440000\t\tprovince\t广东省\tGuangdong\t23.1291\t113.2644\n"
    "440300\t440000\tcity\t深圳市\tShenzhen\t22.5431\t114.0579\n";
const std::string kCategories =
    "# version: 2\n"
    "id\tparent_id\tname_zh\tname_en\n"
    "tech\t\t技术\tTechnology\n"
    "tech.backend\ttech\t后端开发\tBackend Development\n";

// The error text for a load that must fail; fails the test when it loads.
std::string load_error(const std::string& cities, const std::string& categories) {
  auto loaded = Taxonomy::load(cities, categories);
  if (loaded) {
    ADD_FAILURE() << "loaded malformed input";
    return {};
  }
  EXPECT_EQ(loaded.error().kind, hiresafe::core::ErrorKind::kInvalid);
  return loaded.error().detail;
}

#define EXPECT_MENTIONS(text, part)               \
  EXPECT_NE((text).find(part), std::string::npos) \
      << "\"" << (text) << "\" lacks \"" << (part) << "\""

}  // namespace

TEST(TaxonomyBuiltin, LoadsTheShippedTables) {  // JOB-1
  auto loaded = Taxonomy::builtin();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_EQ(loaded->cities_version(), 1);
  EXPECT_EQ(loaded->categories_version(), 1);
}

TEST(TaxonomyBuiltin, CoversEveryProvinceAndPrefecture) {  // JOB-1
  int provinces = 0;
  int cities = 0;
  for (const City& city : builtin().cities()) {
    if (city.level == hiresafe::jobs::kLevelProvince) ++provinces;
    if (city.level == hiresafe::jobs::kLevelCity) ++cities;
  }
  EXPECT_EQ(provinces, 34);  // 31 mainland + Hong Kong, Macao, Taiwan
  EXPECT_GE(cities, 330);
  for (const char* code : {"710000", "810000", "820000"}) {
    ASSERT_NE(builtin().city(code), nullptr) << code;
    EXPECT_EQ(builtin().city(code)->level, "province");
  }
}

TEST(TaxonomyBuiltin, EveryCityBelongsToItsProvince) {  // JOB-3
  std::size_t listed = 0;
  for (const City& city : builtin().cities()) {
    const City* province = builtin().province_of(city.code);
    ASSERT_NE(province, nullptr) << city.code;
    EXPECT_EQ(province->level, "province") << city.code;
    EXPECT_EQ(province->code.substr(0, 2), city.code.substr(0, 2)) << city.code;
    if (city.level == "province") {
      EXPECT_EQ(province, &city);
      listed += builtin().cities_in(city.code).size();
    } else {
      EXPECT_EQ(city.parent_code, province->code);
    }
  }
  EXPECT_EQ(listed + 34, builtin().cities().size());
}

TEST(TaxonomyBuiltin, MunicipalitiesAndSpecialRegionsNameOneCity) {  // JOB-1
  for (const auto& [province, city] :
       std::initializer_list<std::pair<const char*, const char*>>{{"110000", "110100"},
                                                                  {"120000", "120100"},
                                                                  {"310000", "310100"},
                                                                  {"500000", "500100"},
                                                                  {"810000", "810100"},
                                                                  {"820000", "820100"}}) {
    auto children = builtin().cities_in(province);
    ASSERT_EQ(children.size(), 1u) << province;
    EXPECT_EQ(children[0]->code, city);
  }
}

TEST(TaxonomyBuiltin, WellKnownCodesHaveTheirOfficialNames) {  // JOB-1
  struct Expected {
    const char* code;
    const char* name_zh;
    const char* name_en;
    const char* province;
  };
  for (const Expected& e : std::initializer_list<Expected>{
           {"440300", "深圳市", "Shenzhen", "440000"},
           {"440100", "广州市", "Guangzhou", "440000"},
           {"330100", "杭州市", "Hangzhou", "330000"},
           {"510100", "成都市", "Chengdu", "510000"},
           {"420100", "武汉市", "Wuhan", "420000"},
           {"320500", "苏州市", "Suzhou", "320000"},
           {"370200", "青岛市", "Qingdao", "370000"},
           {"210200", "大连市", "Dalian", "210000"},
           {"350200", "厦门市", "Xiamen", "350000"},
           {"130100", "石家庄市", "Shijiazhuang", "130000"},
           {"650100", "乌鲁木齐市", "Urumqi", "650000"},
           {"540100", "拉萨市", "Lhasa", "540000"},
           {"460200", "三亚市", "Sanya", "460000"},
           {"230100", "哈尔滨市", "Harbin", "230000"},
           {"110100", "北京市", "Beijing", "110000"},
       }) {
    const City* city = builtin().city(e.code);
    ASSERT_NE(city, nullptr) << e.code;
    EXPECT_EQ(city->name_zh, e.name_zh) << e.code;
    EXPECT_EQ(city->name_en, e.name_en) << e.code;
    EXPECT_EQ(city->level, "city") << e.code;
    EXPECT_EQ(builtin().province_of(e.code)->code, e.province) << e.code;
  }
  EXPECT_EQ(builtin().city("440000")->name_zh, "广东省");
  EXPECT_EQ(builtin().city("540000")->name_zh, "西藏自治区");
  // Codes retired by mergers stay out: 莱芜 joined 济南 in 2019, 巢湖 was split up in 2011.
  EXPECT_EQ(builtin().city("371200"), nullptr);
  EXPECT_EQ(builtin().city("341400"), nullptr);
}

TEST(TaxonomyBuiltin, SeatsLieInsideChina) {  // JOB-3
  for (const City& city : builtin().cities()) {
    if (city.code == "460300") {
      // 三沙 is seated on Yongxing Island in the South China Sea, south of the mainland box.
      EXPECT_NEAR(city.latitude, 16.8, 0.2);
      EXPECT_NEAR(city.longitude, 112.3, 0.2);
      continue;
    }
    EXPECT_GE(city.latitude, 18.0) << city.code;
    EXPECT_LE(city.latitude, 54.0) << city.code;
    EXPECT_GE(city.longitude, 73.0) << city.code;
    EXPECT_LE(city.longitude, 135.0) << city.code;
  }
  // A province row sits on its capital's seat: 广东 and 广州 share coordinates.
  EXPECT_DOUBLE_EQ(builtin().city("440000")->latitude, builtin().city("440100")->latitude);
}

TEST(TaxonomyBuiltin, CategoryTreeHasFamiliesWithChildrenAndNoCycles) {  // JOB-1
  std::set<std::string> ids;
  int families = 0;
  for (const Category& category : builtin().categories()) {
    EXPECT_TRUE(ids.insert(category.id).second) << category.id;
    if (category.parent_id.empty()) {
      ++families;
      EXPECT_EQ(builtin().parent_of(category.id), nullptr);
      continue;
    }
    const Category* parent = builtin().parent_of(category.id);
    ASSERT_NE(parent, nullptr) << category.id;
    EXPECT_EQ(parent->id, category.parent_id);
    // Walking up must reach a family within as many steps as there are categories.
    const Category* up = &category;
    std::size_t steps = 0;
    while (up != nullptr && steps <= builtin().categories().size()) {
      up = builtin().parent_of(up->id);
      ++steps;
    }
    EXPECT_EQ(up, nullptr) << category.id << " loops";
  }
  EXPECT_GE(families, 15);
  EXPECT_GE(builtin().categories().size(), 120u);
  for (const Category& family : builtin().categories()) {
    if (!family.parent_id.empty()) continue;
    int children = 0;
    for (const Category& category : builtin().categories()) {
      if (category.parent_id == family.id) ++children;
    }
    EXPECT_GE(children, 4) << family.id;
    EXPECT_LE(children, 10) << family.id;
  }
  ASSERT_NE(builtin().category("tech.backend"), nullptr);
  EXPECT_EQ(builtin().parent_of("tech.backend")->id, "tech");
}

TEST(TaxonomyLookup, UnknownKeysAndWrongLevelsGiveNothing) {  // JOB-3
  auto loaded = Taxonomy::load(kCities, kCategories);
  ASSERT_TRUE(loaded) << loaded.error().detail;
  const Taxonomy& taxonomy = *loaded;
  EXPECT_EQ(taxonomy.cities_version(), 3);
  EXPECT_EQ(taxonomy.categories_version(), 2);
  EXPECT_EQ(taxonomy.city("999900"), nullptr);
  EXPECT_EQ(taxonomy.city(""), nullptr);
  EXPECT_EQ(taxonomy.province_of("999900"), nullptr);
  EXPECT_EQ(taxonomy.province_of("440000")->code, "440000");
  EXPECT_TRUE(taxonomy.cities_in("440300").empty());
  EXPECT_TRUE(taxonomy.cities_in("999900").empty());
  EXPECT_EQ(taxonomy.category("nope"), nullptr);
  EXPECT_EQ(taxonomy.parent_of("nope"), nullptr);
  EXPECT_EQ(taxonomy.parent_of("tech"), nullptr);
}

TEST(TaxonomyLoad, AcceptsCrlfCommentsAndBlankLines) {
  std::string cities = kCities + "# a comment\n\n";
  for (std::size_t at = 0; (at = cities.find('\n', at)) != std::string::npos; at += 2) {
    cities.insert(at, "\r");
  }
  auto loaded = Taxonomy::load(cities, kCategories);
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_EQ(loaded->cities().size(), 2u);
  EXPECT_EQ(loaded->city("440300")->name_en, "Shenzhen");
}

TEST(TaxonomyLoad, MalformedCityRowsNameTheLine) {
  struct Case {
    const char* row;
    const char* says;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"440100\t440000\tcity\t广州市\tGuangzhou\t23.1\n", "7 tab-separated columns"},
           {"44010\t440000\tcity\t广州市\tGuangzhou\t23.1\t113.2\n", "not 6 digits"},
           {"44A100\t440000\tcity\t广州市\tGuangzhou\t23.1\t113.2\n", "not 6 digits"},
           {"440101\t440000\tcity\t广州市\tGuangzhou\t23.1\t113.2\n", "prefecture-level"},
           {"440100\t450000\tcity\t广州市\tGuangzhou\t23.1\t113.2\n", "must be its province"},
           {"450100\t450000\tcity\t南宁市\tNanning\t22.8\t108.4\n", "unknown parent_code"},
           {"440300\t440000\tcity\t深圳市\tShenzhen\t22.5\t114.1\n", "duplicate code 440300"},
           {"440100\t440000\tcity\t广州市\tGuangzhou\tnorth\t113.2\n", "latitude"},
           {"440100\t440000\tcity\t广州市\tGuangzhou\t95\t113.2\n", "latitude"},
           {"440100\t440000\tcity\t广州市\tGuangzhou\t23.1\t\n", "longitude"},
           {"440100\t440000\tcity\t广州市\tGuangzhou\t23.1\t113.2x\n", "longitude"},
           {"440100\t440000\ttown\t广州市\tGuangzhou\t23.1\t113.2\n", "level"},
           {"440100\t440000\tcity\t\tGuangzhou\t23.1\t113.2\n", "name_zh"},
           {"450000\t440000\tprovince\t广西\tGuangxi\t22.8\t108.4\n", "no parent_code"},
       }) {
    std::string error = load_error(kCities + c.row, kCategories);
    EXPECT_MENTIONS(error, "cities.tsv line 5");
    EXPECT_MENTIONS(error, c.says);
  }
}

TEST(TaxonomyLoad, MalformedCategoryRowsNameTheLine) {
  struct Case {
    const char* rows;
    const char* line;
    const char* says;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"design\t\t设计\n", "line 5", "4 tab-separated columns"},
           {"Design\t\t设计\tDesign\n", "line 5", "not a slug"},
           {"tech..ai\ttech\t算法\tAI\n", "line 5", "not a slug"},
           {"tech.ai\tproduct\t算法\tAI\n", "line 5", "unknown parent_id"},
           {"tech.backend\ttech\t后端\tBackend\n", "line 5", "duplicate id tech.backend"},
           {"a\tb\t甲\tA\nb\ta\t乙\tB\n", "line 5", "its own ancestor"},
           {"loop\tloop\t环\tLoop\n", "line 5", "its own ancestor"},
       }) {
    std::string error = load_error(kCities, kCategories + c.rows);
    EXPECT_MENTIONS(error, std::string("job_categories.tsv ") + c.line);
    EXPECT_MENTIONS(error, c.says);
  }
}

TEST(TaxonomyLoad, VersionAndHeaderAreRequired) {
  EXPECT_MENTIONS(load_error("", kCategories), "cities.tsv line 1");
  EXPECT_MENTIONS(load_error(kCities.substr(kCities.find('\n') + 1), kCategories),
                  "cities.tsv line 1");
  EXPECT_MENTIONS(
      load_error("# version: zero\n" + kCities.substr(kCities.find('\n') + 1), kCategories),
      "version must be a positive integer");
  EXPECT_MENTIONS(load_error(kCities, "# version: 1\nid\tparent\tname_zh\tname_en\n"),
                  "job_categories.tsv line 2");
  EXPECT_MENTIONS(load_error(kCities, "# version: 1\n# only comments\n"), "header line is missing");
}

// JOB-2: job posts demanding gender, ethnicity, religion, age,
// marital/childbearing status, hukou or unrelated health conditions are
// refused, naming each phrase and rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "jobs/publishing_rules.hpp"

namespace {

using hiresafe::jobs::PublishingRules;
using hiresafe::jobs::RuleViolation;

const PublishingRules& rules() {
  return PublishingRules::builtin();
}

std::vector<std::string> categories(const std::vector<RuleViolation>& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.push_back(v.category);
  return out;
}

bool has(const std::vector<RuleViolation>& violations, const std::string& category,
         const std::string& phrase) {
  return std::any_of(violations.begin(), violations.end(), [&](const RuleViolation& v) {
    return v.category == category && v.phrase == phrase;
  });
}

// Describes what was found, so a failing expectation shows the rule ids and
// phrases.
std::string describe(const std::vector<RuleViolation>& violations) {
  std::string out;
  for (const auto& v : violations) out += v.rule_id + "[" + v.phrase + "] ";
  return out.empty() ? "(none)" : out;
}

#define EXPECT_FLAGS(text, category, phrase)                                            \
  do {                                                                                  \
    auto found_ = rules().check(text);                                                  \
    EXPECT_TRUE(has(found_, category, phrase)) << (text) << " -> " << describe(found_); \
  } while (0)

#define EXPECT_CLEAN(text)                                               \
  do {                                                                   \
    auto found_ = rules().check(text);                                   \
    EXPECT_TRUE(found_.empty()) << (text) << " -> " << describe(found_); \
  } while (0)

TEST(PublishingRules, BuiltinRulesAreVersionedAndNonEmpty) {
  EXPECT_GE(rules().version(), 1);
  EXPECT_GE(rules().size(), 30u);
}

// JOB-2
TEST(PublishingRules, RefusesGenderDemands) {
  EXPECT_FLAGS("招聘前台，限女性，形象好。", "gender", "限女性");
  EXPECT_FLAGS("仓库搬运工，男性优先。", "gender", "男性优先");
  EXPECT_FLAGS("性别：男；学历：大专", "gender", "性别:男");
  EXPECT_FLAGS("行政专员（女），本科学历", "gender", "(女)");
  EXPECT_FLAGS("Warehouse picker, men only, night shift.", "gender", "men only");
  EXPECT_FLAGS("Applicants must be male.", "gender", "must be male");
}

// JOB-2
TEST(PublishingRules, RefusesEthnicityDemands) {
  EXPECT_FLAGS("店员若干，仅限汉族。", "ethnicity", "仅限汉族");
  EXPECT_FLAGS("少数民族勿扰，外贸跟单。", "ethnicity", "少数民族勿扰");
  EXPECT_FLAGS("Caucasian candidates only.", "ethnicity", "caucasian candidates only");
}

// JOB-2
TEST(PublishingRules, RefusesReligionDemands) {
  EXPECT_FLAGS("行政文员，无宗教信仰。", "religion", "无宗教信仰");
  EXPECT_FLAGS("信仰基督教者优先。", "religion", "信仰基督教者优先");
  EXPECT_FLAGS("No religious believers, please.", "religion", "no religious believers");
}

// JOB-2
TEST(PublishingRules, RefusesAgeLimits) {
  EXPECT_FLAGS("产品经理，35岁以下。", "age", "35岁以下");
  EXPECT_FLAGS("年龄25-35周岁，大专以上。", "age", "年龄25-35周岁");
  EXPECT_FLAGS("限90后，有活力。", "age", "限90后");
  EXPECT_FLAGS("Sales assistant, under 30, fluent English.", "age", "under 30");
  EXPECT_FLAGS("Age 22-35, bachelor's degree.", "age", "age 22-35");
}

// JOB-2
TEST(PublishingRules, RefusesMaritalStatusDemands) {
  EXPECT_FLAGS("出纳，已婚优先。", "marital", "已婚优先");
  EXPECT_FLAGS("婚姻状况：未婚", "marital", "婚姻状况:未婚");
  EXPECT_FLAGS("Must be married, property management.", "marital", "must be married");
}

// JOB-2
TEST(PublishingRules, RefusesChildbearingDemands) {
  EXPECT_FLAGS("已婚已育优先，人事行政。", "childbearing", "已婚已育");
  EXPECT_FLAGS("两年内无生育计划。", "childbearing", "两年内无生育计划");
  EXPECT_FLAGS("孕妇勿扰。", "childbearing", "孕妇勿扰");
  EXPECT_FLAGS("No pregnant applicants.", "childbearing", "no pregnant");
}

// JOB-2
TEST(PublishingRules, RefusesHukouDemands) {
  EXPECT_FLAGS("社区网格员，限本地户口。", "hukou", "限本地户口");
  EXPECT_FLAGS("上海户籍优先。", "hukou", "上海户籍");
  EXPECT_FLAGS("Local hukou required.", "hukou", "local hukou required");
}

// JOB-2
TEST(PublishingRules, RefusesUnrelatedHealthDemands) {
  EXPECT_FLAGS("乙肝携带者勿扰，办公室文员。", "health", "乙肝携带者勿扰");
  EXPECT_FLAGS("需提供HIV阴性证明。", "health", "hiv阴性");
  EXPECT_FLAGS("残疾人勿扰，前台接待。", "health", "残疾人勿扰");
  EXPECT_FLAGS("No hepatitis B carriers.", "health", "no hepatitis");
}

// JOB-2
TEST(PublishingRules, ViolationNamesRuleReasonAndPhrase) {
  auto found = rules().check("Female only. Receptionist.");
  ASSERT_EQ(found.size(), 1u) << describe(found);
  EXPECT_EQ(found[0].rule_id, "gender.en.only");
  EXPECT_EQ(found[0].category, "gender");
  EXPECT_EQ(found[0].phrase, "female only");
  EXPECT_NE(found[0].reason_en.find("Employment Promotion Law"), std::string::npos);
  EXPECT_NE(found[0].reason_zh.find("就业促进法"), std::string::npos);
}

// JOB-2
TEST(PublishingRules, ReportsEachCategoryOfAMixedPost) {
  auto found = rules().check(
      "限男性，35岁以下，已婚优先，本地户口，乙肝勿扰，"
      "汉族，无宗教信仰，未育勿扰");
  auto got = categories(found);
  for (const char* category :
       {"gender", "age", "marital", "hukou", "health", "ethnicity", "religion", "childbearing"}) {
    EXPECT_NE(std::find(got.begin(), got.end(), category), got.end())
        << category << " missing: " << describe(found);
  }
}

TEST(PublishingRules, OneViolationPerRuleHowEverOftenItMatches) {
  auto found = rules().check("限男性。限男性！限男性");
  ASSERT_EQ(found.size(), 1u) << describe(found);
  EXPECT_EQ(found[0].rule_id, "gender.restrict");
}

// JOB-2
TEST(PublishingRules, AcceptsCompliantPhrasesThatContainTriggerWords) {
  for (const char* text : {
           "前端开发，男女不限。",
           "仓库管理员，性别不限。",
           "客服，不限性别。",
           "销售顾问，年龄不限。",
           "保洁员，不限年龄。",
           "行政助理，户籍不限。",
           "女装设计师，三年经验。",
           "男装买手。",
           "男士护肤品牌市场专员。",
           "女士内衣电商运营。",
           "孕婴店店长。",
           "母婴用品销售。",
           "公司提供五险一金、婚假和产假。",
           "福利含生育保险。",
           "幼儿园老师，负责3-6岁儿童教学。",
           "养老院护理员，照顾60岁以上老人。",
           "需年满18周岁。",
           "疾控中心护士，负责乙肝疫苗接种。",
           "普通话流利，能适应出差。",
           "餐厅厨师，需持有有效健康证。",
           "All genders welcome.",
           "We hire regardless of age, gender, ethnicity or religion.",
           "We are an equal opportunity employer.",
           "26 weeks of maternity leave.",
           "Must be able to lift 20 kg.",
           "Physically able to stand for long periods.",
           "Must be at least 18 years old.",
           "Over 10 years of experience in finance.",
           "Hukou transfer assistance provided.",
           "Womenswear and menswear buyer.",
       }) {
    EXPECT_CLEAN(text);
  }
}

// JOB-2: an exception explains only its own words; a demand elsewhere in the
// post still counts.
TEST(PublishingRules, ExceptionDoesNotHideADemandNextToIt) {
  EXPECT_FLAGS("男女不限，限男", "gender", "限男");
  EXPECT_FLAGS("电工，年龄不限，限男性。", "gender", "限男性");
  EXPECT_FLAGS("Equal opportunity employer. Female only.", "gender", "female only");
  EXPECT_FLAGS("五险一金，已婚已育优先", "childbearing", "已婚已育");
}

// JOB-2: spacing, separators, full-width forms, traditional characters and
// invisible characters do not slip a demand past the rules.
TEST(PublishingRules, NormalisationDefeatsEvasionTricks) {
  EXPECT_FLAGS("诚聘销售，限 男，有驾照。", "gender", "限男");
  EXPECT_FLAGS("男 性 优 先", "gender", "男性优先");
  EXPECT_FLAGS("男-性·优先", "gender", "男性优先");
  EXPECT_FLAGS("限　男　性", "gender", "限男性");
  EXPECT_FLAGS("男\u200b性优先", "gender", "男性优先");
  EXPECT_FLAGS("限 \xc3 男", "gender", "限男");
  EXPECT_FLAGS("Ｆｅｍａｌｅ ｏｎｌｙ", "gender", "female only");
  EXPECT_FLAGS("ＵＮＤＥＲ　３０ only", "age", "under 30");
  EXPECT_FLAGS("年齡：２５－３５歲", "age", "年龄:25-35岁");
  EXPECT_FLAGS("全職保安，限男性。", "gender", "限男性");
  EXPECT_FLAGS("門市店員，僅限女性。", "gender", "仅限女性");
  EXPECT_FLAGS("戶籍：本地", "hukou", "户籍:本地");
  EXPECT_FLAGS("已婚已育優先", "childbearing", "已婚已育");
  EXPECT_FLAGS("婚育：已婚已育", "childbearing", "婚育:");
  EXPECT_FLAGS("40 岁以下", "age", "40岁以下");
}

TEST(PublishingRules, NormaliseKeepsMeaningfulPunctuation) {
  EXPECT_EQ(rules().normalise("限 男 ，年龄２５－３５岁"), "限男,年龄25-35岁");
  EXPECT_EQ(rules().normalise("Python 开发"), "python开发");
  EXPECT_EQ(rules().normalise("Under   30"), "under 30");
}

TEST(PublishingRules, EmptyAndBlankTextHaveNoViolations) {
  EXPECT_TRUE(rules().check("").empty());
  EXPECT_TRUE(rules().check("   \n\t　").empty());
}

TEST(PublishingRules, LoadsAMinimalFileAndReportsTheNamedPhraseGroup) {
  auto loaded = PublishingRules::load(
      "# version: 7\n"
      "# comment\n"
      "@map\t僅\t仅\n"
      "\n"
      "allow.x\tallow\t男女不限\n"
      "gender.x\tgender\t(?:^|,)(?P<phrase>仅限男)\treason\t理由\n");
  ASSERT_TRUE(loaded.ok()) << loaded.error().errors.front().message;
  EXPECT_EQ(loaded->version(), 7);
  EXPECT_EQ(loaded->size(), 1u);
  auto found = loaded->check("男女不限,僅限男");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].phrase, "仅限男");
  EXPECT_TRUE(loaded->check("男女不限").empty());
}

// A malformed rules file is refused whole, with the line, so a typo never
// disables a rule.
TEST(PublishingRules, MalformedRulesFileIsAnError) {
  const std::string ok_rule = "g\tgender\t限男\treason\t理由\n";
  struct Case {
    const char* name;
    std::string tsv;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"no version line", ok_rule, "line 1"},
      {"bad version", "# version: x\n" + ok_rule, "line 1"},
      {"zero version", "# version: 0\n" + ok_rule, "line 1"},
      {"unknown category", "# version: 1\ng\tcolour\t限男\tr\t理由\n", "line 2"},
      {"bad regex", "# version: 1\ng\tgender\t(限男\tr\t理由\n", "line 2"},
      {"too few columns", "# version: 1\ng\tgender\n", "line 2"},
      {"missing reasons", "# version: 1\ng\tgender\t限男\n", "line 2"},
      {"duplicate id", "# version: 1\n" + ok_rule + ok_rule, "line 3"},
      {"matches empty text", "# version: 1\ng\tgender\t男*\tr\t理由\n", "line 2"},
      {"traditional character in pattern",
       "# version: 1\n@map\t僅\t仅\ng\tgender\t僅限男\tr\t理由\n", "line 3"},
      {"uneven map", "# version: 1\n@map\t僅齡\t仅\n" + ok_rule, "line 2"},
      {"only exceptions", "# version: 1\na\tallow\t男女不限\n", "file"},
  };
  for (const auto& c : cases) {
    auto loaded = PublishingRules::load(c.tsv);
    ASSERT_FALSE(loaded.ok()) << c.name;
    EXPECT_EQ(loaded.error().kind, hiresafe::core::ErrorKind::kInvalid) << c.name;
    EXPECT_EQ(loaded.error().type, "invalid-publishing-rules") << c.name;
    ASSERT_FALSE(loaded.error().errors.empty()) << c.name;
    EXPECT_EQ(loaded.error().errors.front().field, c.field) << c.name;
  }
  EXPECT_FALSE(PublishingRules::load("").ok());
}

// JOB-2: precision and recall of "bad" detection over the labelled corpus of
// job texts.
TEST(PublishingRulesCorpus, PrecisionAndRecallAtLeast95Percent) {
  std::ifstream file(std::string(HIRESAFE_SOURCE_DIR) + "/tests/data/job_texts.tsv");
  ASSERT_TRUE(file) << "tests/data/job_texts.tsv not found";
  int true_pos = 0, false_pos = 0, false_neg = 0, true_neg = 0, category_hits = 0;
  std::string misses;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("label\t", 0) == 0) continue;
    const auto tab1 = line.find('\t');
    const auto tab2 = line.find('\t', tab1 + 1);
    ASSERT_NE(tab2, std::string::npos) << line;
    const std::string label = line.substr(0, tab1);
    const std::string category = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const std::string text = line.substr(tab2 + 1);
    ASSERT_TRUE(label == "ok" || label == "bad") << line;
    auto found = rules().check(text);
    const bool flagged = !found.empty();
    if (label == "bad") {
      if (flagged) {
        ++true_pos;
        auto got = categories(found);
        if (std::find(got.begin(), got.end(), category) != got.end()) ++category_hits;
      } else {
        ++false_neg;
        misses += "  missed: " + text + "\n";
      }
    } else if (flagged) {
      ++false_pos;
      misses += "  false alarm: " + text + " -> " + describe(found) + "\n";
    } else {
      ++true_neg;
    }
  }
  const int bad = true_pos + false_neg;
  ASSERT_GE(bad + false_pos + true_neg, 240);
  const double precision =
      true_pos + false_pos == 0 ? 0.0 : double(true_pos) / (true_pos + false_pos);
  const double recall = bad == 0 ? 0.0 : double(true_pos) / bad;
  std::printf(
      "publishing rules corpus: %d texts, precision %.3f, recall %.3f, "
      "expected category "
      "named for %d of %d refused\n",
      bad + false_pos + true_neg, precision, recall, category_hits, true_pos);
  EXPECT_GE(precision, 0.95) << misses;
  EXPECT_GE(recall, 0.95) << misses;
}

}  // namespace

// Parses and indexes the city and job-category tables shipped in resources/.
#include "jobs/taxonomy.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include "core/resources.hpp"

namespace hiresafe::jobs {
namespace {

constexpr std::string_view kCitiesHeader =
    "code\tparent_code\tlevel\tname_zh\tname_en\tlatitude\tlongitude";
constexpr std::string_view kCategoriesHeader = "id\tparent_id\tname_zh\tname_en";
constexpr std::string_view kVersionPrefix = "# version:";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct Row {
  int line = 0;
  std::vector<std::string_view> fields;
};

struct Table {
  int version = 0;
  std::vector<Row> rows;
};

core::Error bad_line(std::string_view file, int line, const std::string& message) {
  std::string text = std::string(file) + " line " + std::to_string(line) + ": " + message;
  core::Error error = core::Error::invalid(std::string(file), text, "invalid-taxonomy");
  error.title = "The taxonomy data is invalid";
  error.detail = std::move(text);
  return error;
}

std::string quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool parse_int(std::string_view s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool parse_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

bool is_code(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Lower-case segments of [a-z0-9_] joined by dots, starting with a letter: "tech.backend".
bool is_slug(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z' || s.back() == '.') return false;
  char previous = 0;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok || (c == '.' && previous == '.')) return false;
    previous = c;
  }
  return true;
}

// Splits a file into its version, its header check and its data rows; '#' lines are comments.
core::Result<Table> parse_table(std::string_view file, std::string_view text,
                                std::string_view header) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  Table table;
  bool have_header = false;
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (line_no == 1) {
      if (line.substr(0, kVersionPrefix.size()) != kVersionPrefix) {
        return bad_line(file, 1, "the first line must be '# version: N'");
      }
      std::string_view number = line.substr(kVersionPrefix.size());
      while (!number.empty() && number.front() == ' ') number.remove_prefix(1);
      if (!parse_int(number, table.version) || table.version < 1) {
        return bad_line(file, 1, "the version must be a positive integer");
      }
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    if (!have_header) {
      if (line != header) {
        return bad_line(file, line_no, "expected the header line " + quoted(header));
      }
      have_header = true;
      continue;
    }
    table.rows.push_back({line_no, split_tabs(line)});
  }
  if (line_no == 0) return bad_line(file, 1, "the file is empty");
  if (!have_header) return bad_line(file, line_no + 1, "the header line is missing");
  return table;
}

}  // namespace

core::Result<Taxonomy> Taxonomy::load(std::string_view cities_tsv,
                                      std::string_view categories_tsv) {
  Taxonomy taxonomy;

  // Cities: check each row alone, then the parent links once every code is known.
  constexpr std::string_view kCitiesFile = "cities.tsv";
  HS_TRY(Table city_table, parse_table(kCitiesFile, cities_tsv, kCitiesHeader));
  taxonomy.cities_version_ = city_table.version;
  std::map<std::string, int, std::less<>> city_lines;
  for (const Row& row : city_table.rows) {
    auto fail = [&](const std::string& message) {
      return bad_line(kCitiesFile, row.line, message);
    };
    if (row.fields.size() != 7) {
      return fail("expected 7 tab-separated columns, found " + std::to_string(row.fields.size()));
    }
    City city{std::string(row.fields[0]),
              std::string(row.fields[1]),
              std::string(row.fields[2]),
              std::string(row.fields[3]),
              std::string(row.fields[4]),
              0,
              0};
    if (!is_code(city.code)) return fail("code " + quoted(city.code) + " is not 6 digits");
    std::string province_code = city.code.substr(0, 2) + "0000";
    if (city.level == kLevelProvince) {
      if (city.code != province_code) {
        return fail("province code " + quoted(city.code) + " must end in 0000");
      }
      if (!city.parent_code.empty()) return fail("a province has no parent_code");
    } else if (city.level == kLevelCity) {
      if (city.code == province_code || city.code.substr(4) != "00") {
        return fail("city code " + quoted(city.code) + " must be prefecture-level (xxxx00)");
      }
      if (city.parent_code != province_code) {
        return fail("parent_code of " + city.code + " must be its province " + province_code);
      }
    } else {
      return fail("level " + quoted(city.level) + " must be province or city");
    }
    if (city.name_zh.empty() || city.name_en.empty())
      return fail("name_zh and name_en are required");
    if (!parse_double(row.fields[5], city.latitude) || std::fabs(city.latitude) > 90) {
      return fail("latitude " + quoted(row.fields[5]) + " is not a number in [-90, 90]");
    }
    if (!parse_double(row.fields[6], city.longitude) || std::fabs(city.longitude) > 180) {
      return fail("longitude " + quoted(row.fields[6]) + " is not a number in [-180, 180]");
    }
    auto [seen, inserted] = city_lines.emplace(city.code, row.line);
    if (!inserted) {
      return fail("duplicate code " + city.code + " (first on line " +
                  std::to_string(seen->second) + ")");
    }
    taxonomy.city_index_.emplace(city.code, taxonomy.cities_.size());
    taxonomy.cities_.push_back(std::move(city));
  }
  for (std::size_t i = 0; i < taxonomy.cities_.size(); ++i) {
    const City& city = taxonomy.cities_[i];
    if (city.parent_code.empty()) continue;
    const City* parent = taxonomy.city(city.parent_code);
    if (parent == nullptr || parent->level != kLevelProvince) {
      return bad_line(kCitiesFile, city_table.rows[i].line,
                      "unknown parent_code " + quoted(city.parent_code));
    }
    taxonomy.cities_by_province_[city.parent_code].push_back(i);
  }

  // Categories: same shape, plus a walk up from each entry so a loop cannot hide.
  constexpr std::string_view kCategoriesFile = "job_categories.tsv";
  HS_TRY(Table category_table, parse_table(kCategoriesFile, categories_tsv, kCategoriesHeader));
  taxonomy.categories_version_ = category_table.version;
  std::map<std::string, int, std::less<>> category_lines;
  for (const Row& row : category_table.rows) {
    auto fail = [&](const std::string& message) {
      return bad_line(kCategoriesFile, row.line, message);
    };
    if (row.fields.size() != 4) {
      return fail("expected 4 tab-separated columns, found " + std::to_string(row.fields.size()));
    }
    Category category{std::string(row.fields[0]), std::string(row.fields[1]),
                      std::string(row.fields[2]), std::string(row.fields[3])};
    if (!is_slug(category.id)) {
      return fail("id " + quoted(category.id) + " is not a slug like 'tech.backend'");
    }
    if (!category.parent_id.empty() && !is_slug(category.parent_id)) {
      return fail("parent_id " + quoted(category.parent_id) + " is not a slug");
    }
    if (category.name_zh.empty() || category.name_en.empty()) {
      return fail("name_zh and name_en are required");
    }
    auto [seen, inserted] = category_lines.emplace(category.id, row.line);
    if (!inserted) {
      return fail("duplicate id " + category.id + " (first on line " +
                  std::to_string(seen->second) + ")");
    }
    taxonomy.category_index_.emplace(category.id, taxonomy.categories_.size());
    taxonomy.categories_.push_back(std::move(category));
  }
  for (std::size_t i = 0; i < taxonomy.categories_.size(); ++i) {
    const Category& category = taxonomy.categories_[i];
    int line = category_table.rows[i].line;
    if (category.parent_id.empty()) continue;
    if (taxonomy.category(category.parent_id) == nullptr) {
      return bad_line(kCategoriesFile, line, "unknown parent_id " + quoted(category.parent_id));
    }
    const Category* up = &category;
    for (std::size_t steps = 0; up != nullptr; ++steps) {
      if (steps > taxonomy.categories_.size()) {
        return bad_line(kCategoriesFile, line, "category " + category.id + " is its own ancestor");
      }
      up = taxonomy.parent_of(up->id);
    }
  }
  return taxonomy;
}

core::Result<Taxonomy> Taxonomy::builtin() {
  std::string_view cities = core::resource(kCitiesResource);
  std::string_view categories = core::resource(kCategoriesResource);
  if (cities.empty() || categories.empty()) {
    return core::Error::internal("taxonomy resources are missing from the binary");
  }
  auto loaded = load(cities, categories);
  // Shipped data that does not parse is our bug, not the caller's bad input.
  if (!loaded) return core::Error::internal("built-in taxonomy: " + loaded.error().detail);
  return loaded;
}

const City* Taxonomy::city(std::string_view code) const {
  auto it = city_index_.find(code);
  return it == city_index_.end() ? nullptr : &cities_[it->second];
}

const City* Taxonomy::province_of(std::string_view city_code) const {
  const City* found = city(city_code);
  if (found == nullptr || found->parent_code.empty()) return found;
  return city(found->parent_code);
}

std::vector<const City*> Taxonomy::cities_in(std::string_view province_code) const {
  std::vector<const City*> result;
  auto it = cities_by_province_.find(province_code);
  if (it == cities_by_province_.end()) return result;
  result.reserve(it->second.size());
  for (std::size_t index : it->second) result.push_back(&cities_[index]);
  return result;
}

const Category* Taxonomy::category(std::string_view id) const {
  auto it = category_index_.find(id);
  return it == category_index_.end() ? nullptr : &categories_[it->second];
}

const Category* Taxonomy::parent_of(std::string_view category_id) const {
  const Category* found = category(category_id);
  if (found == nullptr || found->parent_id.empty()) return nullptr;
  return category(found->parent_id);
}

}  // namespace hiresafe::jobs

// Reference data for job posts: administrative divisions (GB/T 2260) with seats, and job
// categories.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hiresafe::jobs {

inline constexpr std::string_view kCitiesResource = "cities.tsv";
inline constexpr std::string_view kCategoriesResource = "job_categories.tsv";
inline constexpr std::string_view kLevelProvince = "province";
inline constexpr std::string_view kLevelCity = "city";

// A province-level or prefecture-level division; latitude/longitude are its seat of government.
struct City {
  std::string code;         // 6 digits
  std::string parent_code;  // empty for a province
  std::string level;        // kLevelProvince or kLevelCity
  std::string name_zh;
  std::string name_en;
  double latitude = 0;
  double longitude = 0;
};

struct Category {
  std::string id;         // stable slug, e.g. "tech.backend"
  std::string parent_id;  // empty for a top-level family
  std::string name_zh;
  std::string name_en;
};

// Immutable after load; pointers it hands out live as long as the Taxonomy does.
class Taxonomy {
 public:
  // Parses the two TSV files; any malformed line is an error naming the file and line number.
  static core::Result<Taxonomy> load(std::string_view cities_tsv, std::string_view categories_tsv);
  // The data shipped in the binary (resources/cities.tsv, resources/job_categories.tsv).
  static core::Result<Taxonomy> builtin();

  const City* city(std::string_view code) const;
  // The province a city belongs to; a province is its own province. Null for unknown codes.
  const City* province_of(std::string_view city_code) const;
  // The city-level divisions of a province, in file order; empty for anything else.
  std::vector<const City*> cities_in(std::string_view province_code) const;
  const std::vector<City>& cities() const { return cities_; }
  int cities_version() const { return cities_version_; }

  const Category* category(std::string_view id) const;
  // Null for a top-level family or an unknown id.
  const Category* parent_of(std::string_view category_id) const;
  const std::vector<Category>& categories() const { return categories_; }
  int categories_version() const { return categories_version_; }

 private:
  using Index = std::map<std::string, std::size_t, std::less<>>;

  std::vector<City> cities_;
  Index city_index_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> cities_by_province_;
  int cities_version_ = 0;

  std::vector<Category> categories_;
  Index category_index_;
  int categories_version_ = 0;
};

}  // namespace hiresafe::jobs

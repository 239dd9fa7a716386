// Job search (JOB-3): keywords in Chinese and English, exact filters, ranges, distance, four
// sort orders, facet counts and highlights, all answered from the job index. Browse-only
// (JOB-5): nothing here knows who asked.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jobs/taxonomy.hpp"
#include "search/index_dir.hpp"

namespace hiresafe::search {

class FacetColumns;

struct GeoPoint {
  double latitude = 0, longitude = 0;
};

struct JobQuery {
  std::string q;                        // words, "phrases", -exclusions, OR; never an error
  std::optional<std::string> city;      // a city or a province code
  std::optional<std::string> category;  // a category or a family id
  std::optional<long long> salary_min, salary_max;  // the post's range must overlap
  std::optional<std::string> education;             // posts asking for at most this
  std::optional<long long> experience;              // posts asking for at most this many years
  std::optional<std::string> work_type;
  std::optional<GeoPoint> near;
  std::optional<double> radius_km;  // needs `near`
  std::string sort = "relevance";   // relevance | date | salary | distance
  long long offset = 0;
  int limit = 20;
};

struct FacetCount {
  std::string value;
  long long count = 0;
};

struct JobHit {
  std::string id;
  std::string card_json;                   // a JSON object, as stored at index time
  std::vector<std::string> matched_terms;  // the query terms this post matched
  std::string title_highlight, excerpt_highlight;  // <em>…</em> around matches
  std::optional<double> distance_km;
};

struct JobResults {
  std::vector<JobHit> hits;
  long long total = 0;        // estimated when `exact` is false
  bool exact = true;
  std::map<std::string, std::vector<FacetCount>> facets;  // city, category, salary_band, work_type
  std::optional<long long> next_offset;
};

inline constexpr int kMaxLimit = 50;
// Deeper pages are refused: nobody reads result 1,001, and deep offsets cost the most.
inline constexpr long long kMaxOffset = 1000;

class JobSearch {
 public:
  JobSearch(IndexDir& index, const jobs::Taxonomy& taxonomy, const core::Clock& clock);
  ~JobSearch();
  // What is wrong with a query's filters (empty when nothing is); search() refuses those.
  std::vector<core::FieldError> problems(const JobQuery& query) const;
  // 422 for filters that name nothing (an unknown city) or contradict (radius without near).
  core::Result<JobResults> search(const JobQuery& query) const;

 private:
  IndexDir& index_;
  const jobs::Taxonomy& taxonomy_;
  const core::Clock& clock_;
  std::unique_ptr<FacetColumns> facet_columns_;  // a cache; searches share it
};

// Parses what a person typed: words, "phrases", -exclusions and OR, Chinese by n-grams. Input
// the parser rejects is read again as plain words, so no query is an error. Text is folded
// (NFKC + case folding) like the indexed text, except the operator OR.
Xapian::Query parse_user_query(const std::string& q, Xapian::QueryParser& parser);
// No word of a parsed query weighs anything (everything, or everything but some words, is
// asked for), so every match scores the same and the order must come from elsewhere.
bool scores_all_equal(const Xapian::Query& words);

}  // namespace hiresafe::search

// Resume search for verified employer recruiters and headhunters (RES-3, RES-4, RES-9, RES-2).
// Who may not find a resume is excluded inside Xapian (visibility, blocks, "hide me" by
// company id and by company name); the cards come from the disclosure layer, which decides
// again with the facts of this moment. There is deliberately no filter on age, gender,
// ethnicity or hukou.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "disclosure/resume_views.hpp"
#include "jobs/taxonomy.hpp"
#include "search/index_dir.hpp"
#include "store/database.hpp"

namespace hiresafe::search {

struct TalentQuery {
  std::string q;
  std::optional<std::string> city;    // an intended city or province
  std::optional<std::string> degree;  // at least this degree
  std::optional<long long> years_min, years_max;
  std::optional<long long> expected_salary_max;  // the seeker's expected minimum is at most this
  std::optional<std::string> work_type;
  long long offset = 0;
  int limit = 20;
};

struct TalentResults {
  std::vector<nlohmann::json> cards;
  long long total = 0;
  bool exact = true;
  std::optional<long long> next_offset;
};

class TalentSearch {
 public:
  TalentSearch(IndexDir& index, hiresafe::store::Database& db, const crypto::Keyring& keys,
               const jobs::Taxonomy& taxonomy, const core::Clock& clock);
  // What is wrong with a query's filters (empty when nothing is); search() refuses those.
  std::vector<core::FieldError> problems(const TalentQuery& query) const;
  core::Result<TalentResults> search(const disclosure::Viewer& viewer,
                                     const TalentQuery& query) const;

 private:
  // What this viewer must never find, as one query to subtract.
  Xapian::Query exclusions(const disclosure::Viewer& viewer) const;

  IndexDir& index_;
  hiresafe::store::Database& db_;
  const crypto::Keyring& keys_;
  const jobs::Taxonomy& taxonomy_;
  const core::Clock& clock_;
};

}  // namespace hiresafe::search

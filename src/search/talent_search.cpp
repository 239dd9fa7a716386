#include "search/talent_search.hpp"

#include <algorithm>
#include <ctime>

#include "search/job_search.hpp"
#include "search/resume_index.hpp"

namespace hiresafe::search {

namespace {

Xapian::Query term_query(std::string_view prefix, const std::string& value) {
  return Xapian::Query(std::string(prefix) + value);
}

// The current month in the months-since-year-0 scale of work_start_value.
double month_now(long long now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return (tm.tm_year + 1900) * 12.0 + tm.tm_mon;
}

}  // namespace

TalentSearch::TalentSearch(IndexDir& index, hiresafe::store::Database& db,
                           const crypto::Keyring& keys, const jobs::Taxonomy& taxonomy,
                           const core::Clock& clock)
    : index_(index), db_(db), keys_(keys), taxonomy_(taxonomy), clock_(clock) {}

std::vector<core::FieldError> TalentSearch::problems(const TalentQuery& q) const {
  std::vector<core::FieldError> p;
  if (q.city && !taxonomy_.city(*q.city)) p.push_back({"city", "is not a known city code"});
  if (q.degree && std::find(std::begin(kDegrees), std::end(kDegrees), *q.degree) ==
                      std::end(kDegrees))
    p.push_back({"degree", "is not a known degree"});
  if (q.years_min && *q.years_min < 0) p.push_back({"years_min", "must not be negative"});
  if (q.years_max && *q.years_max < 0) p.push_back({"years_max", "must not be negative"});
  if (q.years_min && q.years_max && *q.years_min > *q.years_max)
    p.push_back({"years_max", "must not be below years_min"});
  if (q.expected_salary_max && *q.expected_salary_max < 0)
    p.push_back({"expected_salary_max", "must not be negative"});
  if (q.work_type && *q.work_type != "full_time" && *q.work_type != "part_time" &&
      *q.work_type != "internship")
    p.push_back({"work_type", "must be full_time, part_time or internship"});
  if (q.limit < 1 || q.limit > kMaxLimit)
    p.push_back({"limit", "must be 1 to " + std::to_string(kMaxLimit)});
  if (q.offset < 0 || q.offset > kMaxOffset) p.push_back({"cursor", "is past the last page"});
  return p;
}

Xapian::Query TalentSearch::exclusions(const disclosure::Viewer& viewer) const {
  namespace t = resume_terms;
  std::vector<Xapian::Query> never;
  if (viewer.company_id) {
    never.push_back(term_query(t::kBlocked, *viewer.company_id));   // RES-9
    never.push_back(term_query(t::kHiddenId, *viewer.company_id));  // RES-2
  }
  if (!viewer.company_name_fold.empty())
    never.emplace_back(hidden_name_term(keys_, viewer.company_name_fold));  // RES-2 by name
  return Xapian::Query(Xapian::Query::OP_OR, never.begin(), never.end());
}

core::Result<TalentResults> TalentSearch::search(const disclosure::Viewer& viewer,
                                                 const TalentQuery& q) const {
  if (auto p = problems(q); !p.empty()) return core::Error::invalid(std::move(p));
  namespace t = resume_terms;
  namespace s = resume_slots;
  std::vector<Xapian::Query> filters;
  // RES-3: invisible resumes are never indexed; headhunters see only public ones.
  if (viewer.kind == disclosure::ViewerKind::kHeadhunter)
    filters.push_back(term_query(t::kVisibility, "public"));
  if (q.city) {
    const auto* city = taxonomy_.city(*q.city);
    filters.push_back(term_query(city->parent_code.empty() ? t::kProvince : t::kCity, *q.city));
  }
  if (q.degree) {
    std::vector<Xapian::Query> at_least;
    bool reached = false;
    for (auto d : kDegrees) {
      reached = reached || d == *q.degree;
      if (reached) at_least.push_back(term_query(t::kDegree, std::string(d)));
    }
    filters.emplace_back(Xapian::Query::OP_OR, at_least.begin(), at_least.end());
  }
  if (q.work_type) filters.push_back(term_query(t::kWorkType, *q.work_type));
  const double this_month = month_now(clock_.now());
  // N years of experience = started work at least N*12 months ago.
  if (q.years_min)
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, s::kWorkStart,
                         Xapian::sortable_serialise(this_month - 12.0 * *q.years_min));
  if (q.years_max)
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, s::kWorkStart,
                         Xapian::sortable_serialise(this_month - 12.0 * (*q.years_max + 1) + 1));
  if (q.expected_salary_max)
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, s::kExpectedSalary,
                         Xapian::sortable_serialise(static_cast<double>(*q.expected_salary_max)));

  std::vector<std::string> ids;
  TalentResults out;
  for (int attempt = 0;; ++attempt) {
    HS_TRY(auto lease, index_.read());
    try {
      Xapian::Database& db = lease.db();
      Xapian::QueryParser parser;
      parser.set_database(db);
      const Xapian::Query words = parse_user_query(q.q, parser);
      Xapian::Query query = words;
      if (!filters.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
      query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclusions(viewer));
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      if (scores_all_equal(words))
        enquire.set_sort_by_value_then_relevance(s::kUpdated, true);  // a browse: newest first
      else
        enquire.set_docid_order(Xapian::Enquire::DESCENDING);  // as in JobSearch::search
      const auto mset = enquire.get_mset(static_cast<Xapian::doccount>(q.offset),
                                         static_cast<Xapian::doccount>(q.limit));
      out.total = mset.get_matches_estimated();
      out.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
      for (auto it = mset.begin(); it != mset.end(); ++it)
        ids.push_back(it.get_document().get_data());
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      index_.committed();
      if (attempt >= 2) return core::Error::unavailable("The search index is busy; try again");
    } catch (const Xapian::Error& e) {
      return core::Error::internal("talent search failed: " + e.get_description());
    }
  }
  HS_TRY(out.cards, disclosure::resume_cards(db_, keys_, viewer, disclosure::Channel::kSearch,
                                             ids, clock_.now()));
  const long long seen = q.offset + static_cast<long long>(ids.size());
  if (static_cast<long long>(ids.size()) == q.limit && seen < out.total && seen <= kMaxOffset)
    out.next_offset = seen;
  return out;
}

}  // namespace hiresafe::search

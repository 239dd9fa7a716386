#include "search/job_search.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "jobs/job_service.hpp"
#include "search/facet_column.hpp"
#include "search/job_index.hpp"

namespace hiresafe::search {

namespace {

// Facets are counted over the matches Xapian examines; it examines at least this many (all of
// them when there are fewer), so small result sets get exact counts and large ones a sample
// that is scaled to the estimated total (the answer says `exact: false`; a value holding 10 % of
// the sample is off by about 13 % relative). At 1M posts 500 instead of 2,000 took the median
// search from 1.8–2.0 to 1.5–1.7 ms (docs/benchmarks.md, session 11).
constexpr Xapian::doccount kFacetSample = 500;
constexpr std::size_t kFacetValues = 20;
constexpr const char* kHighlightStart = "<em>";
constexpr const char* kHighlightEnd = "</em>";

// The words of `query` each hit contains, in query order (an English word as its stem).
// Enquire::get_matching_terms reads and inflates a hit's whole term list (hundreds of n-grams)
// to find a handful: 2.4 of a search's 4.7 ms at 200k posts. Skipping along each query term's
// posting list through the hits in docid order reads a few chunks instead.
std::map<Xapian::docid, std::vector<std::string>> matching_terms(const Xapian::Database& db,
                                                                 const Xapian::Query& query,
                                                                 const Xapian::MSet& mset) {
  std::vector<Xapian::docid> hits(mset.begin(), mset.end());
  std::sort(hits.begin(), hits.end());
  std::map<Xapian::docid, std::vector<std::string>> out;
  std::set<std::string> seen;
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || !seen.insert(term).second) continue;
    // Words are case folded; an upper-case letter starts a prefix. "Z" marks a stem, any other
    // prefix a filter term.
    std::string word = term;
    if (term[0] == 'Z' && term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z'))
      word.erase(0, 1);
    else if (term[0] >= 'A' && term[0] <= 'Z')
      continue;
    auto posting = db.postlist_begin(term);
    const auto end = db.postlist_end(term);
    for (const auto id : hits) {
      posting.skip_to(id);
      if (posting == end) break;
      if (*posting == id) out[id].push_back(word);
    }
  }
  return out;
}

Xapian::Query any_term(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(std::string(prefix) + v);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query value_at_least(Xapian::valueno slot, double v) {
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(v));
}
Xapian::Query value_at_most(Xapian::valueno slot, double v) {
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(v));
}

// Chinese matches come one character at a time; adjacent marks read better as one.
std::string merged(std::string snippet) {
  const std::string seam = std::string(kHighlightEnd) + kHighlightStart;
  for (auto at = snippet.find(seam); at != std::string::npos; at = snippet.find(seam, at))
    snippet.erase(at, seam.size());
  return snippet;
}

std::string fold_keeping_operators(const std::string& q) {
  std::istringstream words(q);
  std::string word, out;
  while (words >> word) {
    if (!out.empty()) out += ' ';
    out += word == "OR" ? word : core::fold(word);
  }
  return out;
}

// One CJK ideograph (a Chinese unigram term from FLAG_CJK_NGRAM)? UTF-8 of U+3400..U+9FFF is
// three bytes starting E3..E9.
bool cjk_unigram(const std::string& term) {
  const auto lead = static_cast<unsigned char>(term.empty() ? 0 : term[0]);
  return term.size() == 3 && lead >= 0xE3 && lead <= 0xE9;
}

std::string leaf_term(const Xapian::Query& q) {
  if (q.get_type() != Xapian::Query::LEAF_TERM) return {};
  auto it = q.get_terms_begin();
  return it == q.get_terms_end() ? std::string() : *it;
}

// FLAG_CJK_NGRAM turns 后端开发 into 后 AND 后端 AND 端 AND 端开 AND 开 AND 开发 AND 发. Every
// document with the bigrams has their characters too, so the unigrams only add the longest
// posting lists in the index to intersect; this drops a unigram from an AND whenever a sibling
// bigram contains it. A lone character (a one-character query) stays.
Xapian::Query without_covered_unigrams(const Xapian::Query& q) {
  const auto type = q.get_type();
  const bool simple = type == Xapian::Query::OP_AND || type == Xapian::Query::OP_OR ||
                      type == Xapian::Query::OP_AND_NOT || type == Xapian::Query::OP_AND_MAYBE ||
                      type == Xapian::Query::OP_FILTER;
  if (!simple) return q;
  std::vector<Xapian::Query> kept;
  std::vector<std::string> bigrams;
  if (type == Xapian::Query::OP_AND)
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const std::string t = leaf_term(q.get_subquery(i));
      if (t.size() == 6 && cjk_unigram(t.substr(0, 3)) && cjk_unigram(t.substr(3)))
        bigrams.push_back(t);
    }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    const Xapian::Query sub = q.get_subquery(i);
    const std::string t = leaf_term(sub);
    const bool covered =
        cjk_unigram(t) && std::any_of(bigrams.begin(), bigrams.end(), [&](const std::string& b) {
          return b.compare(0, 3, t) == 0 || b.compare(3, 3, t) == 0;
        });
    if (!covered) kept.push_back(without_covered_unigrams(sub));
  }
  return Xapian::Query(static_cast<Xapian::Query::op>(type), kept.begin(), kept.end());
}

}  // namespace

Xapian::Query parse_user_query(const std::string& q, Xapian::QueryParser& parser) {
  const std::string text = fold_keeping_operators(q);
  if (text.empty()) return Xapian::Query::MatchAll;
  parser.set_stemmer(text_stemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                              Xapian::QueryParser::FLAG_LOVEHATE |
                              Xapian::QueryParser::FLAG_PURE_NOT |
                              Xapian::QueryParser::FLAG_CJK_NGRAM;
  try {
    return without_covered_unigrams(parser.parse_query(text, kFlags));
  } catch (const Xapian::QueryParserError&) {
    // Unbalanced quotes, a dangling OR and the like: the words still mean something.
    std::string plain;
    for (char c : text) plain += (c == '"' || c == '(' || c == ')' || c == '-') ? ' ' : c;
    try {
      return parser.parse_query(plain, Xapian::QueryParser::FLAG_CJK_NGRAM);
    } catch (const Xapian::QueryParserError&) {
      return Xapian::Query::MatchNothing;
    }
  }
}

bool scores_all_equal(const Xapian::Query& words) {
  const auto type = words.get_type();
  if (type == Xapian::Query::LEAF_MATCH_ALL) return true;
  return type == Xapian::Query::OP_AND_NOT && words.get_num_subqueries() > 0 &&
         words.get_subquery(0).get_type() == Xapian::Query::LEAF_MATCH_ALL;
}

JobSearch::JobSearch(IndexDir& index, const jobs::Taxonomy& taxonomy, const core::Clock& clock)
    : index_(index),
      taxonomy_(taxonomy),
      clock_(clock),
      facet_columns_(
          std::make_unique<FacetColumns>(job_slots::kFacets, kFacetCount, kFacetSeparator)) {}

JobSearch::~JobSearch() = default;

std::vector<core::FieldError> JobSearch::problems(const JobQuery& q) const {
  std::vector<core::FieldError> p;
  if (q.city && !taxonomy_.city(*q.city)) p.push_back({"city", "is not a known city code"});
  if (q.category && !taxonomy_.category(*q.category))
    p.push_back({"category", "is not a known category id"});
  if (q.education && std::find(jobs::kEducationLevels.begin(), jobs::kEducationLevels.end(),
                               *q.education) == jobs::kEducationLevels.end())
    p.push_back({"education", "is not a known education level"});
  if (q.work_type && std::find(jobs::kWorkTypes.begin(), jobs::kWorkTypes.end(), *q.work_type) ==
                         jobs::kWorkTypes.end())
    p.push_back({"work_type", "must be full_time, part_time or internship"});
  if (q.salary_min && q.salary_max && *q.salary_min > *q.salary_max)
    p.push_back({"salary_max", "must not be below salary_min"});
  if (q.experience && *q.experience < 0) p.push_back({"experience", "must not be negative"});
  if (q.near && (std::abs(q.near->latitude) > 90 || std::abs(q.near->longitude) > 180))
    p.push_back({"near", "must be a latitude within ±90 and a longitude within ±180"});
  if (q.radius_km && !q.near) p.push_back({"radius_km", "needs near=lat,lng"});
  if (q.radius_km && (*q.radius_km <= 0 || *q.radius_km > 20000))
    p.push_back({"radius_km", "must be above 0 and at most 20000"});
  if (q.sort != "relevance" && q.sort != "date" && q.sort != "salary" && q.sort != "distance")
    p.push_back({"sort", "must be relevance, date, salary or distance"});
  if (q.sort == "distance" && !q.near) p.push_back({"sort", "distance needs near=lat,lng"});
  if (q.limit < 1 || q.limit > kMaxLimit)
    p.push_back({"limit", "must be 1 to " + std::to_string(kMaxLimit)});
  if (q.offset < 0 || q.offset > kMaxOffset) p.push_back({"cursor", "is past the last page"});
  return p;
}

core::Result<JobResults> JobSearch::search(const JobQuery& q) const {
  if (auto p = problems(q); !p.empty()) return core::Error::invalid(std::move(p));
  namespace t = job_terms;
  namespace s = job_slots;

  std::vector<Xapian::Query> filters;
  // Expired posts leave the results the second they expire, whatever the indexer is doing.
  filters.push_back(value_at_least(s::kExpires, static_cast<double>(clock_.now() + 1)));
  if (q.city) {
    const auto* city = taxonomy_.city(*q.city);
    filters.emplace_back(std::string(city->parent_code.empty() ? t::kProvince : t::kCity) +
                         *q.city);
  }
  if (q.category)
    filters.emplace_back(std::string(taxonomy_.parent_of(*q.category) ? t::kCategory : t::kFamily) +
                         *q.category);
  if (q.education) {
    std::vector<std::string> levels;
    for (auto level : jobs::kEducationLevels) {
      levels.emplace_back(level);
      if (level == *q.education) break;
    }
    filters.push_back(any_term(t::kEducation, levels));
  }
  if (q.work_type) filters.emplace_back(std::string(t::kWorkType) + *q.work_type);
  if (q.salary_min) filters.push_back(value_at_least(s::kSalaryMax, double(*q.salary_min)));
  if (q.salary_max) filters.push_back(value_at_most(s::kSalaryMin, double(*q.salary_max)));
  if (q.experience) filters.push_back(value_at_most(s::kExperience, double(*q.experience)));

  const Xapian::GreatCircleMetric metric;
  std::optional<Xapian::LatLongCoord> centre;
  if (q.near) centre = Xapian::LatLongCoord(q.near->latitude, q.near->longitude);
  if (centre && q.radius_km) {
    auto* source = new Xapian::LatLongDistancePostingSource(s::kLocation, *centre, metric,
                                                            *q.radius_km * 1000.0);
    filters.emplace_back(source->release());
  }

  for (int attempt = 0;; ++attempt) {
    HS_TRY(auto lease, index_.read());
    try {
      Xapian::Database& db = lease.db();
      Xapian::QueryParser parser;
      parser.set_database(db);
      const Xapian::Query words = parse_user_query(q.q, parser);
      const Xapian::Query query(
          Xapian::Query::OP_FILTER, words,
          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));

      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      // Okapi BM25 (Xapian's defaults k1 = 1, k3 = 1, min_normlen = 0.5) without document
      // length normalisation (b = 0). Normalising reads every candidate's length from the
      // doc-length list, 1.6 of a 3.6 ms median search at 1M posts; and a post's length says
      // little here, since most of a description is boilerplate (benefits, duties) while the
      // title and tags are weighted up at index time. Term frequency still saturates (k1), so
      // repeating a word gains a post at most twice that word's weight. nDCG@10 on
      // bench/search_queries.tsv went from 0.9791 to 0.9805–0.9812 at 1M posts.
      enquire.set_weighting_scheme(Xapian::BM25Weight(1, 0, 1, 0, 0.5));
      if (q.sort == "date") {
        enquire.set_sort_by_value_then_relevance(s::kPosted, true);
      } else if (q.sort == "salary") {
        enquire.set_sort_by_value_then_relevance(s::kSalaryMax, true);
      } else if (q.sort == "distance") {
        enquire.set_sort_by_key_then_relevance(
            new Xapian::LatLongDistanceKeyMaker(s::kLocation, *centre, metric), false);
      } else if (scores_all_equal(words)) {
        // A filter-only browse shows the newest first.
        enquire.set_sort_by_value_then_relevance(s::kPosted, true);
      } else {
        // Words rarely tie, so ties go by docid, latest indexed first, which is free: a value
        // tie-break reads the sort value of every candidate (1 ms of 2.4 at 200k posts).
        enquire.set_docid_order(Xapian::Enquire::DESCENDING);
      }
      FacetSpy facets(db, job_slots::kFacets, kFacetCount, kFacetSeparator,
                      facet_columns_->for_reader(db));
      enquire.add_matchspy(&facets);
      const auto mset = enquire.get_mset(static_cast<Xapian::doccount>(q.offset),
                                         static_cast<Xapian::doccount>(q.limit), kFacetSample);

      JobResults out;
      out.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
      out.total = mset.get_matches_estimated();
      auto matched = matching_terms(db, words, mset);
      const Xapian::Stem stemmer = text_stemmer();
      const unsigned snippet_flags =
          Xapian::MSet::SNIPPET_CJK_NGRAM | Xapian::MSet::SNIPPET_EXHAUSTIVE;
      simdjson::dom::parser cards;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        JobHit hit;
        const Xapian::Document doc = it.get_document();
        hit.card_json = doc.get_value(job_slots::kCard);
        // An index of layout 2 answers until its rebuild is published (Indexer::start).
        if (hit.card_json.empty()) hit.card_json = doc.get_data();
        // The card is answered as stored; only what the highlights and the distance need is
        // read out of it.
        simdjson::dom::object card;
        std::string_view id, title, excerpt;
        if (cards.parse(simdjson::padded_string(hit.card_json)).get(card) != simdjson::SUCCESS ||
            card["id"].get(id) != simdjson::SUCCESS)
          return core::Error::internal("job search: a stored result card is not readable");
        if (card["title"].get(title) != simdjson::SUCCESS) title = {};
        if (card["excerpt"].get(excerpt) != simdjson::SUCCESS) excerpt = {};
        hit.id = id;
        hit.matched_terms = std::move(matched[*it]);
        hit.title_highlight =
            merged(mset.snippet(std::string(title), title.size() + 16, stemmer, snippet_flags,
                                kHighlightStart, kHighlightEnd, "…"));
        hit.excerpt_highlight =
            merged(mset.snippet(std::string(excerpt), excerpt.size() + 16, stemmer, snippet_flags,
                                kHighlightStart, kHighlightEnd, "…"));
        double latitude = 0, longitude = 0;
        if (centre && card["latitude"].get(latitude) == simdjson::SUCCESS &&
            card["longitude"].get(longitude) == simdjson::SUCCESS)
          hit.distance_km = metric(*centre, Xapian::LatLongCoord(latitude, longitude)) / 1000.0;
        out.hits.push_back(std::move(hit));
      }

      const double examined = static_cast<double>(std::max<Xapian::doccount>(
          1, std::min(mset.get_matches_estimated(),
                      std::max(kFacetSample, static_cast<Xapian::doccount>(q.offset + q.limit)))));
      const double scale = out.exact ? 1.0 : static_cast<double>(out.total) / examined;
      for (std::size_t i = 0; i < kFacetCount; ++i) {
        auto& list = out.facets[kFacetNames[i]];
        for (const auto& [value, n] : facets.top(i, kFacetValues))
          list.push_back({value, std::llround(n * scale)});
      }
      const long long seen = q.offset + static_cast<long long>(out.hits.size());
      if (static_cast<long long>(out.hits.size()) == q.limit && seen < out.total &&
          seen <= kMaxOffset)
        out.next_offset = seen;
      return out;
    } catch (const Xapian::DatabaseModifiedError&) {
      // The writer committed twice under this reader; the next lease reopens it.
      index_.committed();
      if (attempt >= 2) return core::Error::unavailable("The search index is busy; try again");
    } catch (const Xapian::Error& e) {
      return core::Error::internal("job search failed: " + e.get_description());
    }
  }
}

}  // namespace hiresafe::search

// What a job post looks like inside the job index: the terms it is found by, the values it
// is filtered, sorted and faceted on, and the result card stored with it so a search answers
// without touching the database. Only open posts are indexed; expiry is a value compared with
// the clock at query time, so a post drops out of results the second it expires.
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

#include "jobs/job_store.hpp"
#include "jobs/taxonomy.hpp"

namespace hiresafe::search {

// Boolean filter terms ("X" + a letter, the Xapian convention for custom prefixes).
namespace job_terms {
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kCity = "XC";
inline constexpr std::string_view kProvince = "XP";
inline constexpr std::string_view kCategory = "XK";
inline constexpr std::string_view kFamily = "XF";
inline constexpr std::string_view kEducation = "XE";
inline constexpr std::string_view kWorkType = "XW";
inline constexpr std::string_view kCompany = "XO";
}  // namespace job_terms

// Value slots.
namespace job_slots {
inline constexpr Xapian::valueno kSalaryMin = 0;
inline constexpr Xapian::valueno kSalaryMax = 1;
inline constexpr Xapian::valueno kExperience = 2;
inline constexpr Xapian::valueno kPosted = 3;
inline constexpr Xapian::valueno kExpires = 4;
inline constexpr Xapian::valueno kLocation = 5;  // LatLongCoords, serialised
// The four facets in one slot (pack_facets), so counting them reads one value stream, not
// four: Xapian keeps one value-chunk cursor, and four slots read in turn for the same
// documents re-seek it every time (4.7 of a search's 9 ms at 200k posts). Slots 6–9 held the
// facets one per slot before index layout 2.
inline constexpr Xapian::valueno kFacets = 10;
// The result card (JSON), answered as stored. Glass compresses document data with zlib, and
// inflating 20 cards a search was 10 % of its CPU at 200k posts; value slots are stored as they
// are. Layout 2 and older kept the card as the document data.
inline constexpr Xapian::valueno kCard = 11;
}  // namespace job_slots

// The facets a post is counted under, in this order.
enum class Facet { kCity, kCategory, kSalaryBand, kWorkType };
inline constexpr std::size_t kFacetCount = 4;
inline constexpr const char* kFacetNames[kFacetCount] = {"city", "category", "salary_band",
                                                          "work_type"};
// The packed form: the values joined by a unit separator (none of them can contain one).
inline constexpr char kFacetSeparator = '\x1f';
std::string pack_facets(const std::array<std::string, kFacetCount>& values);

// The facet band of a monthly salary range ("10-15k"), by its midpoint.
std::string salary_band(long long salary_min, long long salary_max);

// Builds the document of an open post. `generator` is reused between calls for speed; its
// flags and stemmer are set by make_term_generator().
Xapian::Document job_document(const jobs::store::JobRow& job, const jobs::Taxonomy& taxonomy,
                              Xapian::TermGenerator& generator);

// Chinese by character n-grams (FLAG_CJK_NGRAM) and English stemmed, identically at index and
// query time.
Xapian::TermGenerator make_term_generator();
Xapian::Stem text_stemmer();

// The unique term of a post.
std::string job_id_term(const std::string& id);

}  // namespace hiresafe::search

// What a resume looks like inside the resume index. It holds only what a masked view may show
// (RES-4): no name, contact, birth month, hukou or attachment ever reaches it, because it is
// built from the resume's content, never from its sealed identity part. Who may not find it is
// indexed as boolean terms (RES-2, RES-3, RES-9) so a recruiter's query excludes those resumes
// inside Xapian; company names and the owner are keyed hashes, so the index file does not
// say whom a person hides from.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "crypto/keyring.hpp"
#include "jobs/taxonomy.hpp"
#include "resumes/resume_document.hpp"
#include "resumes/resume_store.hpp"

namespace hiresafe::search {

namespace resume_terms {
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kOwner = "XU";       // keyed hash of the owner
inline constexpr std::string_view kVisibility = "XV";  // public | no_headhunters
inline constexpr std::string_view kBlocked = "XB";     // company id the owner blocked
inline constexpr std::string_view kHiddenId = "XH";    // company id a work entry hides from
inline constexpr std::string_view kHiddenName = "XN";  // keyed hash of a folded company name
inline constexpr std::string_view kCity = "XC";        // intended city
inline constexpr std::string_view kProvince = "XP";    // its province
inline constexpr std::string_view kDegree = "XD";      // highest degree
inline constexpr std::string_view kWorkType = "XW";
}  // namespace resume_terms

namespace resume_slots {
inline constexpr Xapian::valueno kWorkStart = 0;      // months since year 0; see work_start_value
inline constexpr Xapian::valueno kExpectedSalary = 1;  // intention.salary_min
inline constexpr Xapian::valueno kUpdated = 2;
}  // namespace resume_slots

// Degrees lowest first; "other" ranks nowhere and matches no minimum.
inline constexpr std::string_view kDegrees[] = {"junior_high", "high_school",
                                                "secondary_vocational", "junior_college",
                                                "bachelor", "master", "doctorate"};

// A "YYYY-MM" month as a number of months; people without a work start (students) sort after
// every real month, so "at least N years" never matches them and "at most N years" always does.
double work_start_value(const std::string& month);
inline constexpr double kNoWorkStart = 1e9;

// The keyed hash of a folded company name, as indexed and as queried.
std::string hidden_name_term(const crypto::Keyring& keys, const std::string& company_name_fold);
std::string owner_term(const crypto::Keyring& keys, const std::string& user_id);

struct SeekerFacts {
  std::vector<resumes::HiddenCompany> hidden;  // across all of the person's resumes (RES-2)
  std::vector<std::string> blocked;            // company ids (RES-9)
};

// Null document for an invisible resume: it is not indexed at all (RES-3).
std::optional<Xapian::Document> resume_document(const resumes::store::ResumeRow& resume,
                                                const SeekerFacts& facts,
                                                const jobs::Taxonomy& taxonomy,
                                                const crypto::Keyring& keys,
                                                Xapian::TermGenerator& generator);

}  // namespace hiresafe::search

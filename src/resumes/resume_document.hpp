// The resume as a document (RES-1): every section of seed 002 §1.1.2, checked against one
// table of fields, then split into what a masked view may show (`content`) and the identifying
// fields that are sealed under the owner's key (`identity`, SEC-2).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "jobs/taxonomy.hpp"

namespace hiresafe::resumes {

inline constexpr const char* kVisibilities[] = {"public", "no_headhunters", "invisible"};

struct ResumeDocument {
  std::string title;
  std::string visibility;   // public | no_headhunters | invisible (RES-3)
  nlohmann::json content;   // sections without identifying fields
  nlohmann::json identity;  // {name, phone, email?, wechat?, birth_month, hukou_city?,
                            //  avatar_file_id?, attachments: [{name, file_id}]}
};

// A company the seeker asked to be hidden from (RES-2), from a work entry's switch.
struct HiddenCompany {
  std::optional<std::string> company_id;
  std::string company_name_fold;
};

// Checks a whole resume body. Only what the seed does not mark 选填 is required (PRV-3); every
// problem is reported at once as a 422 with field paths like "work[1].start".
core::Result<ResumeDocument> parse_resume(const nlohmann::json& body, const jobs::Taxonomy& taxonomy);

// The owner's full document again, as one JSON object (the inverse of the split above).
nlohmann::json merge_resume(const ResumeDocument& doc);

std::vector<HiddenCompany> hidden_companies(const ResumeDocument& doc);

// The sealed field name of a resume's identifying part: binds the ciphertext to this resume,
// so it cannot be swapped into another one.
inline std::string identity_field(const std::string& resume_id) {
  return "resume.identity:" + resume_id;
}

// File ids the document refers to (avatar and attachments); each must be the owner's own.
std::vector<std::pair<std::string, std::string>> referenced_files(const ResumeDocument& doc);

}  // namespace hiresafe::resumes

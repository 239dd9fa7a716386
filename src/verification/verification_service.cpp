#include "verification/verification_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "companies/company_store.hpp"
#include "consent/consent_service.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "disclosure/access_records.hpp"
#include "identity/contact.hpp"
#include "staff/audit.hpp"
#include "verification/id_numbers.hpp"
#include "verification/verification_store.hpp"

namespace hiresafe::verification {

using core::Error;
using core::Result;
using nlohmann::json;
namespace db = verification::store;
namespace company_db = companies::store;

namespace {
constexpr const char* kIdentity = "identity";
constexpr const char* kEmployment = "employment";
constexpr const char* kHeadhunter = "headhunter";
constexpr long long kEmailTokenSeconds = 24 * 3600;

std::string details_aad(const std::string& verification_id) {
  return "verification/" + verification_id;
}

Status to_status(const db::VerificationRow& v) {
  return {v.id, v.kind, v.status, v.provider, v.company_id, v.reason, v.submitted_at, v.decided_at};
}

Error role_required(const std::string& role) {
  return Error::forbidden("role-required", "This needs the " + role + " role");
}

void check_text(std::vector<core::FieldError>& problems, const std::string& field,
                const std::string& value, std::size_t max) {
  if (value.empty() || value.size() > max || !core::clean_utf8(value))
    problems.push_back(
        {field, "is required, at most " + std::to_string(max) + " bytes of plain text"});
}
}  // namespace

VerificationService::VerificationService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                                         const core::Clock& clock, files::FileService& files,
                                         staff::StaffService& staff, IdentityChecker& checker,
                                         identity::CodeDelivery& mail,
                                         std::function<bool(const std::string&)> known_province)
    : db_(db),
      keys_(keys),
      clock_(clock),
      files_(files),
      staff_(staff),
      checker_(checker),
      mail_(mail),
      known_province_(std::move(known_province)) {}

// ---- submissions ---------------------------------------------------------------------------

Result<Status> VerificationService::submit_identity(const identity::Auth& auth,
                                                    const IdentitySubmission& in) {
  if (!auth.has_role("recruiter") && !auth.has_role("headhunter"))
    return role_required("recruiter or headhunter");
  std::vector<core::FieldError> problems;
  check_text(problems, "real_name", in.real_name, 60);
  auto id_number = validate_resident_id(in.id_number, clock_.now(), "id_number", known_province_);
  if (!id_number) {
    if (problems.empty()) return std::move(id_number).error();
    problems.push_back(id_number.error().errors.front());
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));

  const long long now = clock_.now();
  const std::string id_index = keys_.keyed_index("resident_id", *id_number);
  db::VerificationRow row;
  row.id = core::new_id("v_");
  row.user_id = auth.user_id;
  row.kind = kIdentity;
  row.status = "pending";
  row.provider = checker_.name();
  row.id_index = id_index;
  row.submitted_at = now;
  auto stored = db_.transaction<Status>([&](soci::session& sql) -> Result<Status> {
    // PRV-2: ID data only after a separate consent for this purpose.
    if (!consent::ConsentService::has_separate(sql, auth.user_id, "identity_verification")) {
      return Error::forbidden("separate-consent-required",
                              "Give the separate consent for identity verification first");
    }
    if (db::has_open(sql, auth.user_id, kIdentity))
      return Error::conflict("already-submitted",
                             "Your identity verification is already under way or done");
    if (db::claim_id(sql, id_index, auth.user_id) != auth.user_id)
      return Error::conflict("id-number-in-use", "This ID number belongs to another account");
    HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
    row.details_enc =
        crypto::seal_field(key, auth.user_id, details_aad(row.id),
                           json{{"real_name", in.real_name}, {"id_number", *id_number}}.dump());
    db::insert_verification(sql, row);
    return to_status(row);
  });
  if (!stored) return stored;
  // The provider is asked outside the transaction: no lock is held across the network.
  auto verdict = checker_.check(row.id, in.real_name, *id_number);
  if (!verdict) return stored;
  return db_.transaction<Status>([&](soci::session& sql) -> Result<Status> {
    const std::string status = *verdict ? "approved" : "rejected";
    const std::string reason = *verdict ? "" : "The name does not match the ID number";
    db::decide(sql, row.id, status, reason, "provider:" + checker_.name(), clock_.now());
    if (!*verdict) db::release_id(sql, id_index, auth.user_id);
    return to_status(*db::verification_by_id(sql, row.id));
  });
}

Result<Status> VerificationService::submit_employment(const identity::Auth& auth,
                                                      const EmploymentSubmission& in) {
  if (!auth.has_role("recruiter")) return role_required("recruiter");
  if (in.method != "documents" && in.method != "email")
    return Error::invalid("method", "must be documents or email");
  std::optional<std::string> email;
  if (in.method == "email") {
    if (!in.work_email) return Error::invalid("work_email", "is required for the email method");
    HS_TRY(auto normal, identity::normalise_email(*in.work_email, "work_email"));
    email = normal;
  } else {
    std::vector<core::FieldError> missing;
    if (!in.licence_file_id) missing.push_back({"licence_file_id", "is required for documents"});
    if (!in.authorisation_file_id)
      missing.push_back({"authorisation_file_id", "is required for documents"});
    if (!missing.empty()) return Error::invalid(std::move(missing));
  }
  const long long now = clock_.now();
  std::string token;
  db::VerificationRow row;
  row.id = core::new_id("v_");
  row.user_id = auth.user_id;
  row.kind = kEmployment;
  row.status = "pending";
  row.provider = in.method == "email" ? "email" : "staff";
  row.company_id = in.company_id;
  row.submitted_at = now;
  auto stored = db_.transaction<Status>([&](soci::session& sql) -> Result<Status> {
    if (company_db::company_of(sql, auth.user_id))
      return Error::conflict("already-employed", "You already belong to a company");
    // A lapsed confirmation link must not block a new attempt.
    db::expire_email_links(sql, auth.user_id, now - kEmailTokenSeconds, now);
    if (db::has_open(sql, auth.user_id, kEmployment))
      return Error::conflict("already-submitted",
                             "Your employment verification is already under way");
    auto company = company_db::company_by_id(sql, in.company_id);
    if (!company) return Error::invalid("company_id", "is not a known company", "unknown-company");
    json details = {{"method", in.method}};
    if (email) {
      const std::string domain = email->substr(email->find('@') + 1);
      if (!company->email_domain || !company->email_domain_verified) {
        return Error::invalid("work_email", "this company has no verified e-mail domain yet",
                              "email-domain-not-verified");
      }
      if (domain != *company->email_domain) {
        return Error::invalid("work_email", "must be an address at " + *company->email_domain,
                              "email-domain-mismatch");
      }
      token = "ev_" + core::random_hex(24);
      row.email_token_hash = crypto::plain_hash(token);
      details["work_email"] = *email;
    } else {
      HS_CHECK(files_.expect_own(sql, auth.user_id, *in.licence_file_id, "business_licence",
                                 "licence_file_id"));
      HS_CHECK(files_.expect_own(sql, auth.user_id, *in.authorisation_file_id,
                                 "authorisation_letter", "authorisation_file_id"));
      details["licence_file_id"] = *in.licence_file_id;
      details["authorisation_file_id"] = *in.authorisation_file_id;
    }
    HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
    row.details_enc = crypto::seal_field(key, auth.user_id, details_aad(row.id), details.dump());
    db::insert_verification(sql, row);
    return to_status(row);
  });
  if (stored && email) {
    mail_.deliver({row.id, keys_.email_index(*email), *email, "work_email_confirmation", token});
  }
  return stored;
}

Result<Status> VerificationService::confirm_work_email(const std::string& token) {
  const long long now = clock_.now();
  auto invalid = Error::invalid("token", "is wrong, expired or already used", "invalid-token");
  if (token.empty() || token.size() > 100) return invalid;
  const std::string token_hash = crypto::plain_hash(token);
  return db_.transaction<Status>([&](soci::session& sql) -> Result<Status> {
    auto row = db::verification_by_email_token(sql, token_hash);
    if (!row || row->status != "pending" || row->submitted_at + kEmailTokenSeconds < now)
      return invalid;
    if (company_db::company_of(sql, row->user_id))
      return Error::conflict("already-employed", "This account already belongs to a company");
    if (!db::decide(sql, row->id, "approved", "", "email-confirmation", now)) return invalid;
    company_db::add_member(sql, row->user_id, *row->company_id, "email", now);
    return to_status(*db::verification_by_id(sql, row->id));
  });
}

Result<Status> VerificationService::submit_headhunter(const identity::Auth& auth,
                                                      const HeadhunterSubmission& in) {
  if (!auth.has_role("headhunter")) return role_required("headhunter");
  std::vector<core::FieldError> problems;
  check_text(problems, "agency_name", in.agency_name, 200);
  check_text(problems, "licence_number", in.licence_number, 64);
  if (!problems.empty()) return Error::invalid(std::move(problems));
  db::VerificationRow row;
  row.id = core::new_id("v_");
  row.user_id = auth.user_id;
  row.kind = kHeadhunter;
  row.status = "pending";
  row.provider = "staff";
  row.submitted_at = clock_.now();
  return db_.transaction<Status>([&](soci::session& sql) -> Result<Status> {
    if (db::has_open(sql, auth.user_id, kHeadhunter))
      return Error::conflict("already-submitted",
                             "Your practice verification is already under way");
    HS_CHECK(files_.expect_own(sql, auth.user_id, in.licence_file_id, "agency_licence",
                               "licence_file_id"));
    HS_CHECK(files_.expect_own(sql, auth.user_id, in.permit_file_id, "hr_service_permit",
                               "permit_file_id"));
    HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
    row.details_enc = crypto::seal_field(key, auth.user_id, details_aad(row.id),
                                         json{{"agency_name", in.agency_name},
                                              {"licence_number", in.licence_number},
                                              {"licence_file_id", in.licence_file_id},
                                              {"permit_file_id", in.permit_file_id}}
                                             .dump());
    db::insert_verification(sql, row);
    return to_status(row);
  });
}

Result<std::vector<Status>> VerificationService::statuses(const identity::Auth& auth) {
  return db_.read<std::vector<Status>>([&](soci::session& sql) -> Result<std::vector<Status>> {
    std::vector<Status> out;
    for (const auto& v : db::latest_of(sql, auth.user_id)) out.push_back(to_status(v));
    return out;
  });
}

// ---- VER-3 ---------------------------------------------------------------------------------

Result<Gate> VerificationService::gate(const identity::Auth& auth) {
  return db_.read<Gate>([&](soci::session& sql) -> Result<Gate> {
    Gate gate;
    if (!db::is_approved(sql, auth.user_id, kIdentity)) gate.missing.push_back(kIdentity);
    if (auth.active_role == "headhunter") {
      if (!db::is_approved(sql, auth.user_id, kHeadhunter)) gate.missing.push_back(kHeadhunter);
    } else if (!company_db::company_of(sql, auth.user_id)) {
      gate.missing.push_back(kEmployment);
    }
    return gate;
  });
}

core::Status VerificationService::require_verified(const identity::Auth& auth) {
  if (auth.active_role != "recruiter" && auth.active_role != "headhunter")
    return role_required("recruiter or headhunter (switch your active role)");
  HS_TRY(auto gate, this->gate(auth));
  if (gate.missing.empty()) return core::Unit{};
  const std::string& first = gate.missing.front();
  return Error::forbidden(first + "-verification-required",
                          "Complete your " + first + " verification first");
}

// ---- staff review --------------------------------------------------------------------------

Result<std::vector<QueueItem>> VerificationService::queue(const staff::StaffAuth&) {
  return db_.read<std::vector<QueueItem>>(
      [&](soci::session& sql) -> Result<std::vector<QueueItem>> {
        std::vector<QueueItem> out;
        for (const auto& v : db::pending(sql, 200)) {
          if (v.provider == "email") continue;  // waits for the applicant's click, not for staff
          out.push_back({v.id, v.kind, v.provider, v.submitted_at});
        }
        return out;
      });
}

Result<ReviewCase> VerificationService::open(const staff::StaffAuth& auth, const std::string& id) {
  const long long now = clock_.now();
  return db_.transaction<ReviewCase>([&](soci::session& sql) -> Result<ReviewCase> {
    HS_TRY(auto grant, staff_.require_grant(sql, auth, staff::kReviewPurpose));
    auto row = db::verification_by_id(sql, id);
    if (!row) return Error::not_found("No such verification");
    HS_TRY(auto key, keys_.person_key(sql, row->user_id));
    HS_TRY(auto details,
           crypto::open_field(key, row->user_id, details_aad(row->id), row->details_enc));
    disclosure::record_access(sql,
                              {"staff", auth.staff_id, row->user_id, "verification:" + row->kind,
                               staff::kReviewPurpose, grant, std::nullopt, row->id, "details"},
                              now);
    staff::append_audit(sql, db_.dialect(), now,
                        {"staff:" + auth.staff_id, "review.open", row->id, "grant " + grant});
    return ReviewCase{to_status(*row), row->user_id, details};
  });
}

Result<files::FileContent> VerificationService::open_file(const staff::StaffAuth& auth,
                                                          const std::string& verification_id,
                                                          const std::string& file_id) {
  const long long now = clock_.now();
  return db_.transaction<files::FileContent>([&](soci::session& sql) -> Result<files::FileContent> {
    HS_TRY(auto grant, staff_.require_grant(sql, auth, staff::kReviewPurpose));
    auto row = db::verification_by_id(sql, verification_id);
    if (!row) return Error::not_found("No such verification");
    HS_TRY(auto key, keys_.person_key(sql, row->user_id));
    HS_TRY(auto details,
           crypto::open_field(key, row->user_id, details_aad(row->id), row->details_enc));
    // Only files that belong to this submission can be opened through it.
    auto parsed = json::parse(details);
    bool listed = false;
    for (const char* field : {"licence_file_id", "authorisation_file_id", "permit_file_id"})
      listed = listed || (parsed.contains(field) && parsed[field] == file_id);
    if (!listed) return Error::not_found("No such file in this verification");
    HS_TRY(auto content, files_.open_for_review(sql, file_id));
    disclosure::record_access(sql,
                              {"staff", auth.staff_id, row->user_id, "file:" + content.info.purpose,
                               staff::kReviewPurpose, grant, std::nullopt, file_id, "file"},
                              now);
    staff::append_audit(
        sql, db_.dialect(), now,
        {"staff:" + auth.staff_id, "review.open_file", file_id, "verification " + row->id});
    return content;
  });
}

Result<Status> VerificationService::decide(const staff::StaffAuth& auth, const std::string& id,
                                           const Decision& d) {
  if (!d.approve && (d.reason.size() < 2 || d.reason.size() > 500 || !core::clean_utf8(d.reason)))
    return Error::invalid("reason", "say why it is rejected (2-500 characters)");
  if (d.reason.size() > 500) return Error::invalid("reason", "at most 500 characters");
  const long long now = clock_.now();
  return db_.transaction<Status>([&](soci::session& sql) -> Result<Status> {
    HS_TRY(auto grant, staff_.require_grant(sql, auth, staff::kReviewPurpose));
    auto row = db::verification_by_id(sql, id);
    if (!row) return Error::not_found("No such verification");
    if (row->status != "pending" || row->provider == "email")
      return Error::conflict("not-pending", "This verification is not waiting for a review");
    const std::string decided_by = "staff:" + auth.staff_id;
    if (d.approve && row->kind == kEmployment) {
      if (company_db::company_of(sql, row->user_id))
        return Error::conflict("already-employed", "The applicant already belongs to a company");
      company_db::add_member(sql, row->user_id, *row->company_id, "documents", now);
      if (d.verify_email_domain) company_db::mark_email_domain_verified(sql, *row->company_id);
    }
    if (!d.approve && row->kind == kIdentity && row->id_index)
      db::release_id(sql, *row->id_index, row->user_id);
    db::decide(sql, id, d.approve ? "approved" : "rejected", d.reason, decided_by, now);
    staff::append_audit(sql, db_.dialect(), now,
                        {decided_by, d.approve ? "review.approve" : "review.reject", id,
                         "grant " + grant + (d.verify_email_domain ? " +domain" : "")});
    return to_status(*db::verification_by_id(sql, id));
  });
}

}  // namespace hiresafe::verification

#include "companies/company_service.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "identity/contact.hpp"
#include "identity/identity_store.hpp"
#include "verification/id_numbers.hpp"
#include "verification/verification_store.hpp"

namespace hiresafe::companies {

using core::Error;
using core::Result;
namespace db = companies::store;

namespace {
constexpr long long kInvitationSeconds = 7 * 86400;
constexpr std::array<std::string_view, 6> kSizes = {"1-49",    "50-99",     "100-499",
                                                    "500-999", "1000-9999", "10000+"};

void check_text(std::vector<core::FieldError>& problems, const std::string& field,
                const std::string& value, std::size_t max, bool required = true) {
  if ((required && value.empty()) || value.size() > max || !core::clean_utf8(value))
    problems.push_back({field, (required ? "is required, at most " : "at most ") +
                                   std::to_string(max) + " bytes of plain text"});
}

std::string card_aad() {
  return "card.display_name";
}
}  // namespace

CompanyService::CompanyService(hiresafe::store::Database& db, const crypto::Keyring& keys,
                               const core::Clock& clock, const jobs::Taxonomy& taxonomy,
                               files::FileService& files,
                               verification::VerificationService& verification,
                               identity::CodeDelivery& mail, identity::IdentityService& identity)
    : db_(db),
      keys_(keys),
      clock_(clock),
      taxonomy_(taxonomy),
      files_(files),
      verification_(verification),
      mail_(mail),
      identity_(identity) {}

Result<Company> CompanyService::get(const std::string& id) {
  return db_.read<Company>([&](soci::session& sql) -> Result<Company> {
    auto row = db::company_by_id(sql, id);
    if (!row) return Error::not_found("No such company");
    const auto* city = taxonomy_.city(row->city_code);
    return Company{row->id,
                   row->name,
                   row->uscc,
                   row->city_code,
                   city ? city->name_zh : "",
                   row->industry,
                   row->size,
                   row->description,
                   row->email_domain,
                   row->logo_file_id,
                   row->email_domain_verified,
                   db::member_count(sql, row->id),
                   row->created_at};
  });
}

Result<Company> CompanyService::create(const identity::Auth& auth, const CompanyInput& in) {
  if (!auth.has_role("recruiter"))
    return Error::forbidden("role-required", "Only recruiters register companies");
  std::vector<core::FieldError> problems;
  check_text(problems, "name", in.name, 200);
  check_text(problems, "industry", in.industry, 60);
  check_text(problems, "description", in.description, 5000, false);
  auto uscc = verification::validate_credit_code(in.uscc, "uscc");
  if (!uscc) problems.push_back(uscc.error().errors.front());
  const auto* city = taxonomy_.city(in.city_code);
  if (!city || city->level != "city")
    problems.push_back({"city_code", "must be a known city code (GB/T 2260, prefecture level)"});
  if (std::find(kSizes.begin(), kSizes.end(), in.size) == kSizes.end())
    problems.push_back({"size", "must be one of 1-49, 50-99, 100-499, 500-999, 1000-9999, 10000+"});
  std::optional<std::string> domain;
  if (in.email_domain) {
    auto probe = identity::normalise_email("x@" + *in.email_domain, "email_domain");
    if (!probe)
      problems.push_back({"email_domain", "is not a valid domain"});
    else
      domain = probe->substr(2);
  }
  // A lone bad credit code keeps its own problem type; several problems are a plain 422 list.
  if (problems.size() == 1 && !uscc) return std::move(uscc).error();
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const long long now = clock_.now();
  db::CompanyRow row{core::new_id("co_"), in.name, *uscc,          in.city_code,
                     in.industry,         in.size, in.description, auth.user_id,
                     in.logo_file_id,     domain,  false,          now};
  HS_CHECK(db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (db::credit_code_taken(sql, *uscc))
      return Error::conflict(
          "company-exists",
          "A company with this credit code is registered; ask a colleague for an invitation");
    if (in.logo_file_id)
      HS_CHECK(files_.expect_own(sql, auth.user_id, *in.logo_file_id, "logo", "logo_file_id"));
    db::insert_company(sql, row);
    return core::Unit{};
  }));
  return get(row.id);
}

Result<Invitation> CompanyService::invite(const identity::Auth& auth, const std::string& company_id,
                                          const std::optional<std::string>& email) {
  HS_CHECK(verification_.require_verified(auth));
  std::optional<std::string> normal;
  if (email) {
    HS_TRY(auto e, identity::normalise_email(*email, "email"));
    normal = e;
  }
  const long long now = clock_.now();
  Invitation inv{core::new_id("inv_"), "iv_" + core::random_hex(24), company_id,
                 now + kInvitationSeconds};
  HS_CHECK(db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (db::company_of(sql, auth.user_id) != company_id)
      return Error::forbidden("not-a-member",
                              "Only the company's verified recruiters invite colleagues");
    db::InvitationRow row{inv.id,
                          company_id,
                          auth.user_id,
                          crypto::plain_hash(inv.token),
                          normal ? std::optional(keys_.email_index(*normal)) : std::nullopt,
                          std::nullopt,
                          now,
                          inv.expires_at};
    db::insert_invitation(sql, row);
    return core::Unit{};
  }));
  if (normal)
    mail_.deliver({inv.id, keys_.email_index(*normal), *normal, "colleague_invitation", inv.token});
  return inv;
}

Result<Company> CompanyService::accept(const identity::Auth& auth, const std::string& token,
                                       const CardInput& card) {
  auto invalid = Error::invalid("token", "is wrong, expired or already used", "invalid-token");
  if (token.empty() || token.size() > 100) return invalid;
  if (auth.has_role("headhunter"))
    return Error::forbidden("role-not-combinable", "A headhunter account cannot join a company");
  const long long now = clock_.now();
  std::string company_id;
  HS_CHECK(db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    auto inv = db::invitation_by_token(sql, crypto::plain_hash(token));
    if (!inv || inv->accepted_by || inv->expires_at <= now) return invalid;
    if (inv->inviter_id == auth.user_id)
      return Error::conflict("own-invitation", "You cannot accept your own invitation");
    if (db::company_of(sql, auth.user_id))
      return Error::conflict("already-employed", "You already belong to a company");
    if (!db::accept_invitation(sql, inv->id, auth.user_id, now)) return invalid;
    identity::store::add_role(sql, auth.user_id, "recruiter", now);
    db::add_member(sql, auth.user_id, inv->company_id, "invitation", now);
    // The colleague's acceptance stands in for employment documents: an approved record.
    verification::store::VerificationRow v;
    v.id = core::new_id("v_");
    v.user_id = auth.user_id;
    v.kind = "employment";
    v.status = "approved";
    v.provider = "invitation";
    v.company_id = inv->company_id;
    v.decided_by = "user:" + inv->inviter_id;
    HS_TRY(auto key, keys_.person_key(sql, auth.user_id));
    v.details_enc = crypto::seal_field(
        key, auth.user_id, "verification/" + v.id,
        nlohmann::json{
            {"method", "invitation"}, {"invitation_id", inv->id}, {"inviter_id", inv->inviter_id}}
            .dump());
    v.submitted_at = now;
    v.decided_at = now;
    verification::store::insert_verification(sql, v);
    HS_CHECK(write_card(sql, auth.user_id, card));
    company_id = inv->company_id;
    return core::Unit{};
  }));
  identity_.forget_sessions(auth.user_id);  // the new role applies from the next request
  return get(company_id);
}

core::Status CompanyService::write_card(soci::session& sql, const std::string& user_id,
                                        const CardInput& card) {
  std::vector<core::FieldError> problems;
  check_text(problems, "display_name", card.display_name, 60);
  if (card.job_title) check_text(problems, "job_title", *card.job_title, 60);
  if (card.profile) check_text(problems, "profile", *card.profile, 2000);
  if (!problems.empty()) return Error::invalid(std::move(problems));
  if (card.avatar_file_id)
    HS_CHECK(files_.expect_own(sql, user_id, *card.avatar_file_id, "avatar", "avatar_file_id"));
  HS_TRY(auto key, keys_.person_key(sql, user_id));
  db::upsert_card(
      sql, {user_id, crypto::seal_field(key, user_id, card_aad(), card.display_name),
            card.job_title, card.avatar_file_id, card.profile, card.title_visible, clock_.now()});
  return core::Unit{};
}

core::Status CompanyService::set_card(const identity::Auth& auth, const CardInput& card) {
  if (!auth.has_role("recruiter") && !auth.has_role("headhunter"))
    return Error::forbidden("role-required", "Business cards are for recruiters and headhunters");
  return db_.transaction<core::Unit>(
      [&](soci::session& sql) -> core::Status { return write_card(sql, auth.user_id, card); });
}

}  // namespace hiresafe::companies

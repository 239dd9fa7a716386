#include "companies/company_store.hpp"

#include "store/database.hpp"

namespace hiresafe::companies::store {

using hiresafe::store::OptText;
using soci::into;
using soci::use;

namespace {
soci::indicator ind_of(const std::optional<std::string>& v) {
  return v ? soci::i_ok : soci::i_null;
}
}  // namespace

std::optional<CompanyRow> company_by_id(soci::session& sql, const std::string& id) {
  CompanyRow c;
  OptText logo, domain;
  int verified = 0;
  sql << "SELECT id, name, uscc, city_code, industry, size, description, logo_file_id, "
         "email_domain, email_domain_verified, created_by, created_at FROM companies WHERE id = "
         ":id",
      use(id), into(c.id), into(c.name), into(c.uscc), into(c.city_code), into(c.industry),
      into(c.size), into(c.description), into(logo.value, logo.ind), into(domain.value, domain.ind),
      into(verified), into(c.created_by), into(c.created_at);
  if (!sql.got_data()) return std::nullopt;
  c.logo_file_id = logo.get();
  c.email_domain = domain.get();
  c.email_domain_verified = verified != 0;
  return c;
}

bool credit_code_taken(soci::session& sql, const std::string& uscc) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM companies WHERE uscc = :u", use(uscc), into(n);
  return n > 0;
}

void insert_company(soci::session& sql, const CompanyRow& c) {
  const std::string logo = c.logo_file_id.value_or(""), domain = c.email_domain.value_or("");
  soci::indicator logo_ind = ind_of(c.logo_file_id), domain_ind = ind_of(c.email_domain);
  sql << "INSERT INTO companies (id, name, uscc, city_code, industry, size, description, "
         "logo_file_id, email_domain, created_by, created_at) VALUES (:id, :n, :u, :c, :i, :s, :d, "
         ":l, :e, :by, :at)",
      use(c.id), use(c.name), use(c.uscc), use(c.city_code), use(c.industry), use(c.size),
      use(c.description), use(logo, logo_ind), use(domain, domain_ind), use(c.created_by),
      use(c.created_at);
}

void mark_email_domain_verified(soci::session& sql, const std::string& company_id) {
  sql << "UPDATE companies SET email_domain_verified = 1 WHERE id = :id AND email_domain IS NOT "
         "NULL",
      use(company_id);
}

long long member_count(soci::session& sql, const std::string& company_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM company_members WHERE company_id = :c", use(company_id), into(n);
  return n;
}

std::optional<std::string> company_of(soci::session& sql, const std::string& user_id) {
  std::string company;
  sql << "SELECT company_id FROM company_members WHERE user_id = :u", use(user_id), into(company);
  if (!sql.got_data()) return std::nullopt;
  return company;
}

void add_member(soci::session& sql, const std::string& user_id, const std::string& company_id,
                const std::string& via, long long now) {
  sql << "INSERT INTO company_members (user_id, company_id, joined_via, joined_at) "
         "VALUES (:u, :c, :v, :t)",
      use(user_id), use(company_id), use(via), use(now);
}

void insert_invitation(soci::session& sql, const InvitationRow& i) {
  const std::string email = i.email_index.value_or("");
  soci::indicator email_ind = ind_of(i.email_index);
  sql << "INSERT INTO invitations (id, company_id, inviter_id, token_hash, email_index, "
         "created_at, "
         "expires_at) VALUES (:id, :c, :i, :t, :e, :at, :x)",
      use(i.id), use(i.company_id), use(i.inviter_id), use(i.token_hash), use(email, email_ind),
      use(i.created_at), use(i.expires_at);
}

std::optional<InvitationRow> invitation_by_token(soci::session& sql,
                                                 const std::string& token_hash) {
  InvitationRow i;
  OptText email, accepted;
  sql << "SELECT id, company_id, inviter_id, token_hash, email_index, accepted_by, created_at, "
         "expires_at FROM invitations WHERE token_hash = :t",
      use(token_hash), into(i.id), into(i.company_id), into(i.inviter_id), into(i.token_hash),
      into(email.value, email.ind), into(accepted.value, accepted.ind), into(i.created_at),
      into(i.expires_at);
  if (!sql.got_data()) return std::nullopt;
  i.email_index = email.get();
  i.accepted_by = accepted.get();
  return i;
}

bool accept_invitation(soci::session& sql, const std::string& id, const std::string& user_id,
                       long long now) {
  soci::statement st = (sql.prepare << "UPDATE invitations SET accepted_by = :u, accepted_at = :t "
                                       "WHERE id = :id AND accepted_by IS NULL",
                        use(user_id), use(now), use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void upsert_card(soci::session& sql, const CardRow& c) {
  const std::string title = c.job_title.value_or(""), avatar = c.avatar_file_id.value_or(""),
                    profile = c.profile.value_or("");
  soci::indicator title_ind = ind_of(c.job_title), avatar_ind = ind_of(c.avatar_file_id),
                  profile_ind = ind_of(c.profile);
  const int visible = c.title_visible ? 1 : 0;
  sql << "INSERT INTO business_cards (user_id, display_name_enc, job_title, title_visible, "
         "avatar_file_id, profile, updated_at) VALUES (:u, :d, :t, :v, :a, :p, :at) "
         "ON CONFLICT (user_id) DO UPDATE SET display_name_enc = excluded.display_name_enc, "
         "job_title = excluded.job_title, title_visible = excluded.title_visible, "
         "avatar_file_id = excluded.avatar_file_id, profile = excluded.profile, "
         "updated_at = excluded.updated_at",
      use(c.user_id), use(c.display_name_enc), use(title, title_ind), use(visible),
      use(avatar, avatar_ind), use(profile, profile_ind), use(c.updated_at);
}

std::optional<CardRow> card_of(soci::session& sql, const std::string& user_id) {
  CardRow c;
  OptText title, avatar, profile;
  int visible = 1;
  sql << "SELECT user_id, display_name_enc, job_title, title_visible, avatar_file_id, profile, "
         "updated_at FROM business_cards WHERE user_id = :u",
      use(user_id), into(c.user_id), into(c.display_name_enc), into(title.value, title.ind),
      into(visible), into(avatar.value, avatar.ind), into(profile.value, profile.ind),
      into(c.updated_at);
  if (!sql.got_data()) return std::nullopt;
  c.job_title = title.get();
  c.avatar_file_id = avatar.get();
  c.profile = profile.get();
  c.title_visible = visible != 0;
  return c;
}

}  // namespace hiresafe::companies::store

#include "identity/staff.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace hiresafe::identity {

core::Result<std::string> create_staff(hiresafe::store::Database& db,
                                       const crypto::PasswordHasher& passwords,
                                       const core::Clock& clock, const std::string& username,
                                       const std::string& password) {
  bool name_ok = username.size() >= 3 && username.size() <= 32 &&
                 std::all_of(username.begin(), username.end(), [](unsigned char c) {
                   return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
                 });
  if (!name_ok) return core::Error::invalid("username", "3-32 of a-z, 0-9, '.', '_', '-'");
  if (auto p = crypto::password_problem(password); !p.empty()) return core::Error::invalid("password", p);
  HS_TRY(auto hash, passwords.hash(password));
  std::string id = core::new_id("st_");
  return db.transaction<std::string>([&](soci::session& sql) -> core::Result<std::string> {
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM staff WHERE username = :u", soci::use(username), soci::into(taken);
    if (taken > 0) return core::Error::conflict("username-taken", "That staff username exists");
    long long now = clock.now();
    sql << "INSERT INTO staff (id, username, password_hash, created_at) VALUES (:id, :u, :p, :t)",
        soci::use(id), soci::use(username), soci::use(hash), soci::use(now);
    return id;
  });
}

}  // namespace hiresafe::identity

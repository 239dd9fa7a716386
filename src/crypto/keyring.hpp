// The keyring: the master key, the system keys it wraps, and per-person data keys (SEC-2).
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "crypto/secret.hpp"
#include "store/database.hpp"

namespace hiresafe::crypto {

// Reads the master key: `hex` when set (HIRESAFE_MASTER_KEY), else the file. When the file's key
// no longer opens the database but `<file>.new` does, a rotation was cut short after its commit:
// the new file is promoted.
core::Result<SecretKey> load_master_key(const std::string& hex, const std::string& file);
// Creates `file` with a fresh random key, mode 0600, unless it exists. Returns true if created.
core::Result<bool> ensure_master_key_file(const std::string& file);
// Writes `key` to `file` atomically with mode 0600.
core::Status write_key_file(const std::string& file, const SecretKey& key);

class Keyring {
 public:
  // Opens the system keys in `db` with `master`, creating them on first use. Fails with a clear
  // error when `master` is not the key this database was created with.
  static core::Result<std::unique_ptr<Keyring>> open(store::Database& db, const SecretKey& master);

  // Re-wraps every person key and system key from `from` to `to` in one transaction; data
  // encrypted under person keys is untouched. Returns the number of keys re-wrapped.
  static core::Result<long long> rewrap_all(store::Database& db, const SecretKey& from,
                                            const SecretKey& to);

  // Person data keys, wrapped by the master key and bound to the person's id.
  std::string wrap_person_key(const SecretKey& key, const std::string& user_id) const;
  core::Result<SecretKey> unwrap_person_key(const std::string& wrapped,
                                            const std::string& user_id) const;
  // Loads and unwraps a person's data key; 404 when the person or their key is gone
  // (crypto-shredded).
  core::Result<SecretKey> person_key(soci::session& sql, const std::string& user_id) const;
  // The same on a statement prepared once per connection, for hot read paths.
  core::Result<SecretKey> person_key(store::Conn& conn, const std::string& user_id) const;

  // Blind indexes: keyed hashes, one sub-key per kind, so equal values in different kinds differ.
  std::string phone_index(const std::string& e164) const;
  std::string email_index(const std::string& normalised_email) const;
  std::string ip_hash(const std::string& ip) const;
  // A blind index for another kind of identifier (e.g. "resident_id"), domain-separated by kind.
  std::string keyed_index(std::string_view kind, const std::string& value) const;
  std::string code_hash(const std::string& target_index, const std::string& purpose,
                        const std::string& code) const;

  // For values that belong to the platform rather than a person (staff secrets and the like).
  const SecretKey& system_data_key() const { return system_data_; }

 private:
  SecretKey master_;
  SecretKey phone_, email_, ip_, code_, system_data_, index_;
};

// Seals/opens a person's field, bound to the row owner and the field name.
std::string seal_field(const SecretKey& person_key, const std::string& owner_id,
                       std::string_view field, std::string_view value);
core::Result<std::string> open_field(const SecretKey& person_key, const std::string& owner_id,
                                     std::string_view field, std::string_view sealed);

}  // namespace hiresafe::crypto

#include "crypto/keyring.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hiresafe::crypto {

namespace {
// SOCI binds by reference until the statement runs, so bound values are named objects.
const std::string kIndexRoot = "index_root";
enum SubKey : std::uint64_t {
  kPhone = 1,
  kEmail = 2,
  kIp = 3,
  kCode = 4,
  kSystemData = 5,
  kOther = 6
};

std::string system_aad(const std::string& name) {
  return "system-key:" + name;
}
std::string person_aad(const std::string& user_id) {
  return "person-key:" + user_id;
}

core::Result<SecretKey> read_key_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) return core::Error::unavailable("cannot read master key file " + file);
  std::stringstream ss;
  ss << in.rdbuf();
  auto key = SecretKey::from_hex(ss.str());
  if (!key) return core::Error::unavailable("master key file " + file + " is not 64 hex digits");
  return *key;
}

}  // namespace

core::Status write_key_file(const std::string& file, const SecretKey& key) {
  std::error_code ec;
  auto parent = std::filesystem::path(file).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string tmp = file + ".tmp";
  {
    mode_t old = umask(0077);
    std::ofstream out(tmp, std::ios::trunc);
    umask(old);
    if (!out) return core::Error::unavailable("cannot write key file " + tmp);
    out << key.to_hex() << "\n";
    if (!out.flush()) return core::Error::unavailable("cannot write key file " + tmp);
  }
  ::chmod(tmp.c_str(), 0600);
  std::filesystem::rename(tmp, file, ec);
  if (ec) return core::Error::unavailable("cannot move key file into place: " + ec.message());
  return core::Unit{};
}

core::Result<bool> ensure_master_key_file(const std::string& file) {
  if (std::filesystem::exists(file)) return false;
  HS_CHECK(write_key_file(file, SecretKey::random()));
  return true;
}

core::Result<SecretKey> load_master_key(const std::string& hex, const std::string& file) {
  if (!hex.empty()) {
    auto key = SecretKey::from_hex(hex);
    if (!key) return core::Error::unavailable("HIRESAFE_MASTER_KEY is not 64 hex digits");
    return *key;
  }
  return read_key_file(file);
}

core::Result<std::unique_ptr<Keyring>> Keyring::open(store::Database& db, const SecretKey& master) {
  auto root = db.transaction<SecretKey>([&](soci::session& sql) -> core::Result<SecretKey> {
    store::OptText wrapped;
    sql << "SELECT wrapped FROM system_keys WHERE name = :n", soci::use(kIndexRoot),
        soci::into(wrapped.value, wrapped.ind);
    if (sql.got_data() && wrapped.get()) {
      auto raw = crypto::open(master, wrapped.value, system_aad(kIndexRoot));
      if (!raw) {
        return core::Error::unavailable(
            "the master key does not open this database's keys (wrong key file or env?)");
      }
      return *SecretKey::from_bytes(*raw);
    }
    auto fresh = SecretKey::random();
    std::string raw(reinterpret_cast<const char*>(fresh.data()), SecretKey::kSize);
    const std::string wrapped_root = seal(master, raw, system_aad(kIndexRoot));
    sql << "INSERT INTO system_keys (name, wrapped) VALUES (:n, :w)", soci::use(kIndexRoot),
        soci::use(wrapped_root);
    return fresh;
  });
  if (!root) return std::move(root).error();
  auto ring = std::make_unique<Keyring>();
  ring->master_ = master;
  ring->phone_ = derive(*root, kPhone);
  ring->email_ = derive(*root, kEmail);
  ring->ip_ = derive(*root, kIp);
  ring->code_ = derive(*root, kCode);
  ring->system_data_ = derive(*root, kSystemData);
  ring->index_ = derive(*root, kOther);
  return ring;
}

core::Result<long long> Keyring::rewrap_all(store::Database& db, const SecretKey& from,
                                            const SecretKey& to) {
  return db.transaction<long long>([&](soci::session& sql) -> core::Result<long long> {
    long long count = 0;
    struct Row {
      std::string id, wrapped;
    };
    std::vector<Row> people, systems;
    {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT id, wrapped_key FROM users WHERE wrapped_key IS NOT NULL");
      for (const auto& r : rs) people.push_back({r.get<std::string>(0), r.get<std::string>(1)});
    }
    {
      soci::rowset<soci::row> rs = (sql.prepare << "SELECT name, wrapped FROM system_keys");
      for (const auto& r : rs) systems.push_back({r.get<std::string>(0), r.get<std::string>(1)});
    }
    for (const auto& p : people) {
      auto raw = crypto::open(from, p.wrapped, person_aad(p.id));
      if (!raw) return core::Error::internal("person key " + p.id + " does not open");
      const std::string rewrapped = seal(to, *raw, person_aad(p.id));
      sql << "UPDATE users SET wrapped_key = :w WHERE id = :id", soci::use(rewrapped),
          soci::use(p.id);
      ++count;
    }
    for (const auto& s : systems) {
      auto raw = crypto::open(from, s.wrapped, system_aad(s.id));
      if (!raw)
        return core::Error::unavailable("the current master key does not open the database");
      const std::string rewrapped = seal(to, *raw, system_aad(s.id));
      sql << "UPDATE system_keys SET wrapped = :w WHERE name = :n", soci::use(rewrapped),
          soci::use(s.id);
      ++count;
    }
    return count;
  });
}

std::string Keyring::wrap_person_key(const SecretKey& key, const std::string& user_id) const {
  return seal(master_,
              std::string_view(reinterpret_cast<const char*>(key.data()), SecretKey::kSize),
              person_aad(user_id));
}

core::Result<SecretKey> Keyring::unwrap_person_key(const std::string& wrapped,
                                                   const std::string& user_id) const {
  auto raw = crypto::open(master_, wrapped, person_aad(user_id));
  if (!raw) return core::Error::internal("person key does not open for " + user_id);
  return *SecretKey::from_bytes(*raw);
}

core::Result<SecretKey> Keyring::person_key(soci::session& sql, const std::string& user_id) const {
  store::OptText wrapped;
  sql << "SELECT wrapped_key FROM users WHERE id = :id", soci::use(user_id),
      soci::into(wrapped.value, wrapped.ind);
  if (!sql.got_data() || !wrapped.get()) return core::Error::not_found("No such person");
  return unwrap_person_key(wrapped.value, user_id);
}

core::Result<SecretKey> Keyring::person_key(store::Conn& conn, const std::string& user_id) const {
  store::OptText wrapped;
  if (!conn.once("SELECT wrapped_key FROM users WHERE id = :id", soci::use(user_id),
                 soci::into(wrapped.value, wrapped.ind)) ||
      !wrapped.get())
    return core::Error::not_found("No such person");
  return unwrap_person_key(wrapped.value, user_id);
}

std::string Keyring::phone_index(const std::string& e164) const {
  return keyed_hash(phone_, e164);
}
std::string Keyring::email_index(const std::string& email) const {
  return keyed_hash(email_, email);
}
std::string Keyring::keyed_index(std::string_view kind, const std::string& value) const {
  return keyed_hash(index_, std::string(kind) + "|" + value);
}
std::string Keyring::ip_hash(const std::string& ip) const {
  return keyed_hash(ip_, ip);
}
std::string Keyring::code_hash(const std::string& target, const std::string& purpose,
                               const std::string& code) const {
  return keyed_hash(code_, target + "|" + purpose + "|" + code);
}

std::string seal_field(const SecretKey& person_key, const std::string& owner_id,
                       std::string_view field, std::string_view value) {
  return seal(person_key, value, owner_id + "/" + std::string(field));
}

core::Result<std::string> open_field(const SecretKey& person_key, const std::string& owner_id,
                                     std::string_view field, std::string_view sealed) {
  auto plain = open(person_key, sealed, owner_id + "/" + std::string(field));
  if (!plain) return core::Error::internal("field does not open: " + std::string(field));
  return *plain;
}

}  // namespace hiresafe::crypto

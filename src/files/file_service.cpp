#include "files/file_service.hpp"

#include <algorithm>
#include <array>

#include "core/ids.hpp"

namespace hiresafe::files {

using core::Error;
using core::Result;

namespace {
const std::array<std::string_view, 7> kPurposes = {"business_licence", "authorisation_letter",
                                                   "agency_licence",   "hr_service_permit",
                                                   "avatar",           "logo", "resume_attachment"};

std::optional<FileInfo> info_of(soci::session& sql, const std::string& file_id,
                                std::string* sealed) {
  FileInfo f;
  std::string content;
  sql << "SELECT id, owner_id, purpose, content_type, size_bytes, created_at, content_enc FROM "
         "files "
         "WHERE id = :id",
      soci::use(file_id), soci::into(f.id), soci::into(f.owner_id), soci::into(f.purpose),
      soci::into(f.content_type), soci::into(f.size_bytes), soci::into(f.created_at),
      soci::into(content);
  if (!sql.got_data()) return std::nullopt;
  if (sealed) *sealed = std::move(content);
  return f;
}

std::string aad(const FileInfo& f) {
  return "file/" + f.id;
}

Result<FileContent> open_sealed(const crypto::Keyring& keys, soci::session& sql, FileInfo info,
                                const std::string& sealed) {
  HS_TRY(auto key, keys.person_key(sql, info.owner_id));  // 404 once the key is shredded
  HS_TRY(auto bytes, crypto::open_field(key, info.owner_id, aad(info), sealed));
  return FileContent{std::move(info), std::move(bytes)};
}
}  // namespace

std::string sniff_content_type(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  return {};
}

Result<FileInfo> FileService::upload(const std::string& owner_id, const std::string& purpose,
                                     const std::string& declared_type, const std::string& bytes) {
  if (std::find(kPurposes.begin(), kPurposes.end(), purpose) == kPurposes.end())
    return Error::invalid("purpose", "is not a known upload purpose");
  if (bytes.empty()) return Error::invalid("file", "is empty");
  if (static_cast<long long>(bytes.size()) > max_bytes_) {
    return Error{core::ErrorKind::kPayloadTooLarge,
                 "file-too-large",
                 "Files may be at most " + std::to_string(max_bytes_) + " bytes",
                 {},
                 {},
                 {}};
  }
  const std::string detected = sniff_content_type(bytes);
  // Media types are case-insensitive and may carry parameters (RFC 9110).
  std::string declared = declared_type.substr(0, declared_type.find(';'));
  std::transform(declared.begin(), declared.end(), declared.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!declared.empty() && std::isspace(static_cast<unsigned char>(declared.back())))
    declared.pop_back();
  while (!declared.empty() && std::isspace(static_cast<unsigned char>(declared.front())))
    declared.erase(declared.begin());
  if (detected.empty() || detected != declared) {
    return Error{core::ErrorKind::kUnsupportedMedia,
                 "file-type-mismatch",
                 "Upload a PDF, JPEG or PNG file whose Content-Type matches its content",
                 {},
                 {},
                 {}};
  }
  const bool image_only = purpose == "avatar" || purpose == "logo";
  if (image_only && detected == "application/pdf") {
    return Error{core::ErrorKind::kUnsupportedMedia,
                 "file-type-mismatch",
                 "Avatars and logos must be JPEG or PNG",
                 {},
                 {},
                 {}};
  }
  FileInfo info{
      core::new_id("f_"), owner_id, purpose, detected, static_cast<long long>(bytes.size()),
      clock_.now()};
  return db_.transaction<FileInfo>([&](soci::session& sql) -> Result<FileInfo> {
    HS_TRY(auto key, keys_.person_key(sql, owner_id));
    const std::string sealed = crypto::seal_field(key, owner_id, aad(info), bytes);
    sql << "INSERT INTO files (id, owner_id, purpose, content_type, size_bytes, content_enc, "
           "created_at) VALUES (:id, :o, :p, :t, :s, :c, :at)",
        soci::use(info.id), soci::use(info.owner_id), soci::use(info.purpose),
        soci::use(info.content_type), soci::use(info.size_bytes), soci::use(sealed),
        soci::use(info.created_at);
    return info;
  });
}

Result<FileContent> FileService::read_own(const std::string& owner_id, const std::string& file_id) {
  return db_.read<FileContent>([&](soci::session& sql) -> Result<FileContent> {
    std::string sealed;
    auto info = info_of(sql, file_id, &sealed);
    // Someone else's file is "not found": its existence is not revealed.
    if (!info || info->owner_id != owner_id) return Error::not_found("No such file");
    return open_sealed(keys_, sql, *info, sealed);
  });
}

Result<FileInfo> FileService::expect_own(soci::session& sql, const std::string& owner_id,
                                         const std::string& file_id, const std::string& purpose,
                                         const std::string& field) {
  auto info = info_of(sql, file_id, nullptr);
  if (!info || info->owner_id != owner_id)
    return Error::invalid(field, "is not a file you uploaded", "file-not-yours");
  if (info->purpose != purpose)
    return Error::invalid(field, "must be a file uploaded for " + purpose, "wrong-file-purpose");
  return *info;
}

Result<FileContent> FileService::open_for_review(soci::session& sql, const std::string& file_id) {
  std::string sealed;
  auto info = info_of(sql, file_id, &sealed);
  if (!info) return Error::not_found("No such file");
  return open_sealed(keys_, sql, *info, sealed);
}

}  // namespace hiresafe::files

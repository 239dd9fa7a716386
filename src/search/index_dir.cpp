#include "search/index_dir.hpp"

#include <fstream>
#include <set>

#include "core/ids.hpp"

namespace hiresafe::search {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCurrent = "CURRENT";
// Other processes (a reindex, another node's indexer) cannot tell this one that they
// committed, so a reader also reopens when it is older than this.
constexpr auto kReopenAfter = std::chrono::milliseconds(500);
constexpr auto kRecheckCurrent = std::chrono::milliseconds(500);

core::Status write_current(const fs::path& root, const std::string& generation) {
  const fs::path tmp = root / (std::string(kCurrent) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << generation << "\n";
    out.flush();
    if (!out) return core::Error::internal("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, root / kCurrent, ec);
  if (ec) return core::Error::internal("cannot publish " + generation + ": " + ec.message());
  return core::Unit{};
}

}  // namespace

IndexDir::IndexDir(fs::path root) : root_(std::move(root)) {}
IndexDir::~IndexDir() = default;

core::Status IndexDir::ensure() {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) return core::Error::internal("cannot create " + root_.string() + ": " + ec.message());
  if (fs::exists(root_ / kCurrent)) return core::Unit{};
  HS_TRY(auto generation, new_generation());
  try {
    Xapian::WritableDatabase created(path_of(generation).string(), Xapian::DB_CREATE_OR_OPEN,
                                     kBlockSize);
    created.set_metadata(kLayoutKey, std::to_string(kLayout));
    created.commit();
  } catch (const Xapian::Error& e) {
    return core::Error::internal("cannot create the index " + root_.string() + ": " +
                                 e.get_description());
  }
  return write_current(root_, generation);
}

core::Result<std::string> IndexDir::current_generation() const {
  std::ifstream in(root_ / kCurrent);
  std::string generation;
  if (!(in >> generation) || generation.empty())
    return core::Error::internal("no search index at " + root_.string() +
                                 " (run `hiresafe reindex`)");
  return generation;
}

core::Result<int> IndexDir::layout() const {
  HS_TRY(auto generation, current_generation());
  try {
    const std::string recorded = Xapian::Database(path_of(generation).string()).get_metadata(kLayoutKey);
    return recorded.empty() ? 1 : std::stoi(recorded);
  } catch (const Xapian::Error& e) {
    return core::Error::internal("cannot open the index " + root_.string() + ": " +
                                 e.get_description());
  } catch (const std::exception&) {
    return core::Error::internal("the index " + root_.string() + " records no valid layout");
  }
}

core::Result<std::string> IndexDir::new_generation() const {
  // Generation names sort by creation: "g" + creation time in ms + a random suffix.
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "g%015lld", static_cast<long long>(ms));
  const std::string name = std::string(stamp) + "-" + core::new_id("").substr(0, 6);
  std::error_code ec;
  fs::create_directories(root_ / name, ec);
  if (ec) return core::Error::internal("cannot create " + (root_ / name).string());
  return name;
}

core::Status IndexDir::publish(const std::string& generation) {
  auto previous = current_generation();
  HS_CHECK(write_current(root_, generation));
  std::set<std::string> keep = {generation};
  if (previous) keep.insert(*previous);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    const auto name = entry.path().filename().string();
    if (entry.is_directory() && name.starts_with("g") && !keep.count(name) && name < generation)
      fs::remove_all(entry.path(), ec);
  }
  return core::Unit{};
}

std::string IndexDir::cached_generation() {
  const auto now = std::chrono::steady_clock::now();
  if (generation_.empty() || now - generation_checked_ > kRecheckCurrent) {
    if (auto g = current_generation()) generation_ = *g;
    generation_checked_ = now;
  }
  return generation_;
}

core::Result<IndexDir::Lease> IndexDir::read() {
  std::unique_ptr<Slot> slot;
  std::string generation;
  {
    std::lock_guard lock(mutex_);
    generation = cached_generation();
    if (!idle_.empty()) {
      slot = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (generation.empty())
    return core::Error::internal("no search index at " + root_.string());
  if (!slot) slot = std::make_unique<Slot>();
  const auto version = version_.load(std::memory_order_acquire);
  const auto now = std::chrono::steady_clock::now();
  try {
    if (!slot->db || slot->generation != generation) {
      slot->db = std::make_unique<Xapian::Database>(path_of(generation).string());
      slot->generation = generation;
      slot->version = version;
      slot->reopened = now;
    } else if (slot->version != version || now - slot->reopened > kReopenAfter) {
      slot->db->reopen();
      slot->version = version;
      slot->reopened = now;
    }
  } catch (const Xapian::Error& e) {
    return core::Error::internal("cannot open the search index: " + e.get_description());
  }
  return Lease(*this, std::move(slot));
}

IndexDir::Lease::~Lease() {
  if (!slot_) return;
  std::lock_guard lock(dir_.mutex_);
  dir_.idle_.push_back(std::move(slot_));
}

}  // namespace hiresafe::search

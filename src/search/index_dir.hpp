// One Xapian index on disk, e.g. <data_dir>/search/jobs. The index lives in a generation
// directory named by the CURRENT file beside it, so `hiresafe reindex` builds a new generation
// next to the one `serve` answers from and swaps it in with one atomic rename.
//
// Xapian::Database objects must not be shared between threads, so readers come from a pool:
// a lease hands one thread a database that has been reopened at the latest commit.
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hiresafe::search {

// What the documents of an index look like (their terms, value slots and data). A generation
// records the layout it was built with; `serve` rebuilds an index older than the code.
// Layout 2 packed the job facets into one value slot; layout 3 moved a post's result card from
// the document data into a value slot (job_slots::kCard).
inline constexpr int kLayout = 3;
inline constexpr const char* kLayoutKey = "hiresafe.layout";

// Xapian's glass backend keeps no block cache: every B-tree block a search moves to is a
// pread, so larger blocks (the default is 8 KiB) mean fewer reads of posting lists but bigger
// ones for each hit's stored card, and a commit rewrites bigger blocks. Measured at 200k posts:
// search p50 1.60 / 1.41 / 1.50 ms and a 100-post commit 0.63 / 0.69 / 0.83 s with 8, 32 and
// 64 KiB blocks. Set when a generation is created; an existing one keeps its own.
inline constexpr unsigned kBlockSize = 32768;

class IndexDir {
  struct Slot {
    std::unique_ptr<Xapian::Database> db;
    std::string generation;
    unsigned long long version = 0;
    std::chrono::steady_clock::time_point reopened;
  };

 public:
  explicit IndexDir(std::filesystem::path root);
  ~IndexDir();
  IndexDir(const IndexDir&) = delete;
  IndexDir& operator=(const IndexDir&) = delete;

  // Creates the root and an empty first generation (of the current layout) when there is none.
  core::Status ensure();
  // The layout the current generation was built with (1: built before layouts were recorded).
  core::Result<int> layout() const;
  const std::filesystem::path& root() const { return root_; }
  // The generation CURRENT names (re-read from disk).
  core::Result<std::string> current_generation() const;
  std::filesystem::path path_of(const std::string& generation) const { return root_ / generation; }
  // A fresh, empty, unpublished generation directory for a rebuild.
  core::Result<std::string> new_generation() const;
  // Makes `generation` current (atomic rename) and removes generations older than the one it
  // replaces; the replaced one stays for readers still holding it.
  core::Status publish(const std::string& generation);

  // A reader at the latest commit for as long as the lease lives.
  class Lease {
   public:
    Lease(IndexDir& dir, std::unique_ptr<Slot> slot) : dir_(dir), slot_(std::move(slot)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Xapian::Database& db() { return *slot_->db; }

   private:
    IndexDir& dir_;
    std::unique_ptr<Slot> slot_;
  };
  core::Result<Lease> read();
  // The writer committed: every reader reopens before its next use.
  void committed() { version_.fetch_add(1, std::memory_order_release); }

 private:
  std::string cached_generation();

  std::filesystem::path root_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Slot>> idle_;
  std::atomic<unsigned long long> version_{1};
  std::string generation_;  // guarded by mutex_
  std::chrono::steady_clock::time_point generation_checked_;
};

}  // namespace hiresafe::search

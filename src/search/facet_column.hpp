// The packed facets of every post in the job index, held in memory by docid and already split
// into their parts, so counting facets over thousands of matches is a few array increments per
// match instead of a walk through the value stream (which decodes every entry between two
// matches: at 200k posts that walk was 1 ms of a 2.3 ms search).
//
// A column is a copy of one revision of one index. It is used only by a reader at exactly that
// revision, so counts are never stale; after a commit the first search to notice reads the
// new revision's column (tens of ms at 1M posts) while concurrent searches count from the
// value stream as before.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hiresafe::search {

class FacetColumn {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // Reads `slot` of every document of `db`, each value `parts` strings joined by `separator`.
  static std::shared_ptr<const FacetColumn> read(const Xapian::Database& db, Xapian::valueno slot,
                                                 std::size_t parts, char separator);

  const std::string& uuid() const { return uuid_; }
  Xapian::rev revision() const { return revision_; }
  bool matches(const Xapian::Database& db) const {
    return db.get_revision() == revision_ && db.get_uuid() == uuid_;
  }
  std::size_t parts() const { return part_values_.size(); }
  // The part ids of a document's value (parts() of them, kNone for an empty part), or null
  // when the document has no value.
  const std::uint32_t* part_ids(Xapian::docid id) const {
    if (id >= codes_.size() || codes_[id] == kNone) return nullptr;
    return &part_ids_[static_cast<std::size_t>(codes_[id]) * parts()];
  }
  // The distinct values of part `i`, indexed by part id.
  const std::vector<std::string>& part_values(std::size_t i) const { return part_values_[i]; }

 private:
  std::string uuid_;
  Xapian::rev revision_ = 0;
  std::vector<std::uint32_t> codes_;     // docid → distinct packed value
  std::vector<std::uint32_t> part_ids_;  // packed value × part → part id
  std::vector<std::vector<std::string>> part_values_;
};

// Splits a packed value into at most `parts` parts (missing ones empty).
std::vector<std::string_view> split_packed(std::string_view packed, std::size_t parts,
                                           char separator);

// The latest column read, shared by all searches.
class FacetColumns {
 public:
  FacetColumns(Xapian::valueno slot, std::size_t parts, char separator)
      : slot_(slot), parts_(parts), separator_(separator) {}
  // The column of `db`'s revision; read now unless another search is reading one or `db` is
  // older than the latest column (a reader about to reopen), in which cases null: the caller
  // counts without it.
  std::shared_ptr<const FacetColumn> for_reader(const Xapian::Database& db);

 private:
  Xapian::valueno slot_;
  std::size_t parts_;
  char separator_;
  std::mutex mutex_;  // guards latest_
  std::mutex reading_;
  std::shared_ptr<const FacetColumn> latest_;
};

// Counts the parts of a packed slot over every match Xapian examines: from the column when
// there is one for the reader's revision, else from the slot's value stream (the match visits
// documents in docid order, so one iterator walks it forward).
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(const Xapian::Database& db, Xapian::valueno slot, std::size_t parts, char separator,
           std::shared_ptr<const FacetColumn> column);
  void operator()(const Xapian::Document& doc, double weight) override;
  // The `limit` most frequent values of part `i` with their counts, ties in value order.
  std::vector<std::pair<std::string, Xapian::doccount>> top(std::size_t i,
                                                            std::size_t limit) const;

 private:
  Xapian::valueno slot_;
  std::size_t parts_;
  char separator_;
  std::shared_ptr<const FacetColumn> column_;
  std::vector<std::vector<Xapian::doccount>> by_id_;  // with a column: part × part id
  Xapian::ValueIterator values_, end_;                // without one
  std::unordered_map<std::string, Xapian::doccount> by_value_;
};

}  // namespace hiresafe::search

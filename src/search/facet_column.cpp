#include "search/facet_column.hpp"

#include <algorithm>

namespace hiresafe::search {

std::vector<std::string_view> split_packed(std::string_view packed, std::size_t parts,
                                           char separator) {
  std::vector<std::string_view> out(parts);
  for (std::size_t i = 0; i < parts; ++i) {
    const auto end = packed.find(separator);
    out[i] = packed.substr(0, end);
    if (end == std::string_view::npos) break;
    packed.remove_prefix(end + 1);
  }
  return out;
}

std::shared_ptr<const FacetColumn> FacetColumn::read(const Xapian::Database& db,
                                                     Xapian::valueno slot, std::size_t parts,
                                                     char separator) {
  auto column = std::make_shared<FacetColumn>();
  // The revision first: if a commit lands while the stream is read, the database throws
  // DatabaseModifiedError rather than mixing revisions.
  column->uuid_ = db.get_uuid();
  column->revision_ = db.get_revision();
  column->codes_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, kNone);
  column->part_values_.resize(parts);
  std::unordered_map<std::string, std::uint32_t> packed_codes;
  std::vector<std::unordered_map<std::string_view, std::uint32_t>> part_codes(parts);
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const Xapian::docid id = v.get_docid();
    if (id >= column->codes_.size()) column->codes_.resize(id + 1, kNone);
    auto [at, added] = packed_codes.try_emplace(*v, static_cast<std::uint32_t>(packed_codes.size()));
    column->codes_[id] = at->second;
    if (!added) continue;
    const auto split = split_packed(at->first, parts, separator);
    for (std::size_t i = 0; i < parts; ++i) {
      if (split[i].empty()) {
        column->part_ids_.push_back(kNone);
        continue;
      }
      auto& values = column->part_values_[i];
      auto [part, new_part] =
          part_codes[i].try_emplace(split[i], static_cast<std::uint32_t>(values.size()));
      if (new_part) values.emplace_back(split[i]);
      column->part_ids_.push_back(part->second);
    }
  }
  return column;
}

std::shared_ptr<const FacetColumn> FacetColumns::for_reader(const Xapian::Database& db) {
  {
    std::lock_guard lock(mutex_);
    if (latest_ && latest_->matches(db)) return latest_;
    if (latest_ && latest_->uuid() == db.get_uuid() && latest_->revision() > db.get_revision())
      return nullptr;
  }
  std::unique_lock reading(reading_, std::try_to_lock);
  if (!reading.owns_lock()) return nullptr;
  {
    std::lock_guard lock(mutex_);  // another search may have read it meanwhile
    if (latest_ && latest_->matches(db)) return latest_;
  }
  auto column = FacetColumn::read(db, slot_, parts_, separator_);
  std::lock_guard lock(mutex_);
  latest_ = column;
  return column;
}

FacetSpy::FacetSpy(const Xapian::Database& db, Xapian::valueno slot, std::size_t parts,
                   char separator, std::shared_ptr<const FacetColumn> column)
    : slot_(slot), parts_(parts), separator_(separator), column_(std::move(column)) {
  if (column_) {
    for (std::size_t i = 0; i < parts_; ++i)
      by_id_.emplace_back(column_->part_values(i).size(), 0);
  } else {
    values_ = db.valuestream_begin(slot_);
    end_ = db.valuestream_end(slot_);
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid id = doc.get_docid();
  if (column_) {
    if (const auto* ids = column_->part_ids(id))
      for (std::size_t i = 0; i < parts_; ++i)
        if (ids[i] != FacetColumn::kNone) ++by_id_[i][ids[i]];
  } else if (values_ == end_ || values_.get_docid() > id) {
    ++by_value_[doc.get_value(slot_)];  // out of docid order: on its own
  } else {
    values_.skip_to(id);
    if (values_ != end_ && values_.get_docid() == id) ++by_value_[*values_];
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetSpy::top(std::size_t i,
                                                                    std::size_t limit) const {
  std::unordered_map<std::string_view, Xapian::doccount> counts;
  if (column_)
    for (std::size_t id = 0; id < by_id_[i].size(); ++id)
      if (by_id_[i][id] > 0) counts[column_->part_values(i)[id]] += by_id_[i][id];
  for (const auto& [packed, n] : by_value_)
    if (auto v = split_packed(packed, parts_, separator_)[i]; !v.empty()) counts[v] += n;
  std::vector<std::pair<std::string_view, Xapian::doccount>> all(counts.begin(), counts.end());
  const auto more = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t n = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), more);
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (std::size_t k = 0; k < n; ++k) out.emplace_back(all[k].first, all[k].second);
  return out;
}

}  // namespace hiresafe::search

// The in-memory facet column (search::FacetColumn): it holds each document's packed facets by
// docid, and a search only ever counts from a column of exactly its reader's revision.
#include <gtest/gtest.h>

#include <map>

#include "search/facet_column.hpp"
#include "test_env.hpp"

using hiresafe::search::FacetColumn;
using hiresafe::search::FacetColumns;

namespace {

constexpr Xapian::valueno kSlot = 10;

Xapian::Document doc_with(const std::string& value) {
  Xapian::Document d;
  if (!value.empty()) d.add_value(kSlot, value);
  d.add_term("x");
  return d;
}

// A document's parts by value ("" for an empty part).
std::vector<std::string> parts_of(const FacetColumn& column, Xapian::docid id) {
  std::vector<std::string> out;
  const auto* ids = column.part_ids(id);
  if (!ids) return out;
  for (std::size_t i = 0; i < column.parts(); ++i)
    out.push_back(ids[i] == FacetColumn::kNone ? "" : column.part_values(i)[ids[i]]);
  return out;
}

class FacetColumnTest : public ::testing::Test {
 protected:
  std::string path() const { return dir_.path() + "/index"; }
  hiresafe::testing::TempDir dir_;
};

TEST_F(FacetColumnTest, CodesEachDocumentsValueAndNoneWhereThereIsNone) {  // JOB-3
  Xapian::WritableDatabase w(path(), Xapian::DB_CREATE);
  w.add_document(doc_with("440300\x1ftech.backend"));  // docid 1
  w.add_document(doc_with(""));                        // 2: no facets
  w.add_document(doc_with("310100\x1ftech.frontend"));
  w.add_document(doc_with("440300\x1ftech.backend"));
  w.commit();

  const Xapian::Database r(path());
  const auto column = FacetColumn::read(r, kSlot, 3, '\x1f');
  ASSERT_EQ(column->parts(), 3u);
  // Distinct values per part; the third part is empty everywhere.
  EXPECT_EQ(column->part_values(0), (std::vector<std::string>{"440300", "310100"}));
  EXPECT_EQ(column->part_values(1), (std::vector<std::string>{"tech.backend", "tech.frontend"}));
  EXPECT_TRUE(column->part_values(2).empty());
  EXPECT_EQ(parts_of(*column, 1), (std::vector<std::string>{"440300", "tech.backend", ""}));
  EXPECT_EQ(column->part_ids(2), nullptr);
  EXPECT_EQ(parts_of(*column, 3), (std::vector<std::string>{"310100", "tech.frontend", ""}));
  EXPECT_EQ(parts_of(*column, 4), parts_of(*column, 1));
  EXPECT_EQ(column->part_ids(99), nullptr);
  EXPECT_TRUE(column->matches(r));
}

TEST_F(FacetColumnTest, AReaderAtAnotherRevisionNeverGetsTheOldColumn) {  // JOB-3
  Xapian::WritableDatabase w(path(), Xapian::DB_CREATE);
  w.add_document(doc_with("440300"));
  w.commit();
  FacetColumns columns(kSlot, 1, '\x1f');
  Xapian::Database old_reader(path());
  const auto first = columns.for_reader(old_reader);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(columns.for_reader(old_reader), first) << "the same revision shares its column";

  // A post moves city: a column of the old revision would count it under the old one.
  w.replace_document(1, doc_with("310100"));
  w.commit();
  Xapian::Database new_reader(path());
  const auto second = columns.for_reader(new_reader);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(second, first);
  EXPECT_EQ(parts_of(*second, 1), (std::vector<std::string>{"310100"}));
  // A reader still at the old revision counts without a column rather than with a wrong one.
  EXPECT_EQ(columns.for_reader(old_reader), nullptr);
}

// What the spy counts over the documents matching `term`, with or without a column.
std::vector<std::vector<std::pair<std::string, Xapian::doccount>>> counted(
    const Xapian::Database& db, const std::string& term, std::shared_ptr<const FacetColumn> column) {
  hiresafe::search::FacetSpy spy(db, kSlot, 2, '\x1f', std::move(column));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.add_matchspy(&spy);
  (void)enquire.get_mset(0, 10, db.get_doccount());  // examine every match
  return {spy.top(0, 10), spy.top(1, 10)};
}

TEST_F(FacetColumnTest, TheSpyCountsTheSameWithAndWithoutAColumn) {  // JOB-3
  Xapian::WritableDatabase w(path(), Xapian::DB_CREATE);
  const char* cities[] = {"440300", "310100", "110000"};
  const char* kinds[] = {"full_time", "internship"};
  for (int i = 0; i < 60; ++i) {
    Xapian::Document d = doc_with(i % 7 == 0 ? "" : std::string(cities[i % 3]) + "\x1f" + kinds[i % 2]);
    if (i % 4 != 0) d.add_term("matched");
    w.add_document(d);
  }
  w.commit();
  const Xapian::Database r(path());
  // By hand: documents 1..60 are i = 0..59; "matched" skips every fourth, no value every 7th.
  std::map<std::string, Xapian::doccount> city, kind;
  for (int i = 0; i < 60; ++i)
    if (i % 4 != 0 && i % 7 != 0) {
      ++city[cities[i % 3]];
      ++kind[kinds[i % 2]];
    }
  const auto with = counted(r, "matched", FacetColumn::read(r, kSlot, 2, '\x1f'));
  const auto without = counted(r, "matched", nullptr);
  EXPECT_EQ(with, without);
  ASSERT_EQ(with.size(), 2u);
  using Counts = std::map<std::string, Xapian::doccount>;
  EXPECT_EQ(Counts(with[0].begin(), with[0].end()), city);
  EXPECT_EQ(Counts(with[1].begin(), with[1].end()), kind);
  // Most frequent first.
  for (const auto& list : with)
    for (std::size_t k = 1; k < list.size(); ++k) EXPECT_GE(list[k - 1].second, list[k].second);
}

}  // namespace

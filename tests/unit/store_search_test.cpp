// The search indexes follow the database through the outbox (JOB-3, RES-3, RES-4): a change
// committed before a crash is applied at the next start, applying twice indexes once, a
// rebuild misses nothing committed while it ran, and the resume index never holds a name or
// a contact. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>

#include "cli/runtime.hpp"
#include "cli/seed.hpp"
#include "crypto/keyring.hpp"
#include "resumes/resume_document.hpp"
#include "resumes/resume_store.hpp"
#include "search/job_index.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

class StoreSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Config config;
    config.data_dir = dir_.path();
    config.database_url = hiresafe::testing::fresh_database_url(dir_.path());
    if (config.database_url.empty())
      GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
    config.password_strength = "min";
    config.log_level = "error";
    config.test_clock = true;  // the expiry test moves time
    auto rt = cli::open_runtime(config);
    ASSERT_TRUE(rt) << rt.error().title << " " << rt.error().detail;
    rt_ = std::move(rt).value();
  }
  void TearDown() override {
    if (indexer_) indexer_->stop();
  }

  search::Indexer& indexer() {
    if (!indexer_) {
      // A slow poll: the tests apply changes themselves, at the moments they choose.
      indexer_ = std::make_unique<search::Indexer>(cli::index_sources(*rt_), *rt_->job_index,
                                                   *rt_->resume_index, 1000, rt_->logger);
    }
    return *indexer_;
  }
  void enqueue(std::string_view kind, const std::vector<std::string>& ids, long long at) {
    ASSERT_TRUE(rt_->db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      for (const auto& id : ids) search::enqueue(sql, kind, id, at);
      return core::Unit{};
    }));
  }
  void execute(const std::string& statement) {
    ASSERT_TRUE(rt_->db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      sql << statement;
      return core::Unit{};
    }));
  }
  std::set<std::string> found_job_ids() {
    std::set<std::string> ids;
    search::JobQuery q;
    q.limit = search::kMaxLimit;
    for (;;) {
      auto page = rt_->job_search->search(q);
      EXPECT_TRUE(page) << page.error().title << " " << page.error().detail;
      if (!page) return ids;
      for (const auto& hit : page->hits) ids.insert(hit.id);
      if (!page->next_offset) return ids;
      q.offset = *page->next_offset;
    }
  }
  Xapian::doccount documents(search::IndexDir& dir) {
    auto lease = dir.read();
    EXPECT_TRUE(lease);
    return lease ? lease->db().get_doccount() : 0;
  }

  hiresafe::testing::TempDir dir_;
  std::unique_ptr<cli::Runtime> rt_;
  std::unique_ptr<search::Indexer> indexer_;
};

TEST_F(StoreSearch, ChangesCommittedBeforeACrashAreAppliedAtTheNextStart) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 40, {});
  ASSERT_TRUE(seeded);
  // The outbox rows a publishing service would have written, never applied: the process
  // died before its indexer ran.
  std::vector<std::string> all = seeded->job_ids;
  all.insert(all.end(), seeded->hidden_job_ids.begin(), seeded->hidden_job_ids.end());
  enqueue(search::kOutboxJob, all, rt_->clock->now());
  ASSERT_TRUE(indexer().start());

  const auto found = found_job_ids();
  EXPECT_EQ(found, std::set<std::string>(seeded->job_ids.begin(), seeded->job_ids.end()));
  for (const auto& hidden : seeded->hidden_job_ids) EXPECT_FALSE(found.count(hidden)) << hidden;
  auto again = indexer().apply_pending();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0) << "every row was marked applied";
}

TEST_F(StoreSearch, ApplyingTheSameChangesTwiceIndexesEachPostOnce) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 30, {});
  ASSERT_TRUE(seeded);
  enqueue(search::kOutboxJob, seeded->job_ids, rt_->clock->now());
  ASSERT_TRUE(indexer().start());
  const auto before = documents(*rt_->job_index);
  EXPECT_EQ(before, seeded->job_ids.size());
  // A crash between the index commit and marking the rows applied: they come round again.
  execute("UPDATE search_outbox SET applied_at = NULL");
  auto replayed = indexer().apply_pending();
  ASSERT_TRUE(replayed);
  EXPECT_EQ(*replayed, static_cast<int>(seeded->job_ids.size()));
  EXPECT_EQ(documents(*rt_->job_index), before);
}

TEST_F(StoreSearch, ARebuildKeepsChangesCommittedWhileItRan) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 20, {});
  ASSERT_TRUE(seeded);
  ASSERT_TRUE(indexer().start());
  const std::string old_generation = rt_->job_index->current_generation().value();

  auto stats = search::rebuild(cli::index_sources(*rt_), *rt_->job_index, *rt_->resume_index, {});
  ASSERT_TRUE(stats) << stats.error().title << " " << stats.error().detail;
  EXPECT_EQ(stats->jobs, static_cast<long long>(seeded->job_ids.size()));
  EXPECT_NE(rt_->job_index->current_generation().value(), old_generation);

  // A post paused after the rebuild read it, and already applied by the live indexer to the
  // old generation before it noticed the new one.
  const std::string paused = seeded->job_ids.front();
  execute("UPDATE jobs SET status = 'paused' WHERE id = '" + paused + "'");
  enqueue(search::kOutboxJob, {paused}, rt_->clock->now());
  execute("UPDATE search_outbox SET applied_at = 1");

  ASSERT_TRUE(indexer().apply_pending());  // switches to the new generation and catches up
  const auto found = found_job_ids();
  EXPECT_FALSE(found.count(paused));
  EXPECT_EQ(found.size(), seeded->job_ids.size() - 1);
}

TEST_F(StoreSearch, TheResumeIndexHoldsNoNameOrContact) {  // RES-4
  auto seeded = cli::seed_resumes(*rt_, 5, {});
  ASSERT_TRUE(seeded);
  std::vector<std::string> owners, secrets;
  ASSERT_TRUE(rt_->db->read<core::Unit>([&](store::Conn& conn) -> core::Status {
    for (const auto& id : seeded->resume_ids) {
      auto row = resumes::store::resume_by_id(conn, id);
      owners.push_back(row->user_id);
      HS_TRY(auto key, rt_->keys->person_key(conn, row->user_id));
      HS_TRY(auto opened, crypto::open_field(key, row->user_id, resumes::identity_field(row->id),
                                             row->identity_enc));
      const auto identity = nlohmann::json::parse(opened);
      for (const char* field : {"name", "phone", "email", "wechat", "birth_month"})
        if (identity.contains(field)) secrets.push_back(identity[field].get<std::string>());
    }
    return core::Unit{};
  }));
  enqueue(search::kOutboxSeeker, owners, rt_->clock->now());
  ASSERT_TRUE(indexer().start());
  ASSERT_EQ(documents(*rt_->resume_index), seeded->resume_ids.size());

  auto lease = rt_->resume_index->read();
  ASSERT_TRUE(lease);
  auto& db = lease->db();
  std::string everything;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) everything += *t + "\n";
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d)
    everything += db.get_document(*d).get_data() + "\n";
  ASSERT_FALSE(secrets.empty());
  for (const auto& secret : secrets) {
    // A two-character name would be a bigram term; longer ones and contacts appear whole in
    // the stored data if anywhere.
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
    const std::string digits = secret.size() > 7 ? secret.substr(secret.size() - 7) : secret;
    EXPECT_EQ(everything.find(digits), std::string::npos) << digits;
  }
  for (const auto& owner : owners) EXPECT_EQ(everything.find(owner), std::string::npos);
}

TEST_F(StoreSearch, ExpiredPostsDropOutAtOnceAndArePurgedLater) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 10, {});
  ASSERT_TRUE(seeded);
  enqueue(search::kOutboxJob, seeded->job_ids, rt_->clock->now());
  ASSERT_TRUE(indexer().start());
  ASSERT_EQ(found_job_ids().size(), seeded->job_ids.size());

  // A year on, every seeded post has expired. Expiry is compared with
  // the clock at query time: no indexer run is needed for them to leave the results.
  rt_->test_clock->advance(366 * 86400);
  EXPECT_TRUE(found_job_ids().empty());
  EXPECT_EQ(documents(*rt_->job_index), seeded->job_ids.size());
  auto purged = indexer().purge_expired();
  ASSERT_TRUE(purged);
  EXPECT_EQ(*purged, static_cast<int>(seeded->job_ids.size()));
  EXPECT_EQ(documents(*rt_->job_index), 0u);
}

TEST_F(StoreSearch, AServerStartingOnAFreshRebuildCatchesUpBeforeAnswering) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 10, {});
  ASSERT_TRUE(seeded);
  auto resumes = cli::seed_resumes(*rt_, 2, {});
  ASSERT_TRUE(resumes);
  auto rebuilt = search::rebuild(cli::index_sources(*rt_), *rt_->job_index, *rt_->resume_index, {});
  ASSERT_TRUE(rebuilt) << rebuilt.error().title << " " << rebuilt.error().detail;
  // Changed after the rebuild read them, with no indexer running (serve was down): a post
  // paused, a resume made invisible. Catching up touches both indexes.
  const std::string paused = seeded->job_ids.front();
  execute("UPDATE jobs SET status = 'paused' WHERE id = '" + paused + "'");
  enqueue(search::kOutboxJob, {paused}, rt_->clock->now());
  const std::string hidden = resumes->resume_ids.front();
  execute("UPDATE resumes SET visibility = 'invisible' WHERE id = '" + hidden + "'");
  std::string owner;
  ASSERT_TRUE(rt_->db->read<core::Unit>([&](soci::session& sql) -> core::Status {
    sql << "SELECT user_id FROM resumes WHERE id = :i", soci::use(hidden), soci::into(owner);
    return core::Unit{};
  }));
  enqueue(search::kOutboxSeeker, {owner}, rt_->clock->now());
  ASSERT_TRUE(indexer().start());  // opens both rebuilt generations, then catches up
  EXPECT_FALSE(found_job_ids().count(paused));
  EXPECT_EQ(found_job_ids().size(), seeded->job_ids.size() - 1);
  EXPECT_EQ(documents(*rt_->resume_index), 1u);
}

}  // namespace


namespace {

// Marks the current generation of `dir` as built before layouts were recorded.
void make_layout_one(search::IndexDir& dir) {
  Xapian::WritableDatabase db(dir.path_of(dir.current_generation().value()).string(),
                              Xapian::DB_OPEN);
  db.set_metadata(search::kLayoutKey, "");
  db.commit();
}

std::set<std::string> generations(const search::IndexDir& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir.root()))
    if (e.is_directory()) out.insert(e.path().filename().string());
  return out;
}

TEST_F(StoreSearch, AnIndexOfAnOlderLayoutIsRebuiltWhileTheOldOneAnswers) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 12, {});
  ASSERT_TRUE(seeded);
  auto rebuilt = search::rebuild(cli::index_sources(*rt_), *rt_->job_index, *rt_->resume_index, {});
  ASSERT_TRUE(rebuilt) << rebuilt.error().title << " " << rebuilt.error().detail;
  EXPECT_EQ(rt_->job_index->layout().value(), search::kLayout);
  const std::string old_generation = rt_->job_index->current_generation().value();
  make_layout_one(*rt_->job_index);
  ASSERT_EQ(rt_->job_index->layout().value(), 1);

  ASSERT_TRUE(indexer().start());
  indexer().finish_rebuild();  // it runs beside the indexer; the old generation answers meanwhile
  EXPECT_NE(rt_->job_index->current_generation().value(), old_generation);
  EXPECT_EQ(rt_->job_index->layout().value(), search::kLayout);
  EXPECT_EQ(rt_->resume_index->layout().value(), search::kLayout);
  EXPECT_EQ(found_job_ids().size(), seeded->job_ids.size());
  auto all = rt_->job_search->search({});
  ASSERT_TRUE(all);
  long long counted = 0;
  for (const auto& f : all->facets.at("work_type")) counted += f.count;
  EXPECT_EQ(counted, static_cast<long long>(seeded->job_ids.size()));
}

// While a layout-3 rebuild runs, searches are answered from the old generation, whose posts
// keep their result card as the document data instead of in job_slots::kCard.
TEST_F(StoreSearch, ALayoutTwoIndexStillAnswersWithItsCards) {  // JOB-3
  auto seeded = cli::seed_jobs(*rt_, 6, {});
  ASSERT_TRUE(seeded);
  ASSERT_TRUE(search::rebuild(cli::index_sources(*rt_), *rt_->job_index, *rt_->resume_index, {}));
  {
    Xapian::WritableDatabase db(
        rt_->job_index->path_of(rt_->job_index->current_generation().value()).string(),
        Xapian::DB_OPEN);
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
      Xapian::Document doc = db.get_document(*d);
      doc.set_data(doc.get_value(search::job_slots::kCard));
      doc.remove_value(search::job_slots::kCard);
      db.replace_document(*d, doc);
    }
    db.set_metadata(search::kLayoutKey, "2");
    db.commit();
  }
  ASSERT_EQ(rt_->job_index->layout().value(), 2);
  auto all = rt_->job_search->search({});
  ASSERT_TRUE(all) << all.error().title << " " << all.error().detail;
  std::set<std::string> ids;
  for (const auto& hit : all->hits) {
    EXPECT_EQ(nlohmann::json::parse(hit.card_json).at("id"), hit.id);
    ids.insert(hit.id);
  }
  EXPECT_EQ(ids, std::set<std::string>(seeded->job_ids.begin(), seeded->job_ids.end()));
}

TEST_F(StoreSearch, AStoppedRebuildPublishesNothingAndLeavesNothingBehind) {  // JOB-3
  ASSERT_TRUE(cli::seed_jobs(*rt_, 5, {}));
  ASSERT_TRUE(rt_->job_index->ensure());
  ASSERT_TRUE(rt_->resume_index->ensure());
  const auto jobs_before = generations(*rt_->job_index);
  const auto resumes_before = generations(*rt_->resume_index);
  const std::string current = rt_->job_index->current_generation().value();
  const std::atomic<bool> stop = true;
  auto stats = search::rebuild(cli::index_sources(*rt_), *rt_->job_index, *rt_->resume_index, {},
                               &stop);
  EXPECT_FALSE(stats);
  EXPECT_EQ(rt_->job_index->current_generation().value(), current);
  EXPECT_EQ(generations(*rt_->job_index), jobs_before);
  EXPECT_EQ(generations(*rt_->resume_index), resumes_before);
}

}  // namespace

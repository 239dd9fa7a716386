// What every engine of search_bench shares: the query set, the timing loop, the grading
// (nDCG@10), the text the peers index, and the one result line each run prints.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/runtime.hpp"
#include "jobs/job_store.hpp"

namespace hiresafe::bench {

// One line of bench/search_queries.tsv:
//   id  q  city  salary_min  salary_max  target_category  target_skills
// Empty cells (or "-") mean no filter / no target skills; skills are separated by '|', ',' or ';'.
struct BenchQuery {
  std::string id, q;
  std::optional<std::string> city;
  std::optional<long long> salary_min, salary_max;
  std::string target_category;
  std::vector<std::string> target_skills;  // folded
};
// Throws std::runtime_error naming the file and line of a malformed row.
std::vector<BenchQuery> load_queries(const std::string& path);

// What an engine returns for one query: post ids, best first, and the matches it counted.
struct Answer {
  std::vector<std::string> ids;
  long long total = 0;
  bool failed = false;
};
using Engine = std::function<Answer(const BenchQuery&)>;

struct Timing {
  std::vector<double> samples_ms;                 // every query of every measured round
  std::vector<std::vector<double>> per_query_ms;  // by query, the measured rounds
  std::vector<Answer> answers;                    // the last round's
  long long failures = 0;
};
// Runs every query `rounds` times, in file order; round one warms caches and is not recorded.
Timing time_queries(const std::vector<BenchQuery>& queries, int rounds, const Engine& engine);
// Nearest-rank percentile (p in 0..100) of an unsorted sample.
double percentile(std::vector<double> v, double p);

// nDCG@10 with gain 2^grade - 1 and complete judgements: the ideal ranking is the best ten
// grades among every live post that passes the query's filters (city or province, salary
// overlap), whether or not it contains the words.
struct Judgement {
  std::vector<double> ndcg;              // by query; -1 where no post can earn a grade
  std::vector<std::vector<int>> grades;  // by query, the grades of the returned top ten
  double mean = 0;                       // over the queries with an ideal above zero
  int judged = 0;
};
// Reads category_id and skill_tags of every live post from the hiresafe database once.
Judgement judge(cli::Runtime& rt, const std::vector<BenchQuery>& queries,
                const std::vector<Answer>& answers);

// Peak resident set of this process so far, in KiB (getrusage).
long peak_rss_kb();
// VmHWM of another process (a PostgreSQL backend), in KiB; -1 when unreadable.
long process_hwm_kb(long pid);
// Bytes of the regular files under `path` (or of the file itself).
long long tree_bytes(const std::string& path);
double seconds_since(std::chrono::steady_clock::time_point start);

// The text a peer indexes: the same fields the Xapian document is built from (job_index.cpp),
// folded (NFKC + case folding) as hiresafe folds them, so the engines differ only in how they
// index and rank.
struct PeerDoc {
  std::string id, city_code, province_code, category_id, salary_band, work_type;
  long long salary_min = 0, salary_max = 0, created_at = 0, expires_at = 0;
  std::string title, category, tags, company, city, description;  // folded
};
PeerDoc peer_doc(const jobs::store::JobRow& job, const jobs::Taxonomy& taxonomy);
// Streams every live post (open, unexpired at `now`) as the reindex reads them.
void each_live_job(cli::Runtime& rt, long long now,
                   const std::function<void(const jobs::store::JobRow&)>& f);

// Query words as the peers use them: split on white space, quotes stripped, folded.
std::vector<std::string> query_terms(const std::string& q);
// Number of Unicode code points.
std::size_t code_points(const std::string& utf8);
// Text with every run of CJK characters replaced by its overlapping bigrams (a lone character
// stays itself), separated by spaces from everything else; CJK punctuation becomes a space.
std::string cjk_bigrams(const std::string& folded);
// '%term%' for LIKE, with %, _ and \ escaped by a backslash.
std::string like_pattern(const std::string& term);
// True when the text is one CJK character.
bool single_cjk(const std::string& folded);

// The one machine-readable line a run prints: "key=value" pairs separated by spaces.
class ResultLine {
 public:
  void add(const std::string& key, const std::string& value);
  void add(const std::string& key, double value, int decimals);
  void add(const std::string& key, long long value);
  std::string str() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The query-phase part of a line: queries, samples, p50/p99/mean, failures, nDCG.
void add_query_figures(ResultLine& line, const Timing& timing, const Judgement& judgement);
// Per-query details (latency, total, nDCG, grades of the top ten) as TSV, for explaining nDCG
// differences between engines.
void write_details(const std::string& path, const std::vector<BenchQuery>& queries,
                   const Timing& timing, const Judgement& judgement);

}  // namespace hiresafe::bench

// search_bench: job search in hiresafe (Xapian) against the peers an operator would pick
// instead (SQLite FTS5 trigram, PostgreSQL tsvector and pg_trgm), on the same posts and the
// same queries. Run by bench/search.sh; never by the tests.
//
//   search_bench hiresafe --data-dir D --queries Q [--index-seconds S --build-rss-kb K]
//   search_bench talent   --data-dir D --queries Q   (resume search as a recruiter)
//   search_bench fts5     --data-dir D --queries Q --db FILE [--phase build|query|all]
//   search_bench pg       --data-dir D --queries Q --pg-url URL [--variant tsvector|trgm|both]
//   search_bench peak-rss --out FILE -- COMMAND ARGS...
//
// Each engine run prints one line of key=value pairs: engine, docs, index_seconds,
// docs_per_second, index_bytes, p50_ms, p99_ms, ndcg10, peak_rss_kb and more. A build runs in a
// forked child so the query phase's peak RSS is its own (build_rss_kb is the child's).
#include <sodium.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstring>
#include <fstream>
#include <iostream>

#include "bench.hpp"
#include "engines.hpp"

namespace hs = hiresafe;
using namespace hiresafe::bench;

namespace {

struct Options {
  std::string data_dir, queries, details, phase = "all";
  int rounds = 5;
};

std::unique_ptr<hs::cli::Runtime> open_runtime(const std::string& data_dir) {
  hs::core::Config config;
  config.data_dir = data_dir;
  config.log_level = "warn";
  config.search_indexer = false;
  auto rt = hs::cli::open_runtime(std::move(config));
  if (!rt)
    throw std::runtime_error("cannot open the runtime on " + data_dir + ": " + rt.error().title +
                             " " + rt.error().detail);
  return std::move(rt).value();
}

IsProvince province_test(const hs::jobs::Taxonomy& taxonomy) {
  return [&taxonomy](const std::string& code) {
    const auto* city = taxonomy.city(code);
    return city && city->parent_code.empty();
  };
}

// Runs `build` in a child process; returns what it wrote and the child's peak RSS.
struct ChildResult {
  std::string text;
  long rss_kb = 0;
};
ChildResult in_child(const std::function<std::string()>& build) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::cout.flush();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    std::string out;
    int code = 0;
    try {
      out = build();
    } catch (const std::exception& e) {
      out = std::string("error ") + e.what();
      code = 1;
    }
    const char* p = out.data();
    std::size_t left = out.size();
    while (left > 0) {
      const ssize_t n = write(fds[1], p, left);
      if (n <= 0) break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    close(fds[1]);
    std::_Exit(code);
  }
  close(fds[1]);
  ChildResult r;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0)
    r.text.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  r.rss_kb = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("build failed: " +
                             (r.text.empty() ? std::string("the child died") : r.text));
  return r;
}

void add_build_figures(ResultLine& line, long long docs, double seconds, long long bytes) {
  line.add("docs", docs);
  if (seconds > 0) {
    line.add("index_seconds", seconds, 2);
    line.add("docs_per_second", static_cast<double>(docs) / seconds, 0);
  } else {
    line.add("index_seconds", "-");
    line.add("docs_per_second", "-");
  }
  line.add("index_bytes", bytes);
}

// Documents in an index and the bytes of its current generation on disk.
std::pair<long long, long long> index_figures(hs::search::IndexDir& index) {
  auto lease = index.read();
  if (!lease)
    throw std::runtime_error("no index under " + index.root().string() + ": " +
                             lease.error().title);
  auto generation = index.current_generation();
  return {static_cast<long long>(lease->db().get_doccount()),
          generation ? tree_bytes(index.path_of(*generation).string()) : 0};
}

int run_hiresafe(const Options& o, double index_seconds, long build_rss_kb) {
  auto rt = open_runtime(o.data_dir);
  auto queries = load_queries(o.queries);
  const auto [docs, bytes] = index_figures(*rt->job_index);
  Engine engine = [&](const BenchQuery& b) {
    hs::search::JobQuery q;
    q.q = b.q;
    q.city = b.city;
    q.salary_min = b.salary_min;
    q.salary_max = b.salary_max;
    q.limit = kTopK;
    Answer a;
    auto r = rt->job_search->search(q);
    if (!r) {
      a.failed = true;
      return a;
    }
    a.total = r->total;
    for (const auto& hit : r->hits) a.ids.push_back(hit.id);
    return a;
  };
  const Timing timing = time_queries(queries, o.rounds, engine);
  const long rss = peak_rss_kb();
  const Judgement judgement = judge(*rt, queries, timing.answers);

  ResultLine line;
  line.add("engine", "hiresafe");
  add_build_figures(line, docs, index_seconds, bytes);
  add_query_figures(line, timing, judgement);
  line.add("peak_rss_kb", static_cast<long long>(rss));
  line.add("build_rss_kb", build_rss_kb > 0 ? std::to_string(build_rss_kb) : "-");
  std::cout << line.str() << std::endl;
  write_details(o.details, queries, timing, judgement);
  return 0;
}

// Resume search (RES-3) as a verified employer recruiter whose company nobody blocked, the
// relevance set's words and cities as the query: server-side time of TalentSearch::search,
// which includes the disclosure layer's masked cards (a database read per card).
int run_talent(const Options& o) {
  auto rt = open_runtime(o.data_dir);
  auto queries = load_queries(o.queries);
  const auto [docs, bytes] = index_figures(*rt->resume_index);
  const hs::disclosure::Viewer viewer{hs::disclosure::ViewerKind::kRecruiter, "u_bench_recruiter",
                                      "co_bench_company", "bench company", std::nullopt};
  long long cards = 0;
  Engine engine = [&](const BenchQuery& b) {
    hs::search::TalentQuery q;
    q.q = b.q;
    q.city = b.city;
    q.limit = kTopK;
    Answer a;
    auto r = rt->talent_search->search(viewer, q);
    if (!r) {
      a.failed = true;
      return a;
    }
    a.total = r->total;
    cards += static_cast<long long>(r->cards.size());
    for (const auto& card : r->cards) a.ids.push_back(card.value("id", ""));
    return a;
  };
  const Timing timing = time_queries(queries, o.rounds, engine);
  ResultLine line;
  line.add("engine", "hiresafe-talent");
  line.add("docs", docs);
  line.add("index_bytes", bytes);
  line.add("queries", static_cast<long long>(queries.size()));
  line.add("samples", static_cast<long long>(timing.samples_ms.size()));
  line.add("p50_ms", percentile(timing.samples_ms, 50), 3);
  line.add("p99_ms", percentile(timing.samples_ms, 99), 3);
  line.add("failures", timing.failures);
  line.add("cards_per_query", static_cast<double>(cards) / (o.rounds * queries.size()), 1);
  line.add("peak_rss_kb", static_cast<long long>(peak_rss_kb()));
  std::cout << line.str() << std::endl;
  return 0;
}

int run_fts5(const Options& o, const std::string& db) {
  BuildFigures built;
  long build_rss = 0;
  if (o.phase != "query") {
    const auto child = in_child([&] {
      auto rt = open_runtime(o.data_dir);
      const auto f = fts5_build(*rt, db);
      return std::to_string(f.docs) + " " + std::to_string(f.seconds) + " " +
             std::to_string(f.bytes);
    });
    std::istringstream(child.text) >> built.docs >> built.seconds >> built.bytes;
    build_rss = child.rss_kb;
    std::cerr << "fts5: built " << built.docs << " posts in " << built.seconds << " s\n";
  }
  if (o.phase == "build") {
    ResultLine line;
    line.add("engine", "fts5-trigram");
    add_build_figures(line, built.docs, built.seconds, built.bytes);
    line.add("build_rss_kb", static_cast<long long>(build_rss));
    std::cout << line.str() << std::endl;
    return 0;
  }
  auto rt = open_runtime(o.data_dir);
  auto queries = load_queries(o.queries);
  Fts5Search search(db, rt->clock->now(), province_test(*rt->taxonomy));
  if (o.phase == "query") {
    built.docs = search.docs();
    built.bytes = tree_bytes(db);
  }
  const Timing timing =
      time_queries(queries, o.rounds, [&](const BenchQuery& q) { return search.search(q); });
  const long rss = peak_rss_kb();
  const Judgement judgement = judge(*rt, queries, timing.answers);
  ResultLine line;
  line.add("engine", "fts5-trigram");
  add_build_figures(line, built.docs, built.seconds, built.bytes);
  add_query_figures(line, timing, judgement);
  line.add("sqlite", sqlite3_libversion());
  line.add("peak_rss_kb", static_cast<long long>(rss));
  line.add("build_rss_kb", build_rss > 0 ? std::to_string(build_rss) : "-");
  std::cout << line.str() << std::endl;
  write_details(o.details, queries, timing, judgement);
  return 0;
}

int run_pg(const Options& o, const std::string& url, const std::string& which) {
  std::vector<PgVariant> variants;
  if (which == "tsvector" || which == "both") variants.push_back(PgVariant::kTsvector);
  if (which == "trgm" || which == "both") variants.push_back(PgVariant::kTrigram);
  std::map<PgVariant, PgBuildFigures> built;
  std::map<PgVariant, long> build_rss;
  if (o.phase != "query") {
    for (auto v : variants) {
      const auto child = in_child([&] {
        auto rt = open_runtime(o.data_dir);
        const auto f = pg_build(*rt, url, v);
        return std::to_string(f.docs) + " " + std::to_string(f.seconds) + " " +
               std::to_string(f.bytes) + " " + std::to_string(f.backend_hwm_kb) + " " +
               std::to_string(f.database_bytes);
      });
      auto& f = built[v];
      std::istringstream(child.text) >> f.docs >> f.seconds >> f.bytes >> f.backend_hwm_kb >>
          f.database_bytes;
      build_rss[v] = child.rss_kb;
      std::cerr << pg_engine_name(v) << ": built " << f.docs << " posts in " << f.seconds << " s\n";
    }
  }
  std::unique_ptr<hs::cli::Runtime> rt;
  std::vector<BenchQuery> queries;
  if (o.phase != "build") {
    rt = open_runtime(o.data_dir);
    queries = load_queries(o.queries);
  }
  for (auto v : variants) {
    auto& f = built[v];
    ResultLine line;
    line.add("engine", pg_engine_name(v));
    if (o.phase == "build") {
      add_build_figures(line, f.docs, f.seconds, f.bytes);
      line.add("build_rss_kb", static_cast<long long>(build_rss[v]));
      line.add("build_server_rss_kb", static_cast<long long>(f.backend_hwm_kb));
      line.add("database_bytes", f.database_bytes);
      std::cout << line.str() << std::endl;
      continue;
    }
    PgSearch search(url, v, rt->clock->now(), province_test(*rt->taxonomy));
    if (o.phase == "query") {
      f.docs = search.docs();
      f.bytes = search.table_bytes();
    }
    const Timing timing =
        time_queries(queries, o.rounds, [&](const BenchQuery& q) { return search.search(q); });
    const long rss = peak_rss_kb();
    const long server_rss = search.backend_hwm_kb();
    const long long database_bytes = search.database_bytes();
    const Judgement judgement = judge(*rt, queries, timing.answers);
    add_build_figures(line, f.docs, f.seconds, f.bytes);
    add_query_figures(line, timing, judgement);
    line.add("peak_rss_kb", static_cast<long long>(rss));
    line.add("server_rss_kb", static_cast<long long>(server_rss));
    line.add("build_rss_kb", build_rss.count(v) ? std::to_string(build_rss[v]) : "-");
    line.add("build_server_rss_kb", f.backend_hwm_kb > 0 ? std::to_string(f.backend_hwm_kb) : "-");
    line.add("database_bytes", database_bytes);
    std::cout << line.str() << std::endl;
    std::string details = o.details;
    if (!details.empty() && variants.size() > 1) {
      const auto dot = details.rfind('.');
      const std::string suffix = v == PgVariant::kTsvector ? "-tsvector" : "-trgm";
      details = dot == std::string::npos ? details + suffix
                                         : details.substr(0, dot) + suffix + details.substr(dot);
    }
    write_details(details, queries, timing, judgement);
  }
  return 0;
}

// Runs a command and writes its peak RSS and wall time to `out`: "peak_rss_kb=N seconds=S".
int peak_rss(const std::string& out, const std::vector<std::string>& command) {
  if (command.empty()) throw std::runtime_error("peak-rss: no command");
  const auto start = std::chrono::steady_clock::now();
  std::cout.flush();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    std::cerr << "peak-rss: cannot run " << command[0] << ": " << std::strerror(errno) << "\n";
    std::_Exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const double seconds = seconds_since(start);
  std::ofstream file(out, std::ios::trunc);
  file << "peak_rss_kb=" << usage.ru_maxrss << " seconds=" << seconds << "\n";
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"search_bench: hiresafe job search against SQLite FTS5 and PostgreSQL"};
  app.require_subcommand(1);
  Options o;
  auto common = [&](CLI::App* cmd) {
    cmd->add_option("--data-dir", o.data_dir, "the hiresafe data dir (seeded, reindexed)")
        ->required();
    cmd->add_option("--queries", o.queries, "bench/search_queries.tsv")->required();
    cmd->add_option("--rounds", o.rounds, "rounds over the queries; the first is a warm-up")
        ->capture_default_str()
        ->check(CLI::Range(2, 1000));
    cmd->add_option("--details", o.details, "write per-query latency, nDCG and grades to FILE");
  };
  auto* hiresafe_cmd = app.add_subcommand("hiresafe", "JobSearch on the data dir's Xapian index");
  common(hiresafe_cmd);
  double index_seconds = 0;
  long build_rss_kb = 0;
  hiresafe_cmd->add_option("--index-seconds", index_seconds, "what hiresafe reindex took");
  hiresafe_cmd->add_option("--build-rss-kb", build_rss_kb, "hiresafe reindex's peak RSS");

  auto* talent_cmd =
      app.add_subcommand("talent", "TalentSearch (resumes) on the data dir's Xapian index");
  common(talent_cmd);

  auto* fts5_cmd = app.add_subcommand("fts5", "SQLite FTS5, trigram tokenizer");
  common(fts5_cmd);
  std::string fts5_db;
  fts5_cmd->add_option("--db", fts5_db, "the FTS5 database file (rebuilt)")->required();
  fts5_cmd->add_option("--phase", o.phase, "build, query or all")
      ->check(CLI::IsMember({"build", "query", "all"}));

  auto* pg_cmd = app.add_subcommand("pg", "PostgreSQL: bigram tsvector + GIN, pg_trgm + GIN");
  common(pg_cmd);
  std::string pg_url, variant = "both";
  pg_cmd->add_option("--pg-url", pg_url, "postgresql://… of an empty database")->required();
  pg_cmd->add_option("--variant", variant, "tsvector, trgm or both")
      ->check(CLI::IsMember({"tsvector", "trgm", "both"}));
  pg_cmd->add_option("--phase", o.phase, "build, query or all")
      ->check(CLI::IsMember({"build", "query", "all"}));

  auto* rss_cmd = app.add_subcommand("peak-rss", "run a command, write its peak RSS and time");
  std::string rss_out;
  std::vector<std::string> command;
  rss_cmd->add_option("--out", rss_out, "where the figures go")->required();
  rss_cmd->add_option("command", command, "the command and its arguments (after --)")->required();

  CLI11_PARSE(app, argc, argv);
  // As in src/main.cpp: the keyring picks its cipher by what libsodium reports.
  if (sodium_init() < 0) {
    std::cerr << "search_bench: libsodium failed to initialise\n";
    return 1;
  }
  try {
    if (hiresafe_cmd->parsed()) return run_hiresafe(o, index_seconds, build_rss_kb);
    if (talent_cmd->parsed()) return run_talent(o);
    if (fts5_cmd->parsed()) return run_fts5(o, fts5_db);
    if (pg_cmd->parsed()) return run_pg(o, pg_url, variant);
    if (rss_cmd->parsed()) return peak_rss(rss_out, command);
  } catch (const std::exception& e) {
    std::cerr << "search_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

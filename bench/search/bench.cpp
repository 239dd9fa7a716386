// Shared parts of search_bench: query file, timing loop, grading, peer text, result line.
#include "bench.hpp"

#include <sys/resource.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/text.hpp"
#include "search/job_index.hpp"

namespace hiresafe::bench {

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \r\n");
  return s.substr(b, e - b + 1);
}

bool blank(const std::string& cell) {
  return cell.empty() || cell == "-";
}

std::string family_of(const std::string& category_id) {
  return category_id.substr(0, category_id.find('.'));
}

bool is_cjk(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(c, &err)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
      return U_SUCCESS(err);
    default:
      return false;
  }
}

}  // namespace

std::vector<BenchQuery> load_queries(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::string line;
  std::map<std::string, std::size_t> col;
  std::vector<BenchQuery> out;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto cells = split_tabs(line);
    if (col.empty()) {
      for (std::size_t i = 0; i < cells.size(); ++i) col[trimmed(cells[i])] = i;
      for (const char* name :
           {"id", "q", "city", "salary_min", "salary_max", "target_category", "target_skills"})
        if (!col.count(name)) throw std::runtime_error(path + ": the header has no column " + name);
      continue;
    }
    auto cell = [&](const char* name) {
      const auto i = col.at(name);
      return i < cells.size() ? trimmed(cells[i]) : std::string();
    };
    auto number_of = [&](const char* name) -> std::optional<long long> {
      const auto v = cell(name);
      if (blank(v)) return std::nullopt;
      try {
        std::size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used == v.size()) return n;
      } catch (const std::exception&) {
      }
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + name +
                               " is not a whole number");
    };
    BenchQuery q;
    q.id = cell("id");
    q.q = cell("q");
    if (const auto city = cell("city"); !blank(city)) q.city = city;
    q.salary_min = number_of("salary_min");
    q.salary_max = number_of("salary_max");
    q.target_category = cell("target_category");
    if (q.id.empty() || blank(q.target_category))
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": id and target_category are required");
    std::string skills = cell("target_skills");
    if (!blank(skills)) {
      std::replace(skills.begin(), skills.end(), ',', '|');
      std::replace(skills.begin(), skills.end(), ';', '|');
      std::istringstream parts(skills);
      std::string skill;
      while (std::getline(parts, skill, '|'))
        if (auto s = core::fold(trimmed(skill)); !s.empty()) q.target_skills.push_back(s);
    }
    out.push_back(std::move(q));
  }
  if (out.empty()) throw std::runtime_error(path + " holds no queries");
  return out;
}

Timing time_queries(const std::vector<BenchQuery>& queries, int rounds, const Engine& engine) {
  Timing t;
  t.per_query_ms.resize(queries.size());
  t.answers.resize(queries.size());
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      Answer a = engine(queries[i]);
      const double ms = seconds_since(start) * 1000.0;
      if (round == 0) continue;
      t.samples_ms.push_back(ms);
      t.per_query_ms[i].push_back(ms);
      if (a.failed) ++t.failures;
      if (round == rounds - 1) t.answers[i] = std::move(a);
    }
  }
  return t;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  rank = std::clamp<std::size_t>(rank, 1, v.size());
  return v[rank - 1];
}

Judgement judge(cli::Runtime& rt, const std::vector<BenchQuery>& queries,
                const std::vector<Answer>& answers) {
  const auto& taxonomy = *rt.taxonomy;
  struct Target {
    std::string category, family;
    bool category_is_family = false;
    std::optional<std::string> city;
    bool city_is_province = false;
    long long count[4] = {0, 0, 0, 0};  // live posts passing the filters, by grade
  };
  std::vector<Target> targets(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    auto& t = targets[i];
    t.category = q.target_category;
    t.family = family_of(q.target_category);
    t.category_is_family = q.target_category.find('.') == std::string::npos;
    t.city = q.city;
    if (q.city) {
      const auto* city = taxonomy.city(*q.city);
      t.city_is_province = city && city->parent_code.empty();
    }
  }
  // Where each returned id sits: (query, rank) pairs.
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> returned;
  Judgement j;
  j.grades.resize(queries.size());
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::size_t n = std::min<std::size_t>(10, answers[i].ids.size());
    j.grades[i].assign(n, 0);
    for (std::size_t r = 0; r < n; ++r) returned[answers[i].ids[r]].emplace_back(i, r);
  }

  each_live_job(rt, rt.clock->now(), [&](const jobs::store::JobRow& job) {
    const std::string family = family_of(job.category_id);
    const auto* province = taxonomy.province_of(job.city_code);
    std::optional<std::vector<std::string>> tags;  // folded, parsed when first needed
    auto has_skill = [&](const std::vector<std::string>& skills) {
      if (skills.empty()) return true;
      if (!tags) {
        tags.emplace();
        const auto parsed = nlohmann::json::parse(job.skill_tags_json, nullptr, false);
        if (parsed.is_array())
          for (const auto& tag : parsed)
            if (tag.is_string()) tags->push_back(core::fold(tag.get<std::string>()));
      }
      for (const auto& s : skills)
        if (std::find(tags->begin(), tags->end(), s) != tags->end()) return true;
      return false;
    };
    auto grade = [&](std::size_t i) {
      const auto& t = targets[i];
      const bool same = t.category_is_family ? family == t.category : job.category_id == t.category;
      if (same) return has_skill(queries[i].target_skills) ? 3 : 2;
      return family == t.family ? 1 : 0;
    };
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto& q = queries[i];
      auto& t = targets[i];
      if (t.city) {
        if (t.city_is_province ? (!province || province->code != *t.city)
                               : job.city_code != *t.city)
          continue;
      }
      if (q.salary_min && job.salary_max < *q.salary_min) continue;
      if (q.salary_max && job.salary_min > *q.salary_max) continue;
      ++t.count[grade(i)];
    }
    if (auto at = returned.find(job.id); at != returned.end())
      for (const auto& [i, r] : at->second) j.grades[i][r] = grade(i);
  });

  auto gain = [](int g) { return std::pow(2.0, g) - 1.0; };
  auto discount = [](std::size_t rank) { return 1.0 / std::log2(static_cast<double>(rank) + 2.0); };
  j.ndcg.assign(queries.size(), -1);
  double sum = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    double ideal = 0;
    std::size_t rank = 0;
    for (int g = 3; g >= 1 && rank < 10; --g)
      for (long long k = 0; k < targets[i].count[g] && rank < 10; ++k)
        ideal += gain(g) * discount(rank++);
    if (ideal <= 0) continue;
    double dcg = 0;
    for (std::size_t r = 0; r < j.grades[i].size(); ++r) dcg += gain(j.grades[i][r]) * discount(r);
    j.ndcg[i] = dcg / ideal;
    sum += j.ndcg[i];
    ++j.judged;
  }
  j.mean = j.judged > 0 ? sum / j.judged : 0;
  return j;
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

long process_hwm_kb(long pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

long long tree_bytes(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return static_cast<long long>(fs::file_size(path, ec));
  long long total = 0;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) total += static_cast<long long>(it->file_size(ec));
  return total;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

PeerDoc peer_doc(const jobs::store::JobRow& job, const jobs::Taxonomy& taxonomy) {
  PeerDoc d;
  d.id = job.id;
  d.city_code = job.city_code;
  const auto* province = taxonomy.province_of(job.city_code);
  d.province_code = province ? province->code : "";
  d.category_id = job.category_id;
  d.salary_band = search::salary_band(job.salary_min, job.salary_max);
  d.work_type = job.work_type;
  d.salary_min = job.salary_min;
  d.salary_max = job.salary_max;
  d.created_at = job.created_at;
  d.expires_at = job.expires_at;
  d.title = core::fold(job.title);
  if (const auto* category = taxonomy.category(job.category_id))
    d.category = core::fold(category->name_zh + " " + category->name_en);
  const auto tags = nlohmann::json::parse(job.skill_tags_json, nullptr, false);
  if (tags.is_array())
    for (const auto& tag : tags)
      if (tag.is_string()) {
        if (!d.tags.empty()) d.tags += ' ';
        d.tags += tag.get<std::string>();
      }
  d.tags = core::fold(d.tags);
  d.company = core::fold(job.company_name);
  if (const auto* city = taxonomy.city(job.city_code))
    d.city = core::fold(city->name_zh + " " + city->name_en);
  d.description = core::fold(job.description);
  return d;
}

void each_live_job(cli::Runtime& rt, long long now,
                   const std::function<void(const jobs::store::JobRow&)>& f) {
  auto done = rt.db->read<core::Unit>([&](store::Conn& conn) -> core::Status {
    jobs::store::each_live_job(conn, now, f);
    return core::Unit{};
  });
  if (!done) throw std::runtime_error("reading the job posts failed: " + done.error().title);
}

std::vector<std::string> query_terms(const std::string& q) {
  std::string plain = q;
  std::replace(plain.begin(), plain.end(), '"', ' ');
  std::istringstream words(plain);
  std::vector<std::string> out;
  std::string word;
  while (words >> word)
    if (auto folded = core::fold(word); !folded.empty()) out.push_back(std::move(folded));
  return out;
}

std::size_t code_points(const std::string& utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string cjk_bigrams(const std::string& folded) {
  std::string out;
  std::vector<std::pair<int32_t, int32_t>> run;  // byte ranges of the CJK characters in a row
  auto flush = [&] {
    if (run.empty()) return;
    if (!out.empty() && out.back() != ' ') out += ' ';
    if (run.size() == 1) {
      out.append(folded, run[0].first, run[0].second - run[0].first);
    } else {
      for (std::size_t k = 0; k + 1 < run.size(); ++k) {
        if (k > 0) out += ' ';
        out.append(folded, run[k].first, run[k + 1].second - run[k].first);
      }
    }
    out += ' ';
    run.clear();
  };
  const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
  const auto length = static_cast<int32_t>(folded.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && is_cjk(c)) {
      run.emplace_back(start, i);
      continue;
    }
    flush();
    if (c >= 0x3000 && c <= 0x303F) {  // CJK punctuation: a separator
      out += ' ';
      continue;
    }
    out.append(folded, start, i - start);
  }
  flush();
  return out;
}

std::string like_pattern(const std::string& term) {
  std::string p = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

bool single_cjk(const std::string& folded) {
  const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
  const auto length = static_cast<int32_t>(folded.size());
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s, i, length, c);
  return i == length && c >= 0 && is_cjk(c);
}

void ResultLine::add(const std::string& key, const std::string& value) {
  std::string v = value.empty() ? "-" : value;
  std::replace(v.begin(), v.end(), ' ', '_');
  fields_.emplace_back(key, v);
}
void ResultLine::add(const std::string& key, double value, int decimals) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << value;
  add(key, s.str());
}
void ResultLine::add(const std::string& key, long long value) {
  add(key, std::to_string(value));
}
std::string ResultLine::str() const {
  std::string out;
  for (const auto& [k, v] : fields_) {
    if (!out.empty()) out += ' ';
    out += k + "=" + v;
  }
  return out;
}

void add_query_figures(ResultLine& line, const Timing& timing, const Judgement& judgement) {
  double sum = 0;
  for (double ms : timing.samples_ms) sum += ms;
  line.add("queries", static_cast<long long>(timing.per_query_ms.size()));
  line.add("samples", static_cast<long long>(timing.samples_ms.size()));
  line.add("p50_ms", percentile(timing.samples_ms, 50), 3);
  line.add("p99_ms", percentile(timing.samples_ms, 99), 3);
  line.add("mean_ms", timing.samples_ms.empty() ? 0.0 : sum / timing.samples_ms.size(), 3);
  line.add("max_ms", percentile(timing.samples_ms, 100), 3);
  line.add("failures", timing.failures);
  line.add("ndcg10", judgement.mean, 4);
  line.add("judged", static_cast<long long>(judgement.judged));
}

void write_details(const std::string& path, const std::vector<BenchQuery>& queries,
                   const Timing& timing, const Judgement& judgement) {
  if (path.empty()) return;
  std::ofstream out(path, std::ios::trunc);
  out << "id\tq\tcity\tsalary_min\tsalary_max\tmedian_ms\tmax_ms\thits\ttotal\tndcg10\tgrades\n";
  out << std::fixed;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    std::string grades;
    for (int g : judgement.grades[i]) grades += std::to_string(g);
    out << q.id << '\t' << q.q << '\t' << q.city.value_or("") << '\t'
        << (q.salary_min ? std::to_string(*q.salary_min) : "") << '\t'
        << (q.salary_max ? std::to_string(*q.salary_max) : "") << '\t' << std::setprecision(3)
        << percentile(timing.per_query_ms[i], 50) << '\t' << percentile(timing.per_query_ms[i], 100)
        << '\t' << timing.answers[i].ids.size() << '\t' << timing.answers[i].total << '\t'
        << std::setprecision(4) << judgement.ndcg[i] << '\t' << grades << '\n';
  }
}

}  // namespace hiresafe::bench

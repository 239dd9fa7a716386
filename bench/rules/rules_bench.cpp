// JOB-2 publishing rules: how many job texts one thread can check per second (target 20,000).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "jobs/publishing_rules.hpp"

namespace {

// The labelled corpus from the unit tests: realistic ads, half of them refused, so both the
// clean path and the phrase-extraction path are measured in their real proportion.
std::vector<std::string> corpus_texts() {
  std::vector<std::string> texts;
  std::ifstream file(std::string(HIRESAFE_SOURCE_DIR) + "/tests/data/job_texts.tsv");
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("label\t", 0) == 0) continue;
    const auto tab1 = line.find('\t');
    const auto tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 != std::string::npos) texts.push_back(line.substr(tab2 + 1));
  }
  return texts;
}

const std::vector<std::string>& texts() {
  static const std::vector<std::string> all = corpus_texts();
  return all;
}

void BM_CheckCorpus(benchmark::State& state) {
  const auto& rules = hiresafe::jobs::PublishingRules::builtin();
  const auto& all = texts();
  if (all.empty()) {
    state.SkipWithError("tests/data/job_texts.tsv not found");
    return;
  }
  std::size_t refused = 0;
  for (auto _ : state) {
    for (const auto& text : all) {
      auto violations = rules.check(text);
      refused += violations.empty() ? 0 : 1;
      benchmark::DoNotOptimize(violations.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * all.size()));
  state.counters["refused_share"] =
      static_cast<double>(refused) / static_cast<double>(state.iterations() * all.size());
}
BENCHMARK(BM_CheckCorpus)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

// Normalisation alone (ICU fold, traditional map, spacing), to show how the cost divides.
void BM_NormaliseCorpus(benchmark::State& state) {
  const auto& rules = hiresafe::jobs::PublishingRules::builtin();
  const auto& all = texts();
  for (auto _ : state) {
    for (const auto& text : all) benchmark::DoNotOptimize(rules.normalise(text));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * all.size()));
}
BENCHMARK(BM_NormaliseCorpus)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

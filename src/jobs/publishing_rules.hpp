// JOB-2: refuses job posts that demand a gender, ethnicity, religion, age,
// marital or childbearing status, hukou or unrelated health condition, naming
// each phrase and rule.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace hiresafe::jobs {

struct RuleViolation {
  std::string rule_id;
  std::string category;  // gender|ethnicity|religion|age|marital|childbearing|hukou|health
  std::string phrase;    // the offending text, as normalised
  std::string reason_en;
  std::string reason_zh;
};

// A compiled rule set. Immutable once loaded, so one instance may be shared
// across threads.
class PublishingRules {
 public:
  // Parses and compiles a rules file (format: resources/publishing_rules.tsv).
  // Any bad line makes the whole file fail, so a typo never silently disables a
  // rule.
  static core::Result<PublishingRules> load(std::string_view tsv);
  // The rules embedded in the binary. For tests and benchmarks; services get
  // theirs passed in.
  static const PublishingRules& builtin();

  PublishingRules(PublishingRules&&) noexcept;
  PublishingRules& operator=(PublishingRules&&) noexcept;
  ~PublishingRules();

  // One violation per rule that matches, in file order; empty means the text
  // may be published.
  std::vector<RuleViolation> check(std::string_view text) const;
  // What check() matches against: case-folded NFKC, traditional mapped to
  // simplified, and spacing and separators between CJK characters removed.
  // Exposed so rule authors can test.
  std::string normalise(std::string_view text) const;

  int version() const { return version_; }
  // Number of refusal rules (exceptions not counted).
  std::size_t size() const;

 private:
  struct Rule;
  struct Compiled;
  PublishingRules();

  int version_ = 0;
  std::unordered_map<char32_t, char32_t> to_simplified_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace hiresafe::jobs

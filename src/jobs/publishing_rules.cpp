// JOB-2 publishing rules: parse the rules file, normalise job text, match every
// rule in one pass.
#include "jobs/publishing_rules.hpp"

#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

#include "core/resources.hpp"
#include "core/text.hpp"

namespace hiresafe::jobs {
namespace {

constexpr std::string_view kVersionPrefix = "# version:";
constexpr std::string_view kMapDirective = "@map";
constexpr std::string_view kAllowCategory = "allow";
constexpr std::array<std::string_view, 8> kCategories = {
    "gender", "ethnicity", "religion", "age", "marital", "childbearing", "hukou", "health"};
// Stands in for text an exception matched: not a letter, digit, CJK character
// or clause punctuation, so a refusal pattern can neither match it nor match
// across it as a word.
constexpr char kMask = '\x1f';
constexpr std::string_view kPhraseGroup = "phrase";
// Capture groups read per match; a phrase group numbered beyond this is
// reported as the whole match.
constexpr int kMaxGroups = 8;
// The set compiles every pattern into one automaton, which needs more room than
// RE2's default budget as the rules grow; running out only costs speed (see check()).
constexpr int64_t kSetMaxMem = 64 << 20;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  uint8_t buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

// Invisible characters that posters insert to split a trigger word, which NFKC keeps, and
// U+FFFD, which stands for invalid bytes: neither may split "限男" into two harmless halves.
bool is_invisible(char32_t c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) ||
         c == 0xFEFF || c == 0x180E || c == 0xFFFD;
}

bool is_space(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

// Punctuation used to split words ("男-性", "限·男"); clause punctuation
// (，。；：) is kept because it separates requirements, and exceptions must not
// reach across it.
bool is_separator(char32_t c) {
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '*':
    case '/':
    case '\\':
    case '|':
    case '~':
    case '\'':
    case '"':
    case '`':
    case '+':
    case '^':
    case '=':
    case 0x00B7:
    case 0x2022:
    case 0x2027:
    case 0x30FB:
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x301C:
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
      return true;
    default:
      return false;
  }
}

core::Error rules_error(std::vector<core::FieldError> errors) {
  return core::Error::invalid(std::move(errors), "invalid-publishing-rules",
                              "The publishing rules file is invalid");
}

}  // namespace

struct PublishingRules::Rule {
  std::string id;
  std::string category;  // kAllowCategory for exceptions
  std::string reason_en;
  std::string reason_zh;
  std::unique_ptr<re2::RE2> re;
  int phrase_group = 0;  // capture group reported as the phrase; 0 is the whole match
  bool allow() const { return category == kAllowCategory; }
};

struct PublishingRules::Compiled {
  std::vector<Rule> rules;  // file order; index = id in the set
  std::unique_ptr<re2::RE2::Set> set;
};

PublishingRules::PublishingRules() = default;
PublishingRules::PublishingRules(PublishingRules&&) noexcept = default;
PublishingRules& PublishingRules::operator=(PublishingRules&&) noexcept = default;
PublishingRules::~PublishingRules() = default;

core::Result<PublishingRules> PublishingRules::load(std::string_view tsv) {
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF") tsv.remove_prefix(3);
  std::vector<std::string_view> lines = split(tsv, '\n');
  std::vector<core::FieldError> errors;
  auto fail = [&](std::size_t line_no, std::string message) {
    errors.push_back({"line " + std::to_string(line_no), std::move(message)});
  };

  PublishingRules rules;
  rules.compiled_ = std::make_unique<Compiled>();
  std::string_view first = trim(lines.front());
  if (first.substr(0, kVersionPrefix.size()) != kVersionPrefix) {
    return rules_error({{"line 1", "the first line must be '# version: N'"}});
  }
  std::string_view number = trim(first.substr(kVersionPrefix.size()));
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), rules.version_);
  if (ec != std::errc() || end != number.data() + number.size() || rules.version_ < 1) {
    return rules_error({{"line 1", "the version must be a positive integer"}});
  }

  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  std::set<std::string, std::less<>> ids;
  // (line number, pattern) of each rule, compiled once the map is complete so
  // patterns can be checked against it regardless of where the @map lines sit.
  std::vector<std::pair<std::size_t, std::string>> patterns;

  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t line_no = i + 1;
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = split(line, '\t');
    for (auto& f : fields) f = trim(f);

    if (fields[0] == kMapDirective) {
      if (fields.size() != 3) {
        fail(line_no,
             "@map takes two columns: traditional characters, "
             "simplified characters");
        continue;
      }
      std::u32string from = decode(fields[1]);
      std::u32string to = decode(fields[2]);
      if (from.size() != to.size() || from.empty()) {
        fail(line_no, "@map columns must have the same number of characters");
        continue;
      }
      for (std::size_t k = 0; k < from.size(); ++k) {
        if (from[k] != to[k]) rules.to_simplified_[from[k]] = to[k];
      }
      continue;
    }

    if (fields.size() < 3 || fields.size() > 5) {
      fail(line_no,
           "expected rule_id, category, pattern, reason_en, reason_zh "
           "(tab-separated)");
      continue;
    }
    Rule rule;
    rule.id = std::string(fields[0]);
    rule.category = std::string(fields[1]);
    if (rule.id.empty()) fail(line_no, "empty rule_id");
    if (!ids.insert(rule.id).second) fail(line_no, "duplicate rule_id '" + rule.id + "'");
    const bool known = rule.allow() || std::find(kCategories.begin(), kCategories.end(),
                                                 rule.category) != kCategories.end();
    if (!known) fail(line_no, "unknown category '" + rule.category + "'");
    if (!rule.allow()) {
      if (fields.size() != 5 || fields[3].empty() || fields[4].empty()) {
        fail(line_no, "a refusal rule needs reason_en and reason_zh");
      } else {
        rule.reason_en = std::string(fields[3]);
        rule.reason_zh = std::string(fields[4]);
      }
    }
    patterns.emplace_back(line_no, std::string(fields[2]));
    rules.compiled_->rules.push_back(std::move(rule));
  }

  auto set = std::make_unique<re2::RE2::Set>(
      [&] {
        re2::RE2::Options o = options;
        o.set_max_mem(kSetMaxMem);
        return o;
      }(),
      re2::RE2::UNANCHORED);
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    const auto& [line_no, pattern] = patterns[k];
    Rule& rule = rules.compiled_->rules[k];
    if (pattern.empty()) {
      fail(line_no, "empty pattern");
      continue;
    }
    rule.re = std::make_unique<re2::RE2>(pattern, options);
    if (!rule.re->ok()) {
      fail(line_no, "pattern does not compile: " + rule.re->error());
      continue;
    }
    if (re2::RE2::FullMatch("", *rule.re)) {
      // An empty match would flag (or, for an exception, mask) every text.
      fail(line_no, "pattern matches the empty string");
      continue;
    }
    for (char32_t c : decode(pattern)) {
      if (rules.to_simplified_.count(c) != 0) {
        // Text is mapped to simplified before matching, so this pattern could
        // never match.
        fail(line_no, "pattern contains a traditional character that @map rewrites");
        break;
      }
    }
    auto groups = rule.re->NamedCapturingGroups();
    if (auto it = groups.find(std::string(kPhraseGroup)); it != groups.end()) {
      if (it->second < kMaxGroups) rule.phrase_group = it->second;
    }
    std::string set_error;
    if (set->Add(pattern, &set_error) != static_cast<int>(k)) {
      fail(line_no, "pattern rejected by the matcher: " + set_error);
    }
  }
  if (!errors.empty()) return rules_error(std::move(errors));
  if (rules.size() == 0) return rules_error({{"file", "no refusal rules"}});
  if (!set->Compile()) return rules_error({{"file", "the rule set is too large to compile"}});
  rules.compiled_->set = std::move(set);
  return rules;
}

const PublishingRules& PublishingRules::builtin() {
  // A function-local static const, not a mutable global: it is built once on
  // first use (thread-safe since C++11), never changes afterwards, and is a
  // pure function of the bytes embedded at build time, so sharing it hides no
  // state between callers. Services still take a PublishingRules from their
  // caller so tests can substitute their own.
  static const PublishingRules rules = [] {
    auto loaded = load(core::resource("publishing_rules.tsv"));
    if (!loaded) {
      // The embedded file is part of the build and a unit test loads it: a true
      // invariant.
      const core::Error& error = loaded.error();
      std::fprintf(
          stderr, "embedded publishing_rules.tsv is invalid: %s\n",
          error.errors.empty()
              ? error.title.c_str()
              : (error.errors.front().field + ": " + error.errors.front().message).c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return rules;
}

std::size_t PublishingRules::size() const {
  if (!compiled_) return 0;
  return static_cast<std::size_t>(std::count_if(compiled_->rules.begin(), compiled_->rules.end(),
                                                [](const Rule& r) { return !r.allow(); }));
}

std::string PublishingRules::normalise(std::string_view text) const {
  std::u32string chars = decode(core::fold(std::string(text)));
  std::u32string mapped;
  mapped.reserve(chars.size());
  for (char32_t c : chars) {
    if (is_invisible(c)) continue;
    if (auto it = to_simplified_.find(c); it != to_simplified_.end()) c = it->second;
    mapped.push_back(c);
  }

  std::string out;
  out.reserve(text.size() + 8);
  char32_t previous = 0;
  for (std::size_t i = 0; i < mapped.size();) {
    char32_t c = mapped[i];
    if (!is_space(c) && !is_separator(c)) {
      append_utf8(out, c);
      previous = c;
      ++i;
      continue;
    }
    std::size_t j = i;
    bool punctuation = false;
    while (j < mapped.size() && (is_space(mapped[j]) || is_separator(mapped[j]))) {
      punctuation = punctuation || !is_space(mapped[j]);
      ++j;
    }
    const char32_t next = j < mapped.size() ? mapped[j] : 0;
    // Spacing next to a CJK character is never meaningful in Chinese ("限 男",
    // "40 岁"), but a hyphen between digits is ("25-35"), so punctuation goes
    // only when CJK is on both sides.
    const bool drop =
        punctuation ? (is_cjk(previous) && is_cjk(next)) : (is_cjk(previous) || is_cjk(next));
    if (!drop) {
      bool last_space = false;
      for (std::size_t k = i; k < j; ++k) {
        if (is_space(mapped[k])) {
          if (!last_space) out.push_back(' ');
          last_space = true;
        } else {
          append_utf8(out, mapped[k]);
          last_space = false;
        }
      }
    }
    i = j;
  }
  return out;
}

std::vector<RuleViolation> PublishingRules::check(std::string_view text) const {
  std::vector<RuleViolation> violations;
  if (!compiled_ || !compiled_->set) return violations;
  const std::string normal = normalise(text);
  if (normal.empty()) return violations;
  const auto& rules = compiled_->rules;

  std::vector<int> hits;
  re2::RE2::Set::ErrorInfo info{};
  if (!compiled_->set->Match(normal, &hits, &info)) {
    if (info.kind != re2::RE2::Set::kOutOfMemory) return violations;  // nothing matched
    // The set's automaton ran out of memory on this text: fall back to one
    // pattern at a time rather than letting an unusual text through unchecked.
    hits.clear();
    for (std::size_t k = 0; k < rules.size(); ++k) {
      if (re2::RE2::PartialMatch(normal, *rules[k].re)) hits.push_back(static_cast<int>(k));
    }
  }
  std::sort(hits.begin(), hits.end());

  // Exceptions ("男女不限", "maternity leave") are blanked out first, so a
  // refusal rule sees only what they did not explain; a post that says
  // "男女不限" and also "限男" is still refused. The blank has the same length
  // as the text it hides, so offsets found in the masked copy point at the same
  // bytes of the normalised text, which is what the phrase is cut from.
  std::string masked;
  bool any_allow = false;
  for (int k : hits) {
    if (!rules[k].allow()) continue;
    if (!any_allow) masked = normal;
    any_allow = true;
    std::size_t pos = 0;
    re2::StringPiece found;
    while (pos < masked.size() &&
           rules[k].re->Match(masked, pos, masked.size(), re2::RE2::UNANCHORED, &found, 1)) {
      const auto start = static_cast<std::size_t>(found.data() - masked.data());
      std::fill_n(masked.begin() + static_cast<std::ptrdiff_t>(start), found.size(), kMask);
      pos = start + std::max<std::size_t>(found.size(), 1);
    }
  }
  const std::string& subject = any_allow ? masked : normal;

  for (int k : hits) {
    const Rule& rule = rules[k];
    if (rule.allow()) continue;
    std::array<re2::StringPiece, kMaxGroups> groups;
    const int wanted = rule.phrase_group + 1;
    if (!rule.re->Match(subject, 0, subject.size(), re2::RE2::UNANCHORED, groups.data(), wanted)) {
      continue;
    }
    re2::StringPiece phrase = groups[rule.phrase_group];
    if (phrase.empty()) phrase = groups[0];
    const auto offset = static_cast<std::size_t>(phrase.data() - subject.data());
    violations.push_back({rule.id, rule.category, normal.substr(offset, phrase.size()),
                          rule.reason_en, rule.reason_zh});
  }
  return violations;
}

}  // namespace hiresafe::jobs

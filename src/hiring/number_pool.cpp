#include "hiring/number_pool.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string_view>

namespace hiresafe::hiring {

namespace {

constexpr std::size_t kMinDigits = 7;
constexpr std::size_t kMaxDigits = 15;  // E.164's limit; 15 digits always fit in 64 bits

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The digits of an E.164 number ("+" then 7 to 15 digits, the first not 0) as a value.
std::optional<std::uint64_t> e164_value(std::string_view text) {
  if (text.size() < 1 + kMinDigits || text.size() > 1 + kMaxDigits || text[0] != '+' ||
      text[1] < '1' || text[1] > '9')
    return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

core::Error pool_error(std::string message) {
  return core::Error::invalid("calls.pool", std::move(message));
}

}  // namespace

core::Result<NumberPool> NumberPool::parse(const std::string& spec) {
  struct Parsed {
    std::string_view text;
    std::size_t digits;
    std::uint64_t first, last;
  };
  std::vector<Parsed> parsed;
  std::string_view rest = trim(spec);
  if (rest.empty()) return pool_error("The pool is empty: give at least one number or range");
  for (;;) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    if (item.empty()) return pool_error("An entry between commas is empty");
    const auto dash = item.find('-');
    const std::string_view low = trim(item.substr(0, dash));
    const std::string_view high =
        dash == std::string_view::npos ? low : trim(item.substr(dash + 1));
    const auto first = e164_value(low);
    const auto last = e164_value(high);
    if (!first || !last)
      return pool_error("\"" + std::string(item) +
                        "\" is not an E.164 number or range (+ and 7 to 15 digits, e.g. "
                        "+8617000000000-+8617000000999)");
    if (low.size() != high.size())
      return pool_error("\"" + std::string(item) + "\": both ends need the same number of digits");
    if (*first > *last)
      return pool_error("\"" + std::string(item) + "\": the first number is above the last");
    parsed.push_back({item, low.size(), *first, *last});
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }

  // Numbers of different lengths never coincide, so overlaps are looked for per length.
  std::vector<const Parsed*> sorted;
  for (const auto& p : parsed) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(), [](const Parsed* a, const Parsed* b) {
    return a->digits != b->digits ? a->digits < b->digits : a->first < b->first;
  });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const Parsed& a = *sorted[i - 1];
    const Parsed& b = *sorted[i];
    if (a.digits == b.digits && b.first <= a.last)
      return pool_error("\"" + std::string(a.text) + "\" and \"" + std::string(b.text) +
                        "\" overlap");
  }

  NumberPool pool;
  for (const auto& p : parsed) {
    const std::uint64_t count = p.last - p.first + 1;
    if (pool.size_ > std::numeric_limits<std::uint64_t>::max() - count)
      return pool_error("The pool is too large");
    pool.ranges_.push_back({p.first, count, pool.size_});
    pool.size_ += count;
  }
  return pool;
}

std::string NumberPool::at(std::uint64_t i) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), i,
                             [](std::uint64_t index, const Range& r) { return index < r.start; });
  --it;  // ranges_ starts at index 0, so some range starts at or before i
  return "+" + std::to_string(it->first + (i - it->start));
}

}  // namespace hiresafe::hiring

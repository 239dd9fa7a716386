#include "verification/id_numbers.hpp"

#include <chrono>

namespace hiresafe::verification {

namespace {
std::string trimmed_upper(std::string_view in) {
  std::string out;
  for (char c : in) {
    if (c == ' ' || c == '-') continue;  // people paste "110101 19900307 7715"
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}
}  // namespace

core::Result<std::string> validate_resident_id(
    std::string_view input, long long now, const std::string& field,
    const std::function<bool(const std::string&)>& known_region) {
  const std::string id = trimmed_upper(input);
  if (id.size() != 18)
    return core::Error::invalid(field, "must be 18 characters", "invalid-id-number");
  for (std::size_t i = 0; i < 17; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(id[i])))
      return core::Error::invalid(field, "the first 17 characters must be digits",
                                  "invalid-id-number");
  }
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  if (id[17] != kCheck[sum % 11])
    return core::Error::invalid(field, "has a wrong check digit", "invalid-id-number");

  if (!known_region(id.substr(0, 2) + "0000"))
    return core::Error::invalid(field, "starts with an unknown region code", "invalid-id-number");

  using namespace std::chrono;
  year_month_day born{year{std::stoi(id.substr(6, 4))},
                      month{static_cast<unsigned>(std::stoi(id.substr(10, 2)))},
                      day{static_cast<unsigned>(std::stoi(id.substr(12, 2)))}};
  year_month_day today{floor<days>(sys_seconds{seconds{now}})};
  if (!born.ok() || born.year() < year{1900} || sys_days{born} > sys_days{today})
    return core::Error::invalid(field, "contains an impossible birth date", "invalid-id-number");
  return id;
}

core::Result<std::string> validate_credit_code(std::string_view input, const std::string& field) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  const std::string code = trimmed_upper(input);
  if (code.size() != 18)
    return core::Error::invalid(field, "must be 18 characters", "invalid-credit-code");
  int sum = 0;
  for (std::size_t i = 0; i < 18; ++i) {
    auto v = kAlphabet.find(code[i]);
    if (v == std::string_view::npos)
      return core::Error::invalid(field, "contains a character not used in credit codes",
                                  "invalid-credit-code");
    if (i < 17) sum += static_cast<int>(v) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  if (code[17] != kAlphabet[static_cast<std::size_t>(check)])
    return core::Error::invalid(field, "has a wrong check character", "invalid-credit-code");
  return code;
}

}  // namespace hiresafe::verification

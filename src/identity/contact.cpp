#include "identity/contact.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <chrono>
#include <cstdio>

#include "core/text.hpp"

namespace hiresafe::identity {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

core::Result<std::string> normalise_phone(const std::string& raw, const std::string& field,
                                          const std::string& default_region) {
  if (raw.empty()) return core::Error::invalid(field, "is required");
  if (raw.size() > 128 || !core::clean_utf8(raw))
    return core::Error::invalid(field, "is not a phone number");
  // Chinese input methods often type full-width digits: NFKC makes them ASCII.
  const std::string input = core::fold(raw);
  if (input.size() > 32) return core::Error::invalid(field, "is not a phone number");
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util->Parse(input, default_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR ||
      !util->IsValidNumber(number)) {
    return core::Error::invalid(field, "is not a valid phone number");
  }
  auto type = util->GetNumberType(number);
  if (type != PhoneNumberUtil::MOBILE && type != PhoneNumberUtil::FIXED_LINE_OR_MOBILE) {
    return core::Error::invalid(field, "must be a mobile number that can receive SMS");
  }
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

core::Result<std::string> normalise_email(const std::string& input, const std::string& field) {
  if (input.empty()) return core::Error::invalid(field, "is required");
  if (input.size() > 254 || !core::clean_utf8(input))
    return core::Error::invalid(field, "is not a valid e-mail address");
  std::string email = core::fold(input);
  auto at = email.find('@');
  bool ok = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
            email.find_first_of(" \t\n,;<>()[]\\\"") == std::string::npos;
  if (ok) {
    std::string domain = email.substr(at + 1);
    auto dot = domain.find('.');
    ok = dot != std::string::npos && dot > 0 && domain.back() != '.' &&
         domain.find("..") == std::string::npos;
  }
  if (!ok) return core::Error::invalid(field, "is not a valid e-mail address");
  return email;
}

core::Result<int> age_at(const std::string& birth_date, long long now, const std::string& field) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (birth_date.size() != 10 ||
      std::sscanf(birth_date.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return core::Error::invalid(field, "must be a date like 2001-09-30");
  }
  year_month_day born{year{y}, month{m}, day{d}};
  if (!born.ok()) return core::Error::invalid(field, "is not a real date");
  year_month_day today{floor<days>(sys_seconds{seconds{now}})};
  if (sys_days{born} > sys_days{today}) return core::Error::invalid(field, "is in the future");
  int age = int(today.year()) - int(born.year());
  if (today.month() < born.month() || (today.month() == born.month() && today.day() < born.day()))
    --age;
  if (age > 120) return core::Error::invalid(field, "is not a plausible birth date");
  return age;
}

}  // namespace hiresafe::identity

// A complete resume body with distinctive identifying values, for unit and API tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hiresafe::testing {

// The identifying values of the fixture, so tests can look for them in what others see.
struct ResumePerson {
  std::string name = "欧阳明月";
  std::string phone = "+8613912345678";
  std::string email = "mingyue.oy@example.com";
  std::string wechat = "mingyue_wx_778";
  std::string birth_month = "1994-07";
  std::string hukou_city = "310100";
};

// Every section filled; `hidden_company` (a name) gets a work entry with "hide me" switched on.
nlohmann::json full_resume(const ResumePerson& p = {}, const std::string& visibility = "public",
                           const std::string& hidden_company = "");

}  // namespace hiresafe::testing

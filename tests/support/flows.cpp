#include "flows.hpp"

#include <atomic>
#include <stdexcept>

namespace hiresafe::testing {

std::string request_code(const TestServer& server, const nlohmann::json& body) {
  auto r = server.client().post("/api/v1/auth/codes", body);
  if (r.status != 202) throw std::runtime_error("code request failed: " + r.body);
  return server.code_for(r.json()["message_id"]);
}

std::string sign_up(const TestServer& server, const std::string& phone,
                    const std::string& birth_date, const std::string& role) {
  auto code = request_code(server, {{"phone", phone}});
  auto r = server.client().post("/api/v1/auth/sign-in", {{"phone", phone},
                                                         {"code", code},
                                                         {"accept_policy_version", 1},
                                                         {"birth_date", birth_date},
                                                         {"role", role}});
  if (r.status != 201) throw std::runtime_error("sign-up failed: " + r.body);
  return r.json()["token"];
}

std::string next_phone() {
  static std::atomic<int> n{1000};
  return "+86139" + std::to_string(10000000 + n.fetch_add(1));
}

}  // namespace hiresafe::testing

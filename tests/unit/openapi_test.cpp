// docs/openapi.yaml describes exactly the routes in src/http/routes.cpp, with problem+json errors.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "http/routes.hpp"

namespace {

using Operation = std::pair<std::string, std::string>;  // (METHOD, /openapi/{path})

const std::set<std::string> kOpenApiMethods = {"get",     "put",  "post",  "delete",
                                               "options", "head", "patch", "trace"};

YAML::Node load_spec() {
  return YAML::LoadFile(std::string(HIRESAFE_SOURCE_DIR) + "/docs/openapi.yaml");
}

// /api/v1/me/sessions/:id -> /api/v1/me/sessions/{id}
std::string openapi_path(const std::string& express) {
  std::string out;
  for (std::size_t i = 0; i < express.size();) {
    if (express[i] == ':' && (i == 0 || express[i - 1] == '/')) {
      auto end = express.find('/', i);
      if (end == std::string::npos) end = express.size();
      out += "{" + express.substr(i + 1, end - i - 1) + "}";
      i = end;
    } else {
      out += express[i++];
    }
  }
  return out;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::set<Operation> table_operations() {
  std::set<Operation> ops;
  for (const auto& r : hiresafe::http::route_table())
    ops.emplace(r.method, openapi_path(r.pattern));
  return ops;
}

std::set<Operation> spec_operations(const YAML::Node& spec) {
  std::set<Operation> ops;
  for (const auto& path : spec["paths"]) {
    for (const auto& entry : path.second) {
      auto key = entry.first.as<std::string>();
      if (kOpenApiMethods.count(key)) ops.emplace(upper(key), path.first.as<std::string>());
    }
  }
  return ops;
}

const hiresafe::http::Route* route_for(const Operation& op) {
  for (const auto& r : hiresafe::http::route_table())
    if (r.method == op.first && openapi_path(r.pattern) == op.second) return &r;
  return nullptr;
}

YAML::Node operation_node(const YAML::Node& spec, const Operation& op) {
  return spec["paths"][op.second][lower(op.first)];
}

// Follows one local "$ref: '#/a/b/c'" to the node it names.
YAML::Node resolve(const YAML::Node& spec, const YAML::Node& node) {
  if (!node.IsMap() || !node["$ref"]) return node;
  auto ref = node["$ref"].as<std::string>();
  if (ref.rfind("#/", 0) != 0) return YAML::Node();
  YAML::Node at = spec;
  std::size_t from = 2;
  while (from <= ref.size()) {
    auto to = ref.find('/', from);
    if (to == std::string::npos) to = ref.size();
    // reset, not operator=: assigning to a node that refers into the spec overwrites the spec.
    const YAML::Node& here = at;  // const lookup never inserts a missing key
    at.reset(here[ref.substr(from, to - from)]);
    if (!at) return YAML::Node();
    from = to + 1;
  }
  return at;
}

bool mentions_ref(const YAML::Node& node, const std::string& target) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (kv.first.as<std::string>() == "$ref" && kv.second.IsScalar() &&
          kv.second.as<std::string>() == target)
        return true;
      if (mentions_ref(kv.second, target)) return true;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (mentions_ref(item, target)) return true;
  }
  return false;
}

constexpr const char* kProblemRef = "#/components/schemas/Problem";

// An error response is problem+json whose schema is, or builds on, the shared Problem schema.
bool is_problem_response(const YAML::Node& spec, const YAML::Node& response) {
  auto resolved = resolve(spec, response);
  auto media = resolved["content"]["application/problem+json"];
  return media && mentions_ref(media["schema"], kProblemRef);
}

std::string describe(const Operation& op) {
  return op.first + " " + op.second;
}

}  // namespace

TEST(OpenApi, ExpressPatternsBecomeOpenApiTemplates) {
  EXPECT_EQ(openapi_path("/api/v1/me/sessions/:id"), "/api/v1/me/sessions/{id}");
  EXPECT_EQ(openapi_path("/a/:x/b/:y"), "/a/{x}/b/{y}");
  EXPECT_EQ(openapi_path("/healthz"), "/healthz");
}

TEST(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  const auto spec = load_spec();
  ASSERT_TRUE(spec["paths"].IsMap());
  const auto in_table = table_operations();
  const auto in_spec = spec_operations(spec);
  ASSERT_FALSE(in_table.empty());
  for (const auto& op : in_table)
    EXPECT_TRUE(in_spec.count(op)) << describe(op) << " is in routes.cpp but not in openapi.yaml";
  for (const auto& op : in_spec)
    EXPECT_TRUE(in_table.count(op)) << describe(op) << " is in openapi.yaml but not in routes.cpp";
}

TEST(OpenApi, DescribesTheApiAndTheSharedProblemSchema) {
  const auto spec = load_spec();
  EXPECT_EQ(spec["openapi"].as<std::string>().rfind("3.1", 0), 0u);
  EXPECT_EQ(spec["info"]["title"].as<std::string>(), "hiresafe");
  EXPECT_FALSE(spec["info"]["version"].as<std::string>().empty());
  auto bearer = spec["components"]["securitySchemes"]["bearer"];
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer["type"].as<std::string>(), "http");
  EXPECT_EQ(bearer["scheme"].as<std::string>(), "bearer");
  auto staff_bearer = spec["components"]["securitySchemes"]["staffBearer"];
  ASSERT_TRUE(staff_bearer);
  EXPECT_EQ(staff_bearer["type"].as<std::string>(), "http");
  EXPECT_EQ(staff_bearer["scheme"].as<std::string>(), "bearer");

  auto problem = spec["components"]["schemas"]["Problem"];
  ASSERT_TRUE(problem) << "components.schemas.Problem is missing";
  for (const char* field : {"type", "title", "status", "detail", "errors"})
    EXPECT_TRUE(problem["properties"][field]) << "Problem lacks " << field;
  auto item = problem["properties"]["errors"]["items"]["properties"];
  EXPECT_TRUE(item["field"] && item["message"]) << "Problem.errors items need field and message";
}

TEST(OpenApi, EveryOperationDocumentsProblemErrorsAndItsAccess) {
  const auto spec = load_spec();
  for (const auto& op : spec_operations(spec)) {
    const auto* route = route_for(op);
    if (!route) continue;  // reported by EveryRouteIsDocumentedAndEveryDocumentedRouteExists
    SCOPED_TRACE(describe(op));
    auto node = operation_node(spec, op);
    EXPECT_TRUE(node["summary"] && !node["summary"].as<std::string>().empty());
    EXPECT_TRUE(node["tags"] && node["tags"].size() > 0);

    int error_responses = 0;
    for (const auto& response : node["responses"]) {
      const auto code = response.first.as<std::string>();
      if (code.empty() || (code[0] != '4' && code[0] != '5')) continue;
      EXPECT_TRUE(is_problem_response(spec, response.second))
          << code << " is not application/problem+json with the Problem schema";
      if (code == "429") {
        EXPECT_TRUE(resolve(spec, response.second)["headers"]["Retry-After"])
            << "429 must declare Retry-After";
      }
      ++error_responses;
    }
    EXPECT_GT(error_responses, 0) << "no 4xx/5xx response";

    const YAML::Node security = node["security"];
    const bool any_security = security && security.size() > 0;
    auto declares = [&](const char* scheme) { return any_security && security[0][scheme]; };
    switch (route->access) {
      case hiresafe::http::Access::kSession:
        EXPECT_TRUE(declares("bearer")) << "a Session route must declare bearer security";
        EXPECT_FALSE(declares("staffBearer")) << "a Session route takes no staff token";
        EXPECT_TRUE(node["responses"]["401"]) << "a Session route must document 401";
        break;
      case hiresafe::http::Access::kStaff:
        EXPECT_TRUE(declares("staffBearer")) << "a Staff route must declare staffBearer security";
        EXPECT_FALSE(declares("bearer")) << "a Staff route takes no session token";
        EXPECT_TRUE(node["responses"]["401"]) << "a Staff route must document 401";
        break;
      case hiresafe::http::Access::kPublic:
        EXPECT_FALSE(any_security) << "a Public route must not declare security";
        break;
    }

    const bool test_only = node["x-test-only"] && node["x-test-only"].as<bool>();
    EXPECT_EQ(test_only, route->test_only) << "x-test-only must match the route table";
  }
}

TEST(OpenApi, PathParametersAreDeclared) {
  const auto spec = load_spec();
  for (const auto& op : spec_operations(spec)) {
    SCOPED_TRACE(describe(op));
    std::set<std::string> templated;
    for (std::size_t at = op.second.find('{'); at != std::string::npos;
         at = op.second.find('{', at + 1))
      templated.insert(op.second.substr(at + 1, op.second.find('}', at) - at - 1));
    std::set<std::string> declared;
    auto collect = [&](const YAML::Node& params) {
      for (const auto& p : params) {
        auto param = resolve(spec, p);
        if (param["in"] && param["in"].as<std::string>() == "path")
          declared.insert(param["name"].as<std::string>());
      }
    };
    collect(spec["paths"][op.second]["parameters"]);
    collect(operation_node(spec, op)["parameters"]);
    EXPECT_EQ(templated, declared);
  }
}

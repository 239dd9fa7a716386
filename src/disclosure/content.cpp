// A resume's stored content read with simdjson, cut to what a view or a card can show: the
// applicant list and the search cards parse twenty resumes a request, a masked view parses one
// whole resume, and nlohmann's lexer plus the allocations of a full tree were a third of the
// list's CPU and of the view's. Only the fields that can be shown become JSON values; what a
// viewer may see of them is still decided by render() in resume_views.cpp. A single view
// (render_text) builds no tree at all: it copies the shown sections out as JSON text.
#include <simdjson.h>

#include <algorithm>
#include <optional>

#include "disclosure/resume_views.hpp"

namespace hiresafe::disclosure {

using nlohmann::json;

namespace {

json to_json(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::ARRAY: {
      json out = json::array();
      for (simdjson::dom::element v : e.get_array()) out.push_back(to_json(v));
      return out;
    }
    case element_type::OBJECT: {
      json out = json::object();
      for (auto field : e.get_object()) out[std::string(field.key)] = to_json(field.value);
      return out;
    }
    case element_type::INT64:
      return static_cast<std::int64_t>(e.get_int64());
    case element_type::UINT64:
      return static_cast<std::uint64_t>(e.get_uint64());
    case element_type::DOUBLE:
      return static_cast<double>(e.get_double());
    case element_type::STRING:
      return std::string(std::string_view(e.get_string()));
    case element_type::BOOL:
      return static_cast<bool>(e.get_bool());
    case element_type::NULL_VALUE:
      break;
  }
  return nullptr;
}

// The named members of an object (a later duplicate key wins, as with nlohmann).
template <std::size_t N>
json pick(simdjson::dom::object from, const std::array<std::string_view, N>& keys) {
  json out = json::object();
  for (auto field : from)
    for (auto key : keys)
      if (field.key == key) out[std::string(key)] = to_json(field.value);
  return out;
}

// Each object of a list, cut to the named members; anything else in the list is dropped.
template <std::size_t N>
json pick_each(simdjson::dom::element list, const std::array<std::string_view, N>& keys) {
  json out = json::array();
  for (simdjson::dom::element entry : list.get_array())
    if (entry.is_object()) out.push_back(pick(entry.get_object(), keys));
  return out;
}

constexpr std::array<std::string_view, 4> kBasic{"current_city", "status", "work_start", "gender"};
constexpr std::array<std::string_view, 4> kWork{"title", "company_name", "start", "end"};
constexpr std::array<std::string_view, 4> kEducation{"degree", "school", "major", "start"};
constexpr std::array<std::string_view, 1> kSkill{"name"};

// Parses a stored resume and hands each top-level member to `take`, which puts what it keeps
// into the result; a document that is not an object gives an empty one. Throws on bad JSON.
template <class Take>
json cut(const std::string& content, Take&& take) {
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(simdjson::padded_string(content));
  json out = json::object();
  if (doc.is_object())
    for (auto field : doc.get_object()) take(field.key, field.value, out);
  return out;
}

// `value` as a JSON string; text that is not UTF-8 is replaced, as every response does.
void append_json(std::string& out, const json& value) {
  out += value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A work entry without its private members; anything else in the list is copied as it is.
void append_work(std::string& out, simdjson::dom::element list) {
  out += '[';
  bool first = true;
  for (simdjson::dom::element entry : list.get_array()) {
    if (!first) out += ',';
    first = false;
    if (!entry.is_object()) {
      out += simdjson::minify(entry);
      continue;
    }
    out += '{';
    bool first_member = true;
    for (auto member : entry.get_object()) {
      if (std::find(kPrivateWorkKeys.begin(), kPrivateWorkKeys.end(), member.key) !=
          kPrivateWorkKeys.end())
        continue;
      if (!first_member) out += ',';
      first_member = false;
      append_json(out, std::string(member.key));
      out += ':';
      out += simdjson::minify(member.value);
    }
    out += '}';
  }
  out += ']';
}

}  // namespace

std::string render_text(Level level, const std::string& content, const json& identity,
                        const std::string& resume_id, long long updated_at, long long now) {
  std::string out = "{\"id\":";
  append_json(out, resume_id);
  out += ",\"updated_at\":" + std::to_string(updated_at);
  if (level == Level::kNone) return out + '}';

  // The stored sections this level shows, by their place in fields_at (a later duplicate wins).
  const auto& shown = fields_at(level);
  std::vector<std::optional<simdjson::dom::element>> found(shown.size());
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(simdjson::padded_string(content));
  if (doc.is_object())
    for (auto field : doc.get_object())
      if (auto it = std::find(shown.begin(), shown.end(), field.key); it != shown.end())
        found[it - shown.begin()] = field.value;
  const auto section = [&](std::string_view key) -> std::optional<simdjson::dom::element> {
    return found[std::find(shown.begin(), shown.end(), key) - shown.begin()];
  };
  const auto member = [&](std::string_view key) {
    out += ",\"";
    out += key;
    out += "\":";
  };

  if (level != Level::kFull) {
    std::string gender;
    if (auto basic = section("basic"); basic && basic->is_object()) {
      std::string_view g;
      if (!(*basic)["gender"].get(g)) gender = g;
    }
    const json person = person_fields(level, identity, gender, now);
    for (const auto& [key, value] : person.items()) {
      member(key);
      append_json(out, value);
    }
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const std::string& key = shown[i];
    if (key == "display_name" || (key == "name" && level != Level::kFull) || key == "age_band")
      continue;
    if (key == "basic") {  // always present; content never holds identifying fields
      member(key);
      out += found[i] ? simdjson::minify(*found[i]) : "{}";
    } else if (level == Level::kFull && identity.contains(key)) {
      member(key);
      append_json(out, identity[key]);
    } else if (key == "work" && level != Level::kFull) {  // always present, as a list
      member(key);
      if (found[i] && found[i]->is_array())
        append_work(out, *found[i]);
      else
        out += "[]";
    } else if (found[i]) {
      member(key);
      out += simdjson::minify(*found[i]);
    }
  }
  return out + '}';
}

json parse_card_content(const std::string& content) {
  return cut(content, [](std::string_view key, simdjson::dom::element value, json& out) {
    if (key == "basic") {
      if (value.is_object()) out["basic"] = pick(value.get_object(), kBasic);
    } else if (key == "intention") {
      out["intention"] = to_json(value);
    } else if ((key == "work" || key == "education" || key == "skills") && value.is_array()) {
      out[std::string(key)] = key == "work"        ? pick_each(value, kWork)
                              : key == "education" ? pick_each(value, kEducation)
                                                   : pick_each(value, kSkill);
    }
  });
}

}  // namespace hiresafe::disclosure

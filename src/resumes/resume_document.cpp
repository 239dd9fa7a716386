#include "resumes/resume_document.hpp"

#include <regex>
#include <span>

#include "core/text.hpp"
#include "identity/contact.hpp"

namespace hiresafe::resumes {

using core::FieldError;
using nlohmann::json;

namespace {

enum class Kind { kText, kLongText, kMonth, kBool, kAmount, kChoice, kTextList, kCity,
                  kCityList, kCategory, kCategoryList, kPhone, kEmail, kFileId };

struct FieldSpec {
  const char* name;
  Kind kind;
  bool required;
  bool identifying = false;  // sealed under the owner's key, never in a masked view
  std::vector<std::string_view> choices = {};
};

struct SectionSpec {
  const char* name;
  bool list;
  bool required;
  bool identifying;
  std::vector<FieldSpec> fields;
};

// One table for the whole resume: seed 002 §1.1.2, sections 1) to 12). A field is required
// unless the seed marks it 选填, except end dates (an ongoing job or study has none), the
// avatar (a face is never a condition of service), the education description (the seed
// names it only as the section's own title) and the "hide me" switch (off by default).
const std::vector<SectionSpec>& sections() {
  static const std::vector<SectionSpec> kSections = {
      {"basic", false, true, false,
       {{"avatar_file_id", Kind::kFileId, false, true},
        {"name", Kind::kText, true, true},
        {"gender", Kind::kChoice, true, false, {"male", "female"}},
        {"status", Kind::kChoice, true, false, {"employed", "unemployed", "student"}},
        {"birth_month", Kind::kMonth, true, true},
        {"work_start", Kind::kMonth, false},  // required below unless a student
        {"hukou_city", Kind::kCity, false, true},
        {"current_city", Kind::kCity, true},
        {"political_status", Kind::kChoice, false, false,
         {"cpc_member", "cpc_probationary", "cyl_member", "democratic_party", "non_partisan",
          "masses"}},
        {"phone", Kind::kPhone, true, true},
        {"email", Kind::kEmail, false, true},
        {"overseas_experience", Kind::kBool, true},
        {"wechat", Kind::kText, false, true}}},
      {"intention", false, true, false,
       {{"positions", Kind::kCategoryList, true},
        {"industries", Kind::kTextList, true},
        {"cities", Kind::kCityList, true},
        {"salary_min", Kind::kAmount, true},
        {"salary_max", Kind::kAmount, true},
        {"work_type", Kind::kChoice, true, false, {"full_time", "part_time", "internship"}},
        {"search_status", Kind::kChoice, true, false, {"browsing", "looking", "not_looking"}}}},
      {"education", true, false, false,
       {{"degree", Kind::kChoice, true, false,
         {"junior_high", "high_school", "secondary_vocational", "junior_college", "bachelor",
          "master", "doctorate", "other"}},
        {"full_time", Kind::kBool, true},
        {"school", Kind::kText, true},
        {"major", Kind::kText, true},
        {"start", Kind::kMonth, true},
        {"end", Kind::kMonth, false},
        {"description", Kind::kLongText, false}}},
      {"work", true, false, false,
       {{"company_name", Kind::kText, true},
        {"company_id", Kind::kText, false},
        {"title", Kind::kText, true},
        {"company_type", Kind::kText, false},
        {"company_size", Kind::kText, false},
        {"category_id", Kind::kCategory, true},
        {"skill_tags", Kind::kTextList, false},
        {"start", Kind::kMonth, true},
        {"end", Kind::kMonth, false},
        {"industry", Kind::kText, true},
        {"monthly_salary", Kind::kAmount, true},
        {"yearly_income", Kind::kAmount, true},
        {"duties", Kind::kLongText, true},
        {"achievements", Kind::kLongText, true},
        {"hide_from_company", Kind::kBool, false}}},
      {"projects", true, false, false,
       {{"name", Kind::kText, true},
        {"start", Kind::kMonth, true},
        {"end", Kind::kMonth, false},
        {"description", Kind::kLongText, true},
        {"company", Kind::kText, true},
        {"role", Kind::kLongText, true}}},
      {"training", true, false, false,
       {{"start", Kind::kMonth, true},
        {"end", Kind::kMonth, false},
        {"institution", Kind::kText, true},
        {"course", Kind::kText, true}}},
      {"languages", true, false, false,
       {{"language", Kind::kText, true},
        {"listening_speaking", Kind::kChoice, true, false,
         {"basic", "fair", "good", "fluent", "native"}},
        {"reading_writing", Kind::kChoice, true, false,
         {"basic", "fair", "good", "fluent", "native"}}}},
      {"skills", true, false, false,
       {{"name", Kind::kText, true},
        {"months", Kind::kAmount, true},
        {"level", Kind::kChoice, true, false, {"beginner", "intermediate", "advanced", "expert"}}}},
      {"certificates", true, false, false,
       {{"name", Kind::kText, true}, {"obtained", Kind::kMonth, true}}},
      {"attachments", true, false, true,
       {{"name", Kind::kText, true}, {"file_id", Kind::kFileId, true}}},
      {"leadership", true, false, false,
       {{"level", Kind::kText, true}, {"start", Kind::kMonth, true}, {"end", Kind::kMonth, false}}},
  };
  return kSections;
}

constexpr std::size_t kMaxText = 200;
constexpr std::size_t kMaxLongText = 5000;
constexpr std::size_t kMaxListItems = 30;
constexpr std::size_t kMaxEntries = 50;

bool is_month(const std::string& s) {
  static const std::regex kMonth(R"((19|20)\d\d-(0[1-9]|1[0-2]))");
  return std::regex_match(s, kMonth);
}

class Checker {
 public:
  explicit Checker(const jobs::Taxonomy& taxonomy) : taxonomy_(taxonomy) {}
  std::vector<FieldError> errors;

  // Checks one value; returns the normalised value to store, or null after an error.
  json value(const FieldSpec& spec, const json& v, const std::string& path) {
    switch (spec.kind) {
      case Kind::kText:
      case Kind::kLongText:
        return text(v, path, spec.kind == Kind::kText ? kMaxText : kMaxLongText);
      case Kind::kMonth: {
        json t = text(v, path, 7);
        if (!t.is_null() && !is_month(t.get<std::string>())) return fail(path, "must be YYYY-MM");
        return t;
      }
      case Kind::kBool:
        if (!v.is_boolean()) return fail(path, "must be true or false");
        return v;
      case Kind::kAmount:
        if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 100000000)
          return fail(path, "must be a whole number from 0 to 100000000");
        return v;
      case Kind::kChoice: {
        json t = text(v, path, kMaxText);
        if (t.is_null()) return t;
        for (auto c : spec.choices)
          if (c == t.get<std::string>()) return t;
        std::string all;
        for (auto c : spec.choices) all += (all.empty() ? "" : ", ") + std::string(c);
        return fail(path, "must be one of: " + all);
      }
      case Kind::kTextList:
        return list(v, path, [&](const json& item, const std::string& p) {
          return text(item, p, 50);
        });
      case Kind::kCity:
        return city(v, path);
      case Kind::kCityList:
        return list(v, path, [&](const json& item, const std::string& p) { return city(item, p); });
      case Kind::kCategory:
        return category(v, path);
      case Kind::kCategoryList:
        return list(v, path,
                    [&](const json& item, const std::string& p) { return category(item, p); });
      case Kind::kPhone: {
        json t = text(v, path, 40);
        if (t.is_null()) return t;
        auto phone = identity::normalise_phone(t.get<std::string>(), path);
        if (!phone) return fail(path, phone.error().errors.front().message);
        return *phone;
      }
      case Kind::kEmail: {
        json t = text(v, path, 254);
        if (t.is_null()) return t;
        auto email = identity::normalise_email(t.get<std::string>(), path);
        if (!email) return fail(path, email.error().errors.front().message);
        return *email;
      }
      case Kind::kFileId:
        return text(v, path, 64);
    }
    return fail(path, "is not understood");
  }

  // Checks an object against its field specs; identifying fields go to `sealed`.
  void object(const json& obj, const std::vector<FieldSpec>& specs, const std::string& path,
              json& plain, json& sealed) {
    if (!obj.is_object()) {
      fail(path, "must be an object");
      return;
    }
    for (const auto& [key, v] : obj.items()) {
      bool known = false;
      for (const auto& s : specs) known = known || key == s.name;
      if (!known) fail(path + "." + key, "is not a resume field");
    }
    fields(obj, specs, path, plain, sealed);
  }

  // The fields of `specs` in `obj`, without complaining about other keys.
  void fields(const json& obj, const std::vector<FieldSpec>& specs, const std::string& path,
              json& plain, json& sealed) {
    for (const auto& spec : specs) {
      const std::string p = path.empty() ? spec.name : path + "." + spec.name;
      auto it = obj.find(spec.name);
      if (it == obj.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
        if (spec.required) fail(p, "is required");
        continue;
      }
      json checked = value(spec, *it, p);
      if (checked.is_null()) continue;
      (spec.identifying ? sealed : plain)[spec.name] = std::move(checked);
    }
  }

  json fail(const std::string& path, const std::string& message) {
    errors.push_back({path, message});
    return nullptr;
  }

 private:
  json text(const json& v, const std::string& path, std::size_t max) {
    if (!v.is_string()) return fail(path, "must be text");
    std::string s = v.get<std::string>();
    if (!core::clean_utf8(s)) return fail(path, "must be valid UTF-8 text without control characters");
    if (s.size() > max) return fail(path, "is longer than " + std::to_string(max) + " bytes");
    return s;
  }

  template <class F>
  json list(const json& v, const std::string& path, F&& item) {
    if (!v.is_array()) return fail(path, "must be a list");
    if (v.size() > kMaxListItems) return fail(path, "has more than 30 items");
    json out = json::array();
    for (std::size_t i = 0; i < v.size(); ++i) {
      json checked = item(v[i], path + "[" + std::to_string(i) + "]");
      if (!checked.is_null()) out.push_back(std::move(checked));
    }
    return out;
  }

  json city(const json& v, const std::string& path) {
    json t = text(v, path, 12);
    if (!t.is_null() && !taxonomy_.city(t.get<std::string>()))
      return fail(path, "is not a known city code");
    return t;
  }

  json category(const json& v, const std::string& path) {
    json t = text(v, path, 64);
    if (!t.is_null() && !taxonomy_.category(t.get<std::string>()))
      return fail(path, "is not a known job category");
    return t;
  }

  const jobs::Taxonomy& taxonomy_;
};

}  // namespace

core::Result<ResumeDocument> parse_resume(const json& body, const jobs::Taxonomy& taxonomy) {
  if (!body.is_object()) return core::Error::bad_request("malformed-json", "Send a JSON object");
  Checker check(taxonomy);
  ResumeDocument doc;
  doc.content = json::object();
  doc.identity = json::object();

  static const std::vector<std::string_view> kTop = {"title", "visibility", "self_evaluation"};
  for (const auto& [key, v] : body.items()) {
    bool known = std::find(kTop.begin(), kTop.end(), key) != kTop.end();
    for (const auto& s : sections()) known = known || key == s.name;
    if (!known) check.fail(key, "is not a resume field");
  }

  const FieldSpec title{"title", Kind::kText, false};
  const FieldSpec visibility{"visibility", Kind::kChoice, true, false,
                             {std::begin(kVisibilities), std::end(kVisibilities)}};
  const FieldSpec self{"self_evaluation", Kind::kLongText, false};
  json top = json::object(), unused = json::object();
  check.fields(body, {title, visibility, self}, "", top, unused);
  doc.title = top.value("title", std::string("我的简历"));
  doc.visibility = top.value("visibility", std::string());
  if (top.contains("self_evaluation")) doc.content["self_evaluation"] = top["self_evaluation"];

  for (const auto& section : sections()) {
    auto it = body.find(section.name);
    json& target = section.identifying ? doc.identity : doc.content;
    if (it == body.end() || it->is_null()) {
      if (section.required) check.fail(section.name, "is required");
      if (section.list) target[section.name] = json::array();
      continue;
    }
    if (!section.list) {
      json plain = json::object();
      check.object(*it, section.fields, section.name, plain, doc.identity);
      target[section.name] = std::move(plain);
      continue;
    }
    if (!it->is_array()) {
      check.fail(section.name, "must be a list");
      continue;
    }
    if (it->size() > kMaxEntries) {
      check.fail(section.name, "has more than 50 entries");
      continue;
    }
    json entries = json::array();
    for (std::size_t i = 0; i < it->size(); ++i) {
      json plain = json::object(), sealed = json::object();
      check.object((*it)[i], section.fields, std::string(section.name) + "[" + std::to_string(i) + "]",
                   plain, sealed);
      // An entry stays whole: its section as a whole is sealed or not (no list field is
      // identifying on its own).
      plain.update(sealed);
      entries.push_back(std::move(plain));
    }
    target[section.name] = std::move(entries);
  }
  // Rules across fields.
  const json& basic = doc.content.value("basic", json::object());
  if (basic.value("status", "") != "student" && !basic.contains("work_start") &&
      body.contains("basic") && body["basic"].is_object())
    check.fail("basic.work_start", "is required unless the status is student");
  const json& intention = doc.content.value("intention", json::object());
  if (intention.contains("salary_min") && intention.contains("salary_max") &&
      intention["salary_min"].get<long long>() > intention["salary_max"].get<long long>())
    check.fail("intention.salary_max", "must not be below salary_min");
  for (const char* section : {"education", "work", "projects", "training", "leadership"}) {
    const json& entries = doc.content.value(section, json::array());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& e = entries[i];
      if (e.contains("start") && e.contains("end") &&
          e["end"].get<std::string>() < e["start"].get<std::string>())
        check.fail(std::string(section) + "[" + std::to_string(i) + "].end",
                   "must not be before start");
    }
  }
  if (!check.errors.empty()) return core::Error::invalid(std::move(check.errors));
  return doc;
}

json merge_resume(const ResumeDocument& doc) {
  json out = doc.content;
  out["title"] = doc.title;
  out["visibility"] = doc.visibility;
  for (const auto& [key, v] : doc.identity.items()) {
    if (key == "attachments")
      out["attachments"] = v;
    else
      out["basic"][key] = v;
  }
  if (!out.contains("attachments")) out["attachments"] = json::array();
  return out;
}

std::vector<HiddenCompany> hidden_companies(const ResumeDocument& doc) {
  std::vector<HiddenCompany> out;
  for (const auto& e : doc.content.value("work", json::array())) {
    if (!e.value("hide_from_company", false)) continue;
    HiddenCompany h;
    if (e.contains("company_id")) h.company_id = e["company_id"].get<std::string>();
    h.company_name_fold = core::fold(e.value("company_name", ""));
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> referenced_files(const ResumeDocument& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  if (doc.identity.contains("avatar_file_id"))
    out.emplace_back(doc.identity["avatar_file_id"].get<std::string>(), "basic.avatar_file_id");
  const json& attachments = doc.identity.value("attachments", json::array());
  for (std::size_t i = 0; i < attachments.size(); ++i)
    if (attachments[i].contains("file_id"))
      out.emplace_back(attachments[i]["file_id"].get<std::string>(),
                       "attachments[" + std::to_string(i) + "].file_id");
  return out;
}

}  // namespace hiresafe::resumes

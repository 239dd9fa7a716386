#include "search/resume_index.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace hiresafe::search {

using nlohmann::json;

namespace {

std::string term(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + std::string(value);
}

void index_string(Xapian::TermGenerator& generator, const json& v, Xapian::termcount weight = 1) {
  if (!v.is_string()) return;
  generator.index_text(core::fold(v.get<std::string>()), weight);
  generator.increase_termpos();
}

// The texts of a list of objects under `keys`.
void index_entries(Xapian::TermGenerator& generator, const json& list,
                   std::initializer_list<const char*> keys, Xapian::termcount weight = 1) {
  if (!list.is_array()) return;
  for (const auto& entry : list) {
    if (!entry.is_object()) continue;
    for (const char* key : keys) {
      const auto it = entry.find(key);
      if (it == entry.end()) continue;
      if (it->is_array()) {
        for (const auto& v : *it) index_string(generator, v, weight);
      } else {
        index_string(generator, *it, weight);
      }
    }
  }
}

int degree_rank(const std::string& degree) {
  for (std::size_t i = 0; i < std::size(kDegrees); ++i)
    if (kDegrees[i] == degree) return static_cast<int>(i);
  return -1;
}

}  // namespace

double work_start_value(const std::string& month) {
  if (month.size() != 7 || month[4] != '-') return kNoWorkStart;
  return std::stoi(month.substr(0, 4)) * 12.0 + (std::stoi(month.substr(5, 2)) - 1);
}

std::string hidden_name_term(const crypto::Keyring& keys, const std::string& company_name_fold) {
  return term(resume_terms::kHiddenName, keys.keyed_index("search.hidden_name", company_name_fold));
}

std::string owner_term(const crypto::Keyring& keys, const std::string& user_id) {
  return term(resume_terms::kOwner, keys.keyed_index("search.owner", user_id));
}

std::optional<Xapian::Document> resume_document(const resumes::store::ResumeRow& resume,
                                                const SeekerFacts& facts,
                                                const jobs::Taxonomy& taxonomy,
                                                const crypto::Keyring& keys,
                                                Xapian::TermGenerator& generator) {
  namespace t = resume_terms;
  namespace s = resume_slots;
  if (resume.visibility != "public" && resume.visibility != "no_headhunters") return std::nullopt;
  const json content = json::parse(resume.content, nullptr, false);
  if (!content.is_object()) return std::nullopt;
  const json basic = content.value("basic", json::object());
  const json intention = content.value("intention", json::object());

  Xapian::Document doc;
  generator.set_document(doc);
  // Only content: the sealed identity part is never opened here.
  for (const auto& position : intention.value("positions", json::array()))
    if (position.is_string())
      if (const auto* c = taxonomy.category(position.get<std::string>())) {
        generator.index_text(core::fold(c->name_zh), 3);
        generator.index_text(core::fold(c->name_en), 2);
        generator.increase_termpos();
      }
  for (const auto& industry : intention.value("industries", json::array()))
    index_string(generator, industry);
  index_entries(generator, content.value("work", json::array()), {"title"}, 3);
  index_entries(generator, content.value("work", json::array()),
                {"company_name", "industry", "skill_tags", "duties", "achievements"});
  index_entries(generator, content.value("projects", json::array()),
                {"name", "description", "role"});
  index_entries(generator, content.value("education", json::array()), {"school", "major"});
  index_entries(generator, content.value("skills", json::array()), {"name"}, 2);
  index_entries(generator, content.value("certificates", json::array()), {"name"});
  index_entries(generator, content.value("languages", json::array()), {"language"});
  index_entries(generator, content.value("training", json::array()), {"course"});
  if (content.contains("self_evaluation")) index_string(generator, content["self_evaluation"]);

  doc.add_boolean_term(term(t::kId, resume.id));
  doc.add_boolean_term(owner_term(keys, resume.user_id));
  doc.add_boolean_term(term(t::kVisibility, resume.visibility));
  for (const auto& company : facts.blocked) doc.add_boolean_term(term(t::kBlocked, company));
  for (const auto& hidden : facts.hidden) {
    if (hidden.company_id) doc.add_boolean_term(term(t::kHiddenId, *hidden.company_id));
    if (!hidden.company_name_fold.empty())
      doc.add_boolean_term(hidden_name_term(keys, hidden.company_name_fold));
  }
  for (const auto& city : intention.value("cities", json::array())) {
    if (!city.is_string()) continue;
    doc.add_boolean_term(term(t::kCity, city.get<std::string>()));
    if (const auto* province = taxonomy.province_of(city.get<std::string>()))
      doc.add_boolean_term(term(t::kProvince, province->code));
  }
  int best = -1;
  for (const auto& e : content.value("education", json::array()))
    if (e.is_object()) best = std::max(best, degree_rank(e.value("degree", "")));
  if (best >= 0) doc.add_boolean_term(term(t::kDegree, kDegrees[best]));
  if (intention.contains("work_type"))
    doc.add_boolean_term(term(t::kWorkType, intention.value("work_type", "")));

  doc.add_value(s::kWorkStart,
                Xapian::sortable_serialise(work_start_value(basic.value("work_start", ""))));
  doc.add_value(s::kExpectedSalary,
                Xapian::sortable_serialise(intention.value("salary_min", 0.0)));
  doc.add_value(s::kUpdated, Xapian::sortable_serialise(static_cast<double>(resume.updated_at)));
  doc.set_data(resume.id);
  return doc;
}

}  // namespace hiresafe::search

#include "search/job_index.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace hiresafe::search {

namespace {

// Title words count more than description words.
constexpr Xapian::termcount kTitleWeight = 3;
constexpr std::size_t kExcerptBytes = 240;

std::string term(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + std::string(value);
}

// Cuts UTF-8 at a character boundary at or before `bytes`.
std::string excerpt(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

}  // namespace

std::string salary_band(long long salary_min, long long salary_max) {
  const long long mid = (salary_min + salary_max) / 2;
  if (mid < 5000) return "0-5k";
  if (mid < 10000) return "5-10k";
  if (mid < 15000) return "10-15k";
  if (mid < 20000) return "15-20k";
  if (mid < 30000) return "20-30k";
  if (mid < 50000) return "30-50k";
  return "50k+";
}

std::string pack_facets(const std::array<std::string, kFacetCount>& values) {
  std::string packed;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) packed += kFacetSeparator;
    packed += values[i];
  }
  return packed;
}

Xapian::Stem text_stemmer() { return Xapian::Stem("english"); }

Xapian::TermGenerator make_term_generator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(text_stemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return generator;
}

std::string job_id_term(const std::string& id) { return term(job_terms::kId, id); }

Xapian::Document job_document(const jobs::store::JobRow& job, const jobs::Taxonomy& taxonomy,
                              Xapian::TermGenerator& generator) {
  namespace t = job_terms;
  namespace s = job_slots;
  Xapian::Document doc;
  generator.set_document(doc);

  const auto* city = taxonomy.city(job.city_code);
  const auto* province = taxonomy.province_of(job.city_code);
  const auto* category = taxonomy.category(job.category_id);
  const auto* family = taxonomy.parent_of(job.category_id);
  const auto tags = nlohmann::json::parse(job.skill_tags_json, nullptr, false);

  // Free text, folded (NFKC + case folding) exactly as queries are.
  generator.index_text(core::fold(job.title), kTitleWeight);
  generator.increase_termpos();
  if (category) {
    generator.index_text(core::fold(category->name_zh), kTitleWeight);
    generator.index_text(core::fold(category->name_en));
  }
  generator.increase_termpos();
  if (tags.is_array())
    for (const auto& tag : tags)
      if (tag.is_string()) {
        generator.index_text(core::fold(tag.get<std::string>()), 2);
        generator.increase_termpos();
      }
  generator.index_text(core::fold(job.company_name));
  generator.increase_termpos();
  if (city) {
    generator.index_text(core::fold(city->name_zh));
    generator.index_text(core::fold(city->name_en));
    generator.increase_termpos();
  }
  generator.index_text(core::fold(job.description));

  doc.add_boolean_term(job_id_term(job.id));
  doc.add_boolean_term(term(t::kCity, job.city_code));
  if (province) doc.add_boolean_term(term(t::kProvince, province->code));
  doc.add_boolean_term(term(t::kCategory, job.category_id));
  if (family) doc.add_boolean_term(term(t::kFamily, family->id));
  doc.add_boolean_term(term(t::kEducation, job.education));
  doc.add_boolean_term(term(t::kWorkType, job.work_type));
  doc.add_boolean_term(term(t::kCompany, job.company_id));

  doc.add_value(s::kSalaryMin, Xapian::sortable_serialise(static_cast<double>(job.salary_min)));
  doc.add_value(s::kSalaryMax, Xapian::sortable_serialise(static_cast<double>(job.salary_max)));
  doc.add_value(s::kExperience,
                Xapian::sortable_serialise(static_cast<double>(job.experience_years)));
  doc.add_value(s::kPosted, Xapian::sortable_serialise(static_cast<double>(job.created_at)));
  doc.add_value(s::kExpires, Xapian::sortable_serialise(static_cast<double>(job.expires_at)));
  if (job.latitude && job.longitude)
    doc.add_value(s::kLocation,
                  Xapian::LatLongCoords(Xapian::LatLongCoord(*job.latitude, *job.longitude))
                      .serialise());
  doc.add_value(s::kFacets, pack_facets({job.city_code, job.category_id,
                                         salary_band(job.salary_min, job.salary_max),
                                         job.work_type}));

  // The result card: a job post is public, so what search shows may live in the index.
  nlohmann::json card = {
      {"id", job.id},
      {"title", job.title},
      {"company_id", job.company_id},
      {"company_name", job.company_name},
      {"city_code", job.city_code},
      {"city_name", city ? city->name_zh : ""},
      {"category_id", job.category_id},
      {"category_name", category ? category->name_zh : ""},
      {"salary_min", job.salary_min},
      {"salary_max", job.salary_max},
      {"salary_months", job.salary_months},
      {"education", job.education},
      {"experience_years", job.experience_years},
      {"work_type", job.work_type},
      {"skill_tags", tags.is_array() ? tags : nlohmann::json::array()},
      {"created_at", job.created_at},
      {"expires_at", job.expires_at},
      {"latitude", job.latitude ? nlohmann::json(*job.latitude) : nlohmann::json()},
      {"longitude", job.longitude ? nlohmann::json(*job.longitude) : nlohmann::json()},
      {"excerpt", excerpt(job.description, kExcerptBytes)}};
  doc.add_value(job_slots::kCard, card.dump());
  return doc;
}

}  // namespace hiresafe::search

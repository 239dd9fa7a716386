// The resume document rules (RES-1, PRV-3): what is required, what is refused, what is sealed.
#include <gtest/gtest.h>

#include <set>

#include "jobs/taxonomy.hpp"
#include "resume_fixture.hpp"
#include "resumes/resume_document.hpp"

using namespace hiresafe;
using nlohmann::json;

namespace {

class ResumeDocument : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = jobs::Taxonomy::builtin();
    ASSERT_TRUE(t);
    taxonomy_ = std::make_unique<jobs::Taxonomy>(std::move(*t));
  }
  std::set<std::string> problems(const json& body) {
    auto r = resumes::parse_resume(body, *taxonomy_);
    std::set<std::string> out;
    if (!r)
      for (const auto& e : r.error().errors) out.insert(e.field);
    return out;
  }
  std::unique_ptr<jobs::Taxonomy> taxonomy_;
};

// RES-1: every section of the seed is accepted; identifying fields are split off for sealing.
TEST_F(ResumeDocument, AFullResumeSplitsIdentifyingFieldsFromTheRest) {
  auto doc = resumes::parse_resume(hiresafe::testing::full_resume(), *taxonomy_);
  ASSERT_TRUE(doc) << doc.error().errors.front().field;
  for (const char* key : {"name", "phone", "email", "wechat", "birth_month", "hukou_city"}) {
    EXPECT_TRUE(doc->identity.contains(key)) << key;
    EXPECT_FALSE(doc->content["basic"].contains(key)) << key;
  }
  EXPECT_EQ(doc->identity["phone"], "+8613912345678");
  for (const char* section : {"intention", "education", "work", "projects", "training",
                              "languages", "skills", "certificates", "leadership"})
    EXPECT_TRUE(doc->content.contains(section)) << section;
  // The owner gets back what they sent.
  auto merged = resumes::merge_resume(*doc);
  EXPECT_EQ(merged["basic"]["name"], "欧阳明月");
  EXPECT_EQ(merged["work"].size(), 1u);
}

// PRV-3: optional (选填) fields and sections may be left out; required ones are named.
TEST_F(ResumeDocument, OnlyWhatTheSeedRequiresIsRequired) {
  json body = hiresafe::testing::full_resume();
  for (const char* optional : {"hukou_city", "political_status", "email", "wechat"})
    body["basic"].erase(optional);
  for (const char* section : {"education", "work", "projects", "training", "languages", "skills",
                              "certificates", "leadership", "self_evaluation"})
    body.erase(section);
  EXPECT_EQ(problems(body), std::set<std::string>{});

  json bare = {{"visibility", "public"}, {"basic", json::object()}, {"intention", json::object()}};
  EXPECT_EQ(problems(bare),
            (std::set<std::string>{"basic.name", "basic.gender", "basic.status",
                                   "basic.birth_month", "basic.current_city", "basic.phone",
                                   "basic.overseas_experience", "basic.work_start",
                                   "intention.positions", "intention.industries",
                                   "intention.cities", "intention.salary_min",
                                   "intention.salary_max", "intention.work_type",
                                   "intention.search_status"}));
  EXPECT_EQ(problems(json::object()), (std::set<std::string>{"visibility", "basic", "intention"}));
}

TEST_F(ResumeDocument, StudentsNeedNoWorkStart) {
  json body = hiresafe::testing::full_resume();
  body["basic"]["status"] = "student";
  body["basic"].erase("work_start");
  EXPECT_EQ(problems(body), std::set<std::string>{});
}

TEST_F(ResumeDocument, BadValuesAreAllReportedWithTheirPaths) {
  json body = hiresafe::testing::full_resume();
  body["basic"]["phone"] = "12345";
  body["basic"]["birth_month"] = "1994/07";
  body["basic"]["current_city"] = "999999";
  body["basic"]["nickname"] = "x";
  body["intention"]["salary_min"] = 50000;
  body["work"][0]["category_id"] = "no.such";
  body["work"][0]["end"] = "2016-01";
  body["visibility"] = "friends";
  body["extra"] = 1;
  EXPECT_EQ(problems(body),
            (std::set<std::string>{"basic.phone", "basic.birth_month", "basic.current_city",
                                   "basic.nickname", "intention.salary_max",
                                   "work[0].category_id", "work[0].end", "visibility", "extra"}));
}

// RES-2: the "hide me" switch names the company by folded name (and id when picked).
TEST_F(ResumeDocument, HiddenCompaniesComeFromTheWorkEntries) {
  auto doc = resumes::parse_resume(hiresafe::testing::full_resume({}, "public", "ＡＢＣ科技"), *taxonomy_);
  ASSERT_TRUE(doc);
  auto hidden = resumes::hidden_companies(*doc);
  ASSERT_EQ(hidden.size(), 1u);
  EXPECT_EQ(hidden[0].company_name_fold, "abc科技");
  EXPECT_FALSE(hidden[0].company_id);
}

}  // namespace

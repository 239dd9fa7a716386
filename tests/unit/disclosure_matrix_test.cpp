// The disclosure layer's permission matrix (SEC-3): every viewer kind × visibility level ×
// block state × hide-from-company state × application state, with the exact fields each
// combination returns.
// The expected outcome comes from the rule table below, written apart from the code under
// test: adding a rule adds a row there and every combination it touches.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "disclosure/resume_views.hpp"
#include "jobs/taxonomy.hpp"
#include "resume_fixture.hpp"
#include "resumes/resume_document.hpp"

using namespace hiresafe;
using disclosure::Channel;
using disclosure::Level;
using disclosure::ViewerKind;
using nlohmann::json;

namespace {

struct Case {
  ViewerKind viewer;
  Channel channel;
  std::string visibility;
  bool blocked;
  bool hidden;
  bool applied;  // the resume reached the viewer's company as an application
};

struct Rule {
  const char* promise;
  std::function<bool(const Case&)> applies;
  Level level;
};

bool applied_channel(const Case& c) {
  return c.channel == Channel::kApplication || c.channel == Channel::kDownload;
}

// First matching rule wins.
const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      {"SEC-4", [](const Case& c) { return c.viewer == ViewerKind::kStaff && c.channel == Channel::kView; },
       Level::kFull},
      {"SEC-4", [](const Case& c) { return c.viewer == ViewerKind::kStaff; }, Level::kNone},
      // What the seeker sent a company: visibility and hide-me switches do not apply, a block
      // does; headhunters receive no applications and download nothing.
      {"RES-7",
       [](const Case& c) {
         return c.channel == Channel::kDownload && c.viewer != ViewerKind::kRecruiter;
       },
       Level::kNone},
      {"RES-5",
       [](const Case& c) {
         return c.channel == Channel::kApplication && c.viewer != ViewerKind::kRecruiter;
       },
       Level::kNone},
      {"RES-5", [](const Case& c) { return applied_channel(c) && !c.applied; }, Level::kNone},
      {"RES-9", [](const Case& c) { return applied_channel(c) && c.blocked; }, Level::kNone},
      {"RES-7", [](const Case& c) { return c.channel == Channel::kDownload; }, Level::kApplicant},
      {"RES-5", [](const Case& c) { return c.channel == Channel::kApplication; },
       Level::kApplicant},
      {"RES-3", [](const Case& c) { return c.visibility == "invisible"; }, Level::kNone},
      {"RES-3",
       [](const Case& c) {
         return c.visibility == "no_headhunters" && c.viewer == ViewerKind::kHeadhunter;
       },
       Level::kNone},
      {"RES-9", [](const Case& c) { return c.blocked; }, Level::kNone},
      {"RES-2", [](const Case& c) { return c.hidden; }, Level::kNone},
      {"RES-4", [](const Case&) { return true; }, Level::kMasked},
  };
  return kRules;
}

const std::set<std::string> kMaskedFields = {
    "id",        "updated_at", "display_name", "age_band",     "basic",
    "intention", "education",  "work",         "projects",     "training",
    "languages", "skills",     "certificates", "leadership",   "self_evaluation"};
const std::set<std::string> kApplicantFields = {
    "id",        "updated_at", "name",         "age_band",     "basic",
    "intention", "education",  "work",         "projects",     "training",
    "languages", "skills",     "certificates", "leadership",   "self_evaluation"};
const std::set<std::string> kFullFields = {
    "id",          "updated_at", "name",      "phone",    "email",        "wechat",
    "birth_month", "hukou_city", "attachments", "basic",  "intention",    "education",
    "work",        "projects",   "training",  "languages", "skills",      "certificates",
    "leadership",  "self_evaluation"};

const char* name_of(ViewerKind v) {
  return v == ViewerKind::kRecruiter ? "recruiter" : v == ViewerKind::kHeadhunter ? "headhunter" : "staff";
}
const char* name_of(Channel c) {
  switch (c) {
    case Channel::kView: return "view";
    case Channel::kSearch: return "search";
    case Channel::kRecommendation: return "recommendation";
    case Channel::kApplication: return "application";
    case Channel::kDownload: return "download";
  }
  return "?";
}
const char* name_of(Level l) {
  switch (l) {
    case Level::kNone: return "none";
    case Level::kMasked: return "masked";
    case Level::kApplicant: return "applicant";
    case Level::kFull: return "full";
  }
  return "?";
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  const std::vector<std::pair<ViewerKind, Channel>> viewers = {
      {ViewerKind::kRecruiter, Channel::kView},           {ViewerKind::kHeadhunter, Channel::kView},
      {ViewerKind::kStaff, Channel::kView},               {ViewerKind::kRecruiter, Channel::kSearch},
      {ViewerKind::kHeadhunter, Channel::kSearch},        {ViewerKind::kRecruiter, Channel::kRecommendation},
      {ViewerKind::kHeadhunter, Channel::kRecommendation},
      {ViewerKind::kRecruiter, Channel::kApplication},    {ViewerKind::kHeadhunter, Channel::kApplication},
      {ViewerKind::kRecruiter, Channel::kDownload},       {ViewerKind::kHeadhunter, Channel::kDownload}};
  for (const auto& [viewer, channel] : viewers)
    for (const char* visibility : {"public", "no_headhunters", "invisible"})
      for (bool blocked : {false, true})
        for (bool hidden : {false, true})
          for (bool applied : {false, true})
            out.push_back({viewer, channel, visibility, blocked, hidden, applied});
  return out;
}

class DisclosureMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    auto taxonomy = jobs::Taxonomy::builtin();
    ASSERT_TRUE(taxonomy);
    json body = hiresafe::testing::full_resume(person_, "public", "隐身科技有限公司");
    body["attachments"] = json::array({{{"name", "简历.pdf"}, {"file_id", "f_fixture"}}});
    body["basic"]["avatar_file_id"] = "f_avatar";
    auto doc = resumes::parse_resume(body, *taxonomy);
    ASSERT_TRUE(doc) << (doc ? "" : doc.error().errors.front().field);
    doc_ = *doc;
  }
  hiresafe::testing::ResumePerson person_;
  resumes::ResumeDocument doc_;
  const long long now_ = 1795000000;  // 2026-11
};

TEST_F(DisclosureMatrix, EveryCombinationDisclosesExactlyItsFields) {
  int rows = 0;
  for (const auto& c : all_cases()) {
    const Rule* rule = nullptr;
    for (const auto& r : rules())
      if (!rule && r.applies(c)) rule = &r;
    ASSERT_NE(rule, nullptr);
    SCOPED_TRACE(std::string(rule->promise) + " " + name_of(c.viewer) + "/" + name_of(c.channel) +
                 " visibility=" + c.visibility + " blocked=" + std::to_string(c.blocked) +
                 " hidden=" + std::to_string(c.hidden) + " applied=" + std::to_string(c.applied) +
                 " → " + name_of(rule->level));
    const auto decision =
        disclosure::decide(c.viewer, c.channel, {c.visibility, c.blocked, c.hidden, c.applied});
    EXPECT_EQ(decision.level, rule->level);
    EXPECT_STREQ(decision.promise, rule->promise);
    ++rows;
    if (decision.level == Level::kNone) continue;
    // What a single view answers (render_text), which must be what the tree rules build.
    const std::string text = disclosure::render_text(decision.level, doc_.content.dump(),
                                                     doc_.identity, "r_1", 1, now_);
    const json view = json::parse(text);
    EXPECT_EQ(view, disclosure::render(decision.level, doc_.content, doc_.identity, "r_1", 1, now_));
    std::set<std::string> keys;
    for (const auto& [k, v] : view.items()) keys.insert(k);
    const auto& expected = rule->level == Level::kFull        ? kFullFields
                           : rule->level == Level::kApplicant ? kApplicantFields
                                                              : kMaskedFields;
    std::set<std::string> expected_keys = expected;
    if (rule->level == Level::kFull) expected_keys.insert("avatar_file_id");
    EXPECT_EQ(keys, expected_keys);
    const std::string& dumped = text;
    for (const auto& secret : {person_.name, person_.phone, person_.email, person_.wechat,
                               person_.birth_month, std::string("f_fixture"),
                               std::string("f_avatar"), std::string("hide_from_company")}) {
      if (rule->level == Level::kMasked)  // RES-4
        EXPECT_EQ(dumped.find(secret), std::string::npos) << secret << " leaked into " << dumped;
      else if (rule->level == Level::kApplicant)  // RES-5: the name, never contact fields
        EXPECT_EQ(dumped.find(secret) != std::string::npos, secret == person_.name)
            << secret << " in " << dumped;
      else if (secret != "hide_from_company")
        EXPECT_NE(dumped.find(secret), std::string::npos) << secret << " missing for staff";
    }
  }
  EXPECT_EQ(rows, 11 * 3 * 2 * 2 * 2);
}

// RES-4: the masked name keeps the surname and a form of address, nothing more.
TEST(MaskedName, SurnameAndFormOfAddressOnly) {
  EXPECT_EQ(disclosure::masked_name("张伟", "male"), "张先生");
  EXPECT_EQ(disclosure::masked_name("李娜", "female"), "李女士");
  EXPECT_EQ(disclosure::masked_name("欧阳明月", "female"), "欧阳女士");
  EXPECT_EQ(disclosure::masked_name("王芳", ""), "王某");
  EXPECT_EQ(disclosure::masked_name("  Wei Li", "male"), "L先生");
  EXPECT_EQ(disclosure::masked_name("", "male"), "先生");
}

// RES-4: a birth month becomes a five-year band at the moment of reading.
TEST(AgeBand, FiveYearBandsFromTheBirthMonth) {
  const long long nov_2026 = 1795000000;
  EXPECT_EQ(disclosure::age_band("1994-07", nov_2026), "30-34");
  EXPECT_EQ(disclosure::age_band("1996-12", nov_2026), "25-29");  // 29 until December
  EXPECT_EQ(disclosure::age_band("2009-01", nov_2026), "16-19");
  EXPECT_EQ(disclosure::age_band("1950-01", nov_2026), "60+");
}

}  // namespace

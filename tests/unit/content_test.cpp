// Resume content read with simdjson: a card's cut (disclosure::parse_card_content) keeps the
// fields shown with their JSON types and builds nothing else, and a view's text
// (disclosure::render_text) is the view render() builds from the whole resume.
#include <gtest/gtest.h>

#include <algorithm>

#include "disclosure/resume_views.hpp"

using namespace hiresafe;
using nlohmann::json;

namespace {

const char* kResume = R"({
  "basic": {"gender": "female", "current_city": "440300", "status": "employed",
             "work_start": "2015-07", "hukou_city": "110000", "self_intro": "private words"},
  "intention": {"cities": ["440300", "420100"], "salary_min": 31000, "salary_max": 38000.5,
                "remote": true, "note": null},
  "work": [
    {"title": "Designer", "company_name": "Old Co", "start": "2015-07", "end": "2019-01",
     "description": "long text", "company_id": "c_1", "hide_from_company": true},
    "not an entry",
    {"title": "Lead", "company_name": "New Co", "start": "2019-02", "end": null,
     "description": "more text"}
  ],
  "education": [{"degree": "bachelor", "school": "North", "major": "Art", "start": "2011-09",
                 "courses": ["a", "b"]}],
  "skills": [{"name": "Figma", "level": 3}, {"level": 1}, "loose"],
  "projects": [{"name": "never on a card"}],
  "certificates": [{"name": "never either"}]
})";

TEST(CardContent, KeepsOnlyWhatACardCanShowWithTheirTypes) {
  const json cut = disclosure::parse_card_content(kResume);
  EXPECT_EQ(cut["basic"], json::parse(R"({"gender": "female", "current_city": "440300",
                                         "status": "employed", "work_start": "2015-07"})"));
  EXPECT_EQ(cut["intention"], json::parse(R"({"cities": ["440300", "420100"], "salary_min": 31000,
                                             "salary_max": 38000.5, "remote": true,
                                             "note": null})"));
  EXPECT_TRUE(cut["intention"]["salary_min"].is_number_integer());
  EXPECT_EQ(cut["work"], json::parse(R"([
      {"title": "Designer", "company_name": "Old Co", "start": "2015-07", "end": "2019-01"},
      {"title": "Lead", "company_name": "New Co", "start": "2019-02", "end": null}])"));
  EXPECT_EQ(cut["education"], json::parse(R"([{"degree": "bachelor", "school": "North",
                                              "major": "Art", "start": "2011-09"}])"));
  EXPECT_EQ(cut["skills"], json::parse(R"([{"name": "Figma"}, {}])"));
  EXPECT_FALSE(cut.contains("projects"));
  EXPECT_FALSE(cut.contains("certificates"));
  // Nothing a card cannot show is carried, not even inside the kept sections.
  const std::string dumped = cut.dump();
  for (const char* absent : {"private words", "hukou_city", "long text", "c_1", "hide_from_company",
                             "courses", "never"})
    EXPECT_EQ(dumped.find(absent), std::string::npos) << absent;
}

TEST(CardContent, TheCardIsTheOneTheWholeResumeGives) {
  const json identity = {{"name", "朱嘉诚"}, {"birth_month", "1990-05"}};
  const long long now = 1795404591;
  for (auto level : {disclosure::Level::kMasked, disclosure::Level::kApplicant}) {
    const json from_cut = disclosure::card_of(disclosure::render(
        level, disclosure::parse_card_content(kResume), identity, "r_1", 7, now));
    const json from_whole = disclosure::card_of(
        disclosure::render(level, json::parse(kResume), identity, "r_1", 7, now));
    EXPECT_EQ(from_cut, from_whole);
    EXPECT_EQ(from_cut["latest_work"]["company_name"], "New Co");
    EXPECT_EQ(from_cut["skills"], json::array({"Figma"}));
  }
}

// The text a single view answers is the tree render() builds from the whole resume, at every
// level: the two apply one rule set (fields_at, person_fields, kPrivateWorkKeys).
TEST(ViewContent, EveryLevelRendersTheTextOfTheViewTheWholeResumeGives) {  // RES-4
  const json identity = {{"name", "欧阳明"}, {"birth_month", "1990-05"}, {"phone", "+8613800000000"}};
  const long long now = 1795404591;
  for (auto level : {disclosure::Level::kNone, disclosure::Level::kMasked,
                     disclosure::Level::kApplicant, disclosure::Level::kFull}) {
    const std::string text = disclosure::render_text(level, kResume, identity, "r_1", 7, now);
    const json view = json::parse(text);
    EXPECT_EQ(view, disclosure::render(level, json::parse(kResume), identity, "r_1", 7, now))
        << static_cast<int>(level) << " " << text;
    if (level == disclosure::Level::kNone) {
      EXPECT_EQ(view, json::parse(R"({"id": "r_1", "updated_at": 7})"));
      continue;
    }
    EXPECT_TRUE(view["intention"]["salary_min"].is_number_integer());
    EXPECT_TRUE(view["intention"]["salary_max"].is_number_float());
    if (level == disclosure::Level::kFull) {
      EXPECT_EQ(view["phone"], "+8613800000000");
      EXPECT_EQ(view["work"][0]["hide_from_company"], true);  // the owner's own switch
      continue;
    }
    // Nothing a masked or applicant view cannot show is in the text, not even as a key.
    for (const char* absent : {"hide_from_company", "c_1", "+8613800000000", "1990-05"})
      EXPECT_EQ(text.find(absent), std::string::npos) << absent;
    EXPECT_EQ(view["work"].size(), 3u);
    EXPECT_EQ(view["work"][1], "not an entry");
  }
  EXPECT_EQ(json::parse(disclosure::render_text(disclosure::Level::kMasked, kResume, identity,
                                                "r_1", 7, now))["display_name"],
            "欧阳女士");
}

TEST(ViewContent, OddShapesAndDuplicateKeysRenderAsTheTreeDoesAndBadJsonThrows) {
  const json identity = {{"name", "Li Wei"}, {"birth_month", "2001-11"}};
  const long long now = 1795404591;
  for (const char* content :
       {R"({"skills": [1], "skills": [{"name": "Go"}]})", "[1, 2]", R"({"work": "none"})",
        R"({"basic": {"gender": 3}, "work": [{"title": "\"quoted\"", "company_id": "c_9"}]})"})
    for (auto level : {disclosure::Level::kMasked, disclosure::Level::kApplicant,
                       disclosure::Level::kFull}) {
      const json view =
          json::parse(disclosure::render_text(level, content, identity, "r_\"2", 9, now));
      EXPECT_EQ(view, disclosure::render(level, json::parse(content), identity, "r_\"2", 9, now))
          << content << " " << static_cast<int>(level);
    }
  EXPECT_EQ(json::parse(disclosure::render_text(disclosure::Level::kMasked,
                                                R"({"skills": [1], "skills": [{"name": "Go"}]})",
                                                identity, "r_1", 1, now))["skills"],
            json::parse(R"([{"name": "Go"}])"));
  EXPECT_THROW(disclosure::render_text(disclosure::Level::kMasked, R"({"basic": )", identity,
                                       "r_1", 1, now),
               std::exception);
  EXPECT_THROW(disclosure::render_text(disclosure::Level::kFull, "", identity, "r_1", 1, now),
               std::exception);
}

TEST(CardContent, OddShapesGiveEmptySectionsAndBadJsonThrows) {
  EXPECT_EQ(disclosure::parse_card_content("[1, 2]"), json::object());
  EXPECT_EQ(disclosure::parse_card_content(R"({"work": "none", "basic": 3, "skills": {}})"),
            json::object());
  EXPECT_THROW(disclosure::parse_card_content(R"({"basic": {"gender": )"), std::exception);
  EXPECT_THROW(disclosure::parse_card_content(""), std::exception);
}

}  // namespace

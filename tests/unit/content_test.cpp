// Resume content read with simdjson and cut to what a view (disclosure::parse_content) or a card
// (disclosure::parse_card_content) can show: the fields shown survive with their JSON types,
// nothing else is built, and the view or card rendered from the cut is the one rendered from the
// whole resume.
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

TEST(ViewContent, EveryLevelRendersTheViewTheWholeResumeGives) {
  const json identity = {{"name", "欧阳明"}, {"birth_month", "1990-05"}, {"phone", "+8613800000000"}};
  const long long now = 1795404591;
  for (auto level : {disclosure::Level::kNone, disclosure::Level::kMasked,
                     disclosure::Level::kApplicant, disclosure::Level::kFull}) {
    const json cut = disclosure::parse_content(kResume, level);
    EXPECT_EQ(disclosure::render(level, cut, identity, "r_1", 7, now),
              disclosure::render(level, json::parse(kResume), identity, "r_1", 7, now))
        << static_cast<int>(level);
    // Only the sections the level shows were built at all.
    for (const auto& [key, value] : cut.items())
      EXPECT_NE(std::find(disclosure::fields_at(level).begin(), disclosure::fields_at(level).end(),
                          key),
                disclosure::fields_at(level).end())
          << key;
  }
  EXPECT_TRUE(disclosure::parse_content(kResume, disclosure::Level::kNone).empty());
  EXPECT_TRUE(disclosure::parse_content(kResume, disclosure::Level::kMasked)["intention"]
                  ["salary_min"].is_number_integer());
  EXPECT_TRUE(disclosure::parse_content(kResume, disclosure::Level::kMasked)["intention"]
                  ["salary_max"].is_number_float());
}

TEST(ViewContent, DuplicateKeysKeepTheLastAndBadJsonThrows) {
  const json cut = disclosure::parse_content(R"({"skills": [1], "skills": [{"name": "Go"}]})",
                                             disclosure::Level::kMasked);
  EXPECT_EQ(cut, json::parse(R"({"skills": [{"name": "Go"}]})"));
  EXPECT_EQ(disclosure::parse_content("[1, 2]", disclosure::Level::kMasked), json::object());
  EXPECT_THROW(disclosure::parse_content(R"({"basic": )", disclosure::Level::kMasked),
               std::exception);
  EXPECT_THROW(disclosure::parse_content("", disclosure::Level::kFull), std::exception);
}

TEST(CardContent, OddShapesGiveEmptySectionsAndBadJsonThrows) {
  EXPECT_EQ(disclosure::parse_card_content("[1, 2]"), json::object());
  EXPECT_EQ(disclosure::parse_card_content(R"({"work": "none", "basic": 3, "skills": {}})"),
            json::object());
  EXPECT_THROW(disclosure::parse_card_content(R"({"basic": {"gender": )"), std::exception);
  EXPECT_THROW(disclosure::parse_card_content(""), std::exception);
}

}  // namespace

// Resume PDFs for recruiters (RES-7): what the downloaded file says, read back with poppler.
#include "hiring/resume_pdf.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "disclosure/resume_views.hpp"
#include "jobs/taxonomy.hpp"
#include "resume_fixture.hpp"
#include "resumes/resume_document.hpp"
#include "test_env.hpp"

using namespace hiresafe;
using nlohmann::json;

namespace {

// 2026-11-22 18:05 in China (10:05 UTC).
constexpr long long kDownloadAt = 1795341900;
constexpr const char* kCompany = "深圳市星河科技有限公司";
constexpr const char* kVirtualNumber = "+86 170 0000 1234";

std::optional<std::string> on_path(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + tool;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
  return out;
}

json realistic_view() {
  std::string evaluation;
  for (int i = 0; i < 30; ++i)
    evaluation +=
        "八年后端开发经验，熟悉 C++20、PostgreSQL 与分布式系统，"
        "擅长把复杂系统做简单，重视代码质量、可测试性与团队协作。";
  return {{"id", "res_1"},
          {"updated_at", 1790000000},
          {"name", "欧阳明月"},
          {"display_name", "欧阳女士"},
          {"age_band", "30-34"},
          {"basic",
           {{"gender", "female"},
            {"status", "employed"},
            {"work_start", "2017-07"},
            {"current_city", "440300"},
            {"political_status", "masses"},
            {"overseas_experience", false}}},
          {"intention",
           {{"positions", {"tech.backend"}},
            {"industries", {"互联网", "金融科技"}},
            {"cities", {"440300", "310100"}},
            {"salary_min", 30000},
            {"salary_max", 45000},
            {"work_type", "full_time"},
            {"search_status", "looking"}}},
          {"education",
           {{{"degree", "bachelor"},
             {"full_time", true},
             {"school", "华南理工大学"},
             {"major", "计算机科学与技术"},
             {"start", "2013-09"},
             {"end", "2017-06"}}}},
          {"work",
           {{{"company_name", "星辰软件有限公司"},
             {"title", "后端工程师"},
             {"category_id", "tech.backend"},
             {"skill_tags", {"C++", "PostgreSQL"}},
             {"start", "2017-07"},
             {"industry", "互联网"},
             {"monthly_salary", 25000},
             {"yearly_income", 360000},
             {"duties", "负责交易服务的设计与开发，包括订单、撮合与清结算模块。"},
             {"achievements", "把下单延迟降低了一半。"}}}},
          {"projects",
           {{{"name", "撮合引擎重写"},
             {"start", "2019-01"},
             {"end", "2019-12"},
             {"description", "用 C++ 重写撮合引擎。"},
             {"company", "星辰软件有限公司"},
             {"role", "技术负责人"}}}},
          {"training",
           {{{"start", "2018-03"},
             {"end", "2018-05"},
             {"institution", "深圳技术培训中心"},
             {"course", "分布式系统"}}}},
          {"languages",
           {{{"language", "英语"}, {"listening_speaking", "good"}, {"reading_writing", "fluent"}}}},
          {"skills", {{{"name", "C++"}, {"months", 72}, {"level", "expert"}}}},
          {"certificates", {{{"name", "软件设计师"}, {"obtained", "2018-11"}}}},
          {"leadership", {{{"level", "学生会部长"}, {"start", "2014-09"}, {"end", "2015-06"}}}},
          {"self_evaluation", evaluation}};
}

class ResumePdf : public ::testing::Test {
 protected:
  void SetUp() override {
    // Not a skip: without poppler these checks would silently prove nothing.
    ASSERT_TRUE(on_path("pdftotext") && on_path("pdfinfo") && on_path("pdftoppm"))
        << "pdftotext/pdfinfo/pdftoppm not found on PATH: run scripts/install-deps.sh "
           "(poppler-utils)";
    auto t = jobs::Taxonomy::builtin();
    ASSERT_TRUE(t);
    taxonomy_ = std::make_unique<jobs::Taxonomy>(std::move(*t));
  }

  std::string save(const std::string& pdf) {
    const std::string file = dir_.path() + "/resume-" + std::to_string(++files_) + ".pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    return file;
  }
  std::string text_of(const std::string& pdf) {
    return run("pdftotext -enc UTF-8 -layout '" + save(pdf) + "' - 2>&1");
  }
  int pages_of(const std::string& pdf) {
    std::smatch m;
    const std::string info = run("pdfinfo '" + save(pdf) + "' 2>&1");
    return std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : 0;
  }
  std::string render(const json& view, const std::string& virtual_number = kVirtualNumber) {
    auto pdf =
        hiring::render_resume_pdf(view, {kCompany, kDownloadAt, virtual_number}, taxonomy_.get());
    EXPECT_TRUE(pdf) << pdf.error().detail;
    return pdf ? *pdf : std::string();
  }

  hiresafe::testing::TempDir dir_;
  int files_ = 0;
  std::unique_ptr<jobs::Taxonomy> taxonomy_;
};

// RES-7
TEST_F(ResumePdf, ShowsTheResumeTheVirtualNumberAndWhoDownloadedItOnEveryPage) {
  const std::string pdf = render(realistic_view());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = text_of(pdf);
  for (const char* expected : {"欧阳明月",
                               "电话（虚拟号）: +86 170 0000 1234",
                               "基本信息",
                               "求职意向",
                               "教育经历",
                               "工作经历",
                               "项目经历",
                               "培训经历",
                               "语言能力",
                               "专业技能",
                               "证书",
                               "学生干部经历",
                               "自我评价",
                               "华南理工大学",
                               "计算机科学与技术",
                               "星辰软件有限公司",
                               "上海市",
                               "后端开发",
                               "本科",
                               "精通",
                               "八年后端开发经验"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  EXPECT_EQ(hiring::stamp_text({kCompany, kDownloadAt, ""}),
            "深圳市星河科技有限公司 下载 · 2026-11-22 18:05 · hiresafe");
  EXPECT_NE(text.find("深圳市星河科技有限公司 下载 · 2026-11-22 18:05 · hiresafe"),
            std::string::npos);

  const int pages = pages_of(pdf);
  EXPECT_GE(pages, 2);
  // The footer (stamp and page number) is on every page; pdftotext may drop the spaces.
  for (int page = 1; page <= pages; ++page)
    EXPECT_TRUE(std::regex_search(text, std::regex("第 ?" + std::to_string(page) + " ?页")))
        << page;
  std::size_t stamps = 0;
  for (auto at = text.find("2026-11-22 18:05"); at != std::string::npos;
       at = text.find("2026-11-22 18:05", at + 1))
    ++stamps;
  EXPECT_EQ(stamps, static_cast<std::size_t>(pages));
}

// RES-7: the stamp is drawn as outlines (so text extraction stays clean), which pdftotext
// cannot see; the page margins, where only the watermark ever draws, show it instead.
TEST_F(ResumePdf, EveryPageCarriesAVisibleWatermark) {
  const std::string pdf = render(realistic_view());
  const std::string file = save(pdf);
  const int pages = pages_of(pdf);
  ASSERT_GE(pages, 2);
  for (int page = 1; page <= pages; ++page) {
    const std::string image = dir_.path() + "/page-" + std::to_string(page);
    run("pdftoppm -gray -r 36 -f " + std::to_string(page) + " -l " + std::to_string(page) +
        " -singlefile '" + file + "' '" + image + "' 2>&1");
    std::ifstream in(image + ".pgm", std::ios::binary);
    std::string magic;
    int width = 0, height = 0, max = 0;
    in >> magic >> width >> height >> max;
    in.get();
    ASSERT_EQ(magic, "P5") << page;
    std::string pixels(static_cast<std::size_t>(width) * height, '\0');
    in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
    // The left margin (2 cm, 28 px at 36 dpi): the first 20 columns hold no content.
    int grey = 0;
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < 20; ++x)
        if (static_cast<unsigned char>(pixels[static_cast<std::size_t>(y) * width + x]) < 250)
          ++grey;
    EXPECT_GT(grey, 50) << "no watermark in the margin of page " << page;
  }
}

// RES-7: long text flows onto the next page instead of running into the footer.
TEST_F(ResumePdf, ContentStopsAtTheBottomMarginAndOnlyTheFooterIsBelowIt) {
  json view = realistic_view();
  view["self_evaluation"] = view["self_evaluation"].get<std::string>() + "\n" +
                            view["self_evaluation"].get<std::string>();
  const std::string boxes = run("pdftotext -bbox '" + save(render(view)) + "' - 2>&1");
  constexpr double kBottomMargin = 841.890 - 56.693;  // A4 height less the 2 cm margin
  const std::regex word(R"re(yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)")re");
  int body = 0, footer = 0;
  for (auto it = std::sregex_iterator(boxes.begin(), boxes.end(), word);
       it != std::sregex_iterator(); ++it) {
    const double top = std::stod((*it)[1]), bottom = std::stod((*it)[2]);
    if (top >= kBottomMargin) {
      ++footer;
    } else {
      ++body;
      EXPECT_LE(bottom, kBottomMargin + 0.5) << "a word reaches into the bottom margin";
    }
  }
  EXPECT_GT(body, 100);
  EXPECT_GT(footer, 0);
}

// RES-7: the seeker switched contact off, so there is no number to show.
TEST_F(ResumePdf, WithoutAVirtualNumberSaysContactIsNotAvailable) {
  const std::string text = text_of(render(realistic_view(), ""));
  EXPECT_NE(text.find("联系方式: 暂不可用"), std::string::npos);
  EXPECT_EQ(text.find("电话"), std::string::npos);
  EXPECT_NE(text.find("欧阳明月"), std::string::npos);
}

// RES-7: the download carries the virtual number, never the real one, even when the view
// handed in holds contact fields.
TEST_F(ResumePdf, ContactFieldsInTheViewNeverReachThePdf) {
  json planted = realistic_view();
  planted["phone"] = "+8613812345678";
  planted["email"] = "planted@example.com";
  planted["wechat"] = "planted_wx_01";
  planted["basic"]["phone"] = "13812345678";
  planted["work"][0]["phone"] = "13812345678";
  std::string text = text_of(render(planted));
  for (const char* secret : {"13812345678", "138 1234 5678", "planted"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;

  // A view at the owner's level (the most disclosure renders) from the real pipeline.
  const hiresafe::testing::ResumePerson person;
  auto doc = resumes::parse_resume(hiresafe::testing::full_resume(person), *taxonomy_);
  ASSERT_TRUE(doc);
  json view = disclosure::render(disclosure::Level::kFull, doc->content, doc->identity, "res_2",
                                 1790000000, kDownloadAt);
  ASSERT_EQ(view["phone"], person.phone);
  view["name"] = person.name;
  text = text_of(render(view));
  EXPECT_NE(text.find(person.name), std::string::npos);
  EXPECT_NE(text.find("华南理工大学"), std::string::npos);
  for (const std::string& secret :
       {person.phone, person.phone.substr(3), person.email, person.wechat, person.birth_month})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
}

// RES-7: no input may crash the server: wrongly typed values are left out, the rest still prints.
TEST_F(ResumePdf, WronglyTypedValuesAreSkippedNotThrownOn) {
  json view = realistic_view();
  view["education"] = "oops";
  view["work"] = json::array({1, 2, nullptr, "x", json::array({"y"})});
  view["basic"]["gender"] = 7;
  view["intention"] = {
      {"salary_min", "a lot"}, {"cities", 440300}, {"positions", {1, "tech.backend"}}};
  view["skills"] = json::array({{{"name", 5}, {"months", "long"}, {"level", {1}}}});
  view["languages"] = json::object({{"language", "英语"}});
  view["projects"][0]["description"] = "带控制字符\x01与无效字节\xff\xfe的文本";
  view["self_evaluation"] = json::object();
  view["name"] = 12345;
  const std::string text = text_of(render(view));
  EXPECT_NE(text.find("撮合引擎重写"), std::string::npos);
  EXPECT_NE(text.find("后端开发"), std::string::npos);
  EXPECT_EQ(text.find("教育经历"), std::string::npos);
  EXPECT_EQ(text.find("工作经历"), std::string::npos);

  for (const json& odd : {json(), json::array({1, 2}), json("resume"), json::object()}) {
    auto pdf = hiring::render_resume_pdf(odd, {kCompany, kDownloadAt, ""});
    ASSERT_TRUE(pdf);
    EXPECT_TRUE(pdf->starts_with("%PDF-"));
  }
  for (long long at : {-1LL, std::numeric_limits<long long>::max()})
    EXPECT_TRUE(hiring::render_resume_pdf(json::object(), {kCompany, at, kVirtualNumber}));
}

// RES-7: the server renders from several request threads at once; each gets the same bytes.
TEST_F(ResumePdf, RendersFromSeveralThreadsAtOnce) {
  const json view = realistic_view();
  const std::string expected = render(view);
  ASSERT_FALSE(expected.empty());
  std::vector<std::string> results(4 * 3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        auto pdf = hiring::render_resume_pdf(view, {kCompany, kDownloadAt, kVirtualNumber},
                                             taxonomy_.get());
        if (pdf) results[t * 3 + i] = std::move(*pdf);
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r == expected);
}

}  // namespace

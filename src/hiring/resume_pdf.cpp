// Renders a resume view as a watermarked A4 PDF for recruiters' downloads (RES-7).
//
// Library: cairo + pango (pangocairo). Cairo's PDF surface embeds subsetted fonts, so the file
// is self-contained (a recruiter's machine needs no CJK font) and stays small; pango shapes and
// line-breaks Chinese mixed with Latin text and falls back across fonts through fontconfig.
// Font: "WenQuanYi Micro Hei" from Debian's fonts-wqy-microhei, one TTC covering CJK and Latin,
// asked for by family name with "sans-serif" behind it, never by file path, so a packaging
// change degrades to another font instead of failing.
// Threads: every render has its own surface, context and layouts. The font map is pango's
// default one, which since pango 1.32.6 is one per thread, so a server thread keeps its font
// caches from render to render: a 3-page resume took ~20 ms (median, 2-core machine under
// load) this way and ~44 ms with a fresh pango_cairo_font_map_new() per call.
#include "hiring/resume_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <ctime>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "jobs/taxonomy.hpp"

namespace hiresafe::hiring {

using nlohmann::json;

namespace {

// A4 in points, 2 cm margins; the footer sits in the bottom margin.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.693;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin;
constexpr const char* kFamilies = "WenQuanYi Micro Hei,sans-serif";

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, Deleter<cairo_destroy>>;
template <class T>
using GObjectPtr = std::unique_ptr<T, Deleter<g_object_unref>>;
using FontPtr = std::unique_ptr<PangoFontDescription, Deleter<pango_font_description_free>>;

// --- Reading the view. A view is data: nothing here assumes the shape parse_resume gave it.

const json& empty_list() {
  static const json kEmpty = json::array();
  return kEmpty;
}

std::string text_at(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<long long> amount_at(const json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

std::optional<bool> flag_at(const json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

const json& list_at(const json& obj, const char* key) {
  if (!obj.is_object()) return empty_list();
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : empty_list();
}

std::vector<std::string> texts_at(const json& obj, const char* key) {
  std::vector<std::string> out;
  for (const auto& v : list_at(obj, key))
    if (v.is_string() && !v.get_ref<const std::string&>().empty())
      out.push_back(v.get<std::string>());
  return out;
}

std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

struct Label {
  std::string_view key;
  std::string_view zh;
};

// A stored choice in Chinese; a value outside the list prints as it is rather than vanishing.
std::string label(std::span<const Label> labels, const std::string& key) {
  for (const auto& l : labels)
    if (l.key == key) return std::string(l.zh);
  return key;
}

constexpr Label kGender[] = {{"male", "男"}, {"female", "女"}};
constexpr Label kStatus[] = {{"employed", "在职"}, {"unemployed", "离职"}, {"student", "在校生"}};
constexpr Label kPolitical[] = {
    {"cpc_member", "中共党员"},     {"cpc_probationary", "中共预备党员"},
    {"cyl_member", "共青团员"},     {"democratic_party", "民主党派"},
    {"non_partisan", "无党派人士"}, {"masses", "群众"}};
constexpr Label kWorkType[] = {
    {"full_time", "全职"}, {"part_time", "兼职"}, {"internship", "实习"}};
constexpr Label kSearchStatus[] = {
    {"browsing", "看看机会"}, {"looking", "正在找工作"}, {"not_looking", "暂不考虑"}};
constexpr Label kDegree[] = {
    {"junior_high", "初中"},    {"high_school", "高中"}, {"secondary_vocational", "中专/中技"},
    {"junior_college", "大专"}, {"bachelor", "本科"},    {"master", "硕士"},
    {"doctorate", "博士"},      {"other", "其他"}};
constexpr Label kLanguageLevel[] = {
    {"basic", "入门"}, {"fair", "一般"}, {"good", "良好"}, {"fluent", "流利"}, {"native", "母语"}};
constexpr Label kSkillLevel[] = {
    {"beginner", "了解"}, {"intermediate", "熟悉"}, {"advanced", "熟练"}, {"expert", "精通"}};

// --- What to print: sections of blocks, decided before any drawing.

enum class Style { kName, kContact, kSection, kEntry, kMeta, kBody };

struct Block {
  Style style;
  std::string text;
};

struct Section {
  const char* title;
  std::vector<Block> blocks;
};

class Content {
 public:
  explicit Content(const jobs::Taxonomy* taxonomy) : taxonomy_(taxonomy) {}

  std::vector<Section> sections(const json& view) const {
    std::vector<Section> out;
    const auto add = [&](const char* title, std::vector<Block> blocks) {
      if (!blocks.empty()) out.push_back({title, std::move(blocks)});
    };
    const json empty = json::object();
    const json& basic = view.is_object() && view.contains("basic") ? view["basic"] : empty;
    add("基本信息", basic_info(basic, text_at(view, "age_band")));
    add("求职意向",
        intention(view.is_object() && view.contains("intention") ? view["intention"] : empty));
    add("教育经历", entries(view, "education", &Content::education));
    add("工作经历", entries(view, "work", &Content::work));
    add("项目经历", entries(view, "projects", &Content::project));
    add("培训经历", entries(view, "training", &Content::training));
    add("语言能力", entries(view, "languages", &Content::language));
    add("专业技能", entries(view, "skills", &Content::skill));
    add("证书", entries(view, "certificates", &Content::certificate));
    add("学生干部经历", entries(view, "leadership", &Content::leadership));
    std::vector<Block> self;
    body(self, "", text_at(view, "self_evaluation"));
    add("自我评价", std::move(self));
    return out;
  }

 private:
  using EntryFn = void (Content::*)(const json&, std::vector<Block>&) const;

  static void body(std::vector<Block>& out, std::string_view prefix, const std::string& value) {
    if (!value.empty()) out.push_back({Style::kBody, std::string(prefix) + value});
  }

  static std::string period(const json& e) {
    const std::string start = text_at(e, "start"), end = text_at(e, "end");
    if (start.empty()) return end;
    return start + " – " + (end.empty() ? "至今" : end);
  }

  std::string city(const std::string& code) const {
    const jobs::City* c = taxonomy_ ? taxonomy_->city(code) : nullptr;
    return c ? c->name_zh : code;
  }

  std::string category(const std::string& id) const {
    const jobs::Category* c = taxonomy_ ? taxonomy_->category(id) : nullptr;
    return c ? c->name_zh : id;
  }

  std::vector<Block> basic_info(const json& b, const std::string& age_band) const {
    std::vector<Block> out;
    const std::string gender = text_at(b, "gender");
    if (!gender.empty()) body(out, "性别：", label(kGender, gender));
    if (!age_band.empty()) body(out, "年龄：", age_band + " 岁");
    const std::string current = text_at(b, "current_city");
    if (!current.empty()) body(out, "现居城市：", city(current));
    const std::string status = text_at(b, "status");
    if (!status.empty()) body(out, "当前状态：", label(kStatus, status));
    body(out, "参加工作：", text_at(b, "work_start"));
    const std::string political = text_at(b, "political_status");
    if (!political.empty()) body(out, "政治面貌：", label(kPolitical, political));
    if (auto overseas = flag_at(b, "overseas_experience"))
      body(out, "海外经历：", *overseas ? "有" : "无");
    return out;
  }

  std::vector<Block> intention(const json& i) const {
    std::vector<Block> out;
    std::vector<std::string> positions, cities;
    for (const auto& id : texts_at(i, "positions")) positions.push_back(category(id));
    for (const auto& code : texts_at(i, "cities")) cities.push_back(city(code));
    body(out, "期望职位：", joined(positions, "、"));
    body(out, "期望行业：", joined(texts_at(i, "industries"), "、"));
    body(out, "期望城市：", joined(cities, "、"));
    const auto low = amount_at(i, "salary_min"), high = amount_at(i, "salary_max");
    if (low && high)
      body(out, "期望月薪：", std::to_string(*low) + "–" + std::to_string(*high) + " 元");
    else if (low || high)
      body(out, "期望月薪：", std::to_string(low ? *low : *high) + " 元");
    const std::string work_type = text_at(i, "work_type");
    if (!work_type.empty()) body(out, "工作性质：", label(kWorkType, work_type));
    const std::string search = text_at(i, "search_status");
    if (!search.empty()) body(out, "求职状态：", label(kSearchStatus, search));
    return out;
  }

  std::vector<Block> entries(const json& view, const char* key, EntryFn fn) const {
    std::vector<Block> out;
    for (const auto& e : list_at(view, key))
      if (e.is_object()) (this->*fn)(e, out);
    return out;
  }

  // An entry's heading and the facts under it; a heading with nothing in it is left out.
  static void heading(std::vector<Block>& out, const std::vector<std::string>& title,
                      const std::vector<std::string>& meta) {
    const std::string t = joined(title, " · "), m = joined(meta, " · ");
    if (!t.empty()) out.push_back({Style::kEntry, t});
    if (!m.empty()) out.push_back({t.empty() ? Style::kEntry : Style::kMeta, m});
  }

  void education(const json& e, std::vector<Block>& out) const {
    const std::string degree = text_at(e, "degree");
    const auto full_time = flag_at(e, "full_time");
    heading(out, {text_at(e, "school"), text_at(e, "major")},
            {period(e), degree.empty() ? "" : label(kDegree, degree),
             full_time ? (*full_time ? "全日制" : "非全日制") : ""});
    body(out, "", text_at(e, "description"));
  }

  void work(const json& e, std::vector<Block>& out) const {
    const std::string category_id = text_at(e, "category_id");
    heading(out, {text_at(e, "company_name"), text_at(e, "title")},
            {period(e), text_at(e, "industry"), category_id.empty() ? "" : category(category_id),
             text_at(e, "company_type"), text_at(e, "company_size")});
    std::vector<std::string> pay;
    if (auto m = amount_at(e, "monthly_salary"))
      pay.push_back("月薪 " + std::to_string(*m) + " 元");
    if (auto y = amount_at(e, "yearly_income"))
      pay.push_back("年收入 " + std::to_string(*y) + " 元");
    body(out, "薪资：", joined(pay, "，"));
    body(out, "技能标签：", joined(texts_at(e, "skill_tags"), "、"));
    body(out, "工作职责：", text_at(e, "duties"));
    body(out, "工作业绩：", text_at(e, "achievements"));
  }

  void project(const json& e, std::vector<Block>& out) const {
    heading(out, {text_at(e, "name"), text_at(e, "company")}, {period(e)});
    body(out, "担任角色：", text_at(e, "role"));
    body(out, "项目描述：", text_at(e, "description"));
  }

  void training(const json& e, std::vector<Block>& out) const {
    heading(out, {text_at(e, "institution"), text_at(e, "course")}, {period(e)});
  }

  void language(const json& e, std::vector<Block>& out) const {
    const std::string listening = text_at(e, "listening_speaking"),
                      reading = text_at(e, "reading_writing");
    body(out, "",
         joined({text_at(e, "language"),
                 listening.empty() ? "" : "听说" + label(kLanguageLevel, listening),
                 reading.empty() ? "" : "读写" + label(kLanguageLevel, reading)},
                "　"));
  }

  void skill(const json& e, std::vector<Block>& out) const {
    const std::string level = text_at(e, "level");
    const auto months = amount_at(e, "months");
    body(out, "",
         joined({text_at(e, "name"), level.empty() ? "" : label(kSkillLevel, level),
                 months ? "使用 " + std::to_string(*months) + " 个月" : ""},
                "　"));
  }

  void certificate(const json& e, std::vector<Block>& out) const {
    body(out, "", joined({text_at(e, "name"), text_at(e, "obtained")}, "　"));
  }

  void leadership(const json& e, std::vector<Block>& out) const {
    body(out, "", joined({text_at(e, "level"), period(e)}, "　"));
  }

  const jobs::Taxonomy* taxonomy_;
};

// Pango warns on stderr about invalid UTF-8 and draws control characters as boxes; neither
// belongs in a document, so both are cleaned here.
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u == '\t')
      out += ' ';
    else if ((u >= 0x20 && u != 0x7f) || u == '\n')
      out += c;
  }
  if (g_utf8_validate(out.data(), static_cast<gssize>(out.size()), nullptr)) return out;
  gchar* valid = g_utf8_make_valid(out.data(), static_cast<gssize>(out.size()));
  std::string result(valid);
  g_free(valid);
  return result;
}

std::string china_time(long long at, const char* format) {
  constexpr long long kYear9999 = 253402300799;
  if (at < 0 || at > kYear9999) return {};
  // China has kept UTC+8 without daylight saving since 1991; no time-zone database needed.
  const std::time_t t = static_cast<std::time_t>(at + 8 * 3600);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return {};
  char buf[40];
  return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

// --- Drawing.

struct Look {
  double size;
  bool bold;
  double grey;  // 0 black … 1 white
  double space_before;
};

Look look_of(Style s) {
  switch (s) {
    case Style::kName:
      return {20, true, 0, 0};
    case Style::kContact:
      return {11, false, 0.15, 6};
    case Style::kSection:
      return {13, true, 0, 18};
    case Style::kEntry:
      return {11, true, 0, 8};
    case Style::kMeta:
      return {9.5, false, 0.4, 1};
    case Style::kBody:
      return {10.5, false, 0.1, 3};
  }
  return {10.5, false, 0, 0};
}

FontPtr font(double size, bool bold) {
  FontPtr f(pango_font_description_from_string(kFamilies));
  pango_font_description_set_absolute_size(f.get(), size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(f.get(), PANGO_WEIGHT_BOLD);
  return f;
}

class Pages {
 public:
  Pages(cairo_t* cr, PangoContext* ctx, std::string stamp)
      : cr_(cr), ctx_(ctx), stamp_(std::move(stamp)) {}

  // Draws one block line by line, starting a page whenever the next line would cross the
  // bottom margin; `keep` more points must fit after the first line, so a heading is never
  // the last line of a page.
  void block(const Block& b, double keep = 0) {
    if (b.text.empty()) return;
    const Look look = look_of(b.style);
    auto layout = make_layout(printable(b.text), look.size, look.bold, kContentWidth);
    if (!open_) start_page();
    if (y_ > kMargin) y_ += look.space_before;
    const double gap = look.size * 0.35;
    bool first = true;
    for (GSList* l = pango_layout_get_lines_readonly(layout.get()); l; l = l->next) {
      auto* line = static_cast<PangoLayoutLine*>(l->data);
      PangoRectangle logical;
      pango_layout_line_get_extents(line, nullptr, &logical);
      const double height = logical.height / double(PANGO_SCALE);
      if (y_ + height + (first ? keep : 0) > kBottom && y_ > kMargin) {
        end_page();
        start_page();
      }
      first = false;
      cairo_set_source_rgb(cr_, look.grey, look.grey, look.grey);
      cairo_move_to(cr_, kMargin, y_ - logical.y / double(PANGO_SCALE));
      pango_cairo_show_layout_line(cr_, line);
      y_ += height + gap;
    }
    if (b.style == Style::kSection) {
      cairo_set_source_rgb(cr_, 0.7, 0.7, 0.7);
      cairo_set_line_width(cr_, 0.6);
      cairo_move_to(cr_, kMargin, y_ - gap + 2);
      cairo_line_to(cr_, kPageWidth - kMargin, y_ - gap + 2);
      cairo_stroke(cr_);
      y_ += 4;
    }
  }

  void finish() {
    if (!open_) start_page();
    end_page();
  }

 private:
  GObjectPtr<PangoLayout> make_layout(const std::string& text, double size, bool bold,
                                      double width) {
    GObjectPtr<PangoLayout> layout(pango_layout_new(ctx_));
    FontPtr f = font(size, bold);
    pango_layout_set_font_description(layout.get(), f.get());
    pango_layout_set_width(layout.get(), pango_units_from_double(width));
    // Chinese has no spaces to break at; WORD_CHAR also breaks a long Latin token (a URL).
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  void start_page() {
    open_ = true;
    ++page_;
    y_ = kMargin;
  }

  // The stamp goes over the content, so nothing on the page can cover it. It is drawn as
  // outlines, not text: text would be interleaved by PDF-to-text tools (and applicant
  // tracking systems) with the resume's own lines; the footer carries the same words as text.
  // One recorded tile is replayed, so the PDF holds its outlines once.
  void end_page() {
    if (!tile_) record_tile();
    cairo_save(cr_);
    const double step_x = tile_width_ + 80, step_y = 110;
    const double reach = std::hypot(kPageWidth, kPageHeight) / 2;
    cairo_translate(cr_, kPageWidth / 2, kPageHeight / 2);
    cairo_rotate(cr_, -M_PI / 6);
    const int rows = static_cast<int>(reach / step_y) + 1;
    for (int row = -rows; row <= rows; ++row) {
      const double shift = (row % 2 == 0) ? 0 : step_x / 2;
      for (double x = -reach - shift; x < reach; x += step_x) {
        cairo_set_source_surface(cr_, tile_.get(), x, row * step_y);
        cairo_paint(cr_);
      }
    }
    cairo_restore(cr_);

    auto footer = make_layout(printable(stamp_), 8.5, false, kContentWidth - 60);
    pango_layout_set_ellipsize(footer.get(), PANGO_ELLIPSIZE_END);
    auto number = make_layout("第 " + std::to_string(page_) + " 页", 8.5, false, 60);
    pango_layout_set_alignment(number.get(), PANGO_ALIGN_RIGHT);
    const double y = kPageHeight - kMargin / 2 - 6;
    cairo_set_source_rgb(cr_, 0.45, 0.45, 0.45);
    cairo_move_to(cr_, kMargin, y);
    pango_cairo_show_layout(cr_, footer.get());
    cairo_move_to(cr_, kPageWidth - kMargin - 60, y);
    pango_cairo_show_layout(cr_, number.get());
    cairo_show_page(cr_);
    open_ = false;
  }

  void record_tile() {
    auto mark = make_layout(printable(stamp_), 13, false, -1);
    pango_layout_set_width(mark.get(), -1);
    PangoRectangle logical;
    pango_layout_get_extents(mark.get(), nullptr, &logical);
    tile_width_ = logical.width / double(PANGO_SCALE);
    const cairo_rectangle_t bounds{0, 0, tile_width_, logical.height / double(PANGO_SCALE)};
    tile_.reset(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &bounds));
    CairoPtr tcr(cairo_create(tile_.get()));
    pango_cairo_layout_path(tcr.get(), mark.get());
    cairo_set_source_rgba(tcr.get(), 0.5, 0.5, 0.5, 0.16);
    cairo_fill(tcr.get());
  }

  cairo_t* cr_;
  PangoContext* ctx_;
  std::string stamp_;
  SurfacePtr tile_;
  double tile_width_ = 0;
  double y_ = kMargin;
  int page_ = 0;
  bool open_ = false;
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

core::Result<std::string> render(const json& view, const PdfStamp& stamp,
                                 const jobs::Taxonomy* taxonomy) {
  std::string name = text_at(view, "name");
  if (name.empty()) name = text_at(view, "display_name");
  const std::vector<Section> sections = Content(taxonomy).sections(view);

  std::string pdf;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight));
  const std::string title = printable(name.empty() ? "简历" : name + " 的简历");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "hiresafe");
  // The download time, not the wall clock, so the same download renders the same bytes.
  const std::string created = china_time(stamp.at, "%Y-%m-%dT%H:%M:%S+08:00");
  if (!created.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  CairoPtr cr(cairo_create(surface.get()));
  GObjectPtr<PangoContext> ctx(pango_cairo_create_context(cr.get()));

  Pages pages(cr.get(), ctx.get(), stamp_text(stamp));
  pages.block({Style::kName, name.empty() ? "简历" : name});
  pages.block({Style::kContact, stamp.virtual_number.empty()
                                    ? "联系方式: 暂不可用"
                                    : "电话（虚拟号）: " + stamp.virtual_number});
  for (const auto& section : sections) {
    pages.block({Style::kSection, section.title}, 60);
    for (const auto& b : section.blocks) pages.block(b, b.style == Style::kEntry ? 40 : 0);
  }
  pages.finish();

  cairo_status_t status = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    return core::Error::internal(std::string("resume pdf: cairo: ") +
                                 cairo_status_to_string(status));
  return pdf;
}

}  // namespace

std::string stamp_text(const PdfStamp& stamp) {
  const std::string when = china_time(stamp.at, "%Y-%m-%d %H:%M");
  return (stamp.company_name.empty() ? "" : stamp.company_name + " ") + "下载 · " + when +
         " · hiresafe";
}

core::Result<std::string> render_resume_pdf(const json& view, const PdfStamp& stamp,
                                            const jobs::Taxonomy* taxonomy) {
  try {
    return render(view, stamp, taxonomy);
  } catch (const std::exception& e) {
    // Only the exception's kind and message: it names types, never the resume's values.
    return core::Error::internal(std::string("resume pdf: ") + e.what());
  }
}

}  // namespace hiresafe::hiring

// Resume PDFs for employer recruiters (RES-7): an applied resume, stamped with who downloaded it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"

namespace hiresafe::jobs {
class Taxonomy;
}

namespace hiresafe::hiring {

struct PdfStamp {
  std::string company_name;    // the downloading company, shown in the watermark
  long long at = 0;            // download time (unix seconds), shown as China time (UTC+8)
  std::string virtual_number;  // the only phone shown; empty: the seeker switched contact off
};

// The resume view (JSON as produced by disclosure::render, plus a top-level "name" = full name)
// as an A4 PDF. Only the sections and fields this renderer knows are printed, so contact
// fields a view may carry (phone, e-mail, WeChat) never reach the file; the one phone is the
// stamp's virtual number. Wrongly typed values are skipped. With `taxonomy`, city codes and
// category ids print as their Chinese names; without it, as the codes themselves.
core::Result<std::string> render_resume_pdf(const nlohmann::json& view, const PdfStamp& stamp,
                                            const jobs::Taxonomy* taxonomy = nullptr);

// The watermark and footer text: "<company_name> 下载 · 2026-11-22 18:05 · hiresafe".
std::string stamp_text(const PdfStamp& stamp);

}  // namespace hiresafe::hiring

#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace hiresafe::core {

std::string fold(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return utf8;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  icu::UnicodeString normal = nfkc->normalize(text, status);
  if (U_FAILURE(status)) return utf8;
  normal.foldCase().trim();
  std::string out;
  normal.toUTF8String(out);
  return out;
}

bool clean_utf8(const std::string& utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::string round;
  text.toUTF8String(round);
  if (round != utf8) return false;  // invalid sequences were replaced with U+FFFD
  for (int32_t i = 0; i < text.length(); ++i) {
    UChar c = text.charAt(i);
    if (c != '\n' && c != '\t' && u_iscntrl(c)) return false;
  }
  return true;
}

}  // namespace hiresafe::core

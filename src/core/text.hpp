// Unicode text handling with ICU: normalisation before comparing, hashing or indexing.
#pragma once

#include <string>

namespace hiresafe::core {

// NFKC (full-width to half-width and the like), then Unicode case folding, then trimmed.
std::string fold(const std::string& utf8);
// True when the bytes are well-formed UTF-8 without control characters other than \n and \t.
bool clean_utf8(const std::string& utf8);

}  // namespace hiresafe::core

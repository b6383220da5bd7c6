// What an online request uploads: a document the back office can open, base64-encoded as the
// request body carries it.
//
//   {"data", Base64(kSmallPdf)}
#pragma once

#include <string>

namespace amtszeit::testing {

// A small but well-formed PDF.
extern const std::string kSmallPdf;

std::string Base64(const std::string& bytes);

}  // namespace amtszeit::testing

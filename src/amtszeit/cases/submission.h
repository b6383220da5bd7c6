// What a citizen sends for an online case, and their answer to a question about it: plain data,
// decoded from a request body (server/bodies) and checked and stored by CaseService.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace amtszeit::cases {

struct Upload {
  std::string requirement_id;
  std::string file_name;  // as the client named it; sanitised on receipt
  std::string data;
};

struct Submission {
  std::string service_id;
  std::string language = "de";
  std::map<std::string, std::string> answers;
  std::vector<Upload> documents;
};

// A citizen's answer to the back office's question: text, and documents asked for by the form
// (none required).
struct Reply {
  std::string text;
  std::vector<Upload> documents;
};

}  // namespace amtszeit::cases

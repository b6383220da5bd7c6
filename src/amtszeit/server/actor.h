// Who acts, for histories and audits: the signed-in user (a staff session, or the call centre's
// key). Only a caller without either (the command line's scripts, tests against a bare router)
// is taken at its word, from the body's or the query's "actor": a typed name never overrides who
// signed in.
//
//   AMTSZEIT_OR_PROBLEM(actor, ActorName(req, *body));   // "k.meyer"
#pragma once

#include <string>

#include "amtszeit/domain/error.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/http.h"

namespace amtszeit::server {

inline constexpr std::size_t kMaxActorLength = 120;

// From the body's "actor"; kInvalidArgument for a typed name over kMaxActorLength. Empty when
// nobody is signed in and none was typed (the callee decides whether that is allowed).
Result<std::string> ActorName(const Request& req, const Body& body);
// The same from the query (DELETE requests have no body).
std::string ActorName(const Request& req);

}  // namespace amtszeit::server

// The route table type. The table itself is in routes.cpp: one file shows the whole API.
#pragma once

#include <vector>

#include "http/app.hpp"
#include "http/http_types.hpp"

namespace hiresafe::http {

using Handler = HttpResponse (*)(App&, const HttpRequest&);

// kOptionalSession: public, but a valid bearer token (if sent) identifies the caller; a bad one
// is 401 rather than silently anonymous.
enum class Access { kPublic, kOptionalSession, kSession, kStaff };
// kInline runs the handler on the I/O thread: reads, which never wait for the writer.
// kWrite runs it on the writer pool (`write_threads`): a change waits for its commit there, not
// on an I/O thread, and the many waiting at once are committed together (store::Database).
// kWorker runs it on the worker pool (Argon2id), keeping the I/O threads free.
enum class Exec { kInline, kWrite, kWorker };
// kUpload takes a raw PDF/JPEG/PNG body up to uploads.max_bytes instead of JSON.
enum class Body { kJson, kUpload };

struct Route {
  const char* method;   // GET, POST, PUT, PATCH, DELETE
  const char* pattern;  // express syntax: /api/v1/me/sessions/:id
  Handler handler;
  Access access;
  Exec exec;
  Body body = Body::kJson;
  bool test_only = false;  // registered only with --test-clock
};

const std::vector<Route>& route_table();

}  // namespace hiresafe::http

#ifndef KEYLEDGER_HTTP_WEB_ROUTES_H_
#define KEYLEDGER_HTTP_WEB_ROUTES_H_

#include <string_view>

#include "http/router.h"

namespace keyledger::http {

// The Content-Security-Policy sent with every web UI file. The UI has no inline
// script or style and talks only to this origin, so nothing more is allowed.
inline constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "connect-src 'self'; "
    "frame-ancestors 'none'; "
    "base-uri 'none'; "
    "form-action 'self'";

// Registers GET "/" (the UI's index.html) and GET <path> for every embedded
// web asset (see web_assets.h). Answers carry the CSP above, a
// Referrer-Policy, and Cache-Control: no-cache (a new binary's assets are
// picked up at once); X-Content-Type-Options and X-Frame-Options are added by
// the server for every response (response_wire.h).
// REQUIRES: called once per router, before the server starts.
void AddWebRoutes(Router& router);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_WEB_ROUTES_H_

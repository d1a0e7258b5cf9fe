#ifndef KEYLEDGER_HTTP_ERROR_STATUS_H_
#define KEYLEDGER_HTTP_ERROR_STATUS_H_

// The one table from domain::ErrorCode to HTTP status (SPEC §5, §6):
//   kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403,
//   kNotFound 404, kConflict 409, kGone 410, kUnprocessable 422,
//   kInternal 500, kUnavailable 503.

#include "domain/error.h"
#include "http/response.h"

namespace keyledger::http {

int HttpStatusFor(domain::ErrorCode code);

// {"message": error.message} with HttpStatusFor(error.code). An empty
// message becomes Grafana's default for the status ("Not found", ...).
Response ErrorToResponse(const domain::Error& error);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_ERROR_STATUS_H_

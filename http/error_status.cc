#include "http/error_status.h"

namespace keyledger::http {
namespace {

struct StatusRow {
  domain::ErrorCode code;
  int status;
  const char* default_message;
};

// The one mapping table (STYLE: one table per boundary).
constexpr StatusRow kStatusTable[] = {
    {domain::ErrorCode::kInvalidArgument, 400, "Bad request data"},
    {domain::ErrorCode::kUnauthenticated, 401, "Unauthorized"},
    {domain::ErrorCode::kPermissionDenied, 403, "Permission denied"},
    {domain::ErrorCode::kNotFound, 404, "Not found"},
    {domain::ErrorCode::kConflict, 409, "Conflict"},
    {domain::ErrorCode::kGone, 410, "Gone"},
    {domain::ErrorCode::kUnprocessable, 422, "Unprocessable request"},
    {domain::ErrorCode::kInternal, 500, "Internal Server Error"},
    {domain::ErrorCode::kUnavailable, 503, "Service unavailable"},
};

const StatusRow& RowFor(domain::ErrorCode code) {
  for (const StatusRow& row : kStatusTable) {
    if (row.code == code) return row;
  }
  return kStatusTable[7];  // kInternal: an unmapped code is a bug
}

}  // namespace

int HttpStatusFor(domain::ErrorCode code) { return RowFor(code).status; }

Response ErrorToResponse(const domain::Error& error) {
  const StatusRow& row = RowFor(error.code);
  return ErrorResponse(row.status, error.message.empty()
                                       ? std::string_view(row.default_message)
                                       : std::string_view(error.message));
}

}  // namespace keyledger::http

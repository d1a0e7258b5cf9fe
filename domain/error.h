#ifndef KEYLEDGER_DOMAIN_ERROR_H_
#define KEYLEDGER_DOMAIN_ERROR_H_

#include <boost/system/result.hpp>
#include <stdexcept>
#include <string>

namespace keyledger::domain {

// What went wrong, independent of transport. http/ maps each code to a status
// in one table; `message` is the user-facing text (never contains a secret).
enum class ErrorCode {
  kInvalidArgument,   // malformed or invalid input (400)
  kUnauthenticated,   // presented credentials rejected (401)
  kPermissionDenied,  // authenticated but not allowed (403)
  kNotFound,          // (404)
  kConflict,          // uniqueness or version conflict (409)
  kGone,              // the operation no longer exists for this org (410)
  kUnprocessable,     // e.g. an idempotency key reused for another request (422)
  kUnavailable,       // storage cannot write now (503)
  kInternal,          // a bug (500)
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// Lets Result<T>::value() throw on an error (found by ADL). Code checks
// has_value() first; reaching this is a programming error.
[[noreturn]] inline void throw_exception_from_error(
    const Error& error, const boost::source_location&) {
  throw std::logic_error("unchecked error result: " + error.message);
}

template <typename T>
using Result = boost::system::result<T, Error>;

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_ERROR_H_

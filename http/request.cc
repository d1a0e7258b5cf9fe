#include "http/request.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <stdexcept>

namespace keyledger::http {
namespace {

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Whether `target` is "/" followed by unreserved characters (RFC 3986) and
// slashes only: a valid origin-form with no query and nothing to decode, so
// it is its own path. Most requests' targets are (e.g. /api/auth/verify),
// and parsing them with Boost.URL was 7% of an authentication's
// instructions.
bool IsPlainPath(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  return std::all_of(target.begin(), target.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '.' ||
           c == '_' || c == '~';
  });
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a,
                                     std::string_view b) const {
  return std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(),
      [](char x, char y) { return AsciiLower(x) < AsciiLower(y); });
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

std::string_view Request::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string_view()
                             : std::string_view(it->second);
}

std::string_view Request::QueryValue(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string_view() : std::string_view(it->second);
}

bool ParseTarget(std::string_view target, Request& request) {
  if (IsPlainPath(target)) {
    request.path.assign(target);
    request.query.clear();
    return true;
  }
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const boost::urls::url_view& url = *parsed;
  request.path = url.path();
  request.query.clear();
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (const auto& param : url.params(opts)) {
    request.query.emplace(param.key,
                          param.has_value ? param.value : std::string());
  }
  return true;
}

Request MakeRequest(std::string method, std::string_view target,
                    std::string body, HeaderMap headers) {
  Request request;
  request.method = std::move(method);
  request.target = std::string(target);
  if (!ParseTarget(target, request)) {
    throw std::invalid_argument("MakeRequest: invalid target");
  }
  request.body = std::move(body);
  request.headers = std::move(headers);
  request.client_address = "127.0.0.1";
  request.request_id = "test";
  return request;
}

}  // namespace keyledger::http

#include "http/response.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace keyledger::http {

Response JsonResponse(int status, const boost::json::value& value) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(value);
  return response;
}

Response ErrorResponse(int status, std::string_view message) {
  boost::json::object body;
  body["message"] = message;
  return JsonResponse(status, body);
}

Response TextResponse(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

}  // namespace keyledger::http

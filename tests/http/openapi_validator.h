#ifndef KEYLEDGER_TESTS_HTTP_OPENAPI_VALIDATOR_H_
#define KEYLEDGER_TESTS_HTTP_OPENAPI_VALIDATOR_H_

// A validator for the JSON-Schema subset that Grafana's Swagger 2.0 document
// (grafana-openapi-subset.json) uses, for checking real responses:
//
//   $ref        "#/definitions/<name>" (and "#/responses/<name>" at the
//               top of a response)
//   type        object, array, string, integer, number, boolean
//   properties  validated when present
//   required    present and not null
//   items       every element
//   additionalProperties  a schema for undeclared properties, or false
//   enum        the value is one of the listed ones
//   format      date-time (RFC 3339, checked loosely: date, 'T', time,
//               zone), int64 (fits), others ignored
//
// Nulls: Swagger 2.0 has no `nullable`; Grafana serializes optional Go
// pointers (e.g. TokenDTO.lastUsedAt, expiration) as null, so null is
// accepted for a property that is not `required`, and rejected elsewhere.
//
// Strictness: with `strict` set, a property that an object schema does not
// declare (and that no additionalProperties schema covers) is a problem too;
// Grafana's DTOs are closed Go structs, so an undeclared field means we
// answer something Grafana never does (or misspell a field).

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace keyledger::http::testing {

class OpenApiValidator {
 public:
  // Parses the document; throws std::runtime_error if it cannot be read or
  // parsed.
  static OpenApiValidator FromFile(const std::string& path);
  explicit OpenApiValidator(boost::json::value document);

  // The schema of `status` for `method` (lowercase or not) on `path`, the
  // document's path template without the basePath (e.g.
  // "/serviceaccounts/{serviceAccountId}"). Throws std::out_of_range when the
  // document has no such response or the response has no schema.
  const boost::json::value& ResponseSchema(std::string_view method,
                                           std::string_view path,
                                           int status) const;
  // The schema "#/definitions/<name>". Throws std::out_of_range.
  const boost::json::value& Definition(std::string_view name) const;

  // Problems of `instance` against `schema`, each "<json path>: <what>",
  // e.g. "$.serviceAccounts[0].id: expected integer". Empty = valid.
  std::vector<std::string> Validate(const boost::json::value& schema,
                                    const boost::json::value& instance,
                                    bool strict = true) const;

 private:
  struct Walk;
  const boost::json::value& Resolve(const boost::json::value& schema) const;
  void Check(const boost::json::value& schema, const boost::json::value& value,
             const std::string& at, Walk& walk) const;
  void CheckObject(const boost::json::object& schema,
                   const boost::json::object& value, const std::string& at,
                   Walk& walk) const;
  boost::json::value document_;
};

// "ok" for no problems, else the problems joined by "; " (for messages).
std::string Describe(const std::vector<std::string>& problems);

}  // namespace keyledger::http::testing

#endif  // KEYLEDGER_TESTS_HTTP_OPENAPI_VALIDATOR_H_

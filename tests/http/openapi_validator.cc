#include "tests/http/openapi_validator.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace keyledger::http::testing {
namespace {

using boost::json::object;
using boost::json::value;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsIntegral(const value& v) {
  if (v.is_int64() || v.is_uint64()) return true;
  return v.is_double() &&
         v.as_double() ==
             static_cast<double>(static_cast<int64_t>(v.as_double()));
}

bool HasType(std::string_view type, const value& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "integer") return IsIntegral(v);
  if (type == "number") return v.is_number();
  return true;  // unknown type names constrain nothing
}

bool DigitsAt(std::string_view s, size_t at, size_t count) {
  if (at + count > s.size()) return false;
  for (size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// RFC 3339 date-time, loosely: digits in place, separators, zone.
bool IsDateTime(std::string_view s) {
  if (s.size() < 20 || !DigitsAt(s, 0, 4) || s[4] != '-' ||
      !DigitsAt(s, 5, 2) || s[7] != '-' || !DigitsAt(s, 8, 2) ||
      (s[10] != 'T' && s[10] != 't') || !DigitsAt(s, 11, 2) || s[13] != ':' ||
      !DigitsAt(s, 14, 2) || s[16] != ':' || !DigitsAt(s, 17, 2)) {
    return false;
  }
  size_t at = 19;
  if (s[at] == '.') {
    ++at;
    const size_t start = at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at])))
      ++at;
    if (at == start) return false;
  }
  std::string_view zone = s.substr(at);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
         DigitsAt(zone, 1, 2) && zone[3] == ':' && DigitsAt(zone, 4, 2);
}

std::string FormatProblem(std::string_view format, const value& v) {
  if (format == "date-time" && v.is_string() && !IsDateTime(v.as_string())) {
    return "not an RFC 3339 date-time: " + boost::json::serialize(v);
  }
  if (format == "int64" && v.is_uint64() &&
      v.as_uint64() > static_cast<uint64_t>(INT64_MAX)) {
    return "does not fit int64";
  }
  return "";
}

}  // namespace

struct OpenApiValidator::Walk {
  bool strict = true;
  std::vector<std::string> problems;
  int depth = 0;  // guards against a recursive schema
};

OpenApiValidator OpenApiValidator::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  value document = boost::json::parse(text.str(), ec);
  if (ec)
    throw std::runtime_error("cannot parse " + path + ": " + ec.message());
  return OpenApiValidator(std::move(document));
}

OpenApiValidator::OpenApiValidator(value document)
    : document_(std::move(document)) {}

const value& OpenApiValidator::Definition(std::string_view name) const {
  return document_.at("definitions").at(name);
}

const value& OpenApiValidator::Resolve(const value& schema) const {
  const value* current = &schema;
  for (int hops = 0; hops < 16 && current->is_object(); ++hops) {
    const value* ref = current->as_object().if_contains("$ref");
    if (ref == nullptr) return *current;
    std::string_view target = ref->as_string();
    constexpr std::string_view kDefinitions = "#/definitions/";
    constexpr std::string_view kResponses = "#/responses/";
    if (target.starts_with(kDefinitions)) {
      current = &Definition(target.substr(kDefinitions.size()));
    } else if (target.starts_with(kResponses)) {
      current = &document_.at("responses").at(target.substr(kResponses.size()));
    } else {
      throw std::out_of_range("unsupported $ref " + std::string(target));
    }
  }
  return *current;
}

const value& OpenApiValidator::ResponseSchema(std::string_view method,
                                              std::string_view path,
                                              int status) const {
  const value& operation = document_.at("paths").at(path).at(Lower(method));
  const value& response =
      Resolve(operation.at("responses").at(std::to_string(status)));
  return response.at("schema");
}

std::vector<std::string> OpenApiValidator::Validate(const value& schema,
                                                    const value& instance,
                                                    bool strict) const {
  Walk walk;
  walk.strict = strict;
  Check(schema, instance, "$", walk);
  return walk.problems;
}

void OpenApiValidator::Check(const value& raw_schema, const value& v,
                             const std::string& at, Walk& walk) const {
  if (++walk.depth > 64)
    throw std::runtime_error("schema nests too deep at " + at);
  const object& schema = Resolve(raw_schema).as_object();
  std::string type;
  if (const value* t = schema.if_contains("type")) type = t->as_string();
  if (type.empty() && schema.contains("properties")) type = "object";
  if (!type.empty() && !HasType(type, v)) {
    walk.problems.push_back(at + ": expected " + type + ", got " +
                            boost::json::serialize(v));
  } else if (const value* format = schema.if_contains("format")) {
    std::string problem = FormatProblem(format->as_string(), v);
    if (!problem.empty()) walk.problems.push_back(at + ": " + problem);
  }
  if (const value* options = schema.if_contains("enum")) {
    bool found = false;
    for (const value& option : options->as_array())
      found = found || option == v;
    if (!found)
      walk.problems.push_back(at + ": not one of " +
                              boost::json::serialize(*options));
  }
  if (v.is_array() && schema.contains("items")) {
    const auto& items = v.as_array();
    for (size_t i = 0; i < items.size(); ++i) {
      Check(schema.at("items"), items[i], at + "[" + std::to_string(i) + "]",
            walk);
    }
  }
  if (v.is_object()) CheckObject(schema, v.as_object(), at, walk);
  --walk.depth;
}

void OpenApiValidator::CheckObject(const object& schema, const object& v,
                                   const std::string& at, Walk& walk) const {
  std::set<std::string> required;
  if (const value* names = schema.if_contains("required")) {
    for (const value& name : names->as_array())
      required.insert(std::string(name.as_string()));
  }
  for (const std::string& name : required) {
    const value* field = v.if_contains(name);
    if (field == nullptr || field->is_null()) {
      walk.problems.push_back(at + "." + name +
                              ": required but missing or null");
    }
  }
  const value* properties = schema.if_contains("properties");
  const value* additional = schema.if_contains("additionalProperties");
  for (const auto& [key, field] : v) {
    const std::string where = at + "." + std::string(key);
    const value* declared = properties != nullptr
                                ? properties->as_object().if_contains(key)
                                : nullptr;
    if (declared != nullptr) {
      // A null optional property is Go's nil pointer; a null required one
      // was reported above.
      if (!field.is_null()) Check(*declared, field, where, walk);
    } else if (additional != nullptr && additional->is_object()) {
      Check(*additional, field, where, walk);
    } else if ((additional != nullptr && additional->is_bool() &&
                !additional->as_bool()) ||
               (walk.strict && properties != nullptr)) {
      walk.problems.push_back(where + ": not declared by the schema");
    }
  }
}

std::string Describe(const std::vector<std::string>& problems) {
  if (problems.empty()) return "ok";
  std::string out;
  for (const std::string& p : problems) {
    if (!out.empty()) out += "; ";
    out += p;
  }
  return out;
}

}  // namespace keyledger::http::testing

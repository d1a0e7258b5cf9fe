#ifndef KEYLEDGER_TOOLS_PAYLOAD_JSON_H_
#define KEYLEDGER_TOOLS_PAYLOAD_JSON_H_

// Event payloads as JSON for `keyledger replay`: what Protobuf's JSON
// printer (MessageToJsonString, proto3 mapping, camelCase names) prints,
// re-serialized by Boost.JSON, which is how the replay first printed them.
// Written directly from the parsed message instead: that printer goes
// through the binary form and a type resolver, and was most of a replay.

#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace keyledger::tools {

// Keeps a parsed message and a print plan per payload type; one per thread.
class PayloadJson {
 public:
  PayloadJson();
  ~PayloadJson();

  // Appends the payload's fields, without secrets and stored hashes (fields
  // "hash", "password", "password_salt"); {} when `type` names no known
  // Protobuf message or the payload does not parse as one.
  void Append(std::string& out, const std::string& type,
              std::string_view payload);
  // The same for a payload already parsed into `message` (of that type).
  void AppendParsed(std::string& out, const std::string& type,
                    const google::protobuf::Message& message);

 private:
  struct Type;
  // The print plan of a type, made on first use.
  Type& TypeNamed(const std::string& type_name);
  // TypeNamed, checking the type of the previous payload first.
  Type& CachedType(const std::string& type_name);
  void Print(std::string& out, const Type& type,
             const google::protobuf::Message& message);

  std::unordered_map<std::string, std::unique_ptr<Type>> types_;
  // The type of the previous payload, checked before a lookup: a log has
  // runs of events of one type.
  std::string last_type_name_;
  Type* last_type_ = nullptr;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_PAYLOAD_JSON_H_

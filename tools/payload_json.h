#ifndef KEYLEDGER_TOOLS_PAYLOAD_JSON_H_
#define KEYLEDGER_TOOLS_PAYLOAD_JSON_H_

// Event payloads as JSON for `keyledger replay`: what Protobuf's JSON
// printer (MessageToJsonString, proto3 mapping, camelCase names) prints,
// re-serialized by Boost.JSON, which is how the replay first printed them.
// Written straight from the payload's bytes instead (see WireJson): that
// printer goes through a type resolver, and was most of a replay.

#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/container/flat_hash_map.h"

namespace keyledger::tools {

// Keeps, per payload type, a message to parse into and its wire printer
// (WireJson); one per thread.
class PayloadJson {
 public:
  PayloadJson();
  ~PayloadJson();

  // Appends the payload's fields, without secrets and stored hashes
  // (kSecretLikeFields, wire_json.h); {} when `type` names no known
  // Protobuf message or the payload does not parse as one.
  void Append(std::string& out, const std::string& type,
              std::string_view payload);
  // The same for a payload that parsed into `message` (of its type).
  void AppendParsed(std::string& out, const google::protobuf::Message& message,
                    std::string_view payload);

 private:
  struct Type;
  // How messages of a type are printed, made on first use.
  Type& TypeOf(const google::protobuf::Descriptor& descriptor);
  void Print(std::string& out, const Type& type,
             const google::protobuf::Message& message, std::string_view payload);

  absl::flat_hash_map<const google::protobuf::Descriptor*, std::unique_ptr<Type>> types_;
  // For payloads given with their type's name; null: no such type.
  std::unordered_map<std::string, Type*> by_name_;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_PAYLOAD_JSON_H_

#ifndef KEYLEDGER_TOOLS_WIRE_JSON_H_
#define KEYLEDGER_TOOLS_WIRE_JSON_H_

// Protobuf messages printed as JSON straight from their wire bytes, as
// Protobuf's JSON printer (proto3 mapping, camelCase names) prints the
// message they parse to, for the messages that Protobuf serialized itself.
// Reading the bytes once, by a plan made per message type, is several times
// faster than reading the parsed message through reflection (which a replay
// of millions of events did for every field).

#include <google/protobuf/descriptor.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace keyledger::tools {

// The top-level fields left out of printed payloads: secrets and stored
// hashes.
inline constexpr std::string_view kSecretLikeFields[] = {"hash", "password",
                                                         "password_salt"};

struct MessagePlan;

// How one field is printed.
struct FieldPlan {
  enum class Kind { kNone, kInt32, kInt64, kUInt32, kUInt64, kBool, kEnum, kString, kMessage };
  Kind kind = Kind::kNone;  // kNone: no such field
  std::string key;          // JSON key, quoted, with the colon
  bool secret_like = false;  // left out at a payload's top level
  bool repeated = false;
  bool implicit = false;  // singular without presence: zero or "" is not printed
  std::vector<std::string> enum_names;  // by number (the first ones), quoted
  const google::protobuf::EnumDescriptor* enum_type = nullptr;
  const MessagePlan* message = nullptr;  // for a message field
};

// How a message type is printed: its fields by number.
struct MessagePlan {
  std::vector<FieldPlan> by_number;
  const FieldPlan* Find(int number) const {
    return number > 0 && static_cast<size_t>(number) < by_number.size() &&
                   by_number[number].kind != FieldPlan::Kind::kNone
               ? &by_number[number]
               : nullptr;
  }
};

// The plans of a message type and of the message types in it.
class WireJson {
 public:
  // Null if a field of `type` (or of a message in it) is of a kind that is
  // not printed from the wire: bytes, floating point, fixed-width and
  // zigzag integers, maps, groups, oneofs, extensions, well-known types.
  static std::unique_ptr<WireJson> For(const google::protobuf::Descriptor& type);

  // Appends the JSON object of the message in `wire`, without the top-level
  // kSecretLikeFields. False if the bytes
  // are not as Protobuf serializes a message (fields out of number order, a
  // field twice, unexpected wire types, bad lengths); what was appended is
  // then to be dropped and the parsed message printed otherwise.
  bool Append(std::string& out, std::string_view wire) const;

 private:
  std::unordered_map<const google::protobuf::Descriptor*, MessagePlan> plans_;
  const MessagePlan* top_ = nullptr;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_WIRE_JSON_H_

#include "tools/wire_json.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "tools/json_text.h"

namespace keyledger::tools {
namespace {

namespace pb = google::protobuf;
using pb::internal::WireFormatLite;
using Kind = FieldPlan::Kind;

// Field numbers above this are not looked up in a vector; no plan then.
constexpr int kMaxFieldNumber = 1024;
// Enum values below this are printed from names quoted up front.
constexpr int kQuotedEnumNames = 64;
// Deeper nesting is left to Protobuf's printer.
constexpr int kMaxDepth = 64;

Kind KindOf(const pb::FieldDescriptor& field) {
  switch (field.type()) {
    case pb::FieldDescriptor::TYPE_INT32: return Kind::kInt32;
    case pb::FieldDescriptor::TYPE_INT64: return Kind::kInt64;
    case pb::FieldDescriptor::TYPE_UINT32: return Kind::kUInt32;
    case pb::FieldDescriptor::TYPE_UINT64: return Kind::kUInt64;
    case pb::FieldDescriptor::TYPE_BOOL: return Kind::kBool;
    case pb::FieldDescriptor::TYPE_ENUM: return Kind::kEnum;
    case pb::FieldDescriptor::TYPE_STRING: return Kind::kString;
    case pb::FieldDescriptor::TYPE_MESSAGE:
      return field.is_map() ? Kind::kNone : Kind::kMessage;
    default: return Kind::kNone;
  }
}

bool IsSecretLike(const pb::FieldDescriptor& field) {
  return std::ranges::find(kSecretLikeFields, field.name()) != std::end(kSecretLikeFields);
}

using Plans = std::unordered_map<const pb::Descriptor*, MessagePlan>;

// Adds the plans of `type` and of the message types in it; false if a
// field is of a kind not printed from the wire (see WireJson::For).
bool AddPlan(const pb::Descriptor& type, Plans& plans) {
  if (plans.contains(&type)) return true;
  if (type.extension_range_count() > 0 || type.file()->package() == "google.protobuf") {
    return false;
  }
  MessagePlan& plan = plans[&type];
  for (int i = 0; i < type.field_count(); ++i) {
    const pb::FieldDescriptor& field = *type.field(i);
    const Kind kind = KindOf(field);
    if (kind == Kind::kNone || field.real_containing_oneof() != nullptr ||
        field.number() > kMaxFieldNumber) {
      return false;
    }
    if (plan.by_number.size() <= static_cast<size_t>(field.number())) {
      plan.by_number.resize(field.number() + 1);
    }
    FieldPlan& f = plan.by_number[field.number()];
    f.kind = kind;
    AppendJsonString(f.key, field.json_name());
    f.key += ':';
    f.secret_like = IsSecretLike(field);
    f.repeated = field.is_repeated();
    f.implicit = !field.is_repeated() && !field.has_presence();
    if (kind == Kind::kEnum) {
      f.enum_type = field.enum_type();
      for (int n = 0; n < kQuotedEnumNames; ++n) {
        const pb::EnumValueDescriptor* value = f.enum_type->FindValueByNumber(n);
        f.enum_names.emplace_back();
        if (value) AppendJsonString(f.enum_names.back(), value->name());
      }
    }
    if (kind == Kind::kMessage) {
      if (!AddPlan(*field.message_type(), plans)) return false;
      f.message = &plans.at(field.message_type());
    }
  }
  return true;
}

// What reading one value of a field came to.
enum class Outcome {
  kPrinted,
  kOmitted,  // an implicit field's zero: appended nothing
  kBad,      // not as Protobuf serializes the field
};

// Appends `number` by name (by number if the enum has no such value).
void AppendEnum(std::string& out, const FieldPlan& f, int32_t number) {
  if (number >= 0 && number < kQuotedEnumNames && !f.enum_names[number].empty()) {
    out += f.enum_names[number];
  } else if (const auto* value = f.enum_type->FindValueByNumber(number)) {
    AppendJsonString(out, value->name());
  } else {
    AppendNumber(out, number);
  }
}

// Appends an integer, quoted if `quoted` (64-bit integers are).
template <typename Integer>
Outcome AppendInteger(std::string& out, Integer value, bool omit_zero, bool quoted) {
  if (omit_zero && value == 0) return Outcome::kOmitted;
  if (quoted) out.push_back('"');
  AppendNumber(out, value);
  if (quoted) out.push_back('"');
  return Outcome::kPrinted;
}

// Appends a varint as field `f` reads it (32-bit kinds keep the low bits,
// as the parser does).
Outcome AppendVarint(std::string& out, const FieldPlan& f, uint64_t v, bool omit_zero) {
  switch (f.kind) {
    case Kind::kInt32: return AppendInteger(out, static_cast<int32_t>(v), omit_zero, false);
    case Kind::kUInt32: return AppendInteger(out, static_cast<uint32_t>(v), omit_zero, false);
    case Kind::kInt64: return AppendInteger(out, static_cast<int64_t>(v), omit_zero, true);
    case Kind::kUInt64: return AppendInteger(out, v, omit_zero, true);
    case Kind::kBool:
      if (omit_zero && v == 0) return Outcome::kOmitted;
      out += v != 0 ? "true" : "false";
      return Outcome::kPrinted;
    case Kind::kEnum: {
      const auto number = static_cast<int32_t>(v);
      if (omit_zero && number == 0) return Outcome::kOmitted;
      AppendEnum(out, f, number);
      return Outcome::kPrinted;
    }
    default: return Outcome::kBad;  // a string or message as a varint
  }
}

bool AppendMessage(std::string& out, std::string_view wire, const MessagePlan& plan,
                   bool top_level, int depth);

// Reads messages' wire bytes over a view of them.
class WireReader {
 public:
  explicit WireReader(std::string_view wire)
      : wire_(wire),
        in_(reinterpret_cast<const uint8_t*>(wire.data()), static_cast<int>(wire.size())) {}

  bool AtEnd() const { return static_cast<size_t>(in_.CurrentPosition()) >= wire_.size(); }
  pb::io::CodedInputStream& in() { return in_; }

  // A length-delimited value; false if its length runs past the end.
  bool ReadDelimited(std::string_view& value) {
    uint32_t size = 0;
    if (!in_.ReadVarint32(&size)) return false;
    const auto at = static_cast<size_t>(in_.CurrentPosition());
    if (size > wire_.size() - at || !in_.Skip(static_cast<int>(size))) return false;
    value = wire_.substr(at, size);
    return true;
  }

 private:
  std::string_view wire_;
  pb::io::CodedInputStream in_;
};

// Appends the value(s) of one occurrence of field `f`, whose `tag` was just
// read: one value, or every value of a packed repeated field. Values of a
// repeated field get '[' or ',' before them; `count` counts them.
Outcome AppendOccurrence(std::string& out, WireReader& r, uint32_t tag,
                         const FieldPlan& f, size_t& count, int depth) {
  auto element = [&] {
    if (f.repeated) out.push_back(count++ == 0 ? '[' : ',');
  };
  const bool omit_zero = f.implicit;
  const auto wire_type = WireFormatLite::GetTagWireType(tag);
  if (f.kind == Kind::kString || f.kind == Kind::kMessage) {
    std::string_view value;
    if (wire_type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED || !r.ReadDelimited(value)) {
      return Outcome::kBad;
    }
    if (f.kind == Kind::kMessage) {
      element();
      return AppendMessage(out, value, *f.message, false, depth + 1) ? Outcome::kPrinted
                                                                     : Outcome::kBad;
    }
    if (omit_zero && value.empty()) return Outcome::kOmitted;
    element();
    AppendJsonString(out, value);
    return Outcome::kPrinted;
  }
  if (wire_type == WireFormatLite::WIRETYPE_VARINT) {
    uint64_t v = 0;
    if (!r.in().ReadVarint64(&v)) return Outcome::kBad;
    element();
    return AppendVarint(out, f, v, omit_zero);
  }
  std::string_view packed;
  if (!f.repeated || wire_type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED ||
      !r.ReadDelimited(packed)) {
    return Outcome::kBad;
  }
  WireReader values(packed);
  while (!values.AtEnd()) {
    uint64_t v = 0;
    if (!values.in().ReadVarint64(&v)) return Outcome::kBad;
    element();
    if (AppendVarint(out, f, v, false) == Outcome::kBad) return Outcome::kBad;
  }
  return Outcome::kPrinted;
}

// Appends field `f`, whose first `tag` was just read, with every further
// occurrence that follows it directly (a repeated field's elements).
// Returns false if the bytes are not as expected.
bool AppendField(std::string& out, WireReader& r, uint32_t tag, const FieldPlan& f,
                 bool skip, int depth) {
  const int number = WireFormatLite::GetTagFieldNumber(tag);
  const uint32_t delimited = WireFormatLite::MakeTag(number, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  const uint32_t varint = WireFormatLite::MakeTag(number, WireFormatLite::WIRETYPE_VARINT);
  const size_t before = out.size();
  size_t count = 0;
  Outcome outcome = Outcome::kOmitted;
  for (;;) {
    if (skip) {
      if (!WireFormatLite::SkipField(&r.in(), tag)) return false;
    } else {
      outcome = AppendOccurrence(out, r, tag, f, count, depth);
      if (outcome == Outcome::kBad) return false;
    }
    if (!f.repeated) break;
    if (r.in().ExpectTag(delimited)) {
      tag = delimited;
    } else if (r.in().ExpectTag(varint)) {
      tag = varint;
    } else {
      break;
    }
  }
  if (f.repeated && count > 0) {
    out.push_back(']');
  } else if (f.repeated || outcome == Outcome::kOmitted) {
    out.resize(before);  // Protobuf's printer leaves an empty list out too
  }
  return true;
}

bool AppendMessage(std::string& out, std::string_view wire, const MessagePlan& plan,
                   bool top_level, int depth) {
  if (depth > kMaxDepth) return false;
  WireReader r(wire);
  out.push_back('{');
  const size_t first = out.size();
  int previous = 0;  // the number of the previous field read
  while (!r.AtEnd()) {
    const uint32_t tag = r.in().ReadTag();
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    if (tag == 0 || number == 0) return false;
    const FieldPlan* f = plan.Find(number);
    if (f == nullptr) {  // unknown fields are not printed
      if (!WireFormatLite::SkipField(&r.in(), tag)) return false;
      continue;
    }
    // Protobuf writes fields in number order, each once (a repeated one's
    // elements together); anything else may parse to something else.
    if (number <= previous) return false;
    previous = number;
    const size_t before = out.size();
    if (before != first) out.push_back(',');
    out += f->key;
    const size_t value_at = out.size();
    if (!AppendField(out, r, tag, *f, top_level && f->secret_like, depth)) return false;
    if (out.size() == value_at) out.resize(before);  // nothing to print
  }
  out.push_back('}');
  return true;
}

}  // namespace

std::unique_ptr<WireJson> WireJson::For(const pb::Descriptor& type) {
  auto printer = std::make_unique<WireJson>();
  if (!AddPlan(type, printer->plans_)) return nullptr;
  printer->top_ = &printer->plans_.at(&type);
  return printer;
}

bool WireJson::Append(std::string& out, std::string_view wire) const {
  return AppendMessage(out, wire, *top_, true, 0);
}

}  // namespace keyledger::tools

// PayloadJson against Protobuf's own JSON printer, on the bytes Protobuf
// writes and on bytes it reads but would never write (fields out of order
// or twice, explicit zeros, unpacked or empty lists, unknown fields, wide
// varints), which the printer must print as the message they parse to.
#define BOOST_TEST_MODULE payload_json
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/wire_format_lite.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <memory>
#include <string>

#include "events.pb.h"
#include "tools/payload_json.h"
#include "views.pb.h"

namespace {

namespace pb = google::protobuf;
using pb::internal::WireFormatLite;

// What Protobuf's printer prints for the message `wire` parses to as
// `prototype`'s type, without the top-level secret-like fields, re-serialized
// by Boost.JSON (as the replay prints it).
std::string ProtobufJson(const pb::Message& prototype, const std::string& wire) {
  std::unique_ptr<pb::Message> message(prototype.New());
  BOOST_TEST_REQUIRE(message->ParseFromString(wire));
  for (const char* secret : {"hash", "password", "password_salt"}) {
    if (const auto* field = message->GetDescriptor()->FindFieldByName(secret)) {
      message->GetReflection()->ClearField(message.get(), field);
    }
  }
  std::string text;
  BOOST_TEST_REQUIRE(pb::util::MessageToJsonString(*message, &text).ok());
  return boost::json::serialize(boost::json::parse(text));
}

// PayloadJson's output for `wire` parsed as `prototype`'s type, appended
// after a prefix (which must be kept as it was), both given parsed and
// given by type name.
void CheckSameAsProtobuf(const pb::Message& prototype, const std::string& wire) {
  const std::string expected = "prefix " + ProtobufJson(prototype, wire);
  std::unique_ptr<pb::Message> parsed(prototype.New());
  BOOST_TEST_REQUIRE(parsed->ParseFromString(wire));
  keyledger::tools::PayloadJson printer;
  std::string out = "prefix ";
  printer.AppendParsed(out, *parsed, wire);
  BOOST_TEST(out == expected);
  out = "prefix ";
  printer.Append(out, prototype.GetDescriptor()->full_name(), wire);
  BOOST_TEST(out == expected);
}

// Wire bytes written field by field.
std::string Wire(const std::function<void(pb::io::CodedOutputStream&)>& write) {
  std::string bytes;
  {
    pb::io::StringOutputStream stream(&bytes);
    pb::io::CodedOutputStream out(&stream);
    write(out);
  }
  return bytes;
}

keyledger::v1::TokenCreated Token() {
  keyledger::v1::TokenCreated token;
  token.set_org_id(7);
  token.set_service_account_id(-3);
  token.set_key_id(int64_t{1} << 60);
  token.set_name("q\"b\\s/\t\n\x01\x1f\x7f \xc3\xa9 \xe2\x9c\x93");
  token.set_role(keyledger::v1::ROLE_EDITOR);
  token.mutable_hash()->set_scheme(keyledger::v1::HASH_SCHEME_SHA256);
  token.mutable_hash()->set_hex(std::string(64, 'a'));
  token.set_created(1795781778);
  return token;
}

}  // namespace

BOOST_AUTO_TEST_CASE(prints_what_protobuf_serialized_as_protobufs_printer_does) {
  keyledger::v1::TokenCreated token = Token();
  CheckSameAsProtobuf(token, token.SerializeAsString());
  token.set_expires(0);  // optional: printed although zero
  CheckSameAsProtobuf(token, token.SerializeAsString());
  CheckSameAsProtobuf(token, keyledger::v1::TokenCreated().SerializeAsString());

  keyledger::v1::ApiKeysMigrationCompleted completed;
  completed.set_org_id(1);
  completed.set_failed(2);
  completed.add_failed_key_ids(5);
  completed.add_failed_key_ids(-6);
  completed.add_failed_details("no \"room\"");
  completed.add_failed_details("");
  CheckSameAsProtobuf(completed, completed.SerializeAsString());

  keyledger::views::v1::UserRow user;  // nested messages, a secret-like string
  user.set_id(2);
  user.set_login("bob");
  user.set_password_salt("salt");
  user.set_is_server_admin(true);
  user.add_org_roles()->set_org_id(1);
  auto* role = user.add_org_roles();
  role->set_org_id(2);
  role->set_role(-1);
  user.add_org_roles();  // an empty message in the list
  CheckSameAsProtobuf(user, user.SerializeAsString());

  keyledger::views::v1::KeyRow key;
  key.set_id(1);
  key.set_service_account_id(0);
  key.set_revoked(true);
  CheckSameAsProtobuf(key, key.SerializeAsString());
}

BOOST_AUTO_TEST_CASE(prints_bytes_protobuf_would_not_write_as_the_message_they_parse_to) {
  const keyledger::v1::TokenCreated token;
  // Out of number order.
  CheckSameAsProtobuf(token, Wire([](auto& out) {
    WireFormatLite::WriteString(4, "late", &out);
    WireFormatLite::WriteInt64(1, 9, &out);
  }));
  // A field twice: the last value counts.
  CheckSameAsProtobuf(token, Wire([](auto& out) {
    WireFormatLite::WriteInt64(1, 9, &out);
    WireFormatLite::WriteInt64(1, 10, &out);
  }));
  // A secret-like message twice (merged, then left out).
  CheckSameAsProtobuf(token, Wire([](auto& out) {
    keyledger::v1::HashedSecret hash;
    hash.set_hex("aa");
    WireFormatLite::WriteMessage(6, hash, &out);
    WireFormatLite::WriteMessage(6, hash, &out);
    WireFormatLite::WriteInt64(7, 1, &out);
  }));
  // Explicit zeros of fields without presence; an unknown enum value.
  CheckSameAsProtobuf(token, Wire([](auto& out) {
    WireFormatLite::WriteInt64(1, 0, &out);
    WireFormatLite::WriteString(4, "", &out);
    WireFormatLite::WriteEnum(5, 42, &out);
  }));
  // Unknown fields of every wire type.
  CheckSameAsProtobuf(token, Wire([](auto& out) {
    WireFormatLite::WriteInt64(1, 3, &out);
    WireFormatLite::WriteInt64(90, 4, &out);
    WireFormatLite::WriteString(91, "x", &out);
    WireFormatLite::WriteFixed32(92, 5, &out);
    WireFormatLite::WriteFixed64(93, 6, &out);
    WireFormatLite::WriteInt64(2, 8, &out);
  }));

  const keyledger::v1::ApiKeysMigrationCompleted completed;
  // A list unpacked, then packed, then an empty packed run.
  CheckSameAsProtobuf(completed, Wire([](auto& out) {
    WireFormatLite::WriteInt64(5, 1, &out);
    WireFormatLite::WriteInt64(5, 2, &out);
    out.WriteTag(WireFormatLite::MakeTag(5, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
    out.WriteVarint32(2);
    out.WriteVarint64(3);
    out.WriteVarint64(4);
    out.WriteTag(WireFormatLite::MakeTag(5, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
    out.WriteVarint32(0);
  }));
  // Only an empty packed run: no list at all.
  CheckSameAsProtobuf(completed, Wire([](auto& out) {
    out.WriteTag(WireFormatLite::MakeTag(5, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
    out.WriteVarint32(0);
    WireFormatLite::WriteInt64(4, 1, &out);
  }));
  // A list in two runs, with another field between them.
  CheckSameAsProtobuf(completed, Wire([](auto& out) {
    WireFormatLite::WriteString(6, "a", &out);
    WireFormatLite::WriteInt64(5, 1, &out);
    WireFormatLite::WriteString(6, "b", &out);
  }));

  // 32-bit and boolean fields from wide varints.
  const keyledger::views::v1::KeyRow key;
  CheckSameAsProtobuf(key, Wire([](auto& out) {
    WireFormatLite::WriteTag(4, WireFormatLite::WIRETYPE_VARINT, &out);
    out.WriteVarint64((uint64_t{1} << 32) + 3);
    WireFormatLite::WriteInt32(5, -2, &out);
    WireFormatLite::WriteTag(11, WireFormatLite::WIRETYPE_VARINT, &out);
    out.WriteVarint64(2);
  }));
  // An int32 that is zero in its low 32 bits: zero, so left out.
  CheckSameAsProtobuf(key, Wire([](auto& out) {
    WireFormatLite::WriteTag(4, WireFormatLite::WIRETYPE_VARINT, &out);
    out.WriteVarint64(uint64_t{1} << 32);
  }));
}

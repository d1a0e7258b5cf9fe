#include "domain/key_format.h"

#include <openssl/evp.h>

#include <boost/algorithm/hex.hpp>
#include <boost/crc.hpp>
#include <boost/json.hpp>
#include <array>

namespace keyledger::domain {
namespace {

constexpr std::string_view kGrafanaPrefix = "gl";

std::string Base64Encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(data.data()),
                      static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// Strict padded standard base64 (as Go's base64.StdEncoding): no whitespace,
// '=' only as the last one or two characters.
std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  size_t padding = 0;
  if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  for (size_t i = 0; i < text.size() - padding; ++i) {
    if (!IsBase64Char(text[i])) return std::nullopt;
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int written =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (written < 0 || static_cast<size_t>(written) != out.size()) {
    return std::nullopt;
  }
  out.resize(out.size() - padding);
  return out;
}

std::string Checksum(std::string_view body) {
  boost::crc_32_type crc;
  crc.process_bytes(body.data(), body.size());
  const uint32_t value = crc.checksum();
  // The CRC's bytes, least significant first, in lowercase hex.
  const std::array<unsigned char, 4> bytes = {
      static_cast<unsigned char>(value), static_cast<unsigned char>(value >> 8),
      static_cast<unsigned char>(value >> 16),
      static_cast<unsigned char>(value >> 24)};
  std::string hex;
  hex.reserve(2 * bytes.size());
  boost::algorithm::hex_lower(bytes.begin(), bytes.end(),
                              std::back_inserter(hex));
  return hex;
}

std::optional<int64_t> JsonInt64(const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= INT64_MAX) {
    return static_cast<int64_t>(value.get_uint64());
  }
  return std::nullopt;
}

}  // namespace

std::string AlnumFromBytes(std::span<const unsigned char> random_bytes) {
  std::string out;
  out.reserve(random_bytes.size());
  for (unsigned char b : random_bytes) {
    out.push_back(kSecretAlphabet[b % kSecretAlphabet.size()]);
  }
  return out;
}

std::string EncodeLegacyKey(const LegacyKeyParts& parts) {
  boost::json::object object;
  object["k"] = parts.k;
  object["n"] = parts.name;
  object["id"] = parts.org_id;
  return Base64Encode(boost::json::serialize(object));
}

std::optional<LegacyKeyParts> DecodeLegacyKey(std::string_view presented) {
  const std::optional<std::string> json = Base64Decode(presented);
  if (!json) return std::nullopt;
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(*json, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const boost::json::object& object = value.get_object();
  const boost::json::value* k = object.if_contains("k");
  const boost::json::value* n = object.if_contains("n");
  const boost::json::value* id = object.if_contains("id");
  if (!k || !k->is_string() || !n || !n->is_string() || !id) {
    return std::nullopt;
  }
  const std::optional<int64_t> org_id = JsonInt64(*id);
  if (!org_id) return std::nullopt;
  return LegacyKeyParts{std::string(k->get_string()),
                        std::string(n->get_string()), *org_id};
}

std::string EncodeToken(std::string_view service_id, std::string_view secret) {
  std::string body = std::string(kGrafanaPrefix);
  body.append(service_id).append("_").append(secret);
  const std::string checksum = Checksum(body);
  return body + "_" + checksum;
}

std::optional<TokenParts> DecodeToken(std::string_view presented) {
  if (!presented.starts_with(kGrafanaPrefix)) return std::nullopt;
  // Exactly three '_'-separated parts.
  std::array<std::string_view, 3> parts;
  size_t start = 0;
  for (size_t i = 0;; ++i) {
    const size_t end = presented.find('_', start);
    if (i == parts.size()) return std::nullopt;
    parts[i] = presented.substr(start, end - start);
    if (end == std::string_view::npos) {
      if (i != parts.size() - 1) return std::nullopt;
      break;
    }
    start = end + 1;
  }
  const std::string_view service_id = parts[0].substr(kGrafanaPrefix.size());
  const std::string expected =
      Checksum(presented.substr(0, presented.size() - parts[2].size() - 1));
  if (parts[2] != expected) return std::nullopt;
  return TokenParts{std::string(service_id), std::string(parts[1]),
                    std::string(parts[2])};
}

}  // namespace keyledger::domain

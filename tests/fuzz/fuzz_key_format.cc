// Fuzz target: decoding presented secrets (domain/key_format.h). Any input
// must decode or be refused without a crash; whatever decodes must re-encode
// to something that decodes to the same parts.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/key_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace keyledger::domain;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto legacy = DecodeLegacyKey(text)) {
    const auto again = DecodeLegacyKey(EncodeLegacyKey(*legacy));
    if (!again || !(*again == *legacy)) std::abort();
  }
  if (auto token = DecodeToken(text)) {
    if (token->secret.find('_') != std::string::npos) std::abort();
    const auto again =
        DecodeToken(EncodeToken(token->service_id, token->secret));
    if (!again || again->service_id != token->service_id ||
        again->secret != token->secret) {
      std::abort();
    }
  }
  (void)AlnumFromBytes(std::span(data, size));
  return 0;
}

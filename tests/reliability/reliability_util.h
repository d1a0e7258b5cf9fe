#ifndef KEYLEDGER_TESTS_RELIABILITY_RELIABILITY_UTIL_H_
#define KEYLEDGER_TESTS_RELIABILITY_RELIABILITY_UTIL_H_

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include "tests/http/test_client.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {

inline std::string Base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// The Authorization value of the server admin that ServerProcess creates.
inline std::string AdminBasic() {
  return "Basic " + Base64(std::string("admin:") + kServeAdminPassword);
}

inline http::testing::TestClientOptions Options(
    std::chrono::milliseconds timeout) {
  http::testing::TestClientOptions options;
  options.timeout = timeout;
  return options;
}

}  // namespace keyledger::testing

#endif  // KEYLEDGER_TESTS_RELIABILITY_RELIABILITY_UTIL_H_

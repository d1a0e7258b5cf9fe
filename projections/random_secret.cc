#include "projections/random_secret.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "domain/key_format.h"

namespace keyledger::projections {

std::string RandomAlnum(size_t length) {
  // The kernel's CSPRNG (getrandom(2), which blocks only until the pool is
  // first seeded). OpenSSL's RAND_bytes, used before, cost 5% of the server's
  // CPU under token creation: a DRBG step with a cipher init and a getpid
  // per call, and a global lock.
  std::vector<unsigned char> bytes(length);
  size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t got =
        getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      std::cerr << "keyledger: the random number generator failed\n";
      std::abort();
    }
    filled += static_cast<size_t>(got);
  }
  return domain::AlnumFromBytes(bytes);
}

}  // namespace keyledger::projections

#include "projections/random_secret.h"

#include <openssl/rand.h>

#include <cstdlib>
#include <iostream>
#include <vector>

#include "domain/key_format.h"

namespace keyledger::projections {

std::string RandomAlnum(size_t length) {
  std::vector<unsigned char> bytes(length);
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    std::cerr << "keyledger: the random number generator failed\n";
    std::abort();
  }
  return domain::AlnumFromBytes(bytes);
}

}  // namespace keyledger::projections

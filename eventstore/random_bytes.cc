#include "eventstore/random_bytes.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>

namespace keyledger::eventstore {

void FillRandom(unsigned char* data, size_t size) {
  size_t filled = 0;
  while (filled < size) {
    const ssize_t got = getrandom(data + filled, size - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      std::cerr << "keyledger: the random number generator failed\n";
      std::abort();
    }
    filled += static_cast<size_t>(got);
  }
}

}  // namespace keyledger::eventstore

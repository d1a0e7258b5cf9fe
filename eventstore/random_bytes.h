#ifndef KEYLEDGER_EVENTSTORE_RANDOM_BYTES_H_
#define KEYLEDGER_EVENTSTORE_RANDOM_BYTES_H_

#include <cstddef>

namespace keyledger::eventstore {

// Fills `size` bytes at `data` from the kernel's CSPRNG (getrandom(2), which
// blocks only until the pool is first seeded). Aborts if it fails: a
// predictable secret or id is worse than none. OpenSSL's RAND_bytes, used
// before, cost 5% of the server's CPU under token creation (a DRBG step
// with a cipher init and a getpid per call, and a global lock).
void FillRandom(unsigned char* data, size_t size);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_RANDOM_BYTES_H_

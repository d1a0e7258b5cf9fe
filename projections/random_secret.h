#ifndef KEYLEDGER_PROJECTIONS_RANDOM_SECRET_H_
#define KEYLEDGER_PROJECTIONS_RANDOM_SECRET_H_

#include <cstddef>
#include <string>

namespace keyledger::projections {

// `length` characters of [0-9A-Za-z] from the OS CSPRNG (getrandom).
// Aborts if the CSPRNG fails: a predictable secret is worse than no secret.
std::string RandomAlnum(size_t length);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_RANDOM_SECRET_H_

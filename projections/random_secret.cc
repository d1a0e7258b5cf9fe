#include "projections/random_secret.h"

#include <vector>

#include "domain/key_format.h"
#include "eventstore/random_bytes.h"

namespace keyledger::projections {

std::string RandomAlnum(size_t length) {
  std::vector<unsigned char> bytes(length);
  eventstore::FillRandom(bytes.data(), bytes.size());
  return domain::AlnumFromBytes(bytes);
}

}  // namespace keyledger::projections

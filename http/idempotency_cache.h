#ifndef KEYLEDGER_HTTP_IDEMPOTENCY_CACHE_H_
#define KEYLEDGER_HTTP_IDEMPOTENCY_CACHE_H_

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/response.h"

namespace keyledger::http {

// The first answer (status, headers, body) to each Idempotency-Key, kept in
// memory only (it may hold a secret): at most `max_entries` entries, each for
// at most `ttl`; the oldest go first. Thread-safe.
class IdempotencyCache {
 public:
  static constexpr size_t kDefaultMaxEntries = 10000;
  static constexpr std::chrono::hours kDefaultTtl{24};

  explicit IdempotencyCache(size_t max_entries = kDefaultMaxEntries,
                            std::chrono::seconds ttl = kDefaultTtl);

  enum class Match { kMiss, kSame, kDifferent };
  struct Lookup {
    Match match = Match::kMiss;
    Response response;  // with kSame: the first answer
  };
  // kSame: `key` was answered for this `fingerprint`; kDifferent: for
  // another one; kMiss: unknown (or expired).
  Lookup Find(const std::string& key, const std::string& fingerprint);
  // Records the first answer to `key`; a later Insert of a known key is
  // ignored.
  void Insert(const std::string& key, const std::string& fingerprint,
              const Response& response);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::string fingerprint;
    Response response;
    Clock::time_point stored;
  };
  void EvictLocked(Clock::time_point now);

  const size_t max_entries_;
  const std::chrono::seconds ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;  // keys, oldest first
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_IDEMPOTENCY_CACHE_H_

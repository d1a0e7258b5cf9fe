#ifndef KEYLEDGER_HTTP_IDEMPOTENCY_CACHE_H_
#define KEYLEDGER_HTTP_IDEMPOTENCY_CACHE_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

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

  // Held while a request with an idempotency key executes, so that a retry
  // arriving meanwhile waits for the first answer and then replays it
  // instead of racing it. Releases (and wakes waiters) on destruction.
  class Claim {
   public:
    Claim(Claim&& other) noexcept : cache_(other.cache_), key_(std::move(other.key_)) {
      other.cache_ = nullptr;
    }
    Claim(const Claim&) = delete;
    Claim& operator=(const Claim&) = delete;
    Claim& operator=(Claim&&) = delete;
    ~Claim();

   private:
    friend class IdempotencyCache;
    Claim(IdempotencyCache* cache, std::string key)
        : cache_(cache), key_(std::move(key)) {}
    IdempotencyCache* cache_;
    std::string key_;
  };
  // Blocks while another request holds a claim on `key`, then claims it.
  [[nodiscard]] Claim ClaimKey(const std::string& key);
  // ClaimKey without waiting: nullopt while another request holds it.
  [[nodiscard]] std::optional<Claim> TryClaimKey(const std::string& key);

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
  std::unordered_set<std::string> claimed_;  // guarded by mutex_
  std::condition_variable released_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_IDEMPOTENCY_CACHE_H_

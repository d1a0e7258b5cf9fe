#include "http/idempotency_cache.h"

namespace keyledger::http {

IdempotencyCache::IdempotencyCache(size_t max_entries, std::chrono::seconds ttl)
    : max_entries_(max_entries), ttl_(ttl) {}

IdempotencyCache::Lookup IdempotencyCache::Find(const std::string& key,
                                                const std::string& fingerprint) {
  std::lock_guard lock(mutex_);
  EvictLocked(Clock::now());
  auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  if (it->second.fingerprint != fingerprint) return {Match::kDifferent, {}};
  return {Match::kSame, it->second.response};
}

void IdempotencyCache::Insert(const std::string& key,
                              const std::string& fingerprint,
                              const Response& response) {
  std::lock_guard lock(mutex_);
  const Clock::time_point now = Clock::now();
  EvictLocked(now);
  if (max_entries_ == 0 || entries_.contains(key)) return;
  while (entries_.size() >= max_entries_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  entries_.emplace(key, Entry{fingerprint, response, now});
  order_.push_back(key);
}

IdempotencyCache::Claim IdempotencyCache::ClaimKey(const std::string& key) {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [&] { return !claimed_.contains(key); });
  claimed_.insert(key);
  return Claim(this, key);
}

std::optional<IdempotencyCache::Claim> IdempotencyCache::TryClaimKey(
    const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!claimed_.insert(key).second) return std::nullopt;
  return Claim(this, key);
}

IdempotencyCache::Claim::~Claim() {
  if (cache_ == nullptr) return;
  {
    std::lock_guard lock(cache_->mutex_);
    cache_->claimed_.erase(key_);
  }
  cache_->released_.notify_all();
}

void IdempotencyCache::EvictLocked(Clock::time_point now) {
  while (!order_.empty()) {
    auto it = entries_.find(order_.front());
    if (it != entries_.end() && now - it->second.stored < ttl_) return;
    if (it != entries_.end()) entries_.erase(it);
    order_.pop_front();
  }
}

}  // namespace keyledger::http

#include "http/key_use_recorder.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <vector>

#include "projections/ledger.h"

namespace keyledger::http {

KeyUseRecorder::KeyUseRecorder(projections::Ledger& ledger,
                               std::chrono::milliseconds interval)
    : ledger_(ledger), interval_(interval), thread_([this] { Run(); }) {}

KeyUseRecorder::~KeyUseRecorder() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void KeyUseRecorder::Record(int64_t key_id, int64_t org_id, int64_t now) {
  std::lock_guard lock(mutex_);
  auto last = submitted_.find(key_id);
  if (last != submitted_.end() &&
      now - last->second < domain::kKeyUseInterval) {
    return;
  }
  Pending& use = pending_[key_id];
  use.org_id = org_id;
  use.at = std::max(use.at, now);
}

void KeyUseRecorder::Flush() {
  std::unique_lock lock(mutex_);
  const uint64_t ticket = ++flush_requests_;
  wake_.notify_all();
  flushed_.wait(lock, [&] { return flushes_done_ >= ticket || stop_; });
}

void KeyUseRecorder::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, interval_, [&] {
      return stop_ || flush_requests_ > flushes_done_;
    });
    SubmitPending(lock);
    if (stop_) break;
  }
  flushed_.notify_all();
}

void KeyUseRecorder::SubmitPending(std::unique_lock<std::mutex>& lock) {
  const uint64_t requested = flush_requests_;
  std::unordered_map<int64_t, Pending> uses;
  uses.swap(pending_);
  for (const auto& [key, use] : uses) submitted_[key] = use.at;
  // Forget submissions older than the interval, so the map stays small.
  if (submitted_.size() > 2 * uses.size() + 1024) {
    int64_t newest = 0;
    for (const auto& [key, at] : submitted_) newest = std::max(newest, at);
    std::erase_if(submitted_, [&](const auto& entry) {
      return newest - entry.second >= domain::kKeyUseInterval;
    });
  }
  lock.unlock();
  Submit(uses);
  lock.lock();
  flushes_done_ = requested;
  flushed_.notify_all();
}

void KeyUseRecorder::Submit(const std::unordered_map<int64_t, Pending>& uses) {
  // One command per org: its events go to the org's stream in one write.
  std::map<int64_t, domain::RecordKeyUse> by_org;
  for (const auto& [key, use] : uses) {
    domain::RecordKeyUse& command = by_org[use.org_id];
    command.org_id = use.org_id;
    command.uses.push_back({key, use.at});
  }
  projections::CommandMeta meta;
  meta.actor.kind = domain::ActorKind::kSystem;
  meta.actor.login = "keyledger";
  meta.request_id = "key-use";
  // Up to kParallelSubmits commands in flight, so that group commit writes
  // them together; the threads live for this batch only.
  std::vector<const domain::RecordKeyUse*> work;
  for (const auto& [org, command] : by_org) work.push_back(&command);
  std::atomic<size_t> next{0};
  auto submit_some = [&] {
    for (size_t i = next++; i < work.size(); i = next++) {
      (void)ledger_.Execute(*work[i], meta);
    }
  };
  std::vector<std::jthread> threads;
  for (size_t n = std::min(kParallelSubmits, work.size()); n > 0; --n) {
    threads.emplace_back(submit_some);
  }
}

}  // namespace keyledger::http

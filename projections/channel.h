#ifndef KEYLEDGER_PROJECTIONS_CHANNEL_H_
#define KEYLEDGER_PROJECTIONS_CHANNEL_H_

// A queue between threads: hands items from one thread to another, in
// order. The stages of a log replay (log_replay.cc, the replay tool's
// Handoff) pass batches of reused items through channels.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace keyledger::projections {

// After Close(), Push drops its item, and Pop returns nullopt once the queue
// is empty.
template <typename T>
class Channel {
 public:
  void Push(T item) {
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  // Waits for an item; nullopt once the channel is closed and empty.
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [this] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  void Close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    ready_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_CHANNEL_H_

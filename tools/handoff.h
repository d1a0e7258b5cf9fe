#ifndef KEYLEDGER_TOOLS_HANDOFF_H_
#define KEYLEDGER_TOOLS_HANDOFF_H_

// Hands items from one thread to another, in order, so that two stages of a
// pipeline run on two cores. Items travel in batches of reused storage:
// once every batch has been filled a first time, filling an item reuses the
// strings of the item that was there before. Bounded: the producer waits
// while the consumer is all batches behind.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace keyledger::tools {

template <typename Item>
class Handoff {
 public:
  Handoff() {
    for (size_t i = 0; i < kBatches; ++i) {
      auto batch = std::make_unique<Batch>();
      batch->items.resize(kBatchSize);
      empty_.push_back(std::move(batch));
    }
  }

  // Producer: `fill(item)` fills the next item in place.
  template <typename Fill>
  void Push(Fill&& fill) {
    if (!filling_) filling_ = TakeEmpty();
    fill(filling_->items[filling_->size++]);
    if (filling_->size == kBatchSize) HandOver();
  }

  // Producer: there are no more items.
  void Close() {
    if (filling_ && filling_->size > 0) HandOver();
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }

  // Consumer: calls `fn(item)` for each item in order until Close.
  template <typename Fn>
  void Drain(Fn&& fn) {
    for (;;) {
      std::unique_ptr<Batch> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return !full_.empty() || closed_; });
        if (full_.empty()) return;
        batch = std::move(full_.front());
        full_.pop_front();
      }
      for (size_t i = 0; i < batch->size; ++i) fn(batch->items[i]);
      batch->size = 0;
      std::lock_guard lock(mu_);
      empty_.push_back(std::move(batch));
      cv_.notify_all();
    }
  }

 private:
  struct Batch {
    std::vector<Item> items;
    size_t size = 0;  // items[0, size) are filled
  };
  // Large enough that the threads seldom lock or wait on each other.
  static constexpr size_t kBatchSize = 256;
  static constexpr size_t kBatches = 8;

  std::unique_ptr<Batch> TakeEmpty() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return !empty_.empty(); });
    auto batch = std::move(empty_.back());
    empty_.pop_back();
    return batch;
  }

  void HandOver() {
    std::lock_guard lock(mu_);
    full_.push_back(std::move(filling_));
    cv_.notify_all();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;    // to the consumer, in order
  std::vector<std::unique_ptr<Batch>> empty_;  // back to the producer
  bool closed_ = false;
  std::unique_ptr<Batch> filling_;  // the producer's
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_HANDOFF_H_

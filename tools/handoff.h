#ifndef KEYLEDGER_TOOLS_HANDOFF_H_
#define KEYLEDGER_TOOLS_HANDOFF_H_

// Hands items from one thread to another, in order, so that two stages of a
// pipeline run on two cores. Items travel in batches of reused storage:
// once every batch has been filled a first time, filling an item reuses the
// strings of the item that was there before. Bounded: the producer waits
// while the consumer is all batches behind.

#include <memory>
#include <optional>
#include <vector>

#include "projections/channel.h"

namespace keyledger::tools {

template <typename Item>
class Handoff {
 public:
  Handoff() {
    for (size_t i = 0; i < kBatches; ++i) {
      auto batch = std::make_unique<Batch>();
      batch->items.resize(kBatchSize);
      empty_.Push(std::move(batch));
    }
  }

  // Producer: `fill(item)` fills the next item in place.
  template <typename Fill>
  void Push(Fill&& fill) {
    if (!filling_) filling_ = std::move(*empty_.Pop());  // never closed
    fill(filling_->items[filling_->size++]);
    if (filling_->size == kBatchSize) full_.Push(std::move(filling_));
  }

  // Producer: there are no more items.
  void Close() {
    if (filling_ && filling_->size > 0) full_.Push(std::move(filling_));
    full_.Close();
  }

  // Consumer: calls `fn(item)` for each item in order until Close.
  template <typename Fn>
  void Drain(Fn&& fn) {
    while (std::optional<std::unique_ptr<Batch>> batch = full_.Pop()) {
      for (size_t i = 0; i < (*batch)->size; ++i) fn((*batch)->items[i]);
      (*batch)->size = 0;
      empty_.Push(std::move(*batch));
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

  projections::Channel<std::unique_ptr<Batch>> full_;   // to the consumer
  projections::Channel<std::unique_ptr<Batch>> empty_;  // back to the producer
  std::unique_ptr<Batch> filling_;  // the producer's
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_HANDOFF_H_

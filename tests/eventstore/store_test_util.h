#ifndef KEYLEDGER_TESTS_EVENTSTORE_STORE_TEST_UTIL_H_
#define KEYLEDGER_TESTS_EVENTSTORE_STORE_TEST_UTIL_H_

// Shared by the eventstore tests: a temporary directory and small builders.

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

#include "eventstore/event_store.h"

namespace keyledger::eventstore {

// For Boost.Test messages.
inline std::ostream& operator<<(std::ostream& out, const RecordedEvent& e) {
  return out << "event{" << e.position << " " << e.stream << "@"
             << e.stream_version << " " << e.type << "}";
}

}  // namespace keyledger::eventstore

namespace keyledger::eventstore::testing {

// A fresh directory under $TMPDIR, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "keyledger-store-XXXXXX")
            .string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::unique_ptr<EventStore> OpenOrThrow(const std::string& dir,
                                               const StoreOptions& o = {}) {
  auto store = EventStore::Open(dir, o);
  if (!store) throw std::runtime_error("open failed: " + store.error().message);
  return std::move(*store);
}

// A request of `count` events "test.v1.Thing" with payloads "<tag>-<i>".
inline AppendRequest Request(const std::string& stream,
                             ExpectedVersion expected, int count,
                             const std::string& tag = "p") {
  AppendRequest request;
  request.stream = stream;
  request.expected = expected;
  for (int i = 0; i < count; ++i) {
    request.events.push_back({"test.v1.Thing", tag + "-" + std::to_string(i) +
                                                   std::string("\0\xff", 2)});
  }
  request.metadata = {"user", 7, "alice", "req-1", "127.0.0.1"};
  return request;
}

inline Idempotency Key(const std::string& key, const std::string& fp = "fp") {
  return Idempotency{key, fp};
}

}  // namespace keyledger::eventstore::testing

#endif  // KEYLEDGER_TESTS_EVENTSTORE_STORE_TEST_UTIL_H_

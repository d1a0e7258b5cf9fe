#ifndef KEYLEDGER_HTTP_METRICS_H_
#define KEYLEDGER_HTTP_METRICS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace keyledger::http {

// A small Prometheus registry (Debian 12 packages no C++ Prometheus client).
// Renders text exposition format 0.0.4. Families live as long as the Metrics
// object and are never removed, and neither are the series in them, so
// references to families and series stay valid as long as the Metrics.
//
// Hot paths: a family's WithLabels() takes the family's mutex and looks the
// label values up; the Counter or Histogram it returns is then updated with
// relaxed atomics, no lock and no allocation. Callers that update per request
// get the series once and keep the reference.
// Thread-safety: every method of every class here may be called concurrently.

using LabelValues = std::vector<std::string>;
using Labels = std::vector<std::pair<std::string, std::string>>;

// One series of a counter family: a value that only goes up.
class Counter {
 public:
  Counter() = default;
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  // Throws std::invalid_argument unless amount >= 0.
  void Increment(double amount = 1);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// One series of a histogram family: counts observations into buckets, with
// their sum. A scrape that runs concurrently with Observe() may see an
// observation in its bucket (and so in _count) but not yet in _sum, or the
// reverse; the buckets and _count always agree.
class Histogram {
 public:
  // Made by HistogramFamily; `bounds` (ascending, finite) outlive it.
  explicit Histogram(const std::vector<double>& bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(double observation);

 private:
  friend class HistogramFamily;
  const std::vector<double>& bounds_;  // the family's
  // Per bucket, not cumulative; the last one is +Inf.
  std::vector<std::atomic<uint64_t>> counts_;
  std::atomic<double> sum_{0};
};

// A counter per label set.
class CounterFamily {
 public:
  // The series of `values`, created at 0 on first use (it is rendered from
  // then on). Takes the family's mutex: keep the reference on hot paths.
  // Throws std::invalid_argument unless values.size() equals the number of
  // label names.
  Counter& WithLabels(const LabelValues& values);

 private:
  friend class Metrics;
  explicit CounterFamily(std::vector<std::string> label_names);
  std::string Render(const std::string& name) const;
  std::vector<std::string> label_names_;
  mutable std::mutex mutex_;  // guards the map, not the values in it
  std::map<LabelValues, Counter> series_;
};

// A histogram per label set, all with the family's buckets.
class HistogramFamily {
 public:
  // As CounterFamily::WithLabels.
  Histogram& WithLabels(const LabelValues& values);

 private:
  friend class Metrics;
  HistogramFamily(std::vector<std::string> label_names,
                  std::vector<double> bounds);
  std::string Render(const std::string& name) const;
  std::vector<std::string> label_names_;
  std::vector<double> bounds_;  // ascending upper bounds, without +Inf
  mutable std::mutex mutex_;    // guards the map, not the values in it
  std::map<LabelValues, Histogram> series_;
};

// One value read at scrape time by a callback.
struct Sample {
  Labels labels;
  double value = 0;
};

enum class CallbackType { kGauge, kCounter };

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Distinct for every Metrics object the process creates, never reused:
  // lets a cache of series tell whether it belongs to this object.
  uint64_t serial() const { return serial_; }

  // Registers a counter family, or returns the existing one of that name if
  // it has the same type and label names. Throws std::invalid_argument on an
  // invalid name or a conflicting registration (a programming error).
  CounterFamily& AddCounter(const std::string& name, const std::string& help,
                            std::vector<std::string> label_names);

  // As AddCounter. `bounds`: ascending finite upper bounds; +Inf is implicit.
  HistogramFamily& AddHistogram(const std::string& name,
                                const std::string& help,
                                std::vector<std::string> label_names,
                                std::vector<double> bounds = DefaultBuckets());

  // Registers a family whose samples `collect` returns at every Render(), so
  // components can export state without depending on http/. `collect` runs on
  // the scraping thread, must be thread-safe and must not call into this
  // object. Throws std::invalid_argument if the name is taken or invalid.
  void AddCallback(const std::string& name, const std::string& help,
                   CallbackType type,
                   std::function<std::vector<Sample>()> collect);

  // AddCallback for one unlabelled gauge.
  void AddGauge(const std::string& name, const std::string& help,
                std::function<double()> value);

  // All families in text exposition format 0.0.4, sorted by name.
  std::string Render() const;

  // Prometheus' default latency buckets, in seconds.
  static std::vector<double> DefaultBuckets();

  // The Content-Type of Render()'s output.
  static constexpr const char* kContentType =
      "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Family;
  Family& Register(const std::string& name, const std::string& help, int kind,
                   const std::vector<std::string>& label_names);
  static std::string RenderFamily(const Family& family);
  const uint64_t serial_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Family>> families_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_METRICS_H_

#ifndef KEYLEDGER_HTTP_METRICS_H_
#define KEYLEDGER_HTTP_METRICS_H_

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
// object and are never removed, so references to them stay valid.
// Thread-safety: every method of every class here may be called concurrently.

using LabelValues = std::vector<std::string>;
using Labels = std::vector<std::pair<std::string, std::string>>;

// A monotonically increasing value per label set.
class CounterFamily {
 public:
  // REQUIRES: values.size() equals the number of label names; amount >= 0.
  void Increment(const LabelValues& values, double amount = 1);
  // The current value, 0 for an unseen label set (for tests).
  double Value(const LabelValues& values) const;

 private:
  friend class Metrics;
  explicit CounterFamily(std::vector<std::string> label_names);
  std::string Render(const std::string& name) const;
  std::vector<std::string> label_names_;
  mutable std::mutex mutex_;
  std::map<LabelValues, double> values_;
};

// Counts observations into cumulative buckets, with their sum and count.
class HistogramFamily {
 public:
  // REQUIRES: values.size() equals the number of label names.
  void Observe(const LabelValues& values, double observation);

 private:
  friend class Metrics;
  struct Cell {
    std::vector<uint64_t> counts;  // per bucket, not cumulative; last is +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  HistogramFamily(std::vector<std::string> label_names,
                  std::vector<double> bounds);
  std::string Render(const std::string& name) const;
  std::vector<std::string> label_names_;
  std::vector<double> bounds_;  // ascending upper bounds, without +Inf
  mutable std::mutex mutex_;
  std::map<LabelValues, Cell> cells_;
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
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Family>> families_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_METRICS_H_

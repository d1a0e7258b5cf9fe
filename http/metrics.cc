#include "http/metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "http/metrics_format.h"

namespace keyledger::http {
namespace {

enum Kind { kCounterKind, kHistogramKind, kCallbackKind };

void CheckArity(const std::vector<std::string>& names,
                const LabelValues& values) {
  if (names.size() != values.size()) {
    throw std::invalid_argument("metrics: wrong number of label values");
  }
}

Labels Zip(const std::vector<std::string>& names, const LabelValues& values) {
  Labels labels;
  for (size_t i = 0; i < names.size(); ++i)
    labels.emplace_back(names[i], values[i]);
  return labels;
}

uint64_t NextSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

using metrics_format::FormatValue;
using metrics_format::SampleLine;

struct Metrics::Family {
  std::string name;
  std::string help;
  int kind = kCounterKind;
  std::vector<std::string> label_names;
  std::unique_ptr<CounterFamily> counter;
  std::unique_ptr<HistogramFamily> histogram;
  CallbackType callback_type = CallbackType::kGauge;
  std::function<std::vector<Sample>()> collect;
};

void Counter::Increment(double amount) {
  if (!(amount >= 0))
    throw std::invalid_argument("metrics: negative counter increment");
  value_.fetch_add(amount, std::memory_order_relaxed);
}

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), counts_(bounds.size() + 1) {}

void Histogram::Observe(double observation) {
  // First bucket whose upper bound is >= the observation ("le" is inclusive).
  const size_t bucket =
      std::lower_bound(bounds_.begin(), bounds_.end(), observation) -
      bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(observation, std::memory_order_relaxed);
}

CounterFamily::CounterFamily(std::vector<std::string> label_names)
    : label_names_(std::move(label_names)) {}

Counter& CounterFamily::WithLabels(const LabelValues& values) {
  CheckArity(label_names_, values);
  std::lock_guard lock(mutex_);
  return series_.try_emplace(values).first->second;
}

HistogramFamily::HistogramFamily(std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : label_names_(std::move(label_names)), bounds_(std::move(bounds)) {}

Histogram& HistogramFamily::WithLabels(const LabelValues& values) {
  CheckArity(label_names_, values);
  std::lock_guard lock(mutex_);
  return series_.try_emplace(values, bounds_).first->second;
}

Metrics::Metrics() : serial_(NextSerial()) {}
Metrics::~Metrics() = default;

std::vector<double> Metrics::DefaultBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Metrics::Family& Metrics::Register(
    const std::string& name, const std::string& help, int kind,
    const std::vector<std::string>& label_names) {
  if (!metrics_format::IsValidMetricName(name)) {
    throw std::invalid_argument("metrics: invalid metric name " + name);
  }
  for (const std::string& label : label_names) {
    if (!metrics_format::IsValidLabelName(label) ||
        (kind == kHistogramKind && label == "le")) {
      throw std::invalid_argument("metrics: invalid label name " + label);
    }
  }
  // REQUIRES: mutex_ held by the caller.
  auto& slot = families_[name];
  if (slot) {
    if (slot->kind == kind && kind != kCallbackKind &&
        slot->label_names == label_names) {
      return *slot;
    }
    throw std::invalid_argument("metrics: conflicting registration of " + name);
  }
  slot = std::make_unique<Family>();
  slot->name = name;
  slot->help = help;
  slot->kind = kind;
  slot->label_names = label_names;
  return *slot;
}

CounterFamily& Metrics::AddCounter(const std::string& name,
                                   const std::string& help,
                                   std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  Family& family = Register(name, help, kCounterKind, label_names);
  if (!family.counter) {
    family.counter.reset(new CounterFamily(std::move(label_names)));
  }
  return *family.counter;
}

HistogramFamily& Metrics::AddHistogram(const std::string& name,
                                       const std::string& help,
                                       std::vector<std::string> label_names,
                                       std::vector<double> bounds) {
  bool ascending = std::adjacent_find(bounds.begin(), bounds.end(),
                                      std::greater_equal<>()) == bounds.end();
  bool finite = std::all_of(bounds.begin(), bounds.end(),
                            [](double b) { return std::isfinite(b); });
  if (!ascending || !finite)
    throw std::invalid_argument("metrics: bad buckets for " + name);
  std::lock_guard lock(mutex_);
  Family& family = Register(name, help, kHistogramKind, label_names);
  if (!family.histogram) {
    family.histogram.reset(
        new HistogramFamily(std::move(label_names), std::move(bounds)));
  }
  return *family.histogram;
}

void Metrics::AddCallback(const std::string& name, const std::string& help,
                          CallbackType type,
                          std::function<std::vector<Sample>()> collect) {
  std::lock_guard lock(mutex_);
  Family& family = Register(name, help, kCallbackKind, {});
  family.callback_type = type;
  family.collect = std::move(collect);
}

void Metrics::AddGauge(const std::string& name, const std::string& help,
                       std::function<double()> value) {
  AddCallback(name, help, CallbackType::kGauge, [value = std::move(value)] {
    return std::vector<Sample>{{{}, value()}};
  });
}

std::string CounterFamily::Render(const std::string& name) const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [values, counter] : series_) {
    out += SampleLine(name, Zip(label_names_, values), counter.Value());
  }
  return out;
}

std::string HistogramFamily::Render(const std::string& name) const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [values, histogram] : series_) {
    Labels labels = Zip(label_names_, values);
    const double sum = histogram.sum_.load(std::memory_order_relaxed);
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += histogram.counts_[i].load(std::memory_order_relaxed);
      Labels with_le = labels;
      with_le.emplace_back(
          "le", i < bounds_.size() ? FormatValue(bounds_[i]) : "+Inf");
      out += SampleLine(name + "_bucket", with_le, double(cumulative));
    }
    out += SampleLine(name + "_sum", labels, sum);
    out += SampleLine(name + "_count", labels, double(cumulative));
  }
  return out;
}

std::string Metrics::Render() const {
  std::vector<const Family*> families;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, family] : families_)
      families.push_back(family.get());
  }
  // Families are never removed, so rendering needs no registry lock; this also
  // lets callbacks take their own locks without ordering against ours.
  std::string out;
  for (const Family* family : families) out += RenderFamily(*family);
  return out;
}

std::string Metrics::RenderFamily(const Family& family) {
  static constexpr const char* kCallbackTypes[] = {"gauge", "counter"};
  if (family.kind == kCounterKind) {
    return metrics_format::Header(family.name, family.help, "counter") +
           family.counter->Render(family.name);
  }
  if (family.kind == kHistogramKind) {
    return metrics_format::Header(family.name, family.help, "histogram") +
           family.histogram->Render(family.name);
  }
  std::string out = metrics_format::Header(
      family.name, family.help,
      kCallbackTypes[static_cast<int>(family.callback_type)]);
  for (const Sample& sample : family.collect()) {
    out += SampleLine(family.name, sample.labels, sample.value);
  }
  return out;
}

}  // namespace keyledger::http

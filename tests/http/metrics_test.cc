#define BOOST_TEST_MODULE http_metrics_test
#include "http/metrics.h"

#include <boost/test/unit_test.hpp>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace keyledger::http {
namespace {

// A parsed exposition: sample key `name{a="x",b="y"}` (labels as written,
// values unescaped) -> value, and metric name -> TYPE and HELP.
struct Exposition {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;
  std::map<std::string, std::string> helps;
};

// Parses one `{...}` label set starting at text[pos] == '{'; returns the
// canonical key part and moves pos past '}'. Throws on malformed input.
std::string ParseLabels(const std::string& text, size_t& pos) {
  std::string key = "{";
  ++pos;
  while (text.at(pos) != '}') {
    size_t eq = text.find('=', pos);
    key += text.substr(pos, eq - pos) + "=\"";
    pos = eq + 1;
    if (text.at(pos) != '"')
      throw std::runtime_error("label value must be quoted");
    for (++pos; text.at(pos) != '"'; ++pos) {
      if (text[pos] == '\n')
        throw std::runtime_error("raw newline in label value");
      if (text[pos] == '\\') {
        char escaped = text.at(++pos);
        if (escaped == 'n')
          key += '\n';
        else if (escaped == '\\' || escaped == '"')
          key += escaped;
        else
          throw std::runtime_error("bad escape");
      } else {
        key += text[pos];
      }
    }
    key += '"';
    ++pos;
    if (text.at(pos) == ',') {
      key += ',';
      ++pos;
    }
  }
  ++pos;
  return key + "}";
}

Exposition Parse(const std::string& text) {
  Exposition out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      std::string rest = line.substr(7);
      size_t space = rest.find(' ');
      auto& target = line[2] == 'H' ? out.helps : out.types;
      target[rest.substr(0, space)] = rest.substr(space + 1);
      continue;
    }
    size_t pos = line.find_first_of("{ ");
    std::string key = line.substr(0, pos);
    if (line.at(pos) == '{') key += ParseLabels(line, pos);
    if (line.at(pos) != ' ')
      throw std::runtime_error("expected space: " + line);
    std::string value = line.substr(pos + 1);
    out.samples[key] = value == "+Inf" ? std::numeric_limits<double>::infinity()
                                       : std::stod(value);
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(metrics)

BOOST_AUTO_TEST_CASE(counters_render_with_help_type_and_labels) {
  Metrics metrics;
  CounterFamily& requests = metrics.AddCounter(
      "app_requests_total", "Requests.", {"route", "status"});
  requests.WithLabels({"/a", "200"}).Increment();
  requests.WithLabels({"/a", "200"}).Increment(2);
  requests.WithLabels({"/b", "404"}).Increment();
  Exposition e = Parse(metrics.Render());
  BOOST_TEST(e.types["app_requests_total"] == "counter");
  BOOST_TEST(e.helps["app_requests_total"] == "Requests.");
  BOOST_TEST(e.samples["app_requests_total{route=\"/a\",status=\"200\"}"] == 3);
  BOOST_TEST(e.samples["app_requests_total{route=\"/b\",status=\"404\"}"] == 1);
  BOOST_TEST(e.samples.size() == 2u);
}

BOOST_AUTO_TEST_CASE(label_values_and_help_are_escaped) {
  Metrics metrics;
  metrics.AddCounter("x_total", "line1\nback\\slash", {"v"})
      .WithLabels({"a\"b\\c\nd"})
      .Increment();
  std::string text = metrics.Render();
  BOOST_TEST(text.find("# HELP x_total line1\\nback\\\\slash\n") !=
             std::string::npos);
  Exposition e = Parse(text);
  BOOST_TEST(e.samples.count("x_total{v=\"a\"b\\c\nd\"}") == 1u);
}

BOOST_AUTO_TEST_CASE(histogram_buckets_are_cumulative_with_inf_sum_and_count) {
  Metrics metrics;
  HistogramFamily& h =
      metrics.AddHistogram("lat_seconds", "Latency.", {"route"}, {0.1, 1});
  Histogram& a = h.WithLabels({"/a"});
  a.Observe(0.05);
  a.Observe(0.1);  // le is inclusive
  a.Observe(0.5);
  a.Observe(7);
  Exposition e = Parse(metrics.Render());
  BOOST_TEST(e.types["lat_seconds"] == "histogram");
  BOOST_TEST(e.samples["lat_seconds_bucket{route=\"/a\",le=\"0.1\"}"] == 2);
  BOOST_TEST(e.samples["lat_seconds_bucket{route=\"/a\",le=\"1\"}"] == 3);
  BOOST_TEST(e.samples["lat_seconds_bucket{route=\"/a\",le=\"+Inf\"}"] == 4);
  BOOST_TEST(e.samples["lat_seconds_count{route=\"/a\"}"] == 4);
  BOOST_TEST(e.samples["lat_seconds_sum{route=\"/a\"}"] == 7.65,
             boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(callbacks_are_evaluated_at_every_render) {
  Metrics metrics;
  double lag = 1;
  metrics.AddGauge("projection_lag_events", "Lag.", [&] { return lag; });
  metrics.AddCallback("store_appends_total", "Appends.", CallbackType::kCounter,
                      [] {
                        return std::vector<Sample>{{{{"cf", "log"}}, 5},
                                                   {{{"cf", "index"}}, 6}};
                      });
  BOOST_TEST(Parse(metrics.Render()).samples["projection_lag_events"] == 1);
  lag = 9;
  Exposition e = Parse(metrics.Render());
  BOOST_TEST(e.samples["projection_lag_events"] == 9);
  BOOST_TEST(e.types["projection_lag_events"] == "gauge");
  BOOST_TEST(e.types["store_appends_total"] == "counter");
  BOOST_TEST(e.samples["store_appends_total{cf=\"index\"}"] == 6);
}

BOOST_AUTO_TEST_CASE(same_registration_returns_the_same_family) {
  Metrics metrics;
  CounterFamily& a = metrics.AddCounter("c_total", "C.", {"x"});
  CounterFamily& b = metrics.AddCounter("c_total", "C.", {"x"});
  BOOST_TEST(&a == &b);
}

// Series are created on first use and are then stable: a caller may keep the
// reference, and a series nobody asked for is not rendered.
BOOST_AUTO_TEST_CASE(series_are_stable_and_rendered_once_asked_for) {
  Metrics metrics;
  CounterFamily& family = metrics.AddCounter("s_total", "S.", {"k"});
  BOOST_TEST(Parse(metrics.Render()).samples.empty());
  Counter& first = family.WithLabels({"a"});
  for (int i = 0; i < 100; ++i) family.WithLabels({"k" + std::to_string(i)});
  BOOST_TEST(&first == &family.WithLabels({"a"}));
  first.Increment(3);
  Exposition e = Parse(metrics.Render());
  BOOST_TEST(e.samples["s_total{k=\"a\"}"] == 3);
  BOOST_TEST(e.samples["s_total{k=\"k7\"}"] == 0);
  BOOST_TEST(e.samples.size() == 101u);
}

BOOST_AUTO_TEST_CASE(every_metrics_object_has_its_own_serial) {
  auto first = std::make_unique<Metrics>();
  const uint64_t serial = first->serial();
  first.reset();
  Metrics second;
  BOOST_TEST(second.serial() != serial);
}

BOOST_AUTO_TEST_CASE(invalid_or_conflicting_registrations_throw) {
  Metrics metrics;
  metrics.AddCounter("c_total", "C.", {"x"});
  BOOST_CHECK_THROW(metrics.AddCounter("c_total", "C.", {"y"}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddHistogram("c_total", "C.", {"x"}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddCounter("1bad", "C.", {}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddCounter("ok", "C.", {"bad-label"}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddHistogram("h", "H.", {"le"}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddHistogram("h", "H.", {}, {1, 0.5}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddCounter("c_total", "C.", {"x"}).WithLabels({}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(metrics.AddHistogram("h2", "H.", {"x"}).WithLabels({}),
                    std::invalid_argument);
  Counter& counter =
      metrics.AddCounter("c_total", "C.", {"x"}).WithLabels({"a"});
  BOOST_CHECK_THROW(counter.Increment(-1), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(concurrent_increments_are_all_counted) {
  Metrics metrics;
  CounterFamily& counter = metrics.AddCounter("n_total", "N.", {"t"});
  HistogramFamily& histogram =
      metrics.AddHistogram("h_seconds", "H.", {"t"}, {0.5});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      // Half the threads keep their series, half look it up every time.
      Counter& kept = counter.WithLabels({"x"});
      Histogram& kept_histogram = histogram.WithLabels({"x"});
      for (int i = 0; i < 10000; ++i) {
        (t % 2 ? kept : counter.WithLabels({"x"})).Increment();
        (t % 2 ? kept_histogram : histogram.WithLabels({"x"})).Observe(i % 2);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(counter.WithLabels({"x"}).Value() == 80000);
  Exposition e = Parse(metrics.Render());
  BOOST_TEST(e.samples["h_seconds_bucket{t=\"x\",le=\"0.5\"}"] == 40000);
  BOOST_TEST(e.samples["h_seconds_count{t=\"x\"}"] == 80000);
  BOOST_TEST(e.samples["h_seconds_sum{t=\"x\"}"] == 40000);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http

#ifndef KEYLEDGER_HTTP_METRICS_FORMAT_H_
#define KEYLEDGER_HTTP_METRICS_FORMAT_H_

#include <string>
#include <string_view>

#include "http/metrics.h"

// Pieces of the Prometheus text exposition format 0.0.4, used by metrics.cc.
namespace keyledger::http::metrics_format {

// True for [a-zA-Z_:][a-zA-Z0-9_:]*.
bool IsValidMetricName(std::string_view name);
// True for [a-zA-Z_][a-zA-Z0-9_]* not starting with "__" (reserved).
bool IsValidLabelName(std::string_view name);

// A value as Prometheus parses it: "+Inf", "-Inf", "NaN", or the shortest
// decimal that round-trips.
std::string FormatValue(double value);

// "# HELP name help\n# TYPE name type\n", with help escaped (\\ and \n).
std::string Header(std::string_view name, std::string_view help,
                   std::string_view type);

// `{a="x",b="y"}` with values escaped (\\, \" and \n); "" for no labels.
std::string LabelSet(const Labels& labels);

// One sample line: name, label set, ' ', value, '\n'.
std::string SampleLine(std::string_view name, const Labels& labels,
                       double value);

}  // namespace keyledger::http::metrics_format

#endif  // KEYLEDGER_HTTP_METRICS_FORMAT_H_

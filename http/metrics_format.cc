#include "http/metrics_format.h"

#include <charconv>
#include <cmath>

namespace keyledger::http::metrics_format {
namespace {

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendEscaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

}  // namespace

bool IsValidMetricName(std::string_view name) {
  if (name.empty() || !(IsAlpha(name[0]) || name[0] == ':')) return false;
  for (char c : name) {
    if (!IsAlpha(c) && !IsDigit(c) && c != ':') return false;
  }
  return true;
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || !IsAlpha(name[0]) || name.starts_with("__")) return false;
  for (char c : name) {
    if (!IsAlpha(c) && !IsDigit(c)) return false;
  }
  return true;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

std::string Header(std::string_view name, std::string_view help,
                   std::string_view type) {
  std::string out = "# HELP ";
  out.append(name).append(" ");
  AppendEscaped(out, help, /*escape_quote=*/false);
  out.append("\n# TYPE ").append(name).append(" ").append(type).append("\n");
  return out;
}

std::string LabelSet(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    out.append(name).append("=\"");
    AppendEscaped(out, value, /*escape_quote=*/true);
    out += '"';
  }
  out += '}';
  return out;
}

std::string SampleLine(std::string_view name, const Labels& labels,
                       double value) {
  std::string out(name);
  out.append(LabelSet(labels))
      .append(" ")
      .append(FormatValue(value))
      .append("\n");
  return out;
}

}  // namespace keyledger::http::metrics_format

// The report as CSV (for a spreadsheet: UTF-8 with a byte-order mark, so Excel reads the Chinese right) and as
// JSON (for other tools; the shape is documented in docs/REPORTS.md). Labels in Chinese or English.
#pragma once

#include "report/Report.h"

#include <string>

namespace lw::report {

enum class Lang { Zh, En };

std::string toCsv(const Report& report, Lang lang);
std::string toJson(const Report& report);

// A CSV cell: quoted when it holds a comma, a quote or a line break, and a text a spreadsheet would run as a formula
// (= + - @, a tab or a carriage return first) starting with ' (the central ranking's CSV writes its cells so too).
std::string csvCell(const std::string& text);

// A label of the report in the language ("waiting", "mean wait", ...): shared by the CSV and the PDF.
std::string label(const std::string& key, Lang lang);

}  // namespace lw::report

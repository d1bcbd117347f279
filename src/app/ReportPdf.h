// The report as an A4 PDF for the regional office: tables beside the previous period, a chart of the share within
// target, the heat map of waits by weekday and hour. Chinese or English (Noto Sans CJK from Debian).
#pragma once

#include "report/ReportFormat.h"

#include <QString>

namespace lw::app {

// Writes `path`; false with `error` set when the file cannot be written.
bool writeReportPdf(const report::Report& report, report::Lang lang, const QString& path, QString& error);

}  // namespace lw::app

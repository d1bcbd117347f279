// The report as an A4 PDF for the regional office: tables beside the previous period, a chart of the share within
// target, the heat map of waits by weekday and hour. Chinese or English (Noto Sans CJK from Debian).
#pragma once

#include "report/ReportFormat.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace lw::app {

// A table after the report's own (the central report's ranking of branches): its title, header and rows.
struct PdfTable {
    QString title;
    QStringList header;
    std::vector<QStringList> rows;
    double firstShare = 0.22;  // the first column's share of the width
    QString note;              // a line under the table ("" : none)
};

// Writes `path`; false with `error` set when the file cannot be written. `appendix`: tables on a page of their own
// after the report.
bool writeReportPdf(const report::Report& report, report::Lang lang, const QString& path, QString& error,
                    const std::vector<PdfTable>& appendix = {});

}  // namespace lw::app

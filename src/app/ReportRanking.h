// The central report's ranking of branches as a table of the report's PDF.
#pragma once

#include "app/ReportPdf.h"
#include "central/CentralReport.h"

namespace lw::app {

PdfTable rankingPdfTable(const std::vector<central::BranchRank>& ranking, report::Lang lang);

}  // namespace lw::app

// The complaint's papers as PDF, filled from the record: the complaint handling form (客户投诉处理单, A4), the
// rectification notice (客户投诉整改通知单, A4) and the customer's receipt (A6, or 80 mm thermal paper).
#pragma once

#include "complaint/Complaint.h"
#include "kiosk/KioskConfig.h"
#include "complaint/Lifecycle.h"

#include <QString>

#include <vector>

namespace lw::app {

struct ComplaintPaper {
    const complaint::Complaint& complaint;
    const std::vector<complaint::Step>& steps;
    const kiosk::BranchConfig& branch;
    int utcOffsetMinutes = 480;
    std::string replyBy;  // the day the customer will hear back by (the agreed date, else the reply clock's due day)
};

enum class ReceiptPaper { A6, Thermal80 };

// Each writes `path`; false with `error` set when it cannot (the file, or a notice with no fault found).
bool writeComplaintForm(const ComplaintPaper& paper, const QString& path, QString& error);
bool writeRectificationNotice(const ComplaintPaper& paper, const QString& path, QString& error);
bool writeComplaintReceipt(const ComplaintPaper& paper, ReceiptPaper size, const QString& path, QString& error);

}  // namespace lw::app

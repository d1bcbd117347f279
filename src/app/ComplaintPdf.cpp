// The complaint's papers: QPdfWriter + QPainter, a label column and a value column, Chinese with English beneath.
#include "app/ComplaintPdf.h"

#include "lobby/LocalTime.h"
#include "app/PdfText.h"

#include <QFont>
#include <QFontMetrics>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <map>

namespace lw::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// Latin letters and digits from DejaVu Sans, Chinese from Noto Sans CJK (as the report: the text layer keeps both).
QFont paperFont(int pixels, bool bold = false) {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

// Top to bottom on one or more pages; sizes in points at 300 dpi.
class Sheet {
public:
    Sheet(QPdfWriter& writer, QPainter& painter) : writer_(writer), p_(painter) {
        width_ = p_.viewport().width();
        height_ = p_.viewport().height();
    }
    int pt(double points) const { return static_cast<int>(points * 300.0 / 72.0); }
    void title(const QString& zh, const QString& en, double size) {
        line(zh, size, true, Qt::AlignHCenter);
        line(en, size * 0.6, false, Qt::AlignHCenter);
        y_ += pt(size * 0.5);
    }
    void line(const QString& s, double size, bool bold = false, Qt::Alignment align = Qt::AlignLeft) {
        QFont f = paperFont(pt(size), bold);
        p_.setFont(f);
        QRect used = QFontMetrics(f).boundingRect(QRect(0, 0, width_, height_), static_cast<int>(Qt::TextWordWrap | align), s);
        need(used.height());
        p_.drawText(QRect(0, y_, width_, used.height()), static_cast<int>(Qt::TextWordWrap | align), s);
        y_ += used.height();
    }
    // A row of the form: the field's name (Chinese, English) and its value, boxed.
    void field(const QString& zh, const QString& en, const QString& value, double size, double labelShare = 0.3) {
        QFont lf = paperFont(pt(size * 0.9), true), vf = paperFont(pt(size));
        const int labelW = static_cast<int>(width_ * labelShare), pad = pt(3);
        const QString label = zh + "\n" + en;
        const QString shown = value.isEmpty() ? QStringLiteral("—") : value;
        const int lh = QFontMetrics(lf).boundingRect(QRect(0, 0, labelW - 2 * pad, height_), Qt::TextWordWrap, label).height();
        const int vh = QFontMetrics(vf).boundingRect(QRect(0, 0, width_ - labelW - 2 * pad, height_), Qt::TextWordWrap, shown).height();
        const int h = std::max(lh, vh) + 2 * pad;
        need(h);
        p_.drawRect(QRect(0, y_, labelW, h));
        p_.drawRect(QRect(labelW, y_, width_ - labelW, h));
        p_.setFont(lf);
        p_.drawText(QRect(pad, y_ + pad, labelW - 2 * pad, h - 2 * pad), Qt::TextWordWrap, label);
        p_.setFont(vf);
        p_.drawText(QRect(labelW + pad, y_ + pad, width_ - labelW - 2 * pad, h - 2 * pad), Qt::TextWordWrap, shown);
        y_ += h;
    }
    void gap(double points) { y_ += pt(points); }

private:
    void need(int h) {
        if (y_ + h > height_) {
            writer_.newPage();
            y_ = 0;
        }
    }
    QPdfWriter& writer_;
    QPainter& p_;
    int width_ = 0, height_ = 0, y_ = 0;
};

QString yesNo(const std::optional<bool>& b, const char* yes, const char* no, const char* unknown) {
    return QString::fromUtf8(b ? (*b ? yes : no) : unknown);
}

QString stateZh(const std::string& s) {
    static const std::map<std::string, const char*> names = {
        {"received", "已受理 received"},   {"agreed", "已约期 date agreed"}, {"handed_over", "移交中 handed over"},
        {"accepted", "已接收 accepted"},   {"investigated", "已调查 investigated"}, {"replied", "已答复 replied"},
        {"resolved", "已解决 resolved"},   {"followed_up", "已回访 followed up"}, {"closed", "已办结 closed"},
        {"reopened", "重新处理 reopened"}};
    auto it = names.find(s);
    return it == names.end() ? q(s) : QString::fromUtf8(it->second);
}

template <typename Draw>
bool writePdf(const QString& path, const QPageSize& size, double marginMm, const QString& title, QString& error, Draw draw) {
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(size);
    writer.setPageMargins(QMarginsF(marginMm, marginMm, marginMm, marginMm), QPageLayout::Millimeter);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("LobbyWatch"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        error = QStringLiteral("cannot write ") + path;
        return false;
    }
    Sheet sheet(writer, painter);
    draw(sheet);
    painter.end();
    // The text layer says the ideographs drawn, not the radicals that share their glyphs (PdfText.h).
    return mendCjkText(path, error);
}

QString branchLine(const kiosk::BranchConfig& b) {
    QString s = q(b.name.empty() ? "（网点名称未配置 [branch] name）" : b.name);
    if (!b.identifier.empty()) s += "  " + q(b.identifier);
    return s;
}

}  // namespace

bool writeComplaintForm(const ComplaintPaper& p, const QString& path, QString& error) {
    const auto& c = p.complaint;
    return writePdf(path, QPageSize(QPageSize::A4), 15, QStringLiteral("客户投诉处理单 %1").arg(c.id), error, [&](Sheet& s) {
        s.title(QStringLiteral("客户投诉处理单"), QStringLiteral("Customer complaint handling form"), 16);
        s.line(QStringLiteral("网点 Branch: ") + branchLine(p.branch) + QStringLiteral("    编号 No. %1").arg(c.id), 9);
        s.gap(4);
        const double z = 9;
        s.field("受理日期", "Received", q(c.receivedDay + " " + lobby::formatLocalTime(c.receivedAt, p.utcOffsetMinutes).substr(11, 5)), z);
        s.field("客户投诉日期", "Complained on", q(c.complainedDay), z);
        s.field("投诉渠道 / 原因 / 类别", "Channel / cause / class", q(c.channel + " / " + c.cause + " / " + c.complexity), z);
        s.field("首问受理人", "First receiver", q(c.receivedBy), z);
        s.field("当前负责人", "Owner", q(c.owner), z);
        s.field("相关号票", "Ticket", q(c.ticket.empty() ? "" : c.ticket + " (" + c.ticketDay + ")"), z);
        s.field("投诉内容", "Complaint", q(c.summary), z);
        s.field("当场答复 / 约期", "On the spot / agreed date",
                c.answeredOnSpot ? QStringLiteral("当场答复 answered on the spot") : q(c.agreedDay), z);
        s.field("移交", "Hand-over", q(c.handoverFrom.empty() ? "" : c.handoverFrom + " → " + (c.pendingOwner.empty() ? c.owner : c.pendingOwner) + ": " + c.handoverWhy), z);
        s.field("调查情况", "Investigation", q(c.investigation), z);
        s.field("责任认定", "Bank at fault", yesNo(c.bankAtFault, "是 yes", "否 no", "") +
                (c.responsible.empty() ? QString() : "  " + q(c.responsible)), z);
        s.field("致歉 / 补救措施", "Apology / remedy", QString::fromUtf8(c.apology ? "已致歉 apology given" : "") +
                (c.remedy.empty() ? QString() : "  " + q(c.remedy)), z);
        s.field("答复客户", "Reply", q(c.reply), z);
        s.field("客户是否满意", "Satisfied", yesNo(c.satisfied, "满意 yes", "不满意 no", c.reply.empty() ? "" : "未知 not known"), z);
        s.field("处理结果", "Resolution", q(c.resolution.empty() ? "" : c.resolution + " (" + c.resolvedDay + ")"), z);
        s.field("回访", "Follow-up", q(c.followUpDay.empty() ? (c.followUpPlanned.empty() ? "" : "planned " + c.followUpPlanned)
                                                       : c.followUpDay + ": " + c.followUpOutcome), z);
        s.field("升级", "Escalation", c.escalationLevel ? QStringLiteral("%1 → %2").arg(c.escalationLevel).arg(q(c.escalatedTo)) : QString(), z);
        s.field("状态", "State", stateZh(c.state), z);
        s.gap(6);
        s.line(QStringLiteral("处理记录 Steps"), 10, true);
        for (const auto& step : p.steps)
            s.line(q(lobby::formatLocalTime(step.at, p.utcOffsetMinutes).substr(0, 16) + "  " + step.action + "  " + step.by + " (" +
                     auth::toString(step.role) + ")" + (step.to.empty() ? "" : " → " + step.to) +
                     (step.text.empty() ? "" : ": " + step.text)), 8);
        s.gap(12);
        s.line(QStringLiteral("经办人签字 Handled by: ____________    负责人签字 Approved by: ____________"), 9);
    });
}

bool writeRectificationNotice(const ComplaintPaper& p, const QString& path, QString& error) {
    const auto& c = p.complaint;
    if (c.investigation.empty() || c.bankAtFault != true) {
        error = QStringLiteral("complaint %1: a rectification notice needs an investigation that found the bank at fault "
                               "(complaint investigate --bank-at-fault yes --responsible ...)").arg(c.id);
        return false;
    }
    return writePdf(path, QPageSize(QPageSize::A4), 15, QStringLiteral("客户投诉整改通知单 %1").arg(c.id), error, [&](Sheet& s) {
        s.title(QStringLiteral("客户投诉整改通知单"), QStringLiteral("Complaint rectification notice"), 16);
        s.line(QStringLiteral("网点 Branch: ") + branchLine(p.branch) + QStringLiteral("    投诉编号 Complaint No. %1").arg(c.id), 9);
        s.gap(4);
        const double z = 10;
        s.field("整改责任人 / 部门", "Responsible", q(c.responsible), z);
        s.field("投诉日期", "Complained on", q(c.complainedDay), z);
        s.field("投诉事由", "Complaint", q(c.summary), z);
        s.field("调查结论", "Findings", q(c.investigation), z);
        s.field("整改要求", "Rectification required", q(c.remedy.empty() ? c.resolution : c.remedy), z);
        s.field("整改期限", "To be done by", q(c.resolvedDay.empty() ? p.replyBy : c.resolvedDay), z);
        s.field("签发人", "Issued by", q(c.owner), z);
        s.gap(16);
        s.line(QStringLiteral("整改落实情况 Rectification done: ______________________________________"), 10);
        s.gap(10);
        s.line(QStringLiteral("责任人签字 Signed: ____________    日期 Date: ____________"), 10);
    });
}

bool writeComplaintReceipt(const ComplaintPaper& p, ReceiptPaper size, const QString& path, QString& error) {
    const auto& c = p.complaint;
    const QPageSize page = size == ReceiptPaper::A6 ? QPageSize(QPageSize::A6)
                                                    : QPageSize(QSizeF(80, 120), QPageSize::Millimeter, QStringLiteral("80 mm receipt"));
    const double margin = size == ReceiptPaper::A6 ? 8 : 4;
    return writePdf(path, page, margin, QStringLiteral("投诉回执 %1").arg(c.id), error, [&](Sheet& s) {
        s.title(QStringLiteral("客户投诉回执"), QStringLiteral("Complaint receipt"), 12);
        s.line(branchLine(p.branch), 8, false, Qt::AlignHCenter);
        s.gap(4);
        const double z = 8;
        s.field("投诉编号", "Complaint No.", QString::number(c.id), z, 0.42);
        s.field("受理日期", "Received", q(c.receivedDay), z, 0.42);
        s.field("负责人", "Handled by", q(c.owner), z, 0.42);
        s.field("答复日期", "You will hear back by", q(p.replyBy), z, 0.42);
        s.field("投诉热线", "Complaint hotline", q(p.branch.complaintHotline), z, 0.42);
        if (!p.branch.servicePhone.empty()) s.field("服务电话", "Service phone", q(p.branch.servicePhone), z, 0.42);
        s.gap(4);
        s.line(QStringLiteral("请保留本回执，查询时请提供投诉编号。\nPlease keep this receipt and quote the complaint number."), 7);
    });
}

}  // namespace lw::app

// QPdfWriter + QPainter: A4 portrait at 300 dpi, laid out top to bottom, a new page when the next block does not fit.
#include "app/ReportPdf.h"

#include "app/PdfText.h"

#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace lw::app {

namespace {

using report::label;
using report::Lang;

QString num(double v, int decimals = 1) { return QString::number(v, 'f', decimals); }

// Latin letters and digits from DejaVu Sans, Chinese from Noto Sans CJK: with the CJK font alone for everything,
// the PDF's text layer lost the digits (pdftotext, copy and paste), though the page looked right.
QFont pdfFont() {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    return f;
}

class Layout {
public:
    Layout(QPdfWriter& writer, QPainter& painter) : writer_(writer), p_(painter) {
        width_ = p_.viewport().width();
        height_ = p_.viewport().height();
        // 300 dpi: a point is 300/72 units.
        unit_ = 300.0 / 72.0;
    }
    double pt(double points) const { return points * unit_; }
    int width() const { return width_; }
    int y() const { return y_; }
    void need(int h) {
        if (y_ + h > height_) {
            writer_.newPage();
            y_ = 0;
        }
    }
    void gap(double points) { y_ += static_cast<int>(pt(points)); }
    void text(const QString& s, double size, bool bold = false, QColor colour = Qt::black) {
        QFont f = pdfFont();
        f.setPixelSize(static_cast<int>(pt(size)));
        f.setBold(bold);
        p_.setFont(f);
        p_.setPen(colour);
        QFontMetrics m(f);
        QRect box(0, y_, width_, height_);
        QRect used = m.boundingRect(box, Qt::TextWordWrap, s);
        need(used.height());
        p_.drawText(QRect(0, y_, width_, used.height()), Qt::TextWordWrap, s);
        y_ += used.height();
    }
    // A table: the first column wider, numbers right-aligned; rows shaded alternately.
    void table(const QStringList& header, const std::vector<QStringList>& rows, double firstShare = 0.22) {
        QFont f = pdfFont();
        f.setPixelSize(static_cast<int>(pt(7.5)));
        QFont bold = f;
        bold.setBold(true);
        const int rowH = static_cast<int>(pt(12));
        const int cols = static_cast<int>(header.size());
        const int first = static_cast<int>(width_ * firstShare);
        const int rest = cols > 1 ? (width_ - first) / (cols - 1) : 0;
        auto x = [&](int c) { return c == 0 ? 0 : first + (c - 1) * rest; };
        auto w = [&](int c) { return c == 0 ? first : rest; };
        // As tall as the longest header wrapped in its column (a fixed height clipped English headers of three
        // lines: "No-show rate (%)" beside "Abandonment (%)" read "No-show andonment rate").
        int headerH = static_cast<int>(pt(24));
        {
            const QFontMetrics m(bold);
            for (int c = 0; c < cols; ++c)
                headerH = std::max(headerH, m.boundingRect(QRect(0, 0, w(c) - 8, 10 * headerH), Qt::TextWordWrap, header[c]).height() +
                                                static_cast<int>(pt(2)));
        }
        need(headerH + rowH * std::min<int>(3, static_cast<int>(rows.size())));
        p_.setFont(bold);
        p_.setPen(Qt::black);
        for (int c = 0; c < cols; ++c)
            p_.drawText(QRect(x(c) + 4, y_, w(c) - 8, headerH),
                        static_cast<int>((c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignBottom | Qt::TextWordWrap),
                        header[c]);
        y_ += headerH;
        p_.drawLine(0, y_, width_, y_);
        p_.setFont(f);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            need(rowH);
            if (r % 2 == 1) p_.fillRect(QRect(0, y_, width_, rowH), QColor(0xf0, 0xf3, 0xf7));
            for (int c = 0; c < cols && c < rows[r].size(); ++c)
                p_.drawText(QRect(x(c) + 4, y_, w(c) - 8, rowH),
                            static_cast<int>((c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter), rows[r][c]);
            y_ += rowH;
        }
        p_.drawLine(0, y_, width_, y_);
    }
    QPainter& painter() { return p_; }
    void advance(int h) { y_ += h; }
    void restart() { y_ = 0; }  // at the top of a page just begun

private:
    QPdfWriter& writer_;
    QPainter& p_;
    int width_ = 0, height_ = 0, y_ = 0;
    double unit_ = 1;
};

QString catName(const report::CategoryFigures& c, Lang lang) {
    if (c.code == "*") return QString::fromStdString(label("all", lang));
    return QString::fromStdString(c.code + " " + (lang == Lang::Zh ? c.nameZh : c.nameEn));
}

const report::CategoryFigures* previousOf(const report::Period& p, const std::string& code) {
    if (code == "*") return &p.all;
    for (const auto& c : p.categories)
        if (c.code == code) return &c;
    return nullptr;
}

}  // namespace

bool writeReportPdf(const report::Report& r, Lang lang, const QString& path, QString& error,
                    const std::vector<PdfTable>& appendix) {
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(300);
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(QString::fromStdString(label("title", lang) + " " + r.current.from + " – " + r.current.to));
    writer.setCreator(QStringLiteral("LobbyWatch"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    Layout L(writer, painter);
    auto S = [lang](const char* key) { return QString::fromStdString(label(key, lang)); };
    const report::Period& cur = r.current;
    const report::Period& prev = r.previous;

    L.text(S("title"), 18, true);
    if (!r.branchName.empty() || !r.branchId.empty())
        L.text(S("branch") + QStringLiteral(": ") + QString::fromStdString(r.branchName) +
                   (r.branchId.empty() ? QString() : QStringLiteral("  ") + QString::fromStdString(r.branchId)),
               11, true);
    L.text(QStringLiteral("%1: %2 – %3 (%4)   %5: %6 – %7").arg(S("period"), QString::fromStdString(cur.from),
                                                              QString::fromStdString(cur.to), QString::number(cur.days),
                                                              S("previous"), QString::fromStdString(prev.from),
                                                              QString::fromStdString(prev.to)),
           9, false, QColor(0x44, 0x4c, 0x56));
    if (!cur.runningDay.empty()) {
        // Today is not over: who is still waiting or at a window is neither abandoned nor a no-show yet.
        const QString asOf = QString::fromStdString(cur.asOfLocal.substr(11, 5));
        const QString day = QString::fromStdString(cur.runningDay);
        L.text(lang == Lang::Zh ? QStringLiteral("%1 仍在营业（截至 %2）：等候中 %3 人，办理中 %4 人，未计入放弃或过号。")
                                      .arg(day, asOf).arg(cur.all.waiting).arg(cur.all.serving)
                                : QStringLiteral("%1 is still running (as of %2): %3 waiting and %4 at a window, not counted "
                                                 "as abandoned or no-shows.")
                                      .arg(day, asOf).arg(cur.all.waiting).arg(cur.all.serving),
               9, false, QColor(0x44, 0x4c, 0x56));
    }
    L.gap(10);

    // Categories: this period, and the previous one in brackets.
    L.text(S("categories"), 12, true);
    L.gap(3);
    std::vector<const report::CategoryFigures*> cats;
    for (const auto& c : cur.categories) cats.push_back(&c);
    cats.push_back(&cur.all);
    auto pair = [](const QString& now, const QString& before) { return now + QStringLiteral(" (") + before + QStringLiteral(")"); };
    std::vector<QStringList> rows;
    const bool prevData = report::hasData(prev);  // else the previous figures are "no data" (–), never 0
    for (const auto* c : cats) {
        const auto* b = prevData ? previousOf(prev, c->code) : nullptr;
        auto bs = [&](auto get, int decimals) { return b ? num(get(*b), decimals) : QStringLiteral("–"); };
        rows.push_back({catName(*c, lang),
                        pair(QString::number(c->issued), b ? QString::number(b->issued) : QStringLiteral("–")),
                        pair(num(c->meanWaitS / 60), bs([](const auto& x) { return x.meanWaitS / 60; }, 1)),
                        pair(num(c->p90WaitS / 60), bs([](const auto& x) { return x.p90WaitS / 60; }, 1)),
                        pair(num(c->maxWaitS / 60), bs([](const auto& x) { return x.maxWaitS / 60; }, 1)),
                        pair(num(c->withinTarget * 100, 0), bs([](const auto& x) { return x.withinTarget * 100; }, 0)),
                        pair(num(c->withinLimit * 100, 0), bs([](const auto& x) { return x.withinLimit * 100; }, 0)),
                        pair(num(c->noShowRate * 100, 0), bs([](const auto& x) { return x.noShowRate * 100; }, 0)),
                        pair(num(c->abandonRate * 100, 0), bs([](const auto& x) { return x.abandonRate * 100; }, 0))});
    }
    L.table({S("category"), S("issued"), S("mean_wait_min"), S("p90_wait_min"), S("max_wait_min"), S("within_target"),
             S("within_limit"), S("no_show_rate"), S("abandon_rate")},
            rows);
    L.gap(4);
    L.text(lang == Lang::Zh ? (prevData ? QStringLiteral("括号内为上期。") : QStringLiteral("括号内为上期（上期无数据：–）。"))
                            : (prevData ? QStringLiteral("The previous period in brackets.")
                                        : QStringLiteral("The previous period in brackets (no data: –).")), 7,
           false, QColor(0x66, 0x6e, 0x78));
    // Forecast honesty: the wait printed on the ticket against the wait that followed.
    L.gap(6);
    rows.clear();
    for (const auto* c : cats)
        if (c->estimated > 0)
            rows.push_back({catName(*c, lang), QString::number(c->estimated), num(c->estimateMaeS / 60), num(c->estimateBiasS / 60)});
    if (!rows.empty())
        L.table({S("category"), lang == Lang::Zh ? QStringLiteral("有预计的取号") : QStringLiteral("Tickets told a wait"),
                 S("estimate_mae_min"), S("estimate_bias_min")},
                rows, 0.3);
    L.gap(8);

    // Chart: share called within target, per category, this period beside the previous.
    {
        L.text(S("within_target"), 11, true);
        const int chartH = static_cast<int>(L.pt(90));
        L.need(chartH + static_cast<int>(L.pt(16)));
        QPainter& p = L.painter();
        const int top = L.y() + static_cast<int>(L.pt(4));
        const int n = static_cast<int>(cats.size());
        const int slot = L.width() / std::max(1, n);
        QFont f = pdfFont();
        f.setPixelSize(static_cast<int>(L.pt(7)));
        p.setFont(f);
        p.setPen(QColor(0xcc, 0xcc, 0xcc));
        for (int pct = 0; pct <= 100; pct += 25) {
            int y = top + chartH - chartH * pct / 100;
            p.drawLine(0, y, L.width(), y);
        }
        for (int i = 0; i < n; ++i) {
            const auto* c = cats[static_cast<std::size_t>(i)];
            const auto* b = previousOf(prev, c->code);
            const int bw = slot / 4;
            const int x = i * slot + slot / 4;
            int h = static_cast<int>(chartH * c->withinTarget);
            p.fillRect(QRect(x, top + chartH - h, bw, h), QColor(0x2b, 0x6c, 0xb0));
            if (b) {
                int hb = static_cast<int>(chartH * b->withinTarget);
                p.fillRect(QRect(x + bw + bw / 4, top + chartH - hb, bw, hb), QColor(0xa0, 0xae, 0xc0));
            }
            p.setPen(Qt::black);
            p.drawText(QRect(i * slot, top + chartH + 4, slot, static_cast<int>(L.pt(10))), Qt::AlignHCenter,
                       catName(*c, lang) + QStringLiteral(" ") + num(c->withinTarget * 100, 0) + QStringLiteral("%"));
        }
        L.advance(chartH + static_cast<int>(L.pt(18)));
        L.text(lang == Lang::Zh ? QStringLiteral("深色：本期；浅色：上期") : QStringLiteral("Dark: this period; light: the previous"),
               7, false, QColor(0x66, 0x6e, 0x78));
        L.gap(8);
    }

    // Windows.
    L.text(S("windows"), 12, true);
    L.gap(3);
    rows.clear();
    for (const auto& w : cur.windows) {
        double paused = 0;
        for (const auto& [reason, s] : w.pausedS) paused += s;
        rows.push_back({QString::number(w.number), QString::number(w.served), num(w.meanServiceS / 60), num(w.p90ServiceS / 60),
                        num(w.meanWalkS, 0), num(w.openS / 3600), num(paused / 3600), num(w.idleWhileWaitingS / 3600, 2),
                        QString::number(w.queueJumps)});
    }
    L.table({S("window"), S("served"), S("mean_service_min"), S("p90_service_min"), S("mean_walk_s"), S("open_h"),
             S("paused_h"), S("idle_waiting_h"), S("queue_jumps")},
            rows, 0.1);
    L.gap(10);

    // Heat map: mean wait by weekday and hour, 07:00-20:00.
    {
        L.text(S("heat"), 12, true);
        const int firstHour = 7, lastHour = 20;
        const int cellH = static_cast<int>(L.pt(14));
        const int labelW = static_cast<int>(L.pt(30));
        L.need(cellH * 8 + static_cast<int>(L.pt(6)));
        QPainter& p = L.painter();
        const int top = L.y() + static_cast<int>(L.pt(4));
        const int cellW = (L.width() - labelW) / (lastHour - firstHour + 1);
        QFont f = pdfFont();
        f.setPixelSize(static_cast<int>(L.pt(6.5)));
        p.setFont(f);
        static const char* const daysZh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
        static const char* const daysEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        for (int h = firstHour; h <= lastHour; ++h)
            p.drawText(QRect(labelW + (h - firstHour) * cellW, top, cellW, cellH), Qt::AlignCenter,
                       QStringLiteral("%1").arg(h, 2, 10, QLatin1Char('0')));
        for (int d = 0; d < 7; ++d) {
            const int y = top + (d + 1) * cellH;
            p.setPen(Qt::black);
            p.drawText(QRect(0, y, labelW, cellH), Qt::AlignVCenter | Qt::AlignLeft,
                       QString::fromUtf8(lang == Lang::Zh ? daysZh[d] : daysEn[d]));
            for (int h = firstHour; h <= lastHour; ++h) {
                const auto& c = cur.heat[d][h];
                QRect box(labelW + (h - firstHour) * cellW, y, cellW - 2, cellH - 2);
                if (c.tickets == 0) {
                    p.fillRect(box, QColor(0xf4, 0xf4, 0xf4));
                    continue;
                }
                const double m = c.meanWaitS / 60;
                // Green within 15 minutes, amber to 30, red beyond.
                QColor colour = m <= 15 ? QColor(0x9a, 0xe6, 0xb4) : m <= 30 ? QColor(0xf6, 0xd3, 0x65) : QColor(0xf2, 0x8b, 0x82);
                p.fillRect(box, colour);
                p.drawText(box, Qt::AlignCenter, num(m, 0));
            }
        }
        L.advance(cellH * 8 + static_cast<int>(L.pt(8)));
    }

    // Incidents.
    L.text(S("incidents"), 12, true);
    L.gap(3);
    rows.clear();
    for (const auto& f : cur.incidents)
        rows.push_back({QString::fromStdString(label("kind:" + f.kind, lang)), QString::number(f.count),
                        QString::number(f.neverAcknowledged), QString::number(f.escalated),
                        f.acknowledged ? num(f.meanAckS / 60) : QStringLiteral("–"),
                        f.ended ? num(f.meanResolveS / 60) : QStringLiteral("–")});
    if (rows.empty()) rows.push_back({lang == Lang::Zh ? QStringLiteral("（无）") : QStringLiteral("(none)")});
    L.table({S("kind"), S("count"), S("never_acknowledged"), S("escalated"), S("mean_ack_min"), S("mean_resolve_min")}, rows, 0.3);

    // Complaints received in the period.
    L.gap(10);
    L.text(S("complaints"), 12, true);
    L.gap(3);
    rows.clear();
    const auto& c = cur.complaints;
    const auto& cp = prev.complaints;
    auto row = [&](const QString& name, int now, int before) {
        rows.push_back({name, QString::number(now), prevData ? QString::number(before) : QStringLiteral("–")});
    };
    row(S("count"), c.count, cp.count);
    row(S("after_wait_alert"), c.afterWaitAlert, cp.afterWaitAlert);
    row(S("answered_on_time"), c.answeredOnTime, cp.answeredOnTime);
    row(S("answered_late"), c.answeredLate, cp.answeredLate);
    row(S("open"), c.open, cp.open);
    for (const auto& [cause, n] : c.byCause)
        row(S("by_cause") + QStringLiteral(": ") + QString::fromStdString(cause), n, cp.byCause.count(cause) ? cp.byCause.at(cause) : 0);
    for (const auto& [channel, n] : c.byChannel)
        row(S("by_channel") + QStringLiteral(": ") + QString::fromStdString(channel), n,
            cp.byChannel.count(channel) ? cp.byChannel.at(channel) : 0);
    L.table({S("complaints"), S("count"), S("previous")}, rows, 0.5);

    for (const PdfTable& t : appendix) {
        writer.newPage();
        L.restart();
        L.text(t.title, 12, true);
        L.gap(3);
        L.table(t.header, t.rows, t.firstShare);
        if (!t.note.isEmpty()) {
            L.gap(4);
            L.text(t.note, 7, false, QColor(0x66, 0x6e, 0x78));
        }
    }

    if (!painter.end()) {
        error = QStringLiteral("cannot finish %1").arg(path);
        return false;
    }
    if (QFileInfo(path).size() == 0) {
        error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    // The text layer says the ideographs drawn, not the radicals that share their glyphs (PdfText.h).
    return mendCjkText(path, error);
}

}  // namespace lw::app

// The lobby floor's side in the kiosk (see KioskFloor.h).
#include "app/KioskFloor.h"

#include "complaint/Complaint.h"
#include "complaint/FloorIncident.h"
#include "lobby/LocalTime.h"
#include "complaint/QueueOrder.h"
#include "complaint/TicketTimeline.h"

#include <QRegularExpression>

#include <algorithm>
#include <memory>

namespace lw::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QVariantMap refusal(const QString& zh, const QString& en) { return {{"ok", false}, {"whyZh", zh}, {"whyEn", en}}; }
QVariantMap notSaved(const std::string& why) {
    return refusal(QStringLiteral("未保存：") + q(why), QStringLiteral("Not saved: ") + q(why));
}
QVariantMap signInFirst() { return refusal(QStringLiteral("请先登录"), QStringLiteral("Sign in first")); }

std::string hhmm(lobby::TimeMs t, const kiosk::KioskConfig& config) {
    return lobby::formatLocalTime(t, config.lobby.utcOffsetMinutes).substr(11, 5);
}
std::string hhmmss(lobby::TimeMs t, const kiosk::KioskConfig& config) {
    return lobby::formatLocalTime(t, config.lobby.utcOffsetMinutes).substr(11, 8);
}

// The subject a re-queue decision is recorded under: the visit (a label may be issued twice a day).
std::string visitSubject(const std::string& label, lobby::TimeMs issuedAt) {
    return "ticket:" + label + "@" + std::to_string(issuedAt);
}

}  // namespace

std::vector<ui::FloorIncidentRow> floorRows(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& day) {
    std::vector<ui::FloorIncidentRow> rows;
    for (const auto& f : store.floorIncidents(day)) {
        ui::FloorIncidentRow r;
        r.id = f.id;
        r.kind = q(f.kind);
        r.kindZh = q(complaint::kindZh(f.kind));
        r.kindEn = q(complaint::kindEn(f.kind));
        r.timeText = q(hhmm(f.openedAt, config));
        r.openedBy = q(f.openedBy);
        r.what = q(f.what);
        for (const auto& step : complaint::kRoutineSteps) {
            auto t = std::find_if(f.ticks.begin(), f.ticks.end(), [&](const auto& k) { return k.step == step; });
            const bool done = t != f.ticks.end();
            r.ticks.push_back(QVariantMap{{"step", q(step)},
                                          {"zh", q(complaint::stepZh(step))},
                                          {"en", q(complaint::stepEn(step))},
                                          {"done", done},
                                          {"timeText", done ? q(hhmm(t->at, config)) : QString()},
                                          {"by", done ? q(t->by) : QString()},
                                          {"note", done ? q(t->note) : QString()}});
        }
        for (auto c : f.complaints) r.complaints.push_back(static_cast<qlonglong>(c));
        r.closed = f.closed;
        if (f.closed) r.closedText = q(hhmm(f.closedAt, config) + " " + f.closedBy + (f.closingNote.empty() ? "" : ": " + f.closingNote));
        rows.push_back(std::move(r));
    }
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QVariantMap ticketLookup(store::EventStore& store, const kiosk::KioskConfig& config, const std::string& rawLabel, const std::string& day) {
    std::string label = QString::fromStdString(rawLabel).trimmed().toUpper().toStdString();
    if (!QRegularExpression(QStringLiteral("^[A-Z][0-9]{3}$")).match(q(label)).hasMatch())
        return refusal(QStringLiteral("票号应为一个字母加三位数字，如 A042"), QStringLiteral("A ticket is a letter and three digits, e.g. A042"));
    if (!complaint::isDay(day))
        return refusal(QStringLiteral("日期应为 YYYY-MM-DD"), QStringLiteral("The day: YYYY-MM-DD"));
    const auto events = store.eventsOfDay(day);
    const auto visits = complaint::ticketVisits(events, label);
    if (visits.empty())
        return refusal(QStringLiteral("%1 没有发出过 %2 号").arg(q(day), q(label)),
                       QStringLiteral("Ticket %1 was not issued on %2").arg(q(label), q(day)));
    const auto jumps = complaint::queueJumps(events);
    const auto actions = store.actionsOfDay(day);
    QVariantList out;
    for (const auto& v : visits) {
        std::vector<complaint::Requeue> requeues;
        for (const auto& a : actions)
            if (a.action == "requeue_missed" && a.subject == visitSubject(label, v.issuedAt)) requeues.push_back({a.at, a.who, a.detail});
        QVariantList lines;
        for (const auto& l : complaint::timelineOf(v, complaint::visitEnd(visits, v), jumps, requeues))
            lines.push_back(QVariantMap{{"timeText", q(hhmmss(l.at, config))}, {"what", q(l.what)}, {"window", l.window},
                                        {"zh", q(l.zh)}, {"en", q(l.en)}});
        out.push_back(QVariantMap{{"issuedAt", static_cast<double>(v.issuedAt)},
                                  {"issuedText", q(hhmmss(v.issuedAt, config))},
                                  {"missed", complaint::missedNumber(v) && requeues.empty()},
                                  {"requeued", !requeues.empty()},
                                  {"lines", lines}});
    }
    return {{"ok", true}, {"label", q(label)}, {"day", q(day)}, {"visits", out}};
}

// `job` where the log is written (the writer thread, waited for), or on the screens' store without one.
template <typename Job>
auto written(FloorParts& p, Job job) {
    decltype(job(p.store)) out{};
    if (p.write) p.write([&](store::EventStore& s) { out = job(s); });
    else out = job(p.store);
    return out;
}

void wireFloorDesk(ui::FloorDesk& desk, FloorParts parts) {
    auto p = std::make_shared<FloorParts>(std::move(parts));
    QVariantList kinds;
    for (const auto& k : complaint::kFloorKinds)
        kinds.push_back(QVariantMap{{"code", q(k)}, {"zh", q(complaint::kindZh(k))}, {"en", q(complaint::kindEn(k))}});
    desk.setKinds(kinds);
    auto today = [p]() { return lobby::businessDayOf(p->now(), p->config.lobby); };
    auto refresh = [p, today, &desk]() {
        desk.incidents()->setRows(floorRows(p->store, p->config, today()));
        if (p->changed) p->changed();
    };
    // A step on incident `id`: the incident as stored, the core's rule, the step and its action in one transaction.
    auto step = [p, refresh](qint64 id, const std::function<std::string(complaint::FloorIncident&, const ComplaintActor&)>& rule,
                             const std::function<std::optional<std::string>(const ComplaintActor&)>& store) -> QVariantMap {
        const auto who = p->who();
        if (!who) return signInFirst();
        auto f = p->store.floorIncident(id);
        if (!f) return notSaved("no lobby incident " + std::to_string(id));
        if (auto why = rule(*f, *who); !why.empty()) return notSaved(why);
        if (auto e = store(*who)) return notSaved(*e);
        refresh();
        return {{"ok", true}};
    };
    desk.setHandlers({
        [p, refresh](const QString& kind, const QString& what) -> QVariantMap {
            const auto who = p->who();
            if (!who) return signInFirst();
            complaint::FloorIncident f;
            f.kind = kind.toStdString();
            f.what = what.trimmed().toStdString();
            f.openedAt = p->now();
            f.openedBy = who->name;
            if (auto why = complaint::checkOpening(f.kind, f.what, f.openedBy); !why.empty()) return notSaved(why);
            std::string error;
            auto id = written(*p, [&](store::EventStore& s) {
                return s.openFloorIncident(f, complaint::kindZh(f.kind) + "（" + f.openedBy + " 登记）：" + f.what,
                                           complaint::kindEn(f.kind) + " (opened by " + f.openedBy + "): " + f.what, error);
            });
            if (!id) return notSaved(error);
            refresh();
            return {{"ok", true}, {"id", static_cast<qlonglong>(*id)}};
        },
        [p, step](qint64 id, const QString& which, const QString& note) {
            const auto at = p->now();
            return step(
                id,
                [&](complaint::FloorIncident& f, const ComplaintActor& who) {
                    return complaint::tick(f, {which.toStdString(), at, who.name, note.trimmed().toStdString()});
                },
                [&](const ComplaintActor& who) {
                    return written(*p, [&](store::EventStore& s) {
                        return s.recordFloorStep(id, "check:" + which.toStdString(), at, who.name, note.trimmed().toStdString());
                    });
                });
        },
        [p, step](qint64 id, qint64 complaintId) {
            return step(
                id,
                [&](complaint::FloorIncident& f, const ComplaintActor&) -> std::string {
                    if (!p->store.complaint(complaintId)) return "no complaint " + std::to_string(complaintId);
                    return complaint::linkComplaint(f, complaintId);
                },
                [&](const ComplaintActor& who) {
                    const auto at = p->now();
                    return written(*p, [&](store::EventStore& s) {
                        return s.recordFloorStep(id, "link_complaint", at, who.name, std::to_string(complaintId));
                    });
                });
        },
        [p, step](qint64 id, const QString& note) {
            const auto at = p->now();
            return step(
                id, [&](complaint::FloorIncident& f, const ComplaintActor& who) { return complaint::close(f, at, who.name, note.trimmed().toStdString()); },
                [&](const ComplaintActor& who) {
                    return written(*p, [&](store::EventStore& s) {
                        return s.recordFloorStep(id, "resolved", at, who.name, note.trimmed().toStdString());
                    });
                });
        },
        [p, today](const QString& label, const QString& day) -> QVariantMap {
            if (!p->who()) return signInFirst();
            return ticketLookup(p->store, p->config, label.toStdString(), day.trimmed().isEmpty() ? today() : day.trimmed().toStdString());
        },
        [p, today](const QString& label, const QString& day, double issuedAt, const QString& note) -> QVariantMap {
            const auto who = p->who();
            if (!who) return signInFirst();
            const std::string d = day.trimmed().isEmpty() ? today() : day.trimmed().toStdString();
            const std::string l = label.trimmed().toUpper().toStdString();
            // Only a visit whose last call was a no-show, and only once.
            QVariantMap found = ticketLookup(p->store, p->config, l, d);
            if (!found.value("ok").toBool()) return found;
            for (const auto& v : found.value("visits").toList()) {
                const QVariantMap visit = v.toMap();
                if (static_cast<lobby::TimeMs>(visit.value("issuedAt").toDouble()) != static_cast<lobby::TimeMs>(issuedAt)) continue;
                if (visit.value("requeued").toBool()) return {{"ok", true}, {"repeat", true}};
                if (!visit.value("missed").toBool())
                    return refusal(QStringLiteral("%1 不是过号：最后一次叫号后客户已到或仍在等候").arg(q(l)),
                                   QStringLiteral("%1 is not a missed number: its last call was not a no-show").arg(q(l)));
                const std::string n = note.trimmed().toStdString();
                if (n.size() > 500 || !complaint::isOneLine(n)) return notSaved("the note: one line, at most 500 characters");
                const store::StaffAction action{p->now(), who->name, "requeue_missed", visitSubject(l, static_cast<lobby::TimeMs>(issuedAt)), n};
                if (auto e = written(*p, [&](store::EventStore& s) { return s.recordAction(action); }))
                    return notSaved(*e);
                if (p->changed) p->changed();
                return {{"ok", true}};
            }
            return refusal(QStringLiteral("找不到该次取号"), QStringLiteral("No such visit of that ticket"));
        },
    });
    // Today's list now; the kiosk is still being put together, so nothing else is told.
    desk.incidents()->setRows(floorRows(p->store, p->config, today()));
}

}  // namespace lw::app

// Lobby incidents opened by hand in the event log: the incident's row in `incidents` (kind floor_<kind>), and its
// routine's ticks, linked complaints and closing as rows of `incident_steps`, each with who and when. No table of
// their own: the incident log, the reports and the incident page read them as they read any incident.
#include "store/EventStore.h"

#include "lobby/LocalTime.h"

#include <QSqlQuery>
#include <QVariant>

namespace lw::store {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }
std::string str(const QVariant& v) { return v.toString().toStdString(); }
const std::string kCheck = "check:";

}  // namespace

std::optional<std::int64_t> EventStore::openFloorIncident(const complaint::FloorIncident& f, const std::string& messageZh,
                                                          const std::string& messageEn, std::string& error) {
    std::optional<std::int64_t> id;
    auto e = atomically([&]() -> std::optional<std::string> {
        Incident i;
        i.raisedAt = f.openedAt;
        i.kind = complaint::incidentKind(f.kind);
        i.severity = "warning";
        i.subject = "floor:" + f.kind;
        i.messageZh = messageZh;
        i.messageEn = messageEn;
        id = raiseIncident(i);
        if (!id) return std::string("the incident was not stored");
        if (auto s = recordFloorStep(*id, "opened", f.openedAt, f.openedBy, f.what)) return s;
        return recordAction({f.openedAt, f.openedBy, "open_incident", "incident:" + std::to_string(*id), f.kind});
    });
    if (e) {
        error = *e;
        return std::nullopt;
    }
    return id;
}

std::optional<std::string> EventStore::recordFloorStep(std::int64_t incidentId, const std::string& state, TimeMs at,
                                                       const std::string& by, const std::string& note) {
    return atomically([&]() -> std::optional<std::string> {
        QSqlQuery step(db());
        step.prepare(QStringLiteral("INSERT INTO incident_steps (incident, at, state, by_whom, note) VALUES (?,?,?,?,?)"));
        step.addBindValue(static_cast<qlonglong>(incidentId));
        step.addBindValue(static_cast<qlonglong>(at));
        step.addBindValue(text(state));
        step.addBindValue(text(by));
        step.addBindValue(note.empty() ? QVariant() : QVariant(text(note)));
        if (!step.exec()) return std::string("the incident's step was not stored");
        if (state == "resolved") {
            // Closed: the incident's state follows, as an alert's resolve does.
            QSqlQuery q(db());
            q.prepare(QStringLiteral("UPDATE incidents SET state = 'resolved', state_at = ? WHERE id = ?"));
            q.addBindValue(static_cast<qlonglong>(at));
            q.addBindValue(static_cast<qlonglong>(incidentId));
            if (!q.exec() || q.numRowsAffected() != 1) return std::string("the incident was not closed");
        }
        if (state == "opened") return std::nullopt;  // its action is the opening's
        return recordAction({at, by, state == "resolved" ? "close_incident" : state == "link_complaint" ? "link_complaint" : "tick_incident",
                             "incident:" + std::to_string(incidentId), state.compare(0, kCheck.size(), kCheck) == 0 ? state.substr(kCheck.size()) : note});
    });
}

std::optional<complaint::FloorIncident> EventStore::floorIncident(std::int64_t id) {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id, raised_at, kind FROM incidents WHERE id = ?"));
    q.addBindValue(static_cast<qlonglong>(id));
    if (!q.exec() || !q.next()) return std::nullopt;
    complaint::FloorIncident f;
    f.id = q.value(0).toLongLong();
    f.openedAt = q.value(1).toLongLong();
    f.kind = complaint::floorKindOf(str(q.value(2)));
    if (f.kind.empty()) return std::nullopt;
    QSqlQuery s(db());
    s.prepare(QStringLiteral("SELECT at, state, by_whom, note FROM incident_steps WHERE incident = ? ORDER BY id"));
    s.addBindValue(static_cast<qlonglong>(id));
    if (!s.exec()) return std::nullopt;
    while (s.next()) {
        const TimeMs at = s.value(0).toLongLong();
        const std::string state = str(s.value(1)), by = str(s.value(2)), note = str(s.value(3));
        if (state == "opened") {
            f.openedBy = by;
            f.what = note;
        } else if (state.compare(0, kCheck.size(), kCheck) == 0) {
            f.ticks.push_back({state.substr(kCheck.size()), at, by, note});
        } else if (state == "link_complaint") {
            f.complaints.push_back(std::stoll(note.empty() ? std::string("0") : note));
        } else if (state == "resolved") {
            f.closed = true;
            f.closedAt = at;
            f.closedBy = by;
            f.closingNote = note;
        }
    }
    return f;
}

std::vector<complaint::FloorIncident> EventStore::floorIncidents(const std::string& businessDay) {
    std::vector<complaint::FloorIncident> out;
    std::vector<std::int64_t> ids;
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT id FROM incidents WHERE business_day = ? AND kind LIKE 'floor\\_%' ESCAPE '\\' ORDER BY id"));
        q.addBindValue(text(businessDay));
        if (!q.exec()) return out;
        while (q.next()) ids.push_back(q.value(0).toLongLong());
    }
    for (auto id : ids)
        if (auto f = floorIncident(id)) out.push_back(std::move(*f));
    return out;
}

}  // namespace lw::store

// The event log's reads: a day's events, incidents and actions, a range's events and estimates, staff, counts, meta.
#include "store/EventStore.h"
#include "store/StoreSql.h"

#include "lobby/LocalTime.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lw::store {

using sql::errorText;
using sql::exec;
using sql::q;
using sql::q_;

std::vector<StaffMember> EventStore::staff() {
    std::vector<StaffMember> out;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT name, role, pin_algorithm, pin_iterations, pin_salt, pin_hash, changed_at"
                               " FROM staff ORDER BY role DESC, name")))
        return out;
    while (q.next()) {
        StaffMember m;
        m.name = q.value(0).toString().toStdString();
        m.role = q.value(1).toString().toStdString();
        m.pinAlgorithm = q.value(2).toString().toStdString();
        m.pinIterations = q.value(3).toInt();
        m.pinSalt = q.value(4).toByteArray();
        m.pinHash = q.value(5).toByteArray();
        m.changedAt = q.value(6).toLongLong();
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<StaffAction> EventStore::actionsOfDay(const std::string& businessDay) {
    std::vector<StaffAction> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT at, who, action, subject, detail FROM actions WHERE business_day = ? ORDER BY id"));
    q.addBindValue(q_(businessDay));
    if (!q.exec()) return out;
    while (q.next()) {
        StaffAction a;
        a.at = q.value(0).toLongLong();
        a.who = q.value(1).toString().toStdString();
        a.action = q.value(2).toString().toStdString();
        a.subject = q.value(3).toString().toStdString();
        a.detail = q.value(4).toString().toStdString();
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<Incident> EventStore::incidentsOfDay(const std::string& businessDay) {
    std::vector<Incident> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id, raised_at, kind, severity, subject, message_zh, message_en, state, state_at"
                             " FROM incidents WHERE business_day = ? ORDER BY id"));
    q.addBindValue(q_(businessDay));
    if (!q.exec()) return out;
    while (q.next()) {
        Incident i;
        i.id = q.value(0).toLongLong();
        i.raisedAt = q.value(1).toLongLong();
        i.kind = q.value(2).toString().toStdString();
        i.severity = q.value(3).toString().toStdString();
        i.subject = q.value(4).toString().toStdString();
        i.messageZh = q.value(5).toString().toStdString();
        i.messageEn = q.value(6).toString().toStdString();
        i.state = q.value(7).toString().toStdString();
        i.stateAt = q.value(8).toLongLong();
        out.push_back(std::move(i));
    }
    return out;
}

std::vector<lobby::LobbyEvent> EventStore::eventsOfDay(const std::string& businessDay) {
    return eventsBetween(businessDay, businessDay);
}

std::vector<lobby::LobbyEvent> EventStore::eventsBetween(const std::string& fromDay, const std::string& toDay) {
    std::vector<lobby::LobbyEvent> out;
    QSqlQuery query(db());
    query.setForwardOnly(true);
    // events_by_day (business_day, id) serves both the range and the order.
    query.prepare(QStringLiteral(
        "SELECT received_at, kind, ticket, category, window_no, to_window, priority, detail, port, device, seq,"
        " frame_crc FROM events WHERE business_day BETWEEN ? AND ? ORDER BY business_day, id"));
    query.addBindValue(q(fromDay));
    query.addBindValue(q(toDay));
    if (!query.exec()) return out;
    while (query.next()) {
        lobby::LobbyEvent e;
        e.time = query.value(0).toLongLong();
        auto kind = lobby::parseEventName(query.value(1).toString().toStdString());
        if (!kind) continue;  // a kind this build does not know (written by a newer one): skip, do not guess
        e.kind = *kind;
        e.ticket = query.value(2).toString().toStdString();
        e.category = query.value(3).toString().toStdString();
        e.window = query.value(4).toInt();
        e.toWindow = query.value(5).toInt();
        e.priority = query.value(6).toInt() != 0;
        e.detail = query.value(7).toString().toStdString();
        e.source.port = query.value(8).toString().toStdString();
        e.source.device = query.value(9).toInt();
        e.source.sequence = query.value(10).toInt();
        e.source.frameCrc = query.value(11).isNull() ? -1 : query.value(11).toInt();
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<std::string> EventStore::dayTotals(const std::string& businessDay) {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT bytes FROM day_totals WHERE business_day = ?"));
    q.addBindValue(q_(businessDay));
    if (!q.exec() || !q.next()) return std::nullopt;
    return q.value(0).toByteArray().toStdString();
}

std::vector<IssueEstimate> EventStore::estimatesBetween(const std::string& fromDay, const std::string& toDay) {
    std::vector<IssueEstimate> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT issued_at, ticket, category, estimate_min FROM estimates"
                             " WHERE business_day BETWEEN ? AND ? ORDER BY business_day, id"));
    q.addBindValue(q_(fromDay));
    q.addBindValue(q_(toDay));
    if (!q.exec()) return out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toString().toStdString(), q.value(2).toString().toStdString(),
                       q.value(3).isNull() ? -1 : q.value(3).toInt()});
    return out;
}

std::vector<report::IncidentRecord> EventStore::incidentLives(const std::string& fromDay, const std::string& toDay) {
    std::vector<report::IncidentRecord> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT i.raised_at, i.kind, i.subject,"
        " (SELECT MIN(at) FROM incident_steps s WHERE s.incident = i.id AND s.state = 'acknowledged'),"
        " (SELECT MIN(at) FROM incident_steps s WHERE s.incident = i.id AND s.state = 'resolved'),"
        " (SELECT MIN(at) FROM incident_steps s WHERE s.incident = i.id AND s.state = 'cleared'),"
        " EXISTS (SELECT 1 FROM incident_steps s WHERE s.incident = i.id AND s.state = 'escalated'),"
        " (SELECT group_concat(DISTINCT m.member) FROM incident_members m WHERE m.incident = i.id)"
        " FROM incidents i WHERE i.business_day BETWEEN ? AND ? ORDER BY i.id"));
    q.addBindValue(q_(fromDay));
    q.addBindValue(q_(toDay));
    if (!q.exec()) return out;
    while (q.next()) {
        report::IncidentRecord l;
        l.raisedAt = q.value(0).toLongLong();
        l.kind = q.value(1).toString().toStdString();
        l.subject = q.value(2).toString().toStdString();
        l.acknowledgedAt = q.value(3).isNull() ? 0 : q.value(3).toLongLong();
        l.resolvedAt = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
        l.clearedAt = q.value(5).isNull() ? 0 : q.value(5).toLongLong();
        l.escalated = q.value(6).toInt() != 0;
        for (const QString& m : q.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            l.members.push_back(m.toStdString());
        out.push_back(std::move(l));
    }
    return out;
}

std::string EventStore::firstBusinessDay() {
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT MIN(business_day) FROM events")) || !query.next()) return {};
    return query.value(0).toString().toStdString();
}

std::string EventStore::lastBusinessDay() {
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT MAX(business_day) FROM events")) || !query.next()) return {};
    return query.value(0).toString().toStdString();
}

StoreCounts EventStore::counts() {
    StoreCounts c;
    QSqlQuery query(db());
    // MAX(id) rather than COUNT(*): rows are never deleted, and it costs nothing on a three-year log.
    if (query.exec(QStringLiteral("SELECT (SELECT IFNULL(MAX(id),0) FROM events), (SELECT IFNULL(MAX(id),0) FROM rejects)")) &&
        query.next()) {
        c.events = query.value(0).toLongLong();
        c.rejects = query.value(1).toLongLong();
    }
    return c;
}

std::vector<Reject> EventStore::rejects(int limit) {
    std::vector<Reject> out;
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT received_at, port, kind, detail, raw FROM rejects ORDER BY id DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) return out;
    while (query.next()) {
        out.push_back(Reject{query.value(0).toLongLong(), query.value(1).toString().toStdString(),
                             query.value(2).toString().toStdString(), query.value(3).toString().toStdString(),
                             query.value(4).toString().toStdString()});
    }
    return out;
}

std::optional<std::string> EventStore::meta(const std::string& key) {
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(q(key));
    if (!query.exec() || !query.next()) return std::nullopt;
    return query.value(0).toString().toStdString();
}

}  // namespace lw::store

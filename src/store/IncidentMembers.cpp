// A situation's incident kept up to date: its severity, figures and message now, and the tickets it concerns.
#include "store/EventStore.h"

#include <QSqlQuery>
#include <QVariant>

namespace lw::store {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

bool EventStore::updateIncident(std::int64_t id, TimeMs at, const std::string& severity, const std::string& figures,
                                const std::string& messageZh, const std::string& messageEn,
                                const std::vector<std::string>& joined, const std::vector<std::string>& left) {
    if (ensureWritable() || !beginWrite()) return false;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("UPDATE incidents SET severity = ?, figures = ?, message_zh = ?, message_en = ? WHERE id = ?"));
    q.addBindValue(text(severity));
    q.addBindValue(figures.empty() ? QVariant() : QVariant(text(figures)));
    q.addBindValue(text(messageZh));
    q.addBindValue(text(messageEn));
    q.addBindValue(static_cast<qlonglong>(id));
    bool ok = q.exec() && q.numRowsAffected() == 1;
    QSqlQuery join(d);
    join.prepare(QStringLiteral("INSERT INTO incident_members (incident, member, joined_at) VALUES (?,?,?)"));
    for (std::size_t i = 0; ok && i < joined.size(); ++i) {
        join.addBindValue(static_cast<qlonglong>(id));
        join.addBindValue(text(joined[i]));
        join.addBindValue(static_cast<qlonglong>(at));
        ok = join.exec();
    }
    QSqlQuery leave(d);
    leave.prepare(QStringLiteral("UPDATE incident_members SET left_at = ? WHERE incident = ? AND member = ? AND left_at IS NULL"));
    for (std::size_t i = 0; ok && i < left.size(); ++i) {
        leave.addBindValue(static_cast<qlonglong>(at));
        leave.addBindValue(static_cast<qlonglong>(id));
        leave.addBindValue(text(left[i]));
        ok = leave.exec();
    }
    return !endWrite(ok).has_value();
}

std::vector<IncidentMember> EventStore::incidentMembers(std::int64_t id) {
    std::vector<IncidentMember> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT member, joined_at, left_at FROM incident_members WHERE incident = ? ORDER BY id"));
    q.addBindValue(static_cast<qlonglong>(id));
    if (!q.exec()) return out;
    while (q.next())
        out.push_back({q.value(0).toString().toStdString(), q.value(1).toLongLong(),
                       q.value(2).isNull() ? 0 : q.value(2).toLongLong()});
    return out;
}

std::string EventStore::incidentFigures(std::int64_t id) {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT figures FROM incidents WHERE id = ?"));
    q.addBindValue(static_cast<qlonglong>(id));
    if (!q.exec() || !q.next()) return {};
    return q.value(0).toString().toStdString();
}

}  // namespace lw::store

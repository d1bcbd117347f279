// The SQLite event log's writes: group commits of events and rejects, incidents and their steps, staff, actions, meta.
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

EventStore::EventStore(QString path, QString connection, lobby::LobbyConfig config)
    : path_(std::move(path)), connection_(std::move(connection)), config_(std::move(config)) {}

EventStore::~EventStore() { closeConnection(); }

QSqlDatabase EventStore::db() const { return QSqlDatabase::database(connection_, false); }

QString moveAside(const QString& path, std::string& error) {
    QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = path + QStringLiteral(".damaged-") + stamp;
    if (!QFile::rename(path, target)) {
        error = "cannot move " + path.toStdString() + " aside to " + target.toStdString();
        return {};
    }
    for (const char* suffix : {"-wal", "-shm"})
        if (QFile::exists(path + suffix)) QFile::rename(path + suffix, target + suffix);
    return target;
}

void EventStore::setMaxPages(int pages) {
    QSqlQuery query(db());
    query.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages > 0 ? pages : 1073741823));
}

std::optional<std::string> EventStore::append(const Batch& batch) {
    if (batch.empty()) return std::nullopt;
    if (auto e = ensureWritable()) return e;
    QSqlDatabase d = db();
    if (!d.transaction()) return errorText(d.lastError());
    auto fail = [&d](const QSqlQuery& query) -> std::optional<std::string> {
        std::string why = errorText(query.lastError());
        d.rollback();
        return why;
    };
    if (!batch.events.empty()) {
        QSqlQuery insert(d);
        insert.prepare(QStringLiteral(
            "INSERT INTO events (received_at, business_day, kind, ticket, category, window_no, to_window, priority,"
            " detail, port, device, seq, frame_crc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        std::int64_t cachedDayNumber = INT64_MIN;
        QString cachedDay;
        for (const auto& e : batch.events) {
            std::int64_t dayNumber = lobby::businessDayNumber(e.time, config_);
            if (dayNumber != cachedDayNumber) {
                cachedDayNumber = dayNumber;
                cachedDay = q(lobby::businessDayOf(e.time, config_));
            }
            insert.bindValue(0, static_cast<qlonglong>(e.time));
            insert.bindValue(1, cachedDay);
            insert.bindValue(2, QLatin1String(lobby::eventName(e.kind)));
            insert.bindValue(3, e.ticket.empty() ? QVariant() : QVariant(q(e.ticket)));
            insert.bindValue(4, e.category.empty() ? QVariant() : QVariant(q(e.category)));
            insert.bindValue(5, e.window == 0 ? QVariant() : QVariant(e.window));
            insert.bindValue(6, e.toWindow == 0 ? QVariant() : QVariant(e.toWindow));
            insert.bindValue(7, e.priority ? 1 : 0);
            insert.bindValue(8, e.detail.empty() ? QVariant() : QVariant(q(e.detail)));
            insert.bindValue(9, q(e.source.port));
            insert.bindValue(10, e.source.device);
            insert.bindValue(11, e.source.sequence);
            insert.bindValue(12, e.source.frameCrc < 0 ? QVariant() : QVariant(e.source.frameCrc));
            if (!insert.exec()) return fail(insert);
        }
    }
    if (!batch.rejects.empty()) {
        QSqlQuery insert(d);
        insert.prepare(QStringLiteral("INSERT INTO rejects (received_at, port, kind, detail, raw) VALUES (?,?,?,?,?)"));
        for (const auto& r : batch.rejects) {
            insert.bindValue(0, static_cast<qlonglong>(r.receivedAt));
            insert.bindValue(1, q(r.port));
            insert.bindValue(2, q(r.kind));
            insert.bindValue(3, q(r.detail));
            insert.bindValue(4, q(r.raw.substr(0, 300)));
            if (!insert.exec()) return fail(insert);
        }
    }
    if (!batch.events.empty()) {
        // A day that gets events is no longer what its cached report totals say.
        std::vector<std::string> days;
        for (const auto& e : batch.events) {
            std::string day = lobby::businessDayOf(e.time, config_);
            if (std::find(days.begin(), days.end(), day) == days.end()) days.push_back(day);
        }
        QSqlQuery drop(d);
        drop.prepare(QStringLiteral("DELETE FROM day_totals WHERE business_day = ?"));
        for (const auto& day : days) {
            drop.bindValue(0, q(day));
            if (!drop.exec()) return fail(drop);
        }
    }
    if (!batch.estimates.empty()) {
        QSqlQuery insert(d);
        insert.prepare(QStringLiteral(
            "INSERT INTO estimates (issued_at, business_day, ticket, category, estimate_min) VALUES (?,?,?,?,?)"));
        for (const auto& e : batch.estimates) {
            insert.bindValue(0, static_cast<qlonglong>(e.issuedAt));
            insert.bindValue(1, q(lobby::businessDayOf(e.issuedAt, config_)));
            insert.bindValue(2, q(e.ticket));
            insert.bindValue(3, q(e.category));
            insert.bindValue(4, e.estimateMin < 0 ? QVariant() : QVariant(e.estimateMin));
            if (!insert.exec()) return fail(insert);
        }
    }
    if (!batch.anomalies.empty()) {
        QSqlQuery insert(d);
        insert.prepare(QStringLiteral(
            "INSERT INTO anomalies (at, business_day, kind, ticket, window_no, message) VALUES (?,?,?,?,?,?)"));
        for (const auto& a : batch.anomalies) {
            insert.bindValue(0, static_cast<qlonglong>(a.time));
            insert.bindValue(1, q(lobby::businessDayOf(a.time, config_)));
            insert.bindValue(2, q(a.kind));
            insert.bindValue(3, a.ticket.empty() ? QVariant() : QVariant(q(a.ticket)));
            insert.bindValue(4, a.window == 0 ? QVariant() : QVariant(a.window));
            insert.bindValue(5, q(a.message.substr(0, 500)));
            if (!insert.exec()) return fail(insert);
        }
    }
    if (!d.commit()) {
        std::string why = errorText(d.lastError());
        d.rollback();
        return why;
    }
    return std::nullopt;
}

std::optional<std::int64_t> EventStore::raiseIncident(const Incident& incident) {
    if (ensureWritable() || !beginWrite()) return std::nullopt;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("INSERT INTO incidents (raised_at, business_day, kind, severity, subject, message_zh,"
                             " message_en, state, state_at) VALUES (?,?,?,?,?,?,?,'raised',?)"));
    q.addBindValue(static_cast<qlonglong>(incident.raisedAt));
    q.addBindValue(q_(lobby::businessDayOf(incident.raisedAt, config_)));
    q.addBindValue(q_(incident.kind));
    q.addBindValue(q_(incident.severity));
    q.addBindValue(q_(incident.subject));
    q.addBindValue(q_(incident.messageZh));
    q.addBindValue(q_(incident.messageEn));
    q.addBindValue(static_cast<qlonglong>(incident.raisedAt));
    if (!q.exec()) {
        endWrite(false);
        return std::nullopt;
    }
    std::int64_t id = q.lastInsertId().toLongLong();
    QSqlQuery step(d);
    step.prepare(QStringLiteral("INSERT INTO incident_steps (incident, at, state) VALUES (?,?,'raised')"));
    step.addBindValue(static_cast<qlonglong>(id));
    step.addBindValue(static_cast<qlonglong>(incident.raisedAt));
    if (endWrite(step.exec())) return std::nullopt;
    return id;
}

bool EventStore::stepIncident(std::int64_t id, const std::string& state, TimeMs at, const std::string& byWhom,
                              const std::string& note) {
    if (ensureWritable() || !beginWrite()) return false;
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("UPDATE incidents SET state = ?, state_at = ? WHERE id = ?"));
    q.addBindValue(q_(state));
    q.addBindValue(static_cast<qlonglong>(at));
    q.addBindValue(static_cast<qlonglong>(id));
    QSqlQuery step(d);
    step.prepare(QStringLiteral("INSERT INTO incident_steps (incident, at, state, by_whom, note) VALUES (?,?,?,?,?)"));
    step.addBindValue(static_cast<qlonglong>(id));
    step.addBindValue(static_cast<qlonglong>(at));
    step.addBindValue(q_(state));
    step.addBindValue(byWhom.empty() ? QVariant() : QVariant(q_(byWhom)));
    step.addBindValue(note.empty() ? QVariant() : QVariant(q_(note)));
    const bool ok = q.exec() && q.numRowsAffected() == 1 && step.exec();
    return !endWrite(ok).has_value();
}

std::optional<std::string> EventStore::putStaff(const StaffMember& member) {
    if (auto e = ensureWritable()) return e;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO staff (name, role, pin_algorithm, pin_iterations, pin_salt, pin_hash, changed_at)"
                             " VALUES (?,?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET role = excluded.role,"
                             " pin_algorithm = excluded.pin_algorithm, pin_iterations = excluded.pin_iterations,"
                             " pin_salt = excluded.pin_salt, pin_hash = excluded.pin_hash, changed_at = excluded.changed_at"));
    q.addBindValue(q_(member.name));
    q.addBindValue(q_(member.role));
    q.addBindValue(q_(member.pinAlgorithm));
    q.addBindValue(member.pinIterations);
    q.addBindValue(member.pinSalt);
    q.addBindValue(member.pinHash);
    q.addBindValue(static_cast<qlonglong>(member.changedAt));
    if (!q.exec()) return errorText(q.lastError());
    return std::nullopt;
}

bool EventStore::removeStaff(const std::string& name) {
    if (ensureWritable()) return false;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM staff WHERE name = ?"));
    q.addBindValue(q_(name));
    return q.exec() && q.numRowsAffected() == 1;
}

std::optional<std::string> EventStore::recordAction(const StaffAction& action) {
    if (auto e = ensureWritable()) return e;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO actions (at, business_day, who, action, subject, detail) VALUES (?,?,?,?,?,?)"));
    q.addBindValue(static_cast<qlonglong>(action.at));
    q.addBindValue(q_(lobby::businessDayOf(action.at, config_)));
    q.addBindValue(action.who.empty() ? QVariant() : QVariant(q_(action.who)));
    q.addBindValue(q_(action.action));
    q.addBindValue(action.subject.empty() ? QVariant() : QVariant(q_(action.subject)));
    q.addBindValue(action.detail.empty() ? QVariant() : QVariant(q_(action.detail)));
    if (!q.exec()) return errorText(q.lastError());
    return std::nullopt;
}

void EventStore::putDayTotals(const std::string& businessDay, const std::string& bytes) {
    if (!writable_) return;  // a cache: a read-only or failing log goes without (no try to reopen for it)
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO day_totals (business_day, bytes) VALUES (?, ?)"));
    q.addBindValue(q_(businessDay));
    q.addBindValue(QByteArray::fromStdString(bytes));
    q.exec();  // a cache: a failure (full disk) only means computing the day again next time
}

std::optional<std::string> EventStore::setMeta(const std::string& key, const std::string& value) {
    if (auto e = ensureWritable()) return e;
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(q(key));
    query.addBindValue(q(value));
    if (!query.exec()) return errorText(query.lastError());
    return std::nullopt;
}

}  // namespace lw::store

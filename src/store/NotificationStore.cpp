// The webhook's outbox in the event log: `notifications` (one row per message and robot) and
// `notification_attempts` (one row per attempt), so that a restart resends what was not delivered, and only that.
#include "store/EventStore.h"
#include "store/StoreSql.h"

#include <QSqlQuery>
#include <QVariant>

namespace lw::store {

using sql::q_;

namespace {

std::string str(const QVariant& v) { return v.toString().toStdString(); }
QVariant orNull(const std::optional<std::int64_t>& v) { return v ? QVariant(static_cast<qlonglong>(*v)) : QVariant(); }

const char* const kColumns = "id, target, class, subject, body, created_at, attempts, next_at, last_error, "
                             "last_attempt_at, sent_at, given_up_at";

QueuedNotification rowOf(const QSqlQuery& q) {
    QueuedNotification n;
    n.id = q.value(0).toLongLong();
    n.target = str(q.value(1));
    n.what = str(q.value(2));
    n.subject = str(q.value(3));
    n.body = str(q.value(4));
    n.createdAt = q.value(5).toLongLong();
    n.attempts = q.value(6).toInt();
    n.nextAt = q.value(7).toLongLong();
    n.lastError = str(q.value(8));
    n.lastAttemptAt = q.value(9).toLongLong();
    if (!q.value(10).isNull()) n.sentAt = q.value(10).toLongLong();
    if (!q.value(11).isNull()) n.givenUpAt = q.value(11).toLongLong();
    return n;
}

// The row as it stands, its new id into `id`: a new message (no attempt yet, nothing sent: its fields' defaults) or
// one held in memory while the log refused it, with its attempts so far.
std::optional<std::string> insertNotification(QSqlDatabase db, const QueuedNotification& n, std::int64_t& id) {
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO notifications (target, class, subject, body, created_at, attempts, next_at,"
                             " last_error, last_attempt_at, sent_at, given_up_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(q_(n.target));
    q.addBindValue(q_(n.what));
    q.addBindValue(q_(n.subject));
    q.addBindValue(q_(n.body));
    q.addBindValue(static_cast<qlonglong>(n.createdAt));
    q.addBindValue(n.attempts);
    q.addBindValue(static_cast<qlonglong>(n.nextAt));
    q.addBindValue(n.lastError.empty() ? QVariant() : QVariant(q_(n.lastError)));
    q.addBindValue(n.attempts > 0 ? QVariant(static_cast<qlonglong>(n.lastAttemptAt)) : QVariant());
    q.addBindValue(orNull(n.sentAt));
    q.addBindValue(orNull(n.givenUpAt));
    if (!q.exec()) return "the notification was not stored: " + sql::errorText(q.lastError());
    id = q.lastInsertId().toLongLong();
    return std::nullopt;
}

}  // namespace

std::optional<std::string> EventStore::queueNotification(QueuedNotification& n) {
    return atomically([&]() -> std::optional<std::string> {
        std::int64_t id = 0;
        if (auto e = insertNotification(db(), n, id)) return e;
        n.id = id;
        return std::nullopt;
    });
}

std::vector<QueuedNotification> EventStore::pendingNotifications(int limit) {
    std::vector<QueuedNotification> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1 FROM notifications WHERE sent_at IS NULL AND given_up_at IS NULL"
                             " ORDER BY next_at, id LIMIT ?").arg(QLatin1String(kColumns)));
    q.addBindValue(limit);
    if (!q.exec()) return out;
    while (q.next()) out.push_back(rowOf(q));
    return out;
}

std::vector<QueuedNotification> EventStore::notifications(int limit) {
    std::vector<QueuedNotification> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1 FROM notifications ORDER BY id LIMIT ?").arg(QLatin1String(kColumns)));
    q.addBindValue(limit);
    if (!q.exec()) return out;
    while (q.next()) out.push_back(rowOf(q));
    return out;
}

std::optional<std::string> EventStore::recordNotificationAttempt(std::int64_t id, TimeMs at, bool delivered,
                                                                 const std::string& error, TimeMs nextAt, bool givenUp) {
    return atomically([&]() -> std::optional<std::string> {
        QSqlQuery a(db());
        a.prepare(QStringLiteral("INSERT INTO notification_attempts (notification, at, outcome, error) VALUES (?,?,?,?)"));
        a.addBindValue(static_cast<qlonglong>(id));
        a.addBindValue(static_cast<qlonglong>(at));
        a.addBindValue(QString::fromLatin1(delivered ? "delivered" : givenUp ? "given_up" : "failed"));
        a.addBindValue(error.empty() ? QVariant() : QVariant(q_(error)));
        if (!a.exec()) return "the notification's attempt was not stored: " + sql::errorText(a.lastError());
        QSqlQuery u(db());
        // Only a message still pending takes the attempt: one delivered or given up stays as it was.
        u.prepare(QStringLiteral("UPDATE notifications SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?,"
                                 " next_at = ?, sent_at = ?, given_up_at = ?"
                                 " WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL"));
        u.addBindValue(static_cast<qlonglong>(at));
        u.addBindValue(error.empty() ? QVariant() : QVariant(q_(error)));
        u.addBindValue(static_cast<qlonglong>(nextAt));
        u.addBindValue(orNull(delivered ? std::optional<std::int64_t>(at) : std::nullopt));
        u.addBindValue(orNull(!delivered && givenUp ? std::optional<std::int64_t>(at) : std::nullopt));
        u.addBindValue(static_cast<qlonglong>(id));
        if (!u.exec()) return "the notification was not updated: " + sql::errorText(u.lastError());
        if (u.numRowsAffected() != 1) return "notification " + std::to_string(id) + " is not pending";
        return std::nullopt;
    });
}

std::optional<std::string> EventStore::recordHeldNotification(QueuedNotification& n,
                                                              const std::vector<NotificationAttempt>& attempts) {
    return atomically([&]() -> std::optional<std::string> {
        std::int64_t id = 0;
        if (auto e = insertNotification(db(), n, id)) return e;
        for (const auto& at : attempts) {
            QSqlQuery a(db());
            a.prepare(QStringLiteral("INSERT INTO notification_attempts (notification, at, outcome, error) VALUES (?,?,?,?)"));
            a.addBindValue(static_cast<qlonglong>(id));
            a.addBindValue(static_cast<qlonglong>(at.at));
            a.addBindValue(q_(at.outcome));
            a.addBindValue(at.error.empty() ? QVariant() : QVariant(q_(at.error)));
            if (!a.exec()) return "the notification's attempt was not stored: " + sql::errorText(a.lastError());
        }
        n.id = id;
        return std::nullopt;
    });
}

std::vector<NotificationAttempt> EventStore::notificationAttempts(std::int64_t id) {
    std::vector<NotificationAttempt> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT at, outcome, error FROM notification_attempts WHERE notification = ? ORDER BY id"));
    q.addBindValue(static_cast<qlonglong>(id));
    if (!q.exec()) return out;
    while (q.next()) out.push_back({q.value(0).toLongLong(), str(q.value(1)), str(q.value(2))});
    return out;
}

NotificationCounts EventStore::notificationCounts() {
    NotificationCounts c;
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("SELECT coalesce(sum(sent_at IS NULL AND given_up_at IS NULL), 0),"
                              " count(sent_at), count(given_up_at), coalesce(max(sent_at), 0) FROM notifications")) &&
        q.next()) {
        c.queued = q.value(0).toLongLong();
        c.sent = q.value(1).toLongLong();
        c.givenUp = q.value(2).toLongLong();
        c.lastSentAt = q.value(3).toLongLong();
    }
    QSqlQuery f(db());
    if (f.exec(QStringLiteral("SELECT a.at, n.target, a.error FROM notification_attempts a JOIN notifications n"
                              " ON n.id = a.notification WHERE a.outcome <> 'delivered' ORDER BY a.id DESC LIMIT 1")) &&
        f.next()) {
        c.lastFailureAt = f.value(0).toLongLong();
        c.lastFailure = str(f.value(1)) + ": " + str(f.value(2));
    }
    return c;
}

}  // namespace lw::store

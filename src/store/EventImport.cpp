// The event log's side of an import: one transaction for the whole file, events keyed so that nothing goes in twice.
#include "store/EventStore.h"

#include "lobby/EventCsv.h"
#include "lobby/LocalTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <unordered_map>

namespace lw::store {

namespace {

std::string errorOf(const QSqlQuery& query) {
    const QString text = query.lastError().text().trimmed();
    return text.isEmpty() ? std::string("unknown SQLite error") : text.toStdString();
}

QVariant textOrNull(const std::string& s) { return s.empty() ? QVariant() : QVariant(QString::fromStdString(s)); }

}  // namespace

std::optional<std::string> EventStore::beginImport() {
    importedDays_.clear();
    QSqlQuery begin(db());
    // IMMEDIATE: take the write lock now, so that the import does not find out at its end that it cannot write.
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE"))) return errorOf(begin);
    return std::nullopt;
}

std::optional<std::string> EventStore::importEvents(const std::vector<KeyedEvent>& events, std::vector<bool>& added) {
    added.assign(events.size(), false);
    QSqlQuery insert(db());
    insert.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO events (received_at, business_day, kind, ticket, category, window_no, to_window,"
        " priority, detail, port, device, seq, import_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (std::size_t i = 0; i < events.size(); ++i) {
        const lobby::LobbyEvent& e = events[i].event;
        const std::string day = lobby::businessDayOf(e.time, config_);
        insert.bindValue(0, static_cast<qlonglong>(e.time));
        insert.bindValue(1, QString::fromStdString(day));
        insert.bindValue(2, QLatin1String(lobby::eventName(e.kind)));
        insert.bindValue(3, textOrNull(e.ticket));
        insert.bindValue(4, textOrNull(e.category));
        insert.bindValue(5, e.window == 0 ? QVariant() : QVariant(e.window));
        insert.bindValue(6, e.toWindow == 0 ? QVariant() : QVariant(e.toWindow));
        insert.bindValue(7, e.priority ? 1 : 0);
        insert.bindValue(8, textOrNull(e.detail));
        insert.bindValue(9, QString::fromStdString(e.source.port));
        insert.bindValue(10, e.source.device);
        insert.bindValue(11, e.source.sequence);
        insert.bindValue(12, static_cast<qlonglong>(events[i].key));
        if (!insert.exec()) return errorOf(insert);
        added[i] = insert.numRowsAffected() == 1;
        if (added[i] && (importedDays_.empty() || importedDays_.back() != day) &&
            std::find(importedDays_.begin(), importedDays_.end(), day) == importedDays_.end())
            importedDays_.push_back(day);
    }
    return std::nullopt;
}

std::optional<std::string> EventStore::importAnomalies(const std::vector<lobby::Anomaly>& anomalies) {
    QSqlQuery insert(db());
    insert.prepare(QStringLiteral(
        "INSERT INTO anomalies (at, business_day, kind, ticket, window_no, message) VALUES (?,?,?,?,?,?)"));
    for (const auto& a : anomalies) {
        insert.bindValue(0, static_cast<qlonglong>(a.time));
        insert.bindValue(1, QString::fromStdString(lobby::businessDayOf(a.time, config_)));
        insert.bindValue(2, QString::fromStdString(a.kind));
        insert.bindValue(3, textOrNull(a.ticket));
        insert.bindValue(4, a.window == 0 ? QVariant() : QVariant(a.window));
        insert.bindValue(5, QString::fromStdString(a.message.substr(0, 500)));
        if (!insert.exec()) return errorOf(insert);
    }
    return std::nullopt;
}

std::optional<std::string> EventStore::commitImport() {
    // A day that got events is no longer what its kept report totals say.
    QSqlQuery drop(db());
    drop.prepare(QStringLiteral("DELETE FROM day_totals WHERE business_day = ?"));
    for (const auto& day : importedDays_) {
        drop.bindValue(0, QString::fromStdString(day));
        if (!drop.exec()) return errorOf(drop);
    }
    QSqlQuery commit(db());
    if (!commit.exec(QStringLiteral("COMMIT"))) return errorOf(commit);
    importedDays_.clear();
    return std::nullopt;
}

// Events imported before schema v9 get the keys an import gives now (occurrences counted per business day in log
// order, as the import counts them in file order), so that importing those files again adds nothing.
std::optional<std::string> EventStore::keyImportedEvents() {
    QSqlQuery read(db());
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT id, received_at, business_day, kind, ticket, category, window_no, to_window,"
                                  " priority, detail FROM events WHERE port LIKE 'import:%' ORDER BY id")))
        return errorOf(read);
    QSqlQuery update(db());
    update.prepare(QStringLiteral("UPDATE events SET import_key = ? WHERE id = ?"));
    std::unordered_map<std::uint64_t, int> occurrences;
    QString day;
    while (read.next()) {
        if (read.value(2).toString() != day) {
            day = read.value(2).toString();
            occurrences.clear();
        }
        const auto kind = lobby::parseEventName(read.value(3).toString().toStdString());
        if (!kind) continue;
        lobby::LobbyEvent e;
        e.time = read.value(1).toLongLong();
        e.kind = *kind;
        e.ticket = read.value(4).toString().toStdString();
        e.category = read.value(5).toString().toStdString();
        e.window = read.value(6).toInt();
        e.toWindow = read.value(7).toInt();
        e.priority = read.value(8).toInt() != 0;
        e.detail = read.value(9).toString().toStdString();
        const int occurrence = ++occurrences[lobby::contentHash(e)];
        update.bindValue(0, static_cast<qlonglong>(lobby::importKey(e, occurrence)));
        update.bindValue(1, read.value(0));
        if (!update.exec()) return errorOf(update);
    }
    return std::nullopt;
}

std::optional<lobby::TimeMs> EventStore::firstLiveEvent(const std::string& businessDay) {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT min(received_at) FROM events WHERE business_day = ? AND import_key IS NULL"));
    q.bindValue(0, QString::fromStdString(businessDay));
    if (!q.exec() || !q.next() || q.value(0).isNull()) return std::nullopt;
    return q.value(0).toLongLong();
}

void EventStore::rollbackImport() {
    QSqlQuery rollback(db());
    rollback.exec(QStringLiteral("ROLLBACK"));
    importedDays_.clear();
}

}  // namespace lw::store

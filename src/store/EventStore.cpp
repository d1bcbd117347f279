// The SQLite event log: opening safely, numbered migrations, group commits and per-day reads.
#include "EventStore.h"

#include "LocalTime.h"

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

namespace {

std::string errorText(const QSqlError& e) {
    QString text = e.text().trimmed();
    return text.isEmpty() ? std::string("unknown SQLite error") : text.toStdString();
}

QString q(const std::string& s) { return QString::fromStdString(s); }
QString q_(const std::string& s) { return QString::fromStdString(s); }

// Each migration takes the schema from version (index) to (index + 1). Never edit one that shipped; add one.
const char* const kMigrations[][8] = {
    {
        "CREATE TABLE events ("
        " id INTEGER PRIMARY KEY,"
        " received_at INTEGER NOT NULL,"  // ms since 1970 UTC, the kiosk's receive time
        " business_day TEXT NOT NULL,"    // YYYY-MM-DD, the local business day
        " kind TEXT NOT NULL,"            // issued, called, ... (the import CSV's words)
        " ticket TEXT, category TEXT, window_no INTEGER, to_window INTEGER,"
        " priority INTEGER NOT NULL DEFAULT 0, detail TEXT,"
        " port TEXT NOT NULL, device INTEGER NOT NULL, seq INTEGER NOT NULL)",
        "CREATE INDEX events_by_day ON events(business_day, id)",
        "CREATE TABLE rejects ("
        " id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, port TEXT NOT NULL,"
        " kind TEXT NOT NULL, detail TEXT, raw TEXT)",
        "CREATE INDEX rejects_by_time ON rejects(received_at)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
        nullptr,
    },
    {
        // Incidents: one row per incident (what, where, how bad), one row per step of its life.
        "CREATE TABLE incidents ("
        " id INTEGER PRIMARY KEY, raised_at INTEGER NOT NULL, business_day TEXT NOT NULL,"
        " kind TEXT NOT NULL, severity TEXT NOT NULL, subject TEXT NOT NULL,"
        " message_zh TEXT NOT NULL, message_en TEXT NOT NULL,"
        " state TEXT NOT NULL, state_at INTEGER NOT NULL)",
        "CREATE INDEX incidents_by_day ON incidents(business_day, id)",
        "CREATE INDEX incidents_open ON incidents(state, kind, subject)",
        "CREATE TABLE incident_steps ("
        " id INTEGER PRIMARY KEY, incident INTEGER NOT NULL REFERENCES incidents(id),"
        " at INTEGER NOT NULL, state TEXT NOT NULL, by_whom TEXT, note TEXT)",
        "CREATE INDEX incident_steps_by_incident ON incident_steps(incident, id)",
        nullptr,
    },
    {
        // The frame's CRC, so that a device's resend of a logged frame is recognised after a restart.
        "ALTER TABLE events ADD COLUMN frame_crc INTEGER",
        nullptr,
    },
    {
        // What the lobby model found odd in the events (a call for a ticket never issued, a reissued number, the
        // clock going back...): the events themselves are in `events`; this says what the model made of them.
        "CREATE TABLE anomalies ("
        " id INTEGER PRIMARY KEY, at INTEGER NOT NULL, business_day TEXT NOT NULL, kind TEXT NOT NULL,"
        " ticket TEXT, window_no INTEGER, message TEXT NOT NULL)",
        "CREATE INDEX anomalies_by_day ON anomalies(business_day, id)",
        nullptr,
    },
    {
        // Who may sign in at the keypad: the PIN only as a salted PBKDF2 hash. `actions`: every privileged action
        // and every sign-in attempt, with who did it (the name typed for a wrong PIN).
        "CREATE TABLE staff ("
        " name TEXT PRIMARY KEY, role TEXT NOT NULL, pin_algorithm TEXT NOT NULL, pin_iterations INTEGER NOT NULL,"
        " pin_salt BLOB NOT NULL, pin_hash BLOB NOT NULL, changed_at INTEGER NOT NULL)",
        "CREATE TABLE actions ("
        " id INTEGER PRIMARY KEY, at INTEGER NOT NULL, business_day TEXT NOT NULL, who TEXT,"
        " action TEXT NOT NULL, subject TEXT, detail TEXT)",
        "CREATE INDEX actions_by_day ON actions(business_day, id)",
        nullptr,
    },
    {
        // The complaint register: every complaint, who owns it, when it is due, what was answered.
        "CREATE TABLE complaints ("
        " id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, received_day TEXT NOT NULL, channel TEXT NOT NULL,"
        " received_by TEXT NOT NULL, cause TEXT NOT NULL, summary TEXT NOT NULL, contact TEXT, ticket TEXT,"
        " ticket_day TEXT, due_day TEXT NOT NULL, state TEXT NOT NULL, reply TEXT, satisfied INTEGER,"
        " replied_at INTEGER, closed_at INTEGER)",
        "CREATE INDEX complaints_by_day ON complaints(received_day, id)",
        "CREATE INDEX complaints_open ON complaints(state, due_day)",
        nullptr,
    },
    {
        // The wait each new ticket was told at issue, so that reports can show how honest the estimates were.
        "CREATE TABLE estimates ("
        " id INTEGER PRIMARY KEY, issued_at INTEGER NOT NULL, business_day TEXT NOT NULL, ticket TEXT NOT NULL,"
        " category TEXT NOT NULL, estimate_min INTEGER)",
        "CREATE INDEX estimates_by_day ON estimates(business_day, id)",
        nullptr,
    },
    {
        // Report totals of closed business days (report::Totals, serialized): a cache, dropped for a day whenever
        // an event of that day is appended; never the only copy of anything.
        "CREATE TABLE day_totals (business_day TEXT PRIMARY KEY, bytes BLOB NOT NULL)",
        nullptr,
    },
    {
        // Imported events carry a key made of their content (lobby::importKey), so that importing the same history
        // again, an export that overlaps it, or a re-run after a killed import adds nothing twice. Live events: NULL.
        "ALTER TABLE events ADD COLUMN import_key INTEGER",
        "CREATE UNIQUE INDEX events_by_import_key ON events(import_key) WHERE import_key IS NOT NULL",
        nullptr,
    },
    {
        // The complaint's life by the branch's rules (src/complaint): the customer's complaint date, class, owner,
        // hand-over, agreed date, investigation, resolution, follow-up and escalation of each complaint, and every
        // step taken with the staff member, role and OS account. A complaint of an earlier version keeps its
        // record: open -> received, escalated -> received at level 1 (the officer), a reply the customer was not
        // satisfied with -> reopened at level 1; a reply's day is taken in China's time (UTC+8).
        "CREATE TABLE complaint_life ("
        " complaint_id INTEGER PRIMARY KEY REFERENCES complaints(id), complained_day TEXT NOT NULL,"
        " complexity TEXT NOT NULL, owner TEXT NOT NULL, pending_owner TEXT, handover_from TEXT, handover_why TEXT,"
        " state_before_handover TEXT, answered_on_spot INTEGER NOT NULL DEFAULT 0, agreed_day TEXT, agreed_on TEXT,"
        " answer_day TEXT, investigation TEXT, bank_at_fault INTEGER, responsible TEXT, apology INTEGER NOT NULL DEFAULT 0,"
        " remedy TEXT, reply_day TEXT, resolution TEXT, resolved_at INTEGER, resolved_day TEXT, follow_up_planned TEXT,"
        " follow_up_day TEXT, follow_up_outcome TEXT, follow_up_satisfied INTEGER,"
        " escalation_level INTEGER NOT NULL DEFAULT 0, escalated_to TEXT, escalated_at INTEGER, ticket_issued_at INTEGER)",
        "INSERT INTO complaint_life (complaint_id, complained_day, complexity, owner, answer_day, reply_day,"
        " escalation_level, escalated_to)"
        " SELECT id, received_day, 'general', received_by,"
        " CASE WHEN replied_at IS NOT NULL THEN date(replied_at / 1000 + 28800, 'unixepoch') END,"
        " CASE WHEN replied_at IS NOT NULL AND (satisfied IS NULL OR satisfied = 1)"
        " THEN date(replied_at / 1000 + 28800, 'unixepoch') END,"
        " CASE WHEN state = 'escalated' OR (state = 'replied' AND satisfied = 0) THEN 1 ELSE 0 END,"
        " CASE WHEN state = 'escalated' OR (state = 'replied' AND satisfied = 0) THEN 'officer' END FROM complaints",
        "UPDATE complaints SET state = CASE WHEN state IN ('open', 'escalated') THEN 'received'"
        " WHEN state = 'replied' AND satisfied = 0 THEN 'reopened' ELSE state END",
        "CREATE TABLE complaint_steps ("
        " id INTEGER PRIMARY KEY, complaint_id INTEGER NOT NULL REFERENCES complaints(id), at INTEGER NOT NULL,"
        " business_day TEXT NOT NULL, who TEXT NOT NULL, role TEXT NOT NULL, os_user TEXT, action TEXT NOT NULL,"
        " recipient TEXT, day TEXT, text TEXT, flag INTEGER, responsible TEXT, remedy TEXT, apology INTEGER)",
        "CREATE INDEX complaint_steps_by_complaint ON complaint_steps(complaint_id, id)",
        nullptr,
    },
    {
        // Situations, not tickets: an incident is one situation (category A's customers waiting too long) with its
        // figures kept up to date and the tickets it concerns as members, each joining and leaving at a time.
        // Incidents of earlier versions keep their one ticket as their subject and have no members.
        "ALTER TABLE incidents ADD COLUMN figures TEXT",
        "CREATE TABLE incident_members ("
        " id INTEGER PRIMARY KEY, incident INTEGER NOT NULL REFERENCES incidents(id), member TEXT NOT NULL,"
        " joined_at INTEGER NOT NULL, left_at INTEGER)",
        "CREATE INDEX incident_members_by_incident ON incident_members(incident, member)",
        nullptr,
    },
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == EventStore::kSchemaVersion, "one migration per schema version");

std::optional<std::string> exec(QSqlDatabase db, const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql)) return errorText(query.lastError()) + " (in: " + sql.left(60).toStdString() + ")";
    return std::nullopt;
}

}  // namespace

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

int EventStore::schemaVersion() {
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) return -1;
    return query.value(0).toInt();
}

void EventStore::setMaxPages(int pages) {
    QSqlQuery query(db());
    query.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages > 0 ? pages : 1073741823));
}

std::optional<std::string> EventStore::migrate() {
    int version = schemaVersion();
    if (version < 0) return std::string("cannot read the schema version");
    if (version > kSchemaVersion)
        return "it was written by a newer LobbyWatch (schema " + std::to_string(version) + ", this one knows " +
               std::to_string(kSchemaVersion) + "); use that version or a copy of the file";
    QSqlDatabase d = db();
    for (int v = version; v < kSchemaVersion; ++v) {
        // IMMEDIATE, and the version read again inside: another process (a kiosk starting while staff are added)
        // may have taken this step since the version was read ("table ... already exists" otherwise).
        if (auto e = exec(d, QStringLiteral("BEGIN IMMEDIATE"))) return *e;
        const int now = schemaVersion();
        if (now > v) {
            if (!d.commit()) return errorText(d.lastError());
            v = now - 1;
            continue;
        }
        for (const char* sql : kMigrations[v]) {
            if (sql == nullptr) break;
            if (auto e = exec(d, QLatin1String(sql))) {
                d.rollback();
                return "migration " + std::to_string(v + 1) + ": " + *e;
            }
        }
        if (v + 1 == 9) {
            if (auto e = keyImportedEvents()) {
                d.rollback();
                return "migration 9: " + *e;
            }
        }
        if (auto e = exec(d, QStringLiteral("PRAGMA user_version = %1").arg(v + 1))) {
            d.rollback();
            return *e;
        }
        if (!d.commit()) return errorText(d.lastError());
    }
    return std::nullopt;
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

void EventStore::putDayTotals(const std::string& businessDay, const std::string& bytes) {
    if (!writable_) return;  // a cache: a read-only or failing log goes without (no try to reopen for it)
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO day_totals (business_day, bytes) VALUES (?, ?)"));
    q.addBindValue(q_(businessDay));
    q.addBindValue(QByteArray::fromStdString(bytes));
    q.exec();  // a cache: a failure (full disk) only means computing the day again next time
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

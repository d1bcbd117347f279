// The event log's schema: numbered migrations, each in one transaction, ending with PRAGMA user_version.
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

namespace {

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
    {
        // The outgoing webhook's outbox: each message recorded before it is sent (to which robot, what, its text),
        // its attempts, and when it was delivered or given up; a restart resends what was not delivered.
        "CREATE TABLE notifications ("
        " id INTEGER PRIMARY KEY, target TEXT NOT NULL, class TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,"
        " created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_error TEXT,"
        " last_attempt_at INTEGER, sent_at INTEGER, given_up_at INTEGER)",
        "CREATE INDEX notifications_pending ON notifications(next_at, id) WHERE sent_at IS NULL AND given_up_at IS NULL",
        "CREATE TABLE notification_attempts ("
        " id INTEGER PRIMARY KEY, notification INTEGER NOT NULL REFERENCES notifications(id), at INTEGER NOT NULL,"
        " outcome TEXT NOT NULL, error TEXT)",
        "CREATE INDEX notification_attempts_by_notification ON notification_attempts(notification, id)",
        nullptr,
    },
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == EventStore::kSchemaVersion, "one migration per schema version");

}  // namespace

int EventStore::schemaVersion() {
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) return -1;
    return query.value(0).toInt();
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

}  // namespace lw::store

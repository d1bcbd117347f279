// The durable event log: every accepted lobby event and every refused frame, in SQLite (WAL, synchronous=FULL).
#pragma once

#include "lobby/LobbyConfig.h"
#include "lobby/Anomaly.h"
#include "lobby/LobbyEvent.h"
#include "report/Complaints.h"
#include "complaint/FloorIncident.h"
#include "complaint/Lifecycle.h"
#include "report/Report.h"
#include "store/LogFile.h"
#include "store/Notifications.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lw::store {

using lobby::TimeMs;

// A frame the kiosk refused or could not read: kept for the branch head and the device maker.
struct Reject {
    TimeMs receivedAt = 0;
    std::string port;
    std::string kind;    // checksum | overlong | malformed | truncated | unsupported | wrong_direction
    std::string detail;  // the decoder's reason
    std::string raw;     // the bytes, escaped (no control characters), at most 300 characters
};

// The wait a new ticket was told (printed on it): the forecast for a ticket issued now, or none (ESN).
struct IssueEstimate {
    TimeMs issuedAt = 0;
    std::string ticket;
    std::string category;
    int estimateMin = -1;  // -1: no estimate was given
};

// What one group commit writes.
struct Batch {
    std::vector<lobby::LobbyEvent> events;
    std::vector<IssueEstimate> estimates;
    std::vector<Reject> rejects;
    std::vector<lobby::Anomaly> anomalies;  // what the model made of odd events in this batch
    bool empty() const { return events.empty() && rejects.empty() && anomalies.empty() && estimates.empty(); }
};

// Something the lobby manager must know about: a port down, a device offline, later the wait alerts.
// Its life is a series of steps: raised -> acknowledged -> resolved, or cleared (the condition ended by itself),
// or escalated; each step is a row of incident_steps, with who did it and a note.
struct Incident {
    std::int64_t id = 0;
    TimeMs raisedAt = 0;
    std::string kind;      // link_down, device_offline, ...
    std::string severity;  // info | warning | alarm
    std::string subject;   // "port:counter", "device:11", "window:3", "ticket:A042"
    std::string messageZh;
    std::string messageEn;
    std::string state = "raised";
    TimeMs stateAt = 0;
};

// A ticket a situation concerned, from when to when (leftAt 0: still in it, or until the situation ended).
struct IncidentMember {
    std::string member;  // "A042"
    TimeMs joinedAt = 0;
    TimeMs leftAt = 0;
};

// Someone who may sign in at the keypad. The PIN is kept only as a salted hash (kiosk/PinHash).
struct StaffMember {
    std::string name;
    std::string role;  // manager | head
    std::string pinAlgorithm;
    int pinIterations = 0;
    QByteArray pinSalt;
    QByteArray pinHash;
    TimeMs changedAt = 0;
};

// A privileged action or a sign-in attempt: who, what, about what.
struct StaffAction {
    TimeMs at = 0;
    std::string who;      // the staff name (for a wrong PIN: the name it was typed for)
    std::string action;   // sign_in, sign_in_failed, keypad_locked, sign_out, idle_sign_out, acknowledge, resolve,
                          // staff_added, staff_changed, staff_removed
    std::string subject;  // the incident ("incident:42"), the staff member, ...
    std::string detail;   // the resolve note, the role, ...
};

struct StoreCounts {
    std::int64_t events = 0;
    std::int64_t rejects = 0;
};

class EventStore {
public:
    static constexpr int kSchemaVersion = 12;

    // The file a running kiosk leaves beside a log whose background check failed, so that the next start
    // checks it in full (and moves it aside) instead of trusting the light check.
    static std::string damageMarkFor(const std::string& path) { return path + ".check-failed"; }

    // Opens or creates the log (mode 0600, parent directories made), runs the migrations it lacks.
    // Refuses a file that others may write, a newer schema than this build knows, and a damaged file
    // (quick_check); the error says which and what to do.
    // Full: run quick_check before opening (it reads the whole file: about 1 s for three years of a busy
    // branch). Deferred: only check that the file is a readable SQLite database, and let the caller run
    // verify() afterwards (the kiosk does, on another thread, so that it starts in well under a second).
    enum class Check { Full, Deferred };
    // Who opens the log, and so what it may do:
    //  Write: small changes while a kiosk may run (staff, complaints). No lock: SQLite puts each one between the
    //         kiosk's commits. A log that cannot be written is an error.
    //  Ingest: the kiosk, import and replay. Takes the one-writer lock (WriterLock) or fails naming its holder. A log
    //         that cannot be written now (a full disk, a read-only file or directory) still opens, read through a
    //         fallback connection, with writeProblem() set; each write tries again, and once one succeeds the log
    //         is written as usual.
    //  Read: reports and lists. Read-only: nothing is created, changed or migrated (an older schema is brought up to
    //         date through a Write open first, if the file allows); works in a read-only directory.
    // Every access refuses, unchanged, an existing file that is not empty and not a LobbyWatch log (LogFile.h), and
    // a log, -wal, -shm or directory other users may read or write, with the chmod that fixes it.
    enum class Access { Write, Ingest, Read };
    struct Opened;
    static Opened open(const QString& path, const lobby::LobbyConfig& config, Check check = Check::Full,
                       Access access = Access::Write);
    // quick_check on its own connection, from any thread: empty when the file is sound, else the problem. A file
    // that cannot be read now (a full disk, a lock) is not damaged: empty, with the reason in `notChecked`.
    static std::string verify(const QString& path, std::string* notChecked = nullptr);

    // Empty while the log takes writes; else why it does not ("the event log X cannot be written: ...").
    const std::string& writeProblem() const { return writeProblem_; }
    // Runs `change` in one transaction: everything it writes through this store is stored, or nothing of it
    // (a change and its audit row in `actions`). `change` returns nullopt, or why it failed (then all is undone).
    std::optional<std::string> atomically(const std::function<std::optional<std::string>()>& change);

    ~EventStore();
    EventStore(const EventStore&) = delete;
    EventStore& operator=(const EventStore&) = delete;

    // One transaction for the whole batch (group commit). nullopt: durably stored. Else SQLite's reason;
    // nothing of the batch is stored, so nothing of it may be acknowledged.
    std::optional<std::string> append(const Batch& batch);

    // The events of one business day ("YYYY-MM-DD"), in the order they were logged. Reads only that day.
    std::vector<lobby::LobbyEvent> eventsOfDay(const std::string& businessDay);
    // The events of business days from..to (inclusive), day by day in log order.
    std::vector<lobby::LobbyEvent> eventsBetween(const std::string& fromDay, const std::string& toDay);
    // Incidents raised on from..to in brief, for reports: when each was raised, acknowledged, resolved, cleared.
    std::vector<report::IncidentRecord> incidentLives(const std::string& fromDay, const std::string& toDay);
    std::vector<IssueEstimate> estimatesBetween(const std::string& fromDay, const std::string& toDay);
    // A closed business day's report totals, kept so that long reports need not read every event again. Any event
    // appended for that day drops them.
    std::optional<std::string> dayTotals(const std::string& businessDay);
    void putDayTotals(const std::string& businessDay, const std::string& bytes);
    // The earliest business day that has events, or empty.
    std::string firstBusinessDay();
    // The latest business day that has events, or empty.
    std::string lastBusinessDay();
    StoreCounts counts();
    std::vector<Reject> rejects(int limit);

    // Incidents are written at once, each in its own transaction. nullopt / false when the log refused it.
    std::optional<std::int64_t> raiseIncident(const Incident& incident);
    bool stepIncident(std::int64_t id, const std::string& state, TimeMs at, const std::string& byWhom = {},
                      const std::string& note = {});
    std::vector<Incident> incidentsOfDay(const std::string& businessDay);
    // A situation's incident as it stands now (severity, figures, message) and the tickets that joined or left it
    // at `at`, in one transaction (IncidentMembers.cpp). False when the log refused it.
    bool updateIncident(std::int64_t id, TimeMs at, const std::string& severity, const std::string& figures,
                        const std::string& messageZh, const std::string& messageEn,
                        const std::vector<std::string>& joined, const std::vector<std::string>& left);
    std::vector<IncidentMember> incidentMembers(std::int64_t id);
    std::string incidentFigures(std::int64_t id);

    // Staff who may sign in, and the record of what they did.
    std::optional<std::string> putStaff(const StaffMember& member);  // adds, or changes role and PIN
    bool removeStaff(const std::string& name);
    std::vector<StaffMember> staff();  // managers, then heads; by name within each
    std::optional<std::string> recordAction(const StaffAction& action);
    std::vector<StaffAction> actionsOfDay(const std::string& businessDay);

    // The complaint register (ComplaintStore.cpp). addComplaint: the new id, or nullopt with `error`.
    std::optional<std::int64_t> addComplaint(const report::Complaint& complaint, std::string& error);
    // Received from..to (inclusive); openOnly: those not closed.
    std::vector<report::Complaint> complaints(const std::string& fromDay, const std::string& toDay, bool openOnly = false);
    std::optional<report::Complaint> complaint(std::int64_t id);
    bool updateComplaint(const report::Complaint& complaint);  // everything but what was received
    // A step of the complaint's life with who took it (complaint::Step), and the steps of one complaint in order.
    std::optional<std::string> recordComplaintStep(std::int64_t complaintId, const complaint::Step& step);
    std::vector<complaint::Step> complaintSteps(std::int64_t complaintId);

    // Lobby incidents opened by hand (FloorIncidentStore.cpp): an incidents row of kind floor_<kind>, its routine's
    // ticks (check:<step>), linked complaints (link_complaint) and its closing (resolved) as incident_steps with who
    // and when. Each change with its action row (`action`) in one transaction, or nothing.
    std::optional<std::int64_t> openFloorIncident(const complaint::FloorIncident& incident, const std::string& messageZh,
                                                  const std::string& messageEn, std::string& error);
    std::optional<std::string> recordFloorStep(std::int64_t incidentId, const std::string& state, TimeMs at,
                                               const std::string& by, const std::string& note);
    std::vector<complaint::FloorIncident> floorIncidents(const std::string& businessDay);
    std::optional<complaint::FloorIncident> floorIncident(std::int64_t id);

    // The import of an event history (EventImport.cpp): one transaction from beginImport() to commitImport(), so
    // that an import goes in whole or not at all (rollbackImport(), a failed step, or the process dying undoes
    // it). importEvents() adds the events whose key is not in the log yet and says which those were.
    struct KeyedEvent {
        lobby::LobbyEvent event;
        std::int64_t key = 0;
    };
    std::optional<std::string> beginImport();
    std::optional<std::string> importEvents(const std::vector<KeyedEvent>& events, std::vector<bool>& added);
    std::optional<std::string> importAnomalies(const std::vector<lobby::Anomaly>& anomalies);
    std::optional<std::string> commitImport();
    void rollbackImport();
    // The time of the day's first event the kiosk (or a replay) recorded, not an import: from then on the kiosk
    // recorded that day live, and an import leaves its rows of that day out. nullopt: nothing recorded live.
    std::optional<lobby::TimeMs> firstLiveEvent(const std::string& businessDay);

    // The webhook's outbox (NotificationStore.cpp): a message queued (its id filled in), the pending ones by their
    // next attempt, all of them by id (tests, exports), one attempt's outcome (delivered, failed, given up: a
    // message delivered or given up takes no further attempt), the attempts of one, the device page's counts.
    std::optional<std::string> queueNotification(QueuedNotification& notification);
    std::vector<QueuedNotification> pendingNotifications(int limit);
    std::vector<QueuedNotification> notifications(int limit);
    std::optional<std::string> recordNotificationAttempt(std::int64_t id, TimeMs at, bool delivered, const std::string& error,
                                                         TimeMs nextAt, bool givenUp);
    std::vector<NotificationAttempt> notificationAttempts(std::int64_t id);
    // A message the outbox refused when it was queued (a full disk), sent meanwhile from memory: recorded now as it
    // stands (attempts so far, sent or given up at), with its attempts, in one transaction; its id filled in.
    std::optional<std::string> recordHeldNotification(QueuedNotification& notification,
                                                      const std::vector<NotificationAttempt>& attempts);
    NotificationCounts notificationCounts();

    std::optional<std::string> meta(const std::string& key);
    std::optional<std::string> setMeta(const std::string& key, const std::string& value);

    // The log on another thread (LogWriter): a connection belongs to the thread that opened it. releaseConnection()
    // closes this store's connection; reconnectHere(), on the thread that is to use it, opens it again as it was (a
    // writer, or the reading fallback of a log that cannot be written yet). The one-writer lock stays held.
    void releaseConnection() { closeConnection(); }
    void reconnectHere();
    // A read-only companion of this log for the calling thread (the screens' reads beside the writer thread): never
    // writes, never takes the lock. Its connection may be a snapshot of a log that could not be written (a full
    // disk): reopenReader() opens it afresh once the writer has written again.
    std::unique_ptr<EventStore> readerHere() const;
    void reopenReader();

    int schemaVersion();
    // Caps the file at this many pages, as a full disk would (SQLITE_FULL); 0 lifts the cap. For fault tests.
    void setMaxPages(int pages);
    const QString& path() const { return path_; }
    const lobby::LobbyConfig& config() const { return config_; }

private:
    EventStore(QString path, QString connection, lobby::LobbyConfig config);
    std::optional<std::string> migrate();
    std::optional<std::string> keyImportedEvents();  // migration 9: keys for what earlier versions imported
    QSqlDatabase db() const;
    // Opening (EventStoreOpen.cpp).
    struct Setup;
    Setup setUpWriter(Check check);
    void openReader();
    void closeConnection();
    std::optional<std::string> ensureWritable();
    // Nested transactions: the outermost begin/end is the real one; a failure anywhere undoes all of it.
    bool beginWrite();
    std::optional<std::string> endWrite(bool ok);

    QString path_;
    QString connection_;
    lobby::LobbyConfig config_;
    Access access_ = Access::Write;
    bool writable_ = true;
    bool writesOnly_ = false;  // on the writer thread (reconnectHere): no reading fallback while it cannot write
    std::string writeProblem_;
    std::unique_ptr<WriterLock> lock_;
    int txDepth_ = 0;
    bool txFailed_ = false;
    std::vector<std::string> importedDays_;  // days an open import added events to (their day totals go)
};

struct EventStore::Opened {
    std::unique_ptr<EventStore> store;  // null on error
    std::string error;
    bool damaged = false;  // a LobbyWatch log that is not sound (as opposed to: not allowed, newer schema, foreign)
};

// Moves a damaged log aside as <path>.damaged-YYYYMMDD-HHMMSS (with its -wal and -shm), never deleting it.
// Returns the new name, or empty with `error` set.
QString moveAside(const QString& path, std::string& error);

}  // namespace lw::store

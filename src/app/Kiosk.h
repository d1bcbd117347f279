// The live kiosk: serial links in, the shared ingestion path, replies out, status for the screen and stdout.
#pragma once

#include "Clock.h"
#include "DayGlance.h"
#include "Forecast.h"
#include "Served.h"
#include "Watch.h"
#include "IncidentLog.h"
#include "Ingest.h"
#include "KioskConfig.h"
#include "Access.h"
#include "Desk.h"
#include "Language.h"
#include "LobbyStatus.h"
#include "SerialLink.h"
#include "CallVoice.h"

#include <QObject>
#include <QQmlEngine>
#include <QThread>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace lw::app {

// Installs the screens' translation for `code` ("zh_CN": the embedded :/i18n/lobbywatch_zh_CN.qm; "en": the
// source texts) and retranslates `engine`'s screens. False when the translation cannot be loaded.
bool switchLanguage(QQmlEngine* engine, const QString& code);

struct KioskOptions {
    bool headless = false;
    int statusEverySimS = 60;  // a status line on stdout every this many simulated seconds (headless)
    int quitAfterSimMin = 0;   // 0: run until stopped
    bool announce = true;      // speak each call (chime, Mandarin, English)
    std::string logMovedAsideTo; // the damaged log found at start was kept under this name (an incident says so)
    bool rebuildUntilNow = false; // rebuild today only up to the clock (screenshots of a past moment of a logged day)
};

class Kiosk : public QObject {
    Q_OBJECT

public:
    Kiosk(kiosk::KioskConfig config, std::unique_ptr<store::EventStore> store, const kiosk::Clock& clock,
          KioskOptions options);
    ~Kiosk() override;

    // Rebuilds today's lobby from the log and starts the links.
    void start();
    ui::LobbyStatus* status() { return &status_; }
    ui::Desk* desk() { return &desk_; }
    ui::Language* language() { return &language_; }
    // How long each of the last refreshes took (forecast, alert rules, the screen's figures), in ms, newest last:
    // it runs on the screens' thread once a second, so it is time no frame can be drawn.
    const std::deque<double>& refreshTimesMs() const { return refreshTimesMs_; }
    QString statusLine() const;

signals:
    void finished();

private slots:
    void onReceived(const QString& port, qint64 atMs, const QByteArray& bytes);
    void onLinkUp(const QString& port);
    void onLinkDown(const QString& port, const QString& reason);

private:
    void commit();
    void everySecond();
    void publish();

    struct Link {
        QThread thread;
        serial::SerialLink* link = nullptr;
        bool up = false;
        QString reason;
        std::uint64_t reconnects = 0;
        std::optional<std::int64_t> incident;  // the open link_down incident
    };
    void raise(const std::string& kind, const std::string& severity, const std::string& subject,
               const std::string& zh, const std::string& en, std::optional<std::int64_t>& slot);
    void clear(std::optional<std::int64_t>& slot);
    void watchDevices(lobby::TimeMs now);

    kiosk::KioskConfig config_;
    std::unique_ptr<store::EventStore> store_;
    kiosk::IncidentLog incidents_;  // incidents, steps and staff actions; they wait in memory while the log is full
    const kiosk::Clock& clock_;
    KioskOptions options_;
    lobby::Lobby lobby_;
    kiosk::Ingest ingest_;
    std::map<QString, std::unique_ptr<Link>> links_;
    bool commitScheduled_ = false;
    QTimer second_;
    QElapsedTimer lastRefresh_;
    lobby::TimeMs nextStatusAt_ = 0;
    lobby::TimeMs quitAt_ = 0;
    qint64 lastStoreComplaintMs_ = -1;
    ui::LobbyStatus status_;
    // The forecast runs on its own thread (a Monte-Carlo roll-forward of a 300-ticket lobby takes ~0.1 s, which
    // on the screens' thread would freeze them for six frames every second). That thread owns a replica of the
    // lobby, fed the same events and ticks in the same order; the result comes back to this thread.
    std::unique_ptr<forecast::ServedForecast> served_;  // used on the forecast thread only
    QString forecastServing_;                         // which estimator serves, for the manager's screen
    forecast::Forecast forecast_;                     // the latest result, on this thread
    QThread forecastThread_;
    QObject* forecastContext_ = nullptr;              // lives on forecastThread_
    std::unique_ptr<lobby::Lobby> replica_;           // touched on forecastThread_ only
    bool forecastRunning_ = false;
    void toReplica(std::function<void(lobby::Lobby&)> change);
    static constexpr int kHistoryDays = 28;
    void learnFromPastDays(const std::string& today);
    void requestForecast(lobby::TimeMs now);
    forecast::Watch watch_;
    struct OpenAlert {
        std::int64_t incident = -1;
        lobby::TimeMs raisedAt = 0;
        bool escalated = false;
        std::string acknowledgedBy;  // empty: nobody yet
        lobby::TimeMs acknowledgedAt = 0;
        bool resolved = false;       // a manager resolved it: off the panel until the condition ends
    };
    std::map<std::string, OpenAlert> alerts_;  // by alert key
    std::map<std::string, std::vector<std::string>> alertGroups_;  // a card on screen standing for many alerts
    bool acknowledgeOne(const std::string& key, const std::string& who, lobby::TimeMs now);
    QString acknowledgedAtText(const std::string& key, const std::string& by) const;
    // Is someone signed in who may do this? If not, the keypad says "sign in first". If so, it counts as a touch.
    bool signedInFor(auth::Action action);
    // `step` on the alert `key`, or on each alert a grouped card stands for; publishes when anything changed.
    bool forAlertOrGroup(const std::string& key, const std::function<bool(const std::string&)>& step);
    bool resolveOne(const std::string& key, const std::string& who, const std::string& note, lobby::TimeMs now);
    void handleAlerts(const forecast::WatchChanges& changes, lobby::TimeMs now);
    void onApplied(const lobby::LobbyEvent& event);
    struct CallShown {
        std::string ticket;
        int window = 0;
        lobby::TimeMs at = 0;
    };
    std::deque<CallShown> calls_;  // newest first, at most 8
    std::unique_ptr<voice::CallVoice> voice_;  // the calls spoken in turn (made at the first call)
    std::thread verifier_;
    std::map<std::string, std::optional<std::int64_t>> deviceIncidents_;  // "port/address" -> open device_offline
    std::string logProblem_;
    std::optional<std::int64_t> logDamagedIncident_;
    // The live kiosk's wall clock: followed forward, never back; an implausible reading is an incident (and shows
    // on the status line) until the clock is right again.
    void startClock();
    void checkClock();
    std::optional<std::int64_t> clockIncident_;
    std::string clockDoubt_, clockDoubtZh_;
    lobby::TimeMs logFailingSince_ = -1;  // the log refuses writes since then (-1: it does not)
    std::string logFailure_;
    kiosk::MinuteBudget anomalyPrintBudget_{30};

    // The keypad: sign-in, lockout and idle sign-out run on real (monotonic) time, not the simulated clock.
    bool signIn(const QString& name, const QString& pin);
    void signOut(const char* why);
    bool acknowledge(const QString& key);
    bool resolve(const QString& key, const QString& note);
    bool setThresholds(const QString& category, int targetMin, int warningMin, int limitMin);
    QVariantMap reportFor(const QString& range);
    QVariantMap recordComplaint(const QVariantMap& complaint);
    void publishDesk();
    void record(const std::string& who, const std::string& action, const std::string& subject, const std::string& detail);
    auth::TimeMs realNow() const { return uptime_.elapsed(); }
    ui::Desk desk_;
    ui::Language language_;
    auth::Keypad keypad_;
    QElapsedTimer uptime_;
    QString deskMessageZh_, deskMessageEn_;
    std::optional<std::int64_t> lockoutIncident_;

    void noteCall(const lobby::LobbyEvent& event);  // a first call goes into today's glance
    lobby::DayGlance glance_;
    QVariantList incidentRows_;  // today's incidents for the screen, read from the log every few seconds
    QElapsedTimer incidentsRead_;
    bool incidentsDirty_ = true;
    std::deque<double> refreshTimesMs_;
    // Complaints due soon, today or overdue: a card each on the panel and an incident each (checked each minute).
    void checkComplaints(lobby::TimeMs now);
    std::vector<forecast::Alert> complaintCards_;
    std::map<std::int64_t, std::optional<std::int64_t>> complaintIncidents_;
    QElapsedTimer complaintsChecked_;
    std::string totalsKeptThrough_;  // the last closed business day whose report totals are kept  // something was raised or stepped since the screen's list was read
};

}  // namespace lw::app

// The live kiosk, a composition root: it makes the parts (serial ports, the ingestion path, the forecast worker,
// the alert board, the manager's desk, the kiosk's health, the screen's figures), wires them, and owns them.
#pragma once

#include "alerts/AlertBoard.h"
#include "clock/Clock.h"
#include "lobby/DayGlance.h"
#include "ui/Desk.h"
#include "app/ForecastWorker.h"
#include "kiosk/IncidentLog.h"
#include "kiosk/Ingest.h"
#include "app/KioskComplaints.h"
#include "kiosk/KioskConfig.h"
#include "app/KioskCentral.h"
#include "app/KioskHealth.h"
#include "app/KioskIncidents.h"
#include "app/KioskNotify.h"
#include "ui/Language.h"
#include "ui/LobbyStatus.h"
#include "store/LogWriter.h"
#include "app/ManagerDesk.h"
#include "app/ReportWorker.h"
#include "app/ScreenFigures.h"
#include "serial/SerialPorts.h"
#include "voice/CallVoice.h"
#include "forecast/Watch.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQmlEngine>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>

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
    // The page for phones (null unless [phone] is configured; its port() is 0 while it cannot listen).
    phone::PhoneServer* phonePage() { return phone_.get(); }

signals:
    void finished();

private:
    // Bytes from a port: into the ingestion path at once; one commit per turn of the event loop.
    void onReceived(const QString& port, qint64 atMs, const QByteArray& bytes);
    // Group commit on the log's writer thread, then the ACKs (only after the commit) back on each port.
    void commit();
    void committed(const std::optional<std::string>& error);
    // Everything received is committed (or refused) and answered: before the kiosk stops on its own.
    void drainLog();
    void everySecond();
    void publish();
    void onApplied(const lobby::LobbyEvent& event);
    void noteCall(const lobby::LobbyEvent& event);  // a first call goes into today's glance
    void watchDevices(lobby::TimeMs now);
    std::int64_t realNow() const { return uptime_.elapsed(); }
    void startPhonePage();  // KioskPhone.cpp
    void showOnPhone(const std::vector<ui::AlertRow>& cards);

    kiosk::KioskConfig config_;
    std::string writeProblemAtStart_;
    std::unique_ptr<store::EventStore> store_;   // the screens' reads (the writes go through writer_)
    std::unique_ptr<store::LogWriter> writer_;  // the log's connection for writing, on its own thread
    const kiosk::Clock& clock_;
    KioskOptions options_;
    QElapsedTimer uptime_;
    kiosk::IncidentLog incidentLog_;  // incidents, steps and staff actions; they wait in memory while the log is full
    KioskIncidents incidents_;
    KioskHealth health_;
    lobby::Lobby lobby_;
    kiosk::Ingest ingest_;
    ForecastWorker forecast_;
    forecast::Watch watch_;
    alerts::AlertBoard board_;
    ComplaintWatch complaints_;
    ui::LobbyStatus status_;
    ui::Desk desk_;
    ui::Language language_;
    ReportWorker reports_;
    ManagerDesk managerDesk_;
    serial::SerialPorts ports_;
    std::map<QString, std::optional<std::int64_t>> portIncidents_;        // the open link_down incident per port
    std::map<std::string, std::optional<std::int64_t>> deviceIncidents_;  // "port/address" -> open device_offline
    std::unique_ptr<voice::CallVoice> voice_;  // the calls spoken in turn (made at the first call)
    std::deque<CallShown> calls_;              // newest first, at most 8
    lobby::DayGlance glance_;

    bool commitScheduled_ = false;
    QTimer second_;
    QElapsedTimer lastRefresh_;
    lobby::TimeMs nextStatusAt_ = 0;
    lobby::TimeMs quitAt_ = 0;
    kiosk::MinuteBudget anomalyPrintBudget_{30};
    QElapsedTimer incidentsRead_;  // today's incidents for the screen, read from the log every few seconds
    QElapsedTimer complaintsChecked_;
    std::string totalsKeptThrough_;  // the last closed business day whose report totals are kept
    std::deque<double> refreshTimesMs_;
    std::unique_ptr<phone::PhoneServer> phone_;
    std::optional<std::int64_t> phoneIncident_;  // the page cannot listen (retried every 30 s)
    QTimer phoneRetry_;
    KioskNotify notify_;    // the outgoing webhook: stopped before the writer goes
    KioskCentral central_;  // last: its shipper thread stops before anything it reads goes
    static constexpr int kHistoryDays = 28;
};

}  // namespace lw::app

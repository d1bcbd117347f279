// The manager's desk on the screen: signing in on the keypad (PINs checked against the log's hashes), the
// privileged actions (acknowledge, resolve, thresholds, reports, complaints) and what the keypad says. The rules are
// auth::DeskRules and alerts::AlertBoard; this moves taps to them and their answers to the log and the screen.
// Keypad time is real (monotonic) time, not the simulated clock.
#pragma once

#include "alerts/AlertBoard.h"
#include "clock/Clock.h"
#include "auth/DeskRules.h"
#include "store/EventStore.h"
#include "app/ForecastWorker.h"
#include "kiosk/KioskConfig.h"
#include "app/KioskIncidents.h"
#include "store/LogWriter.h"
#include "lobby/Lobby.h"
#include "app/ReportWorker.h"
#include "phone/server/PhoneServer.h"
#include "ui/Desk.h"

#include <QElapsedTimer>

#include <deque>
#include <functional>
#include <string>
#include <optional>

namespace lw::app {

class ManagerDesk {
public:
    struct Parts {
        store::EventStore& store;
        KioskIncidents& incidents;
        alerts::AlertBoard& board;
        lobby::Lobby& lobby;
        ForecastWorker& forecast;
        kiosk::KioskConfig& config;
        const kiosk::Clock& clock;
        ReportWorker& reports;
        std::function<void()> publish;            // the screen's figures again (an alert or threshold changed)
        std::function<void()> complaintRecorded;  // a complaint due today shows at once
        store::LogWriter* writer = nullptr;       // where the log is written (null: through `store`)
    };
    ManagerDesk(Parts parts, ui::Desk& desk);

    // Each tick: the idle sign-out, the end of a lockout.
    void everySecond();
    // The desk's state to the screen.
    void publish();
    // The complaints page's list again (the signed-in person's open complaints and their clocks).
    void refreshComplaints();

    // The phone page (src/phone; defined in KioskPhone.cpp). A PIN typed there is checked against the log's hashes
    // and counted with this keypad's tries (one lockout for both); acknowledge and resolve are the board's steps
    // as a tap here, by `who` (signed in there), each recorded "via" `where` ("phone 192.168.1.31").
    phone::SignInAnswer signInElsewhere(const std::string& name, const std::string& pin, const std::string& where);
    int lockedForMin() const;
    phone::ActAnswer acknowledgeElsewhere(const std::string& key, const std::string& who, const std::string& where);
    phone::ActAnswer resolveElsewhere(const std::string& key, const std::string& who, const std::string& note,
                                      const std::string& where);
    void signedOutElsewhere(const std::string& who, const std::string& where);

private:
    bool signIn(const QString& name, const QString& pin);
    void signOut(const std::string& why);
    bool acknowledge(const QString& key);
    bool resolve(const QString& key, const QString& note);
    bool setThresholds(const QString& category, int targetMin, int warningMin, int limitMin);
    QVariantMap report(const QString& range);
    void requestReport(const QString& range);
    void requestReportBesideRegion(const QString& range);  // [central] set: the region's figures follow
    QVariantMap recordComplaint(const QVariantMap& complaint);
    QVariantMap complaintStep(qint64 id, int version, const QString& action, const QVariantMap& fields);
    QVariantMap complaintReceipt(qint64 id);
    // Records the outcome's actions, raises its incident; publishes the desk when it changed.
    void carry(const auth::DeskOutcome& outcome);
    bool applyBoard(const alerts::BoardChanges& changes);
    auth::TimeMs realNow() const { return uptime_.elapsed(); }

    Parts p_;
    ui::Desk& desk_;
    auth::DeskRules rules_;
    QElapsedTimer uptime_;
    std::deque<std::string> reportAskedBy_;  // who asked for each report still being built, in order
};

}  // namespace lw::app

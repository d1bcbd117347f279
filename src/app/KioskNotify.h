// The kiosk's side of the outgoing webhook: the happenings the alert board and the kiosk raise turned into messages
// (notify::Bulletin), each recorded in the log's outbox for every robot that wants it before it is sent, the
// sender's thread started, and its state for the device page (a row beside the ports: last sent, queued, last
// failure). Nothing runs when the config has no [notify] robot.
#pragma once

#include "alerts/AlertBoard.h"
#include "clock/Clock.h"
#include "kiosk/KioskConfig.h"
#include "notify/Bulletin.h"
#include "notify/link/WebhookSender.h"
#include "store/LogWriter.h"
#include "ui/ScreenModels.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lw::app {

class KioskIncidents;

class KioskNotify {
public:
    KioskNotify(const kiosk::KioskConfig& config, store::LogWriter& writer, const kiosk::Clock& clock);
    ~KioskNotify();

    void start();
    // Before the log's writer goes: the sender's thread ends (a message in flight is sent again at the next start).
    void stop();
    // Something was queued by another path (a complaint's step): look at the outbox now.
    void wake();

    // The alert board's changes as KioskIncidents carries them out, and the incidents the kiosk raises itself.
    void boardChanged(const alerts::BoardChanges& changes, lobby::TimeMs now);
    // A situation carried over a restart (its message went before it): known again for its later steps (worsened,
    // escalated), told nothing now.
    void boardCarried(const alerts::BoardChanges& carried, lobby::TimeMs now);
    void incidentRaised(const std::string& kind, const std::string& severity, const std::string& subject,
                        const std::string& messageZh, const std::string& messageEn, lobby::TimeMs now);

    // Each tick: a robot that has failed every attempt for its alarm_after_min is an incident (notify_down, a
    // warning, on the panel), cleared once a message gets through.
    void watch(KioskIncidents& incidents, lobby::TimeMs now);

    // The device page's row (nullopt: no robot configured) and " | notify:sent 3 queued 0" for the status line.
    std::optional<ui::PortRow> row() const;
    std::string statusWord() const;

private:
    void queue(const std::vector<notify::Note>& notes, lobby::TimeMs now, const std::string& notTo = {});

    const kiosk::KioskConfig& config_;
    store::LogWriter& writer_;
    notify::Bulletin bulletin_;
    std::unique_ptr<notify::WebhookSender> sender_;
    std::map<std::string, std::optional<std::int64_t>> downIncidents_;  // by robot: its open notify_down
};

// The outbox rows a complaint's step makes (a hand-over, an escalation), for every robot that wants them, written
// through `store` (inside the step's own transaction, so that the step and its messages go in together or not at
// all). `before`/`after`: the complaint on either side of the step.
std::optional<std::string> queueComplaintNotifications(store::EventStore& store, const kiosk::KioskConfig& config,
                                                       const complaint::Complaint& before, const complaint::Complaint& after,
                                                       const std::string& action, lobby::TimeMs now);

}  // namespace lw::app

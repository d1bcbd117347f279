// The complaints page's side in the kiosk: the open complaints a signed-in person may see, as rows with their clocks
// and the steps that person may take now; a step taken as that person through the core's state machine, stored with
// its step and action rows in one transaction; the customer's receipt for the screen.
#pragma once

#include "ui/ComplaintDesk.h"
#include "store/EventStore.h"
#include "kiosk/KioskConfig.h"
#include "complaint/Lifecycle.h"

#include <QVariantMap>

#include <cstdint>
#include <string>
#include <vector>

namespace lw::app {

struct ComplaintActor {
    std::string name;
    auth::Role role = auth::Role::Manager;
};

// The open complaints `who` may see (owner, pending new owner, the officer, the head), most urgent clock first.
std::vector<ui::ComplaintRow> complaintRows(store::EventStore& store, const kiosk::KioskConfig& config, const ComplaintActor& who,
                                            const std::string& today);

// A step on complaint `id` as it was at `version` steps. The same step sent again (its last step by the same person
// with the same particulars) is not recorded twice: {ok, repeat: true}. Any other change since `version` refuses it
// ("changed meanwhile"). {ok, state, noticesZh, noticesEn} or {ok: false, whyZh, whyEn}.
QVariantMap takeComplaintStep(store::EventStore& store, const kiosk::KioskConfig& config, const ComplaintActor& who,
                              std::int64_t id, int version, const std::string& action, const QVariantMap& fields,
                              lobby::TimeMs now);

// The receipt's lines for the screen: {ok, id, receivedDay, owner, replyBy, hotline, servicePhone, branch}.
QVariantMap complaintReceipt(store::EventStore& store, const kiosk::KioskConfig& config, const ComplaintActor& who,
                             std::int64_t id);

// The step's particulars from the screen's fields (see ui::ComplaintDesk::step).
complaint::Step stepFromFields(const std::string& action, const QVariantMap& fields);

}  // namespace lw::app

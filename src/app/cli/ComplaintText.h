// The complaint register as text for the command line: a list line per complaint and the whole record of one,
// with its clocks, its steps and its ticket's timeline.
#pragma once

#include "complaint/Complaint.h"
#include "store/EventStore.h"
#include "kiosk/KioskConfig.h"
#include "complaint/Lifecycle.h"

#include <string>
#include <vector>

namespace lw::app {

struct ComplaintView {
    const kiosk::KioskConfig& config;
    std::string today;
    bool contacts = false;  // show customers' contacts
};

// Any control character (a newline in a name) shown as a visible escape: one complaint, one line.
std::string oneLine(const std::string& text);
std::string listLine(const ComplaintView& view, const complaint::Complaint& c);
std::string showText(const ComplaintView& view, const complaint::Complaint& c, const std::vector<complaint::Step>& steps,
                     const std::vector<lobby::LobbyEvent>& ticketDayEvents, const std::vector<store::Incident>& ticketDayIncidents);

}  // namespace lw::app

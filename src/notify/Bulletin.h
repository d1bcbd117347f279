// Which of the lobby's happenings are told to the robots, in which words: a situation raised or worsened, an
// alert gone to the branch head unacknowledged, a complaint handed over or escalated (plain C++, no clock).
// A message says the branch, what, where, how long and what to do, in Chinese and then English; of a complaint
// only its number (never a customer's name or phone number).
#pragma once

#include "alerts/AlertBoard.h"
#include "notify/Message.h"

#include <map>
#include <string>
#include <vector>

namespace lw::notify {

class Bulletin {
public:
    Bulletin(std::string branchName, int escalateAfterMin)
        : branch_(std::move(branchName)), escalateAfterMin_(escalateAfterMin) {}

    // The alert board's changes: a raised situation (class = its severity), a "worsened" step (class = the new
    // severity), an "escalated" step (class "escalation").
    std::vector<Note> fromBoard(const alerts::BoardChanges& changes, TimeMs now);
    // An incident the kiosk raised itself (a port down, the log failing, a device offline): class = its severity.
    std::vector<Note> fromIncident(const std::string& kind, const std::string& severity, const std::string& subject,
                                   const std::string& messageZh, const std::string& messageEn, TimeMs now);

    // A complaint's step: handed over to `pendingOwner` (class "handover"), or its escalation level went up from
    // `levelBefore` to `levelAfter`, to `escalatedTo` (class "escalation"). Nothing otherwise.
    struct ComplaintChange {
        std::int64_t id = 0;
        std::string action;
        std::string handoverFrom, pendingOwner;  // pendingOwner empty: no hand-over waiting
        int levelBefore = 0, levelAfter = 0;
        std::string escalatedTo;
        std::string replyDueDay;  // when the customer must have an answer ("" unknown)
    };
    std::vector<Note> fromComplaint(const ComplaintChange& change) const;

private:
    struct Seen {
        std::string kind, subject, severity;
        std::string messageZh, messageEn, actionZh, actionEn;
        TimeMs raisedAt = 0;
        TimeMs longestWaitMs = 0;
    };
    Note situation(const std::string& what, const std::string& key, const Seen& s, TimeMs now,
                   const std::string& headZh, const std::string& headEn) const;
    std::string prefixZh() const;
    std::string prefixEn() const;

    std::string branch_;
    int escalateAfterMin_;
    std::map<std::string, Seen> seen_;  // by alert key: the last words and figures of each situation
};

// "window:3" -> "3号窗口" / "window 3"; "category:A" -> "A类业务" / "category A"; "device:1" -> ...
std::string placeZh(const std::string& subject);
std::string placeEn(const std::string& subject);

}  // namespace lw::notify

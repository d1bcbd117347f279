// Call announcements: display text, and speech text with the ticket spelled out digit by digit.
#include "kiosk/Announcement.h"

namespace lw::kiosk {

namespace {

// "A042" -> "A 0 4 2": a speech engine would read "042" as forty-two; a counter says zero-four-two.
std::string spelled(const std::string& ticket) {
    std::string out;
    for (char c : ticket) {
        if (!out.empty()) out.push_back(' ');
        out.push_back(c);
    }
    return out;
}

}  // namespace

Announcement callAnnouncement(const std::string& ticket, int window) {
    std::string w = std::to_string(window);
    return Announcement{
        "请 " + ticket + " 号到 " + w + " 号窗口",
        "Ticket " + ticket + ", please go to window " + w,
        "请 " + spelled(ticket) + " 号，到 " + w + " 号窗口",
        "Ticket " + spelled(ticket) + ", please go to window " + w,
    };
}

}  // namespace lw::kiosk

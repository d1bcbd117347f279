// What the public board shows and the voice says when a window calls a ticket (plain C++, tested).
#pragma once

#include <string>

namespace lw::kiosk {

struct Announcement {
    std::string displayZh;  // "请 A042 号到 3 号窗口"
    std::string displayEn;  // "Ticket A042, please go to window 3"
    std::string speechZh;   // the digits one by one, as counters say them: "请 A 0 4 2 号，到 3 号窗口"
    std::string speechEn;   // "Ticket A 0 4 2, please go to window 3"
};

Announcement callAnnouncement(const std::string& ticket, int window);

}  // namespace lw::kiosk

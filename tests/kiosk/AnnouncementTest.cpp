// The text of a call, on the board and in the voice.
#include "kiosk/Announcement.h"

#include <catch2/catch.hpp>

TEST_CASE("a call is announced in Chinese and English, the ticket spelled digit by digit for the voice") {
    auto a = lw::kiosk::callAnnouncement("A042", 3);
    REQUIRE(a.displayZh == "请 A042 号到 3 号窗口");
    REQUIRE(a.displayEn == "Ticket A042, please go to window 3");
    REQUIRE(a.speechZh == "请 A 0 4 2 号，到 3 号窗口");
    REQUIRE(a.speechEn == "Ticket A 0 4 2, please go to window 3");
    REQUIRE(lw::kiosk::callAnnouncement("V007", 12).displayZh == "请 V007 号到 12 号窗口");
    REQUIRE(a.displayZh.size() <= 64);  // it is also the window's LED text
}

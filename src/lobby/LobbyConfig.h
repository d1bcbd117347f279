// How a branch is set up, as the lobby model needs it: business day, categories with thresholds, windows.
#pragma once

#include <string>
#include <vector>

namespace lw::lobby {

struct CategoryConfig {
    std::string code;    // "A", as printed on tickets
    std::string nameZh;  // "个人业务"
    std::string nameEn;  // "Personal"
    int targetMin = 15;  // service level target
    int warningMin = 20;
    int limitMin = 30;   // the branch's limit: a wait beyond it is a breach
};

struct WindowConfig {
    int number = 0;                   // 1..99, as on the window's sign
    std::vector<std::string> serves;  // category codes, in priority order ("V", "A")
};

struct LobbyConfig {
    int utcOffsetMinutes = 480;             // local time = UTC + offset (China: +08:00, no DST)
    int businessDayStartMinutes = 4 * 60;   // a business day runs from 04:00 local to 04:00 the next day
    std::vector<CategoryConfig> categories; // categories not named here are created with default thresholds
    std::vector<WindowConfig> windows;      // windows not named here are created as they first appear
};

}  // namespace lw::lobby

// Which display each of the kiosk's windows goes to (the manager's screen, the public board), given how many
// displays the machine has. Plain C++: the rule is unit-tested without a window.
#pragma once

#include <string>
#include <vector>

namespace lw::app {

struct ScreenPlan {
    std::vector<int> displayOf;  // per window, in the order given: the display's index, or -1 (not shown)
    std::string note;            // what a person should know (a window left out), empty when all are shown
};

// `windows` in order, each "manager" or "public". One display per window when there are enough; with too few,
// the manager's screen is kept on the first display and the board is left out (never drawn over the manager's
// screen, which would hide the alerts and the sign-in from the lobby manager), and the note says so.
ScreenPlan planScreens(const std::vector<std::string>& windows, int displays);

}  // namespace lw::app

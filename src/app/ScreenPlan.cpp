// Which display each of the kiosk's windows goes to.
#include "app/ScreenPlan.h"

namespace lw::app {

ScreenPlan planScreens(const std::vector<std::string>& windows, int displays) {
    ScreenPlan plan;
    const int count = static_cast<int>(windows.size());
    if (displays >= count) {
        for (int i = 0; i < count; ++i) plan.displayOf.push_back(i);
        return plan;
    }
    bool managerShown = false;
    int next = 0;
    for (const std::string& w : windows) {
        if (w == "manager" && next < displays) {
            plan.displayOf.push_back(next++);
            managerShown = true;
        } else {
            plan.displayOf.push_back(-1);
        }
    }
    // No manager's screen asked for: the first windows get the displays there are.
    if (!managerShown)
        for (std::size_t i = 0; i < plan.displayOf.size() && next < displays; ++i) plan.displayOf[i] = next++;
    plan.note = "--screen both needs " + std::to_string(count) + " displays and this machine has " + std::to_string(displays) +
                ": showing " + (managerShown ? std::string("the manager's screen only") : std::string("the first screen only")) +
                "; connect a second display for the public board and start again";
    return plan;
}

}  // namespace lw::app

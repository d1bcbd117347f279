// The event kinds' names, shared by the import CSV, the log and the screens.
#include "lobby/LobbyEvent.h"

#include <array>
#include <utility>

namespace lw::lobby {

namespace {
// One table so that the name and the parse can never disagree.
constexpr std::array<std::pair<EventKind, const char*>, 12> kNames{{
    {EventKind::Issued, "issued"},
    {EventKind::Called, "called"},
    {EventKind::Recalled, "recalled"},
    {EventKind::Started, "started"},
    {EventKind::Finished, "finished"},
    {EventKind::NoShow, "no_show"},
    {EventKind::Abandoned, "abandoned"},
    {EventKind::Transferred, "transferred"},
    {EventKind::WindowOpen, "window_open"},
    {EventKind::WindowPause, "window_pause"},
    {EventKind::WindowClose, "window_close"},
    {EventKind::DeviceStatus, "device_status"},
}};
}  // namespace

const char* eventName(EventKind kind) {
    for (const auto& [k, name] : kNames) {
        if (k == kind) return name;
    }
    return "unknown";
}

std::optional<EventKind> parseEventName(const std::string& name) {
    for (const auto& [k, text] : kNames) {
        if (name == text) return k;
    }
    return std::nullopt;
}

}  // namespace lw::lobby

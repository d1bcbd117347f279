// Situations the watch raises once and keeps up to date: a category's customers waiting too long (with the tickets
// as members, each on its own clock), and a window whose no-shows are out of line with its peers.
#include "forecast/Watch.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>

namespace lw::forecast {

namespace {

constexpr TimeMs kMinuteMs = 60'000;

std::string minutes(TimeMs ms) { return std::to_string((std::max<TimeMs>(0, ms) + kMinuteMs / 2) / kMinuteMs); }

// P(X >= k) for X ~ Binomial(n, p).
double binomialTail(int n, int k, double p) {
    double term = std::pow(1 - p, n), tail = 0;  // P(X = 0)
    for (int i = 0; i <= n; ++i) {
        if (i >= k) tail += term;
        term *= static_cast<double>(n - i) / (i + 1) * p / (1 - p);
    }
    return std::min(1.0, tail);
}

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)) + "%"; }

}  // namespace

std::string memberTextEn(const Member& m) {
    if (m.transferredFrom > 0)
        return m.ticket + " transferred from window " + std::to_string(m.transferredFrom) + ", waiting again " +
               minutes(m.waitedMs) + " min (" + minutes(m.inBranchMs) + " min in the branch)";
    return m.ticket + ", " + minutes(m.waitedMs) + " min";
}

std::string memberTextZh(const Member& m) {
    if (m.transferredFrom > 0)
        return m.ticket + " 号由 " + std::to_string(m.transferredFrom) + " 号窗口转来，再次等候 " + minutes(m.waitedMs) +
               " 分钟（在网点共 " + minutes(m.inBranchMs) + " 分钟）";
    return m.ticket + " 号 " + minutes(m.waitedMs) + " 分钟";
}

void Watch::observe(const lobby::LobbyEvent& e) {
    using lobby::EventKind;
    switch (e.kind) {
    case EventKind::Issued:
        clocks_[e.ticket] = TicketClock{e.time, e.time, 0, e.category, false};
        break;
    case EventKind::Transferred: {
        auto it = clocks_.find(e.ticket);
        if (it == clocks_.end()) break;
        // The second wait is its own: its clock starts now, and its first call is a new first call.
        it->second.since = e.time;
        it->second.transferredFrom = e.window > 0 ? e.window : it->second.lastWindow;
        if (!e.category.empty()) it->second.category = e.category;
        it->second.called = false;
        break;
    }
    case EventKind::Called: {
        if (e.window == 0) break;
        auto it = clocks_.find(e.ticket);
        Call call;
        call.at = e.time;
        call.ticket = e.ticket;
        if (it != clocks_.end()) {
            if (it->second.called) break;  // called again in the same wait: counted once
            it->second.called = true;
            it->second.lastWindow = e.window;
            call.waitedMs = e.time - it->second.since;
            call.category = it->second.category;
        }
        calls_[e.window].push_back(call);
        break;
    }
    case EventKind::NoShow: {
        auto& calls = calls_[e.window];
        for (auto it = calls.rbegin(); it != calls.rend(); ++it)
            if (it->ticket == e.ticket) {
                it->noShow = true;
                break;
            }
        break;
    }
    default: break;
    }
}

void Watch::waitSituations(const lobby::Lobby& lobby, const Forecast& forecast, TimeMs now, std::vector<Alert>& out) {
    for (const auto& category : lobby.categories()) {
        const auto& cfg = category.config;
        const std::string key = "waits|category:" + cfg.code;
        std::set<std::string>& was = membersOf_[key];
        const TimeMs limitMs = cfg.limitMin * kMinuteMs, warningMs = cfg.warningMin * kMinuteMs;
        std::vector<Member> members;
        TimeMs timeLeft = INT64_MAX;
        int pastLimit = 0, predicted = 0;
        const bool raised = active_.count(key) != 0;
        // Nobody can call a ticket of a category that no open or paused window serves.
        bool unserved = settings_.unservedIsPredicted;
        for (const lobby::Window* w : lobby.windows())
            if (w->state != lobby::WindowState::Closed && std::find(w->serves.begin(), w->serves.end(), cfg.code) != w->serves.end())
                unserved = false;
        for (const lobby::Ticket* t : lobby.waiting(cfg.code)) {
            if (!t->issuedAt) continue;
            Member m;
            m.ticket = t->label;
            m.inBranchMs = std::max<TimeMs>(0, now - *t->issuedAt);
            TimeMs since = *t->issuedAt;
            auto clock = clocks_.find(t->label);
            if (t->transfers > 0 && clock != clocks_.end() && clock->second.issuedAt == *t->issuedAt &&
                clock->second.since > since) {
                since = clock->second.since;
                m.transferredFrom = clock->second.transferredFrom > 0 ? clock->second.transferredFrom : t->window;
            }
            m.waitedMs = std::max<TimeMs>(0, now - since);
            bool in = m.waitedMs >= warningMs;
            // The forecast's chance is of passing the limit on the ticket's first wait; a second wait has its own
            // clock, so only the wait itself counts for it.
            const bool soon = settings_.breachWithinMin <= 0 || limitMs - m.waitedMs <= settings_.breachWithinMin * kMinuteMs;
            if (unserved && m.waitedMs < limitMs && (soon || was.count(t->label) != 0)) {
                in = m.predicted = true;
                ++predicted;
            } else if (since == *t->issuedAt) {
                if (const TicketForecast* f = forecast.ticket(t->label)) {
                    // A member at the last evaluation: of a raised situation, kept down to breachClearBelow; of none
                    // raised (only there for its wait past the warning line), raising it at warningLineProbability.
                    const bool wasIn = was.count(t->label) != 0;
                    const double needed = !wasIn ? settings_.breachProbability
                                          : raised ? settings_.breachClearBelow
                                                   : settings_.warningLineProbability;
                    if (m.waitedMs < limitMs && f->pLimit >= needed && (wasIn || soon)) {
                        in = m.predicted = true;
                        ++predicted;
                    }
                }
            }
            if (!in) continue;
            m.pastLimit = m.waitedMs >= limitMs;
            if (m.pastLimit) ++pastLimit;
            else timeLeft = std::min(timeLeft, limitMs - m.waitedMs);
            members.push_back(m);
        }
        was.clear();
        for (const auto& m : members) was.insert(m.ticket);
        // Raised when a customer is likely to pass the limit soon or has passed it (or, if so set, at the warning
        // line); customers past the warning line are members once it is raised.
        const bool raise = pastLimit > 0 || predicted > 0 || (settings_.raiseAtWarning && !members.empty());
        if (active_.count(key) == 0 && !raise) continue;
        std::stable_sort(members.begin(), members.end(),
                         [](const Member& a, const Member& b) { return a.waitedMs > b.waitedMs; });

        Alert a;
        a.kind = "waits";
        a.subject = "category:" + cfg.code;
        const std::string& c = cfg.code;
        const std::string limit = std::to_string(cfg.limitMin);
        if (members.empty()) {
            a.severity = Severity::Info;
            a.messageZh = c + " 类目前没有等候过长的客户（仍在观察）";
            a.messageEn = "Category " + c + ": nobody is waiting too long now (still watching)";
            a.actionZh = "暂无需处理";
            a.actionEn = "Nothing to do now";
            out.push_back(std::move(a));
            continue;
        }
        const Member& longest = members.front();
        const std::string n = std::to_string(members.size());
        a.longestWaitMs = longest.waitedMs;
        if (timeLeft != INT64_MAX) a.timeLeftMs = timeLeft;
        const bool sure = settings_.waitsAlarmAtRaise && (pastLimit > 0 || predicted > 0);
        a.severity = sure || pastLimit > 0 || timeLeft <= 5 * kMinuteMs ? Severity::Alarm : Severity::Warning;
        if (pastLimit > 0) {
            a.messageZh = c + " 类 " + n + " 位客户等候过长，其中 " + std::to_string(pastLimit) + " 位已超过 " + limit +
                          " 分钟上限。最久：" + memberTextZh(longest);
            a.messageEn = "Category " + c + ": " + n + (members.size() == 1 ? " customer" : " customers") +
                          " waiting too long, " + std::to_string(pastLimit) + " past the " + limit +
                          "-min limit. Longest: " + memberTextEn(longest);
            a.actionZh = "请先向 " + longest.ticket + " 号客户致歉并说明，加开办理 " + c + " 类业务的窗口";
            a.actionEn = "Apologise first to " + longest.ticket + ", and open another window for " + c;
        } else {
            a.messageZh = c + " 类 " + n + " 位客户可能超过 " + limit + " 分钟上限（最早 " + minutes(timeLeft) +
                          " 分钟后）。最久：" + memberTextZh(longest);
            a.messageEn = "Category " + c + ": " + n + (members.size() == 1 ? " customer" : " customers") +
                          " may pass the " + limit + "-min limit (the first in " + minutes(timeLeft) +
                          " min). Longest: " + memberTextEn(longest);
            a.actionZh = "加开办理 " + c + " 类业务的窗口，并先向等得最久的 " + longest.ticket + " 号客户说明情况";
            a.actionEn = "Open another window for " + c + ", and speak first to " + longest.ticket + ", waiting longest";
        }
        a.members = std::move(members);
        out.push_back(std::move(a));
    }
}

void Watch::noShowSituations(const lobby::Lobby& lobby, TimeMs now, std::vector<Alert>& out) {
    // Per window, the last hour: calls, and no-shows of customers called before the warning line (one called after
    // a long wait who is gone gave up: that is the wait's situation, not the window's).
    struct Counts {
        int calls = 0, noShows = 0;
    };
    std::map<int, std::map<std::string, Counts>> counts;  // per window, per category
    std::map<std::string, Counts> all;                     // per category, every window
    for (auto& [window, calls] : calls_) {
        while (!calls.empty() && calls.front().at < now - 60 * kMinuteMs) calls.pop_front();
        for (const Call& call : calls) {
            Counts& c = counts[window][call.category];
            ++c.calls;
            ++all[call.category].calls;
            if (!call.noShow) continue;
            auto category = lobby.category(call.category);
            const bool afterLongWait =
                category && call.waitedMs >= 0 && call.waitedMs >= category->config.warningMin * kMinuteMs;
            if (afterLongWait) continue;
            ++c.noShows;
            ++all[call.category].noShows;
        }
    }
    std::size_t windowsWithCalls = 0;
    for (const auto& [window, byCategory] : counts)
        if (!byCategory.empty()) ++windowsWithCalls;
    for (const lobby::Window* w : lobby.windows()) {
        // The window's no-shows against what the other windows' rates in the same categories would give for its
        // calls (categories differ: a category that waits longer loses more customers before their call).
        Counts mine;
        double expected = 0;
        int peerCalls = 0;
        for (const auto& [category, c] : counts[w->number]) {
            const int otherCalls = all[category].calls - c.calls, otherNoShows = all[category].noShows - c.noShows;
            // A category its peers hardly called (the only window serving it, or the first to open for it) says
            // nothing about the window: its no-shows there would be set against none expected.
            if (settings_.noShowPeerCalls > 0 && otherCalls < settings_.noShowPeerCalls) continue;
            mine.calls += c.calls;
            mine.noShows += c.noShows;
            peerCalls += otherCalls;
            if (otherCalls > 0) expected += c.calls * static_cast<double>(otherNoShows) / otherCalls;
        }
        const bool wasRaised = settings_.noShowHysteresis && active_.count("no_shows|window:" + std::to_string(w->number)) != 0;
        if (mine.noShows < settings_.noShowsInHalfHour || mine.calls == 0) continue;
        // Without peers' calls there is nothing to compare with: one window alone cannot be out of line.
        if (peerCalls < settings_.noShowsInHalfHour) continue;
        const double rate = static_cast<double>(mine.noShows) / mine.calls;
        const double peerRate = expected / mine.calls;
        if (rate < settings_.noShowRatio * peerRate + 0.1) continue;
        // And not a run of bad luck: that many no-shows in that many calls at the peers' rate (at least 2%) is
        // rarer than noShowChance.
        // Tested for every window with calls, so each gets its share of the chance (once raised, the ratio holds it).
        const double chance = settings_.noShowPerWindow ? settings_.noShowChance / static_cast<double>(std::max<std::size_t>(1, windowsWithCalls))
                                                        : settings_.noShowChance;
        if (!wasRaised && binomialTail(mine.calls, mine.noShows, std::max(0.02, peerRate)) > chance) continue;
        Alert a;
        a.kind = "no_shows";
        a.subject = "window:" + std::to_string(w->number);
        a.severity = Severity::Warning;
        const std::string n = std::to_string(w->number);
        a.messageZh = n + " 号窗口近一小时过号 " + std::to_string(mine.noShows) + " 次（叫号 " + std::to_string(mine.calls) +
                      " 次，" + percent(rate) + "），同类业务的其他窗口 " + percent(peerRate);
        a.messageEn = "Window " + n + ": " + std::to_string(mine.noShows) + " no-shows in the last hour (" + percent(rate) +
                      " of " + std::to_string(mine.calls) + " calls) against " + percent(peerRate) +
                      " at the other windows serving its categories";
        a.actionZh = "请检查 " + n + " 号窗口的叫号屏和广播是否正常，留意过号争议";
        a.actionEn = "Check window " + n + "'s display and announcements; a missed-number dispute may be coming";
        out.push_back(std::move(a));
    }
}

std::vector<BoardNotice> boardNotices(const lobby::Lobby& lobby, const std::vector<Alert>& active) {
    std::vector<BoardNotice> out;
    for (const lobby::Window* w : lobby.windows()) {
        std::string reason = w->pauseReason;
        for (char& ch : reason) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        bool fault = w->state == lobby::WindowState::Paused && reason == "FAULT";
        const std::string subject = "window:" + std::to_string(w->number);
        for (const auto& a : active)
            if (a.kind == "slow_window" && a.subject == subject && a.severity == Severity::Alarm &&
                w->state == lobby::WindowState::Open && !w->ticket.empty() && w->ticketSince &&
                *w->ticketSince <= a.raisedAt)
                fault = true;
        if (!fault) continue;
        const std::string n = std::to_string(w->number);
        out.push_back({w->number, n + " 号窗口系统故障，正在处理，请耐心等候",
                       "Window " + n + " has a system fault and is being fixed; thank you for your patience"});
    }
    return out;
}

}  // namespace lw::forecast

// The alert rules: each names what it is about, how bad, and what helps, in Chinese and English.
#include "forecast/Watch.h"

#include "lobby/LocalTime.h"
#include "lobby/Window.h"

#include <algorithm>
#include <cmath>
#include <climits>
#include <set>

namespace lw::forecast {

using lobby::Lobby;
using lobby::WindowState;

namespace {

constexpr TimeMs kMinuteMs = 60'000;

std::string minutes(TimeMs ms) { return std::to_string((ms + kMinuteMs / 2) / kMinuteMs); }

std::string windowList(const std::vector<std::string>& serves) {
    std::string out;
    for (const auto& s : serves) out += (out.empty() ? "" : ",") + s;
    return out;
}

int rank(Severity s) { return s == Severity::Alarm ? 0 : s == Severity::Warning ? 1 : 2; }

}  // namespace

const char* toString(Severity severity) {
    switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Alarm: return "alarm";
    }
    return "info";
}

Watch::Watch(WatchSettings settings) : settings_(settings) {}


WatchChanges Watch::evaluate(const Lobby& lobby, const Forecast& forecast, TimeMs now,
                             const std::vector<int>& offlineDevices) {
    std::map<std::string, Alert> found;
    auto add = [&found, now](Alert a) {
        a.key = a.kind + "|" + a.subject;
        a.raisedAt = now;
        found[a.key] = std::move(a);
    };

    // 1 and 2. Customers waiting too long (or about to), one situation per category (Situations.cpp).
    {
        std::vector<Alert> waits;
        waitSituations(lobby, forecast, now, waits);
        for (auto& a : waits) add(std::move(a));
    }

    // 7. No-shows out of line with the window's peers (Situations.cpp).
    {
        std::vector<Alert> noShows;
        noShowSituations(lobby, now, noShows);
        for (auto& a : noShows) add(std::move(a));
    }
    // Today's finished services by category, sorted (rule 3 judges a service against its category's own).
    std::map<std::string, std::vector<TimeMs>> servicesOf;
    for (const lobby::Window* w : lobby.windows())
        for (std::size_t i = 0; i < w->serviceTimesMs.size() && i < w->serviceCategories.size(); ++i)
            servicesOf[w->serviceCategories[i]].push_back(w->serviceTimesMs[i]);
    for (auto& [c, times] : servicesOf) std::sort(times.begin(), times.end());
    auto slowAfterMs = [&](const std::string& ticket) {
        TimeMs after = settings_.slowServiceMin * kMinuteMs;
        const lobby::Ticket* t = lobby.ticket(ticket);
        if (!t || settings_.slowServiceFactor <= 0) return after;
        auto it = servicesOf.find(t->category);
        if (it == servicesOf.end() || static_cast<int>(it->second.size()) < std::max(1, settings_.slowServiceSamples))
            return after;
        const auto& times = it->second;
        // The 95th percentile by nearest rank.
        const std::size_t rank95 = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(times.size())));
        const double p95 = static_cast<double>(times[std::max<std::size_t>(1, rank95) - 1]);
        return std::max(after, static_cast<TimeMs>(settings_.slowServiceFactor * p95));
    };
    // Categories an open or paused window serves (a paused one comes back), but for the window `except`.
    auto servedElsewhere = [&](const std::string& category, int except) {
        for (const lobby::Window* o : lobby.windows())
            if (o->number != except && o->state != WindowState::Closed &&
                std::find(o->serves.begin(), o->serves.end(), category) != o->serves.end())
                return true;
        return false;
    };

    // Per window: 3. slow service, 4. idle while its categories wait, 8. closed with a queue.
    for (const lobby::Window* w : lobby.windows()) {
        std::string subject = "window:" + std::to_string(w->number);
        int waitingForIt = 0;
        for (const auto& c : w->serves)
            if (auto cs = lobby.category(c)) waitingForIt += cs->waiting;
        // Once raised, it stays while the same ticket is on the window (a call, then the start of the service,
        // moves ticketSince: not a reason to clear and raise the same stuck service again).
        auto slow = active_.find("slow_window|" + subject);
        const bool sameTicket = slow != active_.end() && slow->second.alert.messageEn.find(" on " + w->ticket + " ") != std::string::npos;
        if (w->state == WindowState::Open && !w->ticket.empty() && w->ticketSince &&
            (sameTicket || now - *w->ticketSince >= slowAfterMs(w->ticket))) {
            Alert a;
            a.kind = "slow_window";
            a.subject = subject;
            a.severity = waitingForIt > 0 ? Severity::Alarm : Severity::Warning;
            std::string n = std::to_string(w->number);
            a.messageZh = n + " 号窗口办理 " + w->ticket + " 已 " + minutes(now - *w->ticketSince) + " 分钟，可能卡在失败的交易上";
            a.messageEn = "Window " + n + " has been on " + w->ticket + " for " + minutes(now - *w->ticketSince) +
                          " min: probably a stuck transaction";
            a.actionZh = "请到 " + n + " 号窗口看看是否需要帮助，并向排队客户说明";
            a.actionEn = "Check whether window " + n + " needs help, and tell the queue";
            add(std::move(a));
        }
        if (w->state == WindowState::Open && w->ticket.empty() && waitingForIt > 0) {
            TimeMs since = w->lastCallAt.value_or(w->idleSince.value_or(now));
            if (w->idleSince && *w->idleSince > since) since = *w->idleSince;
            if (now - since >= settings_.idleWindowMin * kMinuteMs) {
                Alert a;
                a.kind = "idle_window";
                a.subject = subject;
                a.severity = Severity::Warning;
                std::string n = std::to_string(w->number);
                a.messageZh = n + " 号窗口开着但 " + minutes(now - since) + " 分钟没有叫号，有 " + std::to_string(waitingForIt) + " 人在等";
                a.messageEn = "Window " + n + " is open but has not called for " + minutes(now - since) + " min while " +
                              std::to_string(waitingForIt) + " wait";
                a.actionZh = "请提醒 " + n + " 号窗口叫号";
                a.actionEn = "Ask window " + n + " to call the next ticket";
                add(std::move(a));
            }
        }
        // Hysteresis: once raised, it stays while anyone waits for its categories (a queue wavering around the
        // line does not raise it again every few minutes).
        const bool closedActive = active_.count("window_closed|" + subject) != 0;
        // Waiting in its categories that no other window serves now, for the categories this window is the last
        // to have closed for (one card per category left without a window, not one per window that served it).
        int orphaned = 0;
        std::vector<std::string> unserved;
        for (const auto& c : w->serves) {
            auto cs = lobby.category(c);
            if (!cs || servedElsewhere(c, w->number)) continue;
            bool last = true;
            for (const lobby::Window* o : lobby.windows())
                if (o != w && o->state == WindowState::Closed && o->lastCallAt && w->lastCallAt &&
                    std::find(o->serves.begin(), o->serves.end(), c) != o->serves.end() &&
                    (*o->lastCallAt > *w->lastCallAt || (*o->lastCallAt == *w->lastCallAt && o->number > w->number)))
                    last = false;
            if (last && cs->waiting > 0) {
                orphaned += cs->waiting;
                unserved.push_back(c);
            }
        }
        const int closedQueue = settings_.closedOnlyUnserved ? orphaned : waitingForIt;
        if (w->state == WindowState::Closed && (w->servedToday > 0 || w->lastCallAt) &&
            closedQueue >= (closedActive ? 1 : settings_.closedWindowQueue)) {
            Alert a;
            a.kind = "window_closed";
            a.subject = subject;
            a.severity = Severity::Warning;
            std::string n = std::to_string(w->number);
            a.messageZh = n + " 号窗口已关闭，它办理的业务（" + windowList(w->serves) + "）还有 " + std::to_string(waitingForIt) + " 人在等";
            a.messageEn = "Window " + n + " closed while " + std::to_string(waitingForIt) + " wait for its categories (" +
                          windowList(w->serves) + ")";
            if (settings_.closedOnlyUnserved && !unserved.empty()) {
                a.messageZh += "；现在没有开放的窗口办理 " + windowList(unserved);
                a.messageEn += "; no open window serves " + windowList(unserved) + " now";
            }
            a.actionZh = "请确认是否需要重新开放 " + n + " 号窗口或由其他窗口接办";
            a.actionEn = "Decide whether to reopen window " + n + " or have another window take its queue";
            add(std::move(a));
        }
    }

    // 5. Understaffed: Erlang C with the tickets issued in the last hour as the arrival rate (not the calls: an
    // overloaded lobby calls only as fast as its open windows serve) and today's own service pace.
    {
        double perMs = 0, serviceWeighted = 0;
        int open = 0, couldOpen = 0;
        for (const auto& c : lobby.categories()) {
            double rate = static_cast<double>(c.issuedLastHour) / (60.0 * kMinuteMs);
            perMs += rate;
            serviceWeighted += rate * Priors{}.serviceMs(c.config.code);
        }
        double served = 0, servedMs = 0;
        for (const lobby::Window* w : lobby.windows()) {
            if (w->state == WindowState::Open) ++open;
            else ++couldOpen;
            for (TimeMs t : w->serviceTimesMs) servedMs += static_cast<double>(t);
            served += static_cast<double>(w->serviceTimesMs.size());
        }
        if (perMs > 0 && open > 0) {
            // Today's mean once there is enough of it; the category priors before.
            double serviceMs = served >= 20 ? servedMs / served : serviceWeighted / perMs;
            int targetMin = 15;
            if (!lobby.config().categories.empty()) targetMin = lobby.config().categories.front().targetMin;
            // Hold the mean wait in the queue to half the target: most customers then stay within it.
            int needed = serversForMeanWait(perMs, serviceMs, targetMin * kMinuteMs / 2.0);
            int waiting = lobby.totals().waiting;
            // Hysteresis: once raised it stays while the open windows are still at most what is needed and people
            // wait, so that an hour's flow wavering around the line does not raise it again every few minutes.
            const bool wasActive = active_.count("understaffed|branch") != 0;
            const bool canOpen = !settings_.understaffedOnlyIfCanOpen || couldOpen > 0;
            if (canOpen && (wasActive ? needed >= open && waiting > 0 : needed > open && waiting > open)) {
                Alert a;
                a.kind = "understaffed";
                a.subject = "branch";
                a.severity = settings_.understaffedAlarm && needed - open >= 2 ? Severity::Alarm : Severity::Warning;
                a.messageZh = "按最近一小时的客流，需要 " + std::to_string(needed) + " 个窗口才能守住目标，现在开 " + std::to_string(open) + " 个";
                a.messageEn = "The last hour's flow needs " + std::to_string(needed) + " windows to hold the target; " +
                              std::to_string(open) + " are open";
                int more = std::min(needed - open, couldOpen);
                if (more > 0) {
                    a.actionZh = "请加开 " + std::to_string(more) + " 个窗口";
                    a.actionEn = "Open " + std::to_string(more) + " more window" + (more > 1 ? "s" : "");
                } else {
                    a.actionZh = "窗口已全部开放：请向排队客户说明等候时间，考虑调派人手或引导客户使用自助设备";
                    a.actionEn = "Every window is open: tell the queue how long it is, call in staff, or point customers to self-service";
                }
                add(std::move(a));
            }
        }
    }

    // 6. Dispenser or keypad trouble.
    for (const auto& [device, status] : lobby.deviceStatus()) {
        if (status == "OK") continue;
        Alert a;
        a.kind = "device";
        a.subject = "device:" + std::to_string(device);
        a.severity = status == "PAPER_LOW" ? Severity::Info : Severity::Alarm;
        std::string d = std::to_string(device);
        if (status == "PAPER_LOW" || status == "PAPER_OUT") {
            a.messageZh = d + " 号取号机" + (status == "PAPER_OUT" ? "没纸了，客户取不到号" : "纸快用完了");
            a.messageEn = "Dispenser " + d + (status == "PAPER_OUT" ? " is out of paper: customers cannot take tickets" : " is low on paper");
            a.actionZh = "请给 " + d + " 号取号机换纸";
            a.actionEn = "Refill dispenser " + d;
        } else {
            a.messageZh = d + " 号取号机故障（" + std::string(status == "JAM" ? "卡纸" : "机盖打开") + "）";
            a.messageEn = "Dispenser " + d + (status == "JAM" ? " is jammed" : ": its cover is open");
            a.actionZh = "请检查 " + d + " 号取号机，同时引导客户到其他取号机或人工取号";
            a.actionEn = "Check dispenser " + d + " and direct customers to another one meanwhile";
        }
        add(std::move(a));
    }
    for (int device : offlineDevices) {
        Alert a;
        a.kind = "device";
        a.subject = "device:" + std::to_string(device);
        a.severity = Severity::Alarm;
        std::string d = std::to_string(device);
        a.messageZh = d + " 号设备无响应（没有心跳）";
        a.messageEn = "Device " + d + " is silent (no heartbeat)";
        a.actionZh = "请检查 " + d + " 号设备的电源和线缆";
        a.actionEn = "Check device " + d + "'s power and cable";
        add(std::move(a));
    }

    // Hysteresis and lifecycle bookkeeping.
    WatchChanges changes;
    for (auto& [key, alert] : found) {
        auto it = active_.find(key);
        if (it == active_.end()) {
            changes.raised.push_back(alert);
            active_[key] = Tracked{alert, now};
        } else {
            Tracked& tr = it->second;
            bool changed = tr.alert.severity != alert.severity || tr.alert.messageEn != alert.messageEn ||
                           tr.alert.members.size() != alert.members.size() || tr.alert.longestWaitMs != alert.longestWaitMs;
            TimeMs raisedAt = tr.alert.raisedAt;
            tr.alert = alert;
            tr.alert.raisedAt = raisedAt;
            // A wait situation with nobody in it now is still shown, quiet, until it has been empty long enough.
            if (alert.kind != "waits" || !alert.members.empty()) tr.lastSeen = now;
            if (changed) changes.updated.push_back(tr.alert);
        }
    }
    for (auto it = active_.begin(); it != active_.end();) {
        const bool quiet = it->second.alert.kind == "waits" && it->second.alert.members.empty();
        if (found.count(it->first) == 0 || quiet) {
            // A ticket that was called, or a device that came back: gone at once. Others wait out clearAfterMs.
            bool ticketGone = it->second.alert.subject.rfind("ticket:", 0) == 0 &&
                              (lobby.ticket(it->second.alert.subject.substr(7)) == nullptr ||
                               lobby.ticket(it->second.alert.subject.substr(7))->state != lobby::TicketState::Waiting);
            const std::string& kind = it->second.alert.kind;
            const bool closedLong = kind == "window_closed" && settings_.closedOnlyUnserved;
            const TimeMs after = kind == "waits" || closedLong ? settings_.situationClearAfterMs
                                 : kind == "understaffed" ? settings_.understaffedClearAfterMs
                                                          : settings_.clearAfterMs;
            if (ticketGone || now - it->second.lastSeen >= after) {
                changes.cleared.push_back(it->second.alert);
                it = active_.erase(it);
                continue;
            }
        }
        ++it;
    }
    return changes;
}

std::vector<Alert> Watch::active() const {
    std::vector<Alert> out;
    for (const auto& [key, tr] : active_) out.push_back(tr.alert);
    std::sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) {
        if (rank(a.severity) != rank(b.severity)) return rank(a.severity) < rank(b.severity);
        TimeMs la = a.timeLeftMs.value_or(INT64_MAX), lb = b.timeLeftMs.value_or(INT64_MAX);
        if (la != lb) return la < lb;
        return a.raisedAt < b.raisedAt;
    });
    return out;
}

std::vector<Alert> groupAlerts(const std::vector<Alert>& alerts, std::map<std::string, std::vector<std::string>>& members,
                               std::size_t maxSingles) {
    members.clear();
    auto groupOf = [](const Alert& a) -> std::string {
        if ((a.kind != "predicted_breach" && a.kind != "long_wait") || a.subject.rfind("ticket:", 0) != 0 ||
            a.subject.size() < 8)
            return {};
        return "group|" + a.kind + "|" + a.subject.substr(7, 1);  // the ticket's letter is its category as issued
    };
    std::map<std::string, std::vector<const Alert*>> byGroup;
    for (const auto& a : alerts) {
        std::string g = groupOf(a);
        if (!g.empty()) byGroup[g].push_back(&a);
    }
    std::vector<Alert> out;
    std::set<std::string> emitted;
    for (const auto& a : alerts) {
        std::string g = groupOf(a);
        auto it = g.empty() ? byGroup.end() : byGroup.find(g);
        if (it == byGroup.end() || it->second.size() <= maxSingles) {
            out.push_back(a);
            continue;
        }
        if (!emitted.insert(g).second) continue;
        const auto& list = it->second;
        Alert card;
        card.key = g;
        card.kind = a.kind;
        const std::string category = g.substr(g.size() - 1);
        card.subject = "category:" + category;
        card.raisedAt = list.front()->raisedAt;
        card.severity = Severity::Info;
        for (const Alert* m : list) {
            members[g].push_back(m->key);
            card.severity = std::max(card.severity, m->severity);
            card.raisedAt = std::min(card.raisedAt, m->raisedAt);
            if (m->timeLeftMs && (!card.timeLeftMs || *m->timeLeftMs < *card.timeLeftMs)) card.timeLeftMs = m->timeLeftMs;
        }
        std::string tickets;
        for (std::size_t i = 0; i < list.size() && i < 5; ++i) tickets += (i ? ", " : "") + list[i]->subject.substr(7);
        std::string ticketsZh;
        for (std::size_t i = 0; i < list.size() && i < 5; ++i) ticketsZh += (i ? "、" : "") + list[i]->subject.substr(7);
        const std::string n = std::to_string(list.size());
        if (a.kind == "predicted_breach") {
            std::string left = card.timeLeftMs ? minutes(*card.timeLeftMs) : "?";
            card.messageZh = category + " 类 " + n + " 位客户可能超过等候上限（最早 " + left + " 分钟后）：" + ticketsZh + " 等";
            card.messageEn = n + " customers in " + category + " are likely to pass the limit (the first in " + left +
                             " min): " + tickets + " …";
            card.actionZh = "加开办理 " + category + " 类业务的窗口，并先向等得最久的客户说明情况";
            card.actionEn = "Open another window for " + category + ", and speak first to those waiting longest";
        } else {
            card.messageZh = category + " 类 " + n + " 位客户已等候超过预警线：" + ticketsZh + " 等";
            card.messageEn = n + " customers in " + category + " have waited past the warning: " + tickets + " …";
            card.actionZh = "向等得最久的客户致歉并说明，安排优先办理";
            card.actionEn = "Apologise to those waiting longest and have them served first";
        }
        out.push_back(std::move(card));
    }
    return out;
}

}  // namespace lw::forecast

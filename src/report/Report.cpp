// The report: one pass over the events of each period, tickets keyed by business day and label.
#include "report/Report.h"

#include "lobby/LocalTime.h"
#include "complaint/QueueOrder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <unordered_map>

namespace lw::report {

namespace {

using lobby::EventKind;
using lobby::LobbyEvent;

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), and back.
long daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string civilFromDays(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char text[48];
    std::snprintf(text, sizeof text, "%04ld-%02u-%02u", y, m, d);
    return text;
}

long dayNumber(const std::string& day) {
    if (day.size() != 10) return 0;
    return daysFromCivil(std::stoi(day.substr(0, 4)), static_cast<unsigned>(std::stoi(day.substr(5, 2))),
                         static_cast<unsigned>(std::stoi(day.substr(8, 2))));
}

double seconds(TimeMs ms) { return static_cast<double>(ms) / 1000.0; }

// The nearest-rank percentile by selection (linear time; reorders `v`): the element a full sort would put there.
double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    const auto at = v.begin() + static_cast<std::ptrdiff_t>(std::min(v.size() - 1, rank == 0 ? 0 : rank - 1));
    std::nth_element(v.begin(), at, v.end());
    return *at;
}

// The mean of durations kept to the millisecond, summed as whole milliseconds: the same to the last digit whatever
// order the values come in (a day's totals read back, or summed from its events; one branch or a region's merge).
double exactMean(const std::vector<double>& v) {
    long long sumMs = 0;
    for (double x : v) sumMs += std::llround(x * 1000.0);
    return v.empty() ? 0 : static_cast<double>(sumMs) / 1000.0 / static_cast<double>(v.size());
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

struct TicketLife {
    std::string category;  // as issued
    std::string current;   // where it waits now (after transfers)
    std::string label;
    TimeMs issuedAt = 0;
    std::optional<TimeMs> firstCalledAt;
    // Its waits, each on its own clock (as the alerts count them): from the issue, or from a transfer, to the
    // first call after it; `leg` is the one running now.
    struct Wait {
        std::string category;
        TimeMs since = 0, calledAt = 0;
        bool afterTransfer = false;
    };
    std::vector<Wait> waits;
    Wait leg;
    bool legCalled = false;
    bool waiting = true;   // in a queue now
    bool served = false;
    bool noShow = false;
    bool abandoned = false;
    bool ended = false;    // a no-show or abandoned event closed it
    std::string day;
};

struct WindowLife {
    WindowFigures figures;
    enum class State { Closed, Open, Paused } state = State::Closed;
    std::string pauseReason;
    TimeMs since = 0;                     // of the current state
    std::string ticket;                   // at the window (called or being served)
    TimeMs calledAt = 0, startedAt = 0;
    std::vector<double> services, walks;
    std::vector<std::string> serves;      // empty: any category
    bool seenToday = false;               // an event of this business day was about it
};

}  // namespace

Totals summarize(const std::vector<LobbyEvent>& events, const std::vector<TicketEstimate>& estimates,
                 const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
                 const std::optional<RunningDay>& running) {
    std::vector<std::string> order;
    std::map<std::string, const lobby::CategoryConfig*> configured;
    for (const auto& c : config.categories) {
        configured[c.code] = &c;
        order.push_back(c.code);
    }
    std::map<int, std::vector<std::string>> servesOf;
    for (const auto& w : config.windows) servesOf[w.number] = w.serves;

    std::vector<std::unique_ptr<TicketLife>> tickets;
    std::unordered_map<std::string, TicketLife*> byLabel;  // "day|label" -> the latest issue of it
    std::map<int, WindowLife> windows;
    std::map<std::string, int> waitingIn;  // category -> tickets waiting now
    std::string day;
    TimeMs lastAt = 0;

    auto windowOf = [&](int number) -> WindowLife& {
        auto [it, fresh] = windows.try_emplace(number);
        if (fresh) {
            it->second.figures.number = number;
            auto s = servesOf.find(number);
            if (s != servesOf.end()) it->second.serves = s->second;
        }
        return it->second;
    };
    auto someoneWaitsFor = [&](const WindowLife& w) {
        if (w.serves.empty()) {
            for (const auto& [code, n] : waitingIn)
                if (n > 0) return true;
            return false;
        }
        for (const auto& code : w.serves) {
            auto it = waitingIn.find(code);
            if (it != waitingIn.end() && it->second > 0) return true;
        }
        return false;
    };
    // Time passes from lastAt to `t`: idle windows with people waiting for them accumulate.
    auto advance = [&](TimeMs t) {
        if (t <= lastAt) return;
        for (auto& [n, w] : windows)
            if (w.state == WindowLife::State::Open && w.ticket.empty() && someoneWaitsFor(w))
                w.figures.idleWhileWaitingS += seconds(t - lastAt);
        lastAt = t;
    };
    // The end of a business day (or of the period): windows still open or paused are closed at the day's last
    // event; tickets still waiting count as abandoned, a ticket still being served as served (at its window too).
    // A day still running ends now instead: its windows count open time up to now, its tickets are left as they are.
    auto closeDay = [&]() {
        const bool stillRunning = running && running->day == day;
        if (stillRunning) advance(running->now);
        for (auto& [n, w] : windows) {
            if (!stillRunning && !w.ticket.empty() && w.startedAt > 0) {
                auto it = byLabel.find(day + "|" + w.ticket);
                if (it != byLabel.end() && !it->second->served && !it->second->ended) {
                    it->second->served = true;
                    ++w.figures.served;
                    if (lastAt >= w.startedAt) w.services.push_back(seconds(lastAt - w.startedAt));
                }
            }
            if (w.state == WindowLife::State::Paused) w.figures.pausedS[w.pauseReason] += seconds(lastAt - w.since);
            if (w.state != WindowLife::State::Closed) w.figures.openS += seconds(lastAt - w.since);
            w.state = WindowLife::State::Closed;
            w.ticket.clear();
            w.seenToday = false;
        }
        waitingIn.clear();
        byLabel.clear();
    };
    auto leaveQueue = [&](TicketLife& t) {
        if (t.waiting) {
            t.waiting = false;
            --waitingIn[t.current];
        }
    };

    for (const LobbyEvent& e : events) {
        const std::string d = lobby::businessDayOf(e.time, config);
        if (d < from || d > to) continue;
        if (d != day) {
            if (!day.empty()) closeDay();
            day = d;
            lastAt = e.time;
        }
        advance(e.time);
        TicketLife* t = nullptr;
        if (!e.ticket.empty() && e.kind != EventKind::Issued) {
            auto it = byLabel.find(day + "|" + e.ticket);
            if (it != byLabel.end()) t = it->second;
        }
        // A window open without its opening among these events (as the lobby model has it): a call at a closed
        // window opens it; a window whose first event of the day serves, finishes or misses a ticket this day never
        // issued served on across the rollover, and was open since the business day began.
        if (e.window > 0) {
            WindowLife& w = windowOf(e.window);
            const bool firstToday = !w.seenToday;
            w.seenToday = true;
            if (w.state == WindowLife::State::Closed) {
                if (e.kind == EventKind::Called || e.kind == EventKind::Recalled) {
                    w.state = WindowLife::State::Open;
                    w.since = e.time;
                } else if (firstToday && !t &&
                           (e.kind == EventKind::Started || e.kind == EventKind::Finished || e.kind == EventKind::NoShow)) {
                    w.state = WindowLife::State::Open;
                    w.since = std::min(e.time, lobby::businessDayStart(lobby::businessDayNumber(e.time, config), config));
                }
            }
        }
        switch (e.kind) {
        case EventKind::Issued: {
            auto life = std::make_unique<TicketLife>();
            life->category = life->current = e.category;
            life->label = e.ticket;
            life->issuedAt = e.time;
            life->leg = {e.category, e.time, 0, false};
            life->day = day;
            byLabel[day + "|" + e.ticket] = life.get();
            ++waitingIn[e.category];
            if (!configured.count(e.category) && std::find(order.begin(), order.end(), e.category) == order.end())
                order.push_back(e.category);
            tickets.push_back(std::move(life));
            break;
        }
        case EventKind::Called: {
            WindowLife& w = windowOf(e.window);
            w.ticket = e.ticket;
            w.calledAt = e.time;
            w.startedAt = 0;
            if (t) {
                if (!t->firstCalledAt) t->firstCalledAt = e.time;
                if (!t->legCalled) {  // called again in the same wait (a recall, another window): counted once
                    t->legCalled = true;
                    t->leg.calledAt = e.time;
                    t->waits.push_back(t->leg);
                }
                leaveQueue(*t);
            }
            break;
        }
        case EventKind::Recalled: break;
        case EventKind::Started: {
            WindowLife& w = windowOf(e.window);
            w.ticket = e.ticket;
            w.startedAt = e.time;
            if (w.calledAt > 0 && e.time >= w.calledAt) w.walks.push_back(seconds(e.time - w.calledAt));
            if (t) leaveQueue(*t);
            break;
        }
        case EventKind::Finished: {
            WindowLife& w = windowOf(e.window);
            // Counted once, for a ticket of the day: so served by window and by category always agree.
            if (t && !t->served) {
                if (w.startedAt > 0 && e.time >= w.startedAt) w.services.push_back(seconds(e.time - w.startedAt));
                ++w.figures.served;
                t->served = true;
                t->noShow = false;
                leaveQueue(*t);
            }
            w.ticket.clear();
            w.startedAt = w.calledAt = 0;
            break;
        }
        case EventKind::NoShow: {
            WindowLife& w = windowOf(e.window);
            w.ticket.clear();
            w.startedAt = w.calledAt = 0;
            if (t && !t->served) {
                t->noShow = true;
                t->ended = true;
                leaveQueue(*t);
            }
            break;
        }
        case EventKind::Abandoned:
            if (t) {
                leaveQueue(*t);
                t->ended = true;
                if (!t->firstCalledAt) t->abandoned = true;
            }
            break;
        case EventKind::Transferred:
            if (e.window > 0) {
                WindowLife& w = windowOf(e.window);
                if (w.ticket == e.ticket) {
                    w.ticket.clear();
                    w.startedAt = w.calledAt = 0;
                }
            }
            if (t) {
                leaveQueue(*t);
                if (!e.category.empty()) t->current = e.category;
                // The second wait is its own, on a clock started now, in the category it waits in.
                t->leg = {t->current, e.time, 0, true};
                t->legCalled = false;
                t->waiting = true;
                ++waitingIn[t->current];
            }
            break;
        case EventKind::WindowOpen: {
            WindowLife& w = windowOf(e.window);
            if (w.state == WindowLife::State::Paused) {
                w.figures.pausedS[w.pauseReason] += seconds(e.time - w.since);
                w.figures.openS += seconds(e.time - w.since);
                w.since = e.time;
            } else if (w.state == WindowLife::State::Closed) {
                w.since = e.time;
            }
            w.state = WindowLife::State::Open;
            break;
        }
        case EventKind::WindowPause: {
            WindowLife& w = windowOf(e.window);
            if (w.state == WindowLife::State::Paused) w.figures.pausedS[w.pauseReason] += seconds(e.time - w.since);
            if (w.state != WindowLife::State::Closed) w.figures.openS += seconds(e.time - w.since);
            w.state = WindowLife::State::Paused;
            w.pauseReason = e.detail.empty() ? "OTHER" : e.detail;
            w.since = e.time;
            break;
        }
        case EventKind::WindowClose: {
            WindowLife& w = windowOf(e.window);
            if (w.state == WindowLife::State::Paused) w.figures.pausedS[w.pauseReason] += seconds(e.time - w.since);
            if (w.state != WindowLife::State::Closed) w.figures.openS += seconds(e.time - w.since);
            w.state = WindowLife::State::Closed;
            break;
        }
        case EventKind::DeviceStatus: break;
        }
    }
    if (!day.empty()) closeDay();

    // Tickets -> per-category totals and the heat map; windows -> their totals.
    Totals totals;
    totals.order = order;
    // The wait each ticket was told at issue, by its issue time and label.
    std::unordered_map<std::string, int> told;
    for (const auto& e : estimates)
        if (e.estimateMin >= 0) told[std::to_string(e.issuedAt) + "|" + e.ticket] = e.estimateMin;
    auto limitsOf = [&](const std::string& code) {
        auto c = configured.find(code);
        return c != configured.end() ? std::pair<int, int>{c->second->targetMin, c->second->limitMin} : std::pair<int, int>{15, 30};
    };
    for (const auto& t : tickets) {
        CategoryTotals& f = totals.categories[t->category];
        ++f.issued;
        if (t->firstCalledAt) ++f.called;
        // Each wait counts in the category it was waited in, against that category's target and limit.
        for (std::size_t i = 0; i < t->waits.size(); ++i) {
            const auto& leg = t->waits[i];
            CategoryTotals& g = totals.categories[leg.category];
            if (!configured.count(leg.category) && std::find(totals.order.begin(), totals.order.end(), leg.category) == totals.order.end())
                totals.order.push_back(leg.category);
            const auto [targetMin, limitMin] = limitsOf(leg.category);
            const double w = seconds(std::max<TimeMs>(0, leg.calledAt - leg.since));
            g.waits.push_back(w);
            if (leg.afterTransfer) ++g.transferWaits;
            // The wait told at issue is the first wait's.
            if (auto it = told.find(std::to_string(t->issuedAt) + "|" + t->label); i == 0 && it != told.end()) {
                const double err = it->second * 60.0 - w;
                ++g.estimated;
                g.estimateAbsS += std::abs(err);
                g.estimateErrS += err;
            }
            if (w <= targetMin * 60.0) ++g.withinTarget;
            if (w <= limitMin * 60.0) ++g.withinLimit;
            const int wd = weekdayOf(t->day);
            const std::string local = lobby::formatLocalTime(leg.calledAt, config.utcOffsetMinutes);
            const int hour = std::stoi(local.substr(11, 2));
            if (wd >= 0 && wd < 7 && hour >= 0 && hour < 24) {
                ++totals.heatTickets[wd][hour];
                totals.heatWaitS[wd][hour] += w;
            }
        }
        // A ticket transferred and called again: its time in the branch, from its issue to the call that ended its
        // last wait, in the category it was issued in.
        if (t->waits.size() > 1) {
            ++f.transferred;
            f.inBranch.push_back(seconds(std::max<TimeMs>(0, t->waits.back().calledAt - t->issuedAt)));
        }
        if (t->served) ++f.served;
        else if (running && t->day == running->day && !t->ended) {
            if (t->waiting) ++f.waiting;
            else ++f.serving;  // called, at a window now
        } else if (t->firstCalledAt) ++f.noShow;
        else ++f.abandoned;
    }
    for (auto& [n, w] : windows) {
        WindowTotals& wt = totals.windows[n];
        wt.served += w.figures.served;
        wt.services.insert(wt.services.end(), w.services.begin(), w.services.end());
        for (double x : w.walks) wt.walkSumS += x;
        wt.walks += static_cast<int>(w.walks.size());
        wt.openS += w.figures.openS;
        for (const auto& [reason, sec] : w.figures.pausedS) wt.pausedS[reason] += sec;
        wt.idleWhileWaitingS += w.figures.idleWhileWaitingS;
    }
    // Calls out of the queue's order, per window: found day by day (the queue starts again each business day).
    std::map<std::string, std::vector<LobbyEvent>> byDay;
    for (const auto& e : events) {
        const std::string d = lobby::businessDayOf(e.time, config);
        if (d >= from && d <= to) byDay[d].push_back(e);
    }
    for (const auto& [d, dayEvents] : byDay)
        for (const auto& [n, jumps] : complaint::jumpsPerWindow(complaint::queueJumps(dayEvents))) totals.windows[n].queueJumps += jumps;
    return totals;
}

namespace {

Period finish(const Totals& totals, const std::vector<IncidentRecord>& incidents, const std::vector<Complaint>& complaints,
              const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
              const std::optional<RunningDay>& running) {
    Period p;
    p.from = from;
    p.to = to;
    p.days = daysBetween(from, to);
    if (running && running->day >= from && running->day <= to) {
        p.runningDay = running->day;
        p.asOf = running->now;
        p.asOfLocal = lobby::formatLocalTime(running->now, config.utcOffsetMinutes);
    }
    std::map<std::string, const lobby::CategoryConfig*> configured;
    for (const auto& c : config.categories) configured[c.code] = &c;
    std::vector<std::string> order = totals.order;
    for (const auto& c : config.categories)
        if (std::find(order.begin(), order.end(), c.code) == order.end()) order.insert(order.begin(), c.code);
    for (const auto& [code, t] : totals.categories)
        if (std::find(order.begin(), order.end(), code) == order.end()) order.push_back(code);

    auto fill = [](CategoryFigures& f, const CategoryTotals& t) {
        f.issued = t.issued;
        f.called = t.called;
        f.served = t.served;
        f.noShow = t.noShow;
        f.abandoned = t.abandoned;
        f.waiting = t.waiting;
        f.serving = t.serving;
        // Order statistics by selection: a region's month is millions of waits, and a sort of them took seconds.
        std::vector<double> w = t.waits;
        f.waits = static_cast<int>(w.size());
        f.transferWaits = t.transferWaits;
        f.meanWaitS = exactMean(w);
        f.maxWaitS = w.empty() ? 0 : *std::max_element(w.begin(), w.end());
        f.medianWaitS = percentile(w, 0.5);
        f.p90WaitS = percentile(w, 0.9);
        f.withinTarget = f.waits > 0 ? static_cast<double>(t.withinTarget) / f.waits : 0;
        f.withinLimit = f.waits > 0 ? static_cast<double>(t.withinLimit) / f.waits : 0;
        f.transferred = t.transferred;
        std::vector<double> inBranch = t.inBranch;
        f.meanInBranchS = exactMean(inBranch);
        f.p90InBranchS = percentile(inBranch, 0.9);
        f.noShowRate = f.called > 0 ? static_cast<double>(f.noShow) / f.called : 0;
        f.abandonRate = f.issued > 0 ? static_cast<double>(f.abandoned) / f.issued : 0;
        f.estimated = t.estimated;
        if (t.estimated > 0) {
            f.estimateMaeS = t.estimateAbsS / t.estimated;
            f.estimateBiasS = t.estimateErrS / t.estimated;
        }
    };
    CategoryTotals everyone;
    for (const auto& code : order) {
        CategoryFigures f;
        f.code = code;
        auto c = configured.find(code);
        if (c != configured.end()) {
            f.nameZh = c->second->nameZh;
            f.nameEn = c->second->nameEn;
            f.targetMin = c->second->targetMin;
            f.limitMin = c->second->limitMin;
        } else {
            f.nameZh = f.nameEn = code;
        }
        auto t = totals.categories.find(code);
        if (t != totals.categories.end()) {
            fill(f, t->second);
            everyone.merge(t->second);
        }
        p.categories.push_back(f);
    }
    p.all.code = "*";
    p.all.nameZh = "全部";
    p.all.nameEn = "All";
    fill(p.all, everyone);
    p.all.targetMin = p.all.limitMin = 0;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            p.heat[d][h].tickets = totals.heatTickets[d][h];
            if (totals.heatTickets[d][h] > 0) p.heat[d][h].meanWaitS = totals.heatWaitS[d][h] / totals.heatTickets[d][h];
        }
    for (const auto& [n, wt] : totals.windows) {
        WindowFigures w;
        w.number = n;
        w.served = wt.served;
        std::vector<double> services = wt.services;
        w.meanServiceS = exactMean(services);
        w.p90ServiceS = percentile(services, 0.9);
        w.meanWalkS = wt.walks > 0 ? wt.walkSumS / wt.walks : 0;
        w.openS = wt.openS;
        w.pausedS = wt.pausedS;
        w.idleWhileWaitingS = wt.idleWhileWaitingS;
        w.queueJumps = wt.queueJumps;
        p.windows.push_back(w);
    }

    std::map<std::string, IncidentFigures> byKind;
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> times;
    for (const auto& i : incidents) {
        const std::string d = lobby::businessDayOf(i.raisedAt, config);
        if (d < from || d > to) continue;
        IncidentFigures& f = byKind[i.kind];
        f.kind = i.kind;
        ++f.count;
        if (i.acknowledgedAt > 0) {
            ++f.acknowledged;
            times[i.kind].first.push_back(seconds(i.acknowledgedAt - i.raisedAt));
        } else {
            ++f.neverAcknowledged;
        }
        if (i.escalated) ++f.escalated;
        TimeMs end = i.resolvedAt > 0 ? i.resolvedAt : i.clearedAt;
        if (end > 0) {
            ++f.ended;
            times[i.kind].second.push_back(seconds(end - i.raisedAt));
        }
    }
    for (auto& [kind, f] : byKind) {
        f.meanAckS = mean(times[kind].first);
        f.meanResolveS = mean(times[kind].second);
        p.incidents.push_back(f);
    }

    // Complaints received in the period; which followed a wait alert about their ticket.
    std::set<std::string> alerted;  // "day|ticket:A042"
    for (const auto& i : incidents)
        if (i.kind == "long_wait" || i.kind == "predicted_breach") {
            alerted.insert(lobby::businessDayOf(i.raisedAt, config) + "|" + i.subject);
        } else if (i.kind == "waits") {  // a situation: each ticket it concerned
            for (const auto& m : i.members) alerted.insert(lobby::businessDayOf(i.raisedAt, config) + "|ticket:" + m);
        }
    for (const auto& c : complaints) {
        if (c.receivedDay < from || c.receivedDay > to) continue;
        ComplaintFigures& f = p.complaints;
        ++f.count;
        ++f.byCause[c.cause];
        ++f.byChannel[c.channel];
        if (!c.ticket.empty() && alerted.count((c.ticketDay.empty() ? c.receivedDay : c.ticketDay) + "|ticket:" + c.ticket))
            ++f.afterWaitAlert;
        // Answered: a reply the customer did not reject (its day stops the reply clock). "Not satisfied" reopens
        // the complaint and a close with no reply never answered it.
        if (!c.replyDay.empty()) {
            if (c.replyDay <= c.dueDay) ++f.answeredOnTime;
            else ++f.answeredLate;
        } else if (c.state == "closed") {
            ++f.answeredLate;
        } else {
            ++f.open;
        }
    }
    return p;
}

}  // namespace

bool hasData(const Period& p) {
    return p.all.issued > 0 || p.all.called > 0 || !p.windows.empty() || !p.incidents.empty() || p.complaints.count > 0;
}

std::pair<std::string, std::string> previousPeriod(const std::string& from, const std::string& to) {
    const int days = std::max(1, daysBetween(from, to));
    const bool oneMonth = from.size() == 10 && to.size() == 10 && from.substr(8, 2) == "01" && from.substr(0, 7) == to.substr(0, 7);
    if (!oneMonth) return {addDays(from, -days), addDays(from, -1)};
    const std::string lastOfPrevious = addDays(from, -1);
    const std::string firstOfPrevious = lastOfPrevious.substr(0, 8) + "01";
    const bool wholeMonth = addDays(to, 1).substr(8, 2) == "01";
    if (wholeMonth) return {firstOfPrevious, lastOfPrevious};
    // Month to date: the previous month up to the same day (its last day when it is shorter).
    const std::string sameDay = firstOfPrevious.substr(0, 8) + to.substr(8, 2);
    return {firstOfPrevious, std::min(sameDay, lastOfPrevious)};
}

std::string addDays(const std::string& day, int days) { return civilFromDays(dayNumber(day) + days); }

int daysBetween(const std::string& from, const std::string& to) {
    return static_cast<int>(dayNumber(to) - dayNumber(from) + 1);
}

int weekdayOf(const std::string& day) {
    // 1970-01-01 was a Thursday (Monday = 0 -> Thursday = 3).
    long n = dayNumber(day);
    return static_cast<int>(((n % 7) + 7 + 3) % 7);
}

Report build(const std::vector<lobby::LobbyEvent>& events, const std::vector<IncidentRecord>& incidents,
             const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
             const std::vector<Complaint>& complaints, const std::vector<TicketEstimate>& estimates,
             const std::optional<RunningDay>& running) {
    const auto [previousFrom, previousTo] = previousPeriod(from, to);
    return buildFromTotals(summarize(events, estimates, config, from, to, running),
                           summarize(events, estimates, config, previousFrom, previousTo, running), incidents, config,
                           from, to, complaints, running);
}

Report buildFromTotals(const Totals& current, const Totals& previous, const std::vector<IncidentRecord>& incidents,
                       const lobby::LobbyConfig& config, const std::string& from, const std::string& to,
                       const std::vector<Complaint>& complaints, const std::optional<RunningDay>& running) {
    Report r;
    r.current = finish(current, incidents, complaints, config, from, to, running);
    const auto [previousFrom, previousTo] = previousPeriod(from, to);
    r.previous = finish(previous, incidents, complaints, config, previousFrom, previousTo, running);
    return r;
}

}  // namespace lw::report

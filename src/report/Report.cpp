// The report: one pass over the events of each period, tickets keyed by business day and label.
#include "Report.h"

#include "LocalTime.h"

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

double percentile(std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
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
    bool waiting = true;   // in a queue now
    bool served = false;
    bool noShow = false;
    bool abandoned = false;
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
};

Period compute(const std::vector<LobbyEvent>& events, const std::vector<IncidentRecord>& incidents,
               const std::vector<Complaint>& complaints, const std::vector<TicketEstimate>& estimates,
               const lobby::LobbyConfig& config, const std::string& from, const std::string& to) {
    Period p;
    p.from = from;
    p.to = to;
    p.days = daysBetween(from, to);
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
    // event; tickets still waiting count as abandoned.
    auto closeDay = [&]() {
        for (auto& [n, w] : windows) {
            if (w.state == WindowLife::State::Paused) w.figures.pausedS[w.pauseReason] += seconds(lastAt - w.since);
            if (w.state != WindowLife::State::Closed) w.figures.openS += seconds(lastAt - w.since);
            w.state = WindowLife::State::Closed;
            w.ticket.clear();
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
        switch (e.kind) {
        case EventKind::Issued: {
            auto life = std::make_unique<TicketLife>();
            life->category = life->current = e.category;
            life->label = e.ticket;
            life->issuedAt = e.time;
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
            if (w.startedAt > 0 && e.time >= w.startedAt) w.services.push_back(seconds(e.time - w.startedAt));
            ++w.figures.served;
            w.ticket.clear();
            w.startedAt = w.calledAt = 0;
            if (t) {
                t->served = true;
                t->noShow = false;
            }
            break;
        }
        case EventKind::NoShow: {
            WindowLife& w = windowOf(e.window);
            w.ticket.clear();
            w.startedAt = w.calledAt = 0;
            if (t && !t->served) t->noShow = true;
            break;
        }
        case EventKind::Abandoned:
            if (t) {
                leaveQueue(*t);
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

    // Tickets -> categories, all, heat map.
    std::map<std::string, std::vector<double>> waits;
    std::vector<double> allWaits;
    std::map<std::string, CategoryFigures> figures;
    auto figuresOf = [&](const std::string& code) -> CategoryFigures& {
        CategoryFigures& f = figures[code];
        if (f.code.empty()) {
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
        }
        return f;
    };
    // The wait each ticket was told at issue, by its issue time and label.
    std::unordered_map<std::string, int> told;
    for (const auto& e : estimates)
        if (e.estimateMin >= 0) told[std::to_string(e.issuedAt) + "|" + e.ticket] = e.estimateMin;
    std::map<std::string, std::pair<double, double>> estimateSums;  // code -> (sum |err|, sum err)
    double allAbs = 0, allErr = 0;
    CategoryFigures all;
    all.code = "*";
    all.nameZh = "全部";
    all.nameEn = "All";
    int allWithinTarget = 0, allWithinLimit = 0;
    std::map<std::string, std::pair<int, int>> within;  // code -> (target, limit)
    double heatSum[7][24]{};
    for (const auto& t : tickets) {
        CategoryFigures& f = figuresOf(t->category);
        ++f.issued;
        ++all.issued;
        if (t->firstCalledAt) {
            ++f.called;
            ++all.called;
            const double w = seconds(std::max<TimeMs>(0, *t->firstCalledAt - t->issuedAt));
            waits[t->category].push_back(w);
            if (auto it = told.find(std::to_string(t->issuedAt) + "|" + t->label); it != told.end()) {
                const double err = it->second * 60.0 - w;
                ++f.estimated;
                ++all.estimated;
                estimateSums[t->category].first += std::abs(err);
                estimateSums[t->category].second += err;
                allAbs += std::abs(err);
                allErr += err;
            }
            allWaits.push_back(w);
            if (w <= f.targetMin * 60.0) {
                ++within[t->category].first;
                ++allWithinTarget;
            }
            if (w <= f.limitMin * 60.0) {
                ++within[t->category].second;
                ++allWithinLimit;
            }
            const int wd = weekdayOf(t->day);
            const std::string local = lobby::formatLocalTime(*t->firstCalledAt, config.utcOffsetMinutes);
            const int hour = std::stoi(local.substr(11, 2));
            if (wd >= 0 && wd < 7 && hour >= 0 && hour < 24) {
                ++p.heat[wd][hour].tickets;
                heatSum[wd][hour] += w;
            }
        }
        if (t->served) {
            ++f.served;
            ++all.served;
        } else if (t->firstCalledAt) {
            ++f.noShow;
            ++all.noShow;
        } else {
            ++f.abandoned;
            ++all.abandoned;
        }
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h)
            if (p.heat[d][h].tickets > 0) p.heat[d][h].meanWaitS = heatSum[d][h] / p.heat[d][h].tickets;
    auto finish = [](CategoryFigures& f, std::vector<double>& w, int inTarget, int inLimit) {
        std::sort(w.begin(), w.end());
        f.meanWaitS = mean(w);
        f.medianWaitS = percentile(w, 0.5);
        f.p90WaitS = percentile(w, 0.9);
        f.maxWaitS = w.empty() ? 0 : w.back();
        f.withinTarget = f.called > 0 ? static_cast<double>(inTarget) / f.called : 0;
        f.withinLimit = f.called > 0 ? static_cast<double>(inLimit) / f.called : 0;
        f.noShowRate = f.called > 0 ? static_cast<double>(f.noShow) / f.called : 0;
        f.abandonRate = f.issued > 0 ? static_cast<double>(f.abandoned) / f.issued : 0;
    };
    for (const auto& code : order) {
        auto it = figures.find(code);
        if (it == figures.end()) {
            // A configured category with no tickets still shows, with zeros.
            figuresOf(code);
            it = figures.find(code);
        }
        finish(it->second, waits[code], within[code].first, within[code].second);
        if (it->second.estimated > 0) {
            it->second.estimateMaeS = estimateSums[code].first / it->second.estimated;
            it->second.estimateBiasS = estimateSums[code].second / it->second.estimated;
        }
        p.categories.push_back(it->second);
    }
    finish(all, allWaits, allWithinTarget, allWithinLimit);
    if (all.estimated > 0) {
        all.estimateMaeS = allAbs / all.estimated;
        all.estimateBiasS = allErr / all.estimated;
    }
    all.targetMin = all.limitMin = 0;
    p.all = all;

    for (auto& [n, w] : windows) {
        std::sort(w.services.begin(), w.services.end());
        w.figures.meanServiceS = mean(w.services);
        w.figures.p90ServiceS = percentile(w.services, 0.9);
        w.figures.meanWalkS = mean(w.walks);
        p.windows.push_back(w.figures);
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
        if (end > 0) times[i.kind].second.push_back(seconds(end - i.raisedAt));
    }
    for (auto& [kind, f] : byKind) {
        f.meanAckS = mean(times[kind].first);
        f.meanResolveS = mean(times[kind].second);
        p.incidents.push_back(f);
    }

    // Complaints received in the period; which followed a wait alert about their ticket.
    std::set<std::string> alerted;  // "day|ticket:A042"
    for (const auto& i : incidents)
        if (i.kind == "long_wait" || i.kind == "predicted_breach")
            alerted.insert(lobby::businessDayOf(i.raisedAt, config) + "|" + i.subject);
    for (const auto& c : complaints) {
        if (c.receivedDay < from || c.receivedDay > to) continue;
        ComplaintFigures& f = p.complaints;
        ++f.count;
        ++f.byCause[c.cause];
        ++f.byChannel[c.channel];
        if (!c.ticket.empty() && alerted.count((c.ticketDay.empty() ? c.receivedDay : c.ticketDay) + "|ticket:" + c.ticket))
            ++f.afterWaitAlert;
        if (c.state == "replied" || c.state == "closed") {
            TimeMs at = c.repliedAt ? c.repliedAt : c.closedAt;
            if (lobby::businessDayOf(at, config) <= c.dueDay) ++f.answeredOnTime;
            else ++f.answeredLate;
        } else {
            ++f.open;
        }
    }
    return p;
}

}  // namespace

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
             const std::vector<Complaint>& complaints, const std::vector<TicketEstimate>& estimates) {
    Report r;
    r.current = compute(events, incidents, complaints, estimates, config, from, to);
    const int days = std::max(1, daysBetween(from, to));
    r.previous = compute(events, incidents, complaints, estimates, config, addDays(from, -days), addDays(from, -1));
    return r;
}

}  // namespace lw::report

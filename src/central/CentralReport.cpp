// Loading one branch at a time from the central database into the report core, then ranking the branches.
#include "central/CentralReport.h"

#include "lobby/LocalTime.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

namespace lw::central {

namespace {

long long num(const Value& v) { return v ? std::stoll(*v) : 0; }

struct BranchRow {
    std::string id, name, region;
    BranchSettings settings;
};

std::vector<BranchRow> selectBranches(Pg& pg, const Selection& sel) {
    PgResult r;
    if (!sel.branches.empty()) {
        std::string list = "{";
        for (std::size_t i = 0; i < sel.branches.size(); ++i) list += (i ? "," : "") + sel.branches[i];
        list += "}";
        r = pg.exec("SELECT branch_id, name, region, config FROM lobbywatch.branches WHERE branch_id = ANY($1::text[])"
                    " ORDER BY branch_id", {list});
        for (const auto& want : sel.branches) {
            bool found = false;
            for (const auto& row : r.rows) found = found || row[0].value_or("") == want;
            if (!found) throw std::runtime_error("no branch " + want + " in the central database");
        }
    } else if (!sel.region.empty()) {
        r = pg.exec("SELECT branch_id, name, region, config FROM lobbywatch.branches WHERE region = $1 ORDER BY branch_id",
                    {sel.region});
        if (r.rows.empty()) throw std::runtime_error("no branch of region " + sel.region + " in the central database");
    } else {
        r = pg.exec("SELECT branch_id, name, region, config FROM lobbywatch.branches ORDER BY branch_id");
        if (r.rows.empty()) throw std::runtime_error("no branch in the central database yet");
    }
    std::vector<BranchRow> out;
    for (const auto& row : r.rows) {
        BranchRow b{row[0].value_or(""), row[1].value_or(""), row[2].value_or(""), {}};
        bool ok = false;
        std::string error;
        b.settings = parseSettings(row[3].value_or(""), ok, error);
        if (!ok) throw std::runtime_error("branch " + b.id + ": " + error);
        out.push_back(std::move(b));
    }
    return out;
}

lobby::EventKind kindOr(const std::string& name, bool& ok) {
    auto k = lobby::parseEventName(name);
    ok = k.has_value();
    return k.value_or(lobby::EventKind::Issued);
}

struct BranchData {
    report::Totals current, previous;
    std::vector<report::IncidentRecord> incidents;
    std::vector<report::Complaint> complaints;
    lobby::LobbyConfig config;
    std::optional<report::RunningDay> running;
    std::string today;
    std::set<std::string> kept;  // closed days with shipped totals
    std::set<std::string> older; // closed days with totals of an older format: from their events while there are any
    std::map<std::string, std::vector<lobby::LobbyEvent>> events;
    std::map<std::string, std::vector<report::TicketEstimate>> estimates;
    std::string next;            // the next day to add up
    bool done = false;
    bool fromTotals(const std::string& day) const { return day < today && kept.count(day); }
};

std::string arrayOf(const std::vector<std::string>& items) {
    std::string list = "{";
    for (std::size_t i = 0; i < items.size(); ++i) list += (i ? "," : "") + items[i];
    return list + "}";
}

// Every selected branch's data in a few statements (not a few per branch: a region has hundreds): which days have
// kept totals, the events and estimates of only the (branch, day) pairs without them, incidents and complaints.
// The totals themselves are streamed afterwards (sumBranches).
void loadAll(Pg& pg, const std::vector<BranchRow>& branches, std::map<std::string, BranchData>& data,
             const std::string& from, const std::string& to, lobby::TimeMs now, CentralReport& out) {
    const auto [previousFrom, previousTo] = report::previousPeriod(from, to);
    std::vector<std::string> ids;
    for (const auto& b : branches) {
        BranchData& d = data[b.id];
        d.config = lobbyConfigOf(b.settings);
        d.today = lobby::businessDayOf(now, d.config);
        d.running = report::RunningDay{d.today, now};
        d.next = previousFrom;
        ids.push_back(b.id);
    }
    const std::string idList = arrayOf(ids);
    // A day's totals in an older format count as the branch's own report counts them: summed again from the day's
    // events where there are any, else (an archived month) its figures as they were kept.
    const std::string currentFormat = std::to_string(report::Totals::formatOf(report::Totals{}.serialize()));
    for (const auto& row : pg.exec("SELECT branch_id, business_day::text,"
                                   // the first byte only: substring reads a slice of a TOASTed value, get_byte all of it
                                   " CASE WHEN octet_length(bytes) >= 4 THEN get_byte(substring(bytes FROM 1 FOR 1), 0) ELSE 0 END"
                                   " FROM lobbywatch.day_totals"
                                   " WHERE branch_id = ANY($1::text[]) AND business_day BETWEEN $2 AND $3",
                                   {idList, previousFrom, to}).rows) {
        BranchData& d = data[row[0].value_or("")];
        if (row[2].value_or("") == currentFormat) d.kept.insert(row[1].value_or(""));
        else d.older.insert(row[1].value_or(""));
    }
    std::vector<std::string> pairBranch, pairDay;
    for (const auto& id : ids)
        for (std::string day = previousFrom; day <= to; day = report::addDays(day, 1))
            if (!data[id].fromTotals(day)) {
                pairBranch.push_back(id);
                pairDay.push_back(day);
            }
    if (!pairBranch.empty()) {
        const std::vector<Value> pairs{arrayOf(pairBranch), arrayOf(pairDay)};
        for (const auto& row : pg.exec("SELECT e.branch_id, e.business_day::text, e.received_at, e.kind, e.ticket, e.category,"
                                       " e.window_no, e.to_window, e.priority, e.detail, e.port, e.device, e.seq, e.frame_crc"
                                       " FROM lobbywatch.events e JOIN unnest($1::text[], $2::date[]) AS p(branch_id, day)"
                                       " ON e.branch_id = p.branch_id AND e.business_day = p.day"
                                       " ORDER BY e.branch_id, e.business_day, e.id", pairs).rows) {
            lobby::LobbyEvent e;
            bool ok = false;
            e.time = num(row[2]);
            e.kind = kindOr(row[3].value_or(""), ok);
            if (!ok) continue;  // a kind this build does not know: skipped, as the branch's own report does
            e.ticket = row[4].value_or("");
            e.category = row[5].value_or("");
            e.window = static_cast<int>(num(row[6]));
            e.toWindow = static_cast<int>(num(row[7]));
            e.priority = num(row[8]) != 0;
            e.detail = row[9].value_or("");
            e.source.port = row[10].value_or("");
            e.source.device = static_cast<int>(num(row[11]));
            e.source.sequence = static_cast<int>(num(row[12]));
            e.source.frameCrc = row[13] ? static_cast<int>(num(row[13])) : -1;
            data[row[0].value_or("")].events[row[1].value_or("")].push_back(std::move(e));
            ++out.eventsRead;
        }
        for (const auto& row : pg.exec("SELECT e.branch_id, e.business_day::text, e.issued_at, e.ticket, e.estimate_min"
                                       " FROM lobbywatch.estimates e JOIN unnest($1::text[], $2::date[]) AS p(branch_id, day)"
                                       " ON e.branch_id = p.branch_id AND e.business_day = p.day"
                                       " ORDER BY e.branch_id, e.business_day, e.id", pairs).rows)
            data[row[0].value_or("")].estimates[row[1].value_or("")].push_back(
                {num(row[2]), row[3].value_or(""), row[4] ? static_cast<int>(num(row[4])) : -1});
    }
    for (auto& [id, d] : data)
        for (const auto& day : d.older)
            if (!d.events.count(day)) d.kept.insert(day);
    for (const auto& row : pg.exec(
             "SELECT i.branch_id, i.raised_at, i.kind, i.subject,"
             " (SELECT min(at) FROM lobbywatch.incident_steps s WHERE s.branch_id = i.branch_id AND s.incident = i.id AND s.state = 'acknowledged'),"
             " (SELECT min(at) FROM lobbywatch.incident_steps s WHERE s.branch_id = i.branch_id AND s.incident = i.id AND s.state = 'resolved'),"
             " (SELECT min(at) FROM lobbywatch.incident_steps s WHERE s.branch_id = i.branch_id AND s.incident = i.id AND s.state = 'cleared'),"
             " EXISTS (SELECT 1 FROM lobbywatch.incident_steps s WHERE s.branch_id = i.branch_id AND s.incident = i.id AND s.state = 'escalated')"
             " FROM lobbywatch.incidents i WHERE i.branch_id = ANY($1::text[]) AND i.business_day BETWEEN $2 AND $3"
             " ORDER BY i.branch_id, i.id", {idList, previousFrom, to}).rows) {
        report::IncidentRecord l;
        l.raisedAt = num(row[1]);
        l.kind = row[2].value_or("");
        l.subject = row[3].value_or("");
        l.acknowledgedAt = num(row[4]);
        l.resolvedAt = num(row[5]);
        l.clearedAt = num(row[6]);
        l.escalated = row[7].value_or("f") == "t";
        data[row[0].value_or("")].incidents.push_back(std::move(l));
    }
    for (const auto& row : pg.exec("SELECT branch_id, complaint, received_day::text, channel, cause, ticket, ticket_day::text,"
                                   " due_day::text, reply_day::text, state FROM lobbywatch.complaints"
                                   " WHERE branch_id = ANY($1::text[]) AND received_day BETWEEN $2 AND $3"
                                   " ORDER BY branch_id, complaint", {idList, previousFrom, to}).rows) {
        report::Complaint c;
        c.id = num(row[1]);
        c.receivedDay = row[2].value_or("");
        c.channel = row[3].value_or("");
        c.cause = row[4].value_or("");
        c.ticket = row[5].value_or("");
        c.ticketDay = row[6].value_or("");
        c.dueDay = row[7].value_or("");
        c.replyDay = row[8].value_or("");
        c.state = row[9].value_or("");
        data[row[0].value_or("")].complaints.push_back(std::move(c));
    }
}

// Adds up one branch's days up to `until` (inclusive) in day order, as the branch's own report reads its log
// (lw::app::loadReport): kept totals (`kept`, for the day `keptDay`) for a closed day, else the day's events; so
// that sums come out to the same last digit. Days between the previous period and this one count in neither.
void addDaysUpTo(BranchData& d, const std::string& until, const std::string& from, const std::string& to,
                 const std::string& keptDay, const report::Totals* kept, CentralReport& out) {
    const auto [previousFrom, previousTo] = report::previousPeriod(from, to);
    for (; d.next <= until && d.next <= to; d.next = report::addDays(d.next, 1)) {
        const std::string& day = d.next;
        const bool inPrevious = day >= previousFrom && day <= previousTo, inCurrent = day >= from;
        if (!inPrevious && !inCurrent) continue;
        report::Totals& sum = inPrevious ? d.previous : d.current;
        if (d.fromTotals(day)) {
            if (kept && day == keptDay) {
                sum.merge(*kept);
                ++out.daysFromTotals;
            }
            continue;  // its totals come with its row of the stream
        }
        auto events = d.events.find(day);
        auto estimates = d.estimates.find(day);
        static const std::vector<lobby::LobbyEvent> noEvents;
        static const std::vector<report::TicketEstimate> noEstimates;
        sum.merge(report::summarize(events == d.events.end() ? noEvents : events->second,
                                    estimates == d.estimates.end() ? noEstimates : estimates->second, d.config, day, day,
                                    day == d.today ? d.running : std::nullopt));
        ++out.daysFromEvents;
    }
}

BranchRank rankOf(const BranchRow& b, const report::Report& r, const BranchData& d, const std::string& from,
                  const std::string& to) {
    BranchRank k;
    k.id = b.id;
    k.name = b.name;
    k.region = b.region;
    const report::CategoryFigures& all = r.current.all;
    k.served = all.served;
    k.meanWaitS = all.meanWaitS;
    k.p90WaitS = all.p90WaitS;
    k.withinTarget = all.withinTarget;
    k.complaints = r.current.complaints.count;
    if (k.served > 0) k.complaintsPer10000 = 10000.0 * k.complaints / k.served;
    const lobby::TimeMs inTime = static_cast<lobby::TimeMs>(b.settings.escalateAfterMin) * 60'000;
    for (const auto& i : d.incidents) {
        const std::string day = lobby::businessDayOf(i.raisedAt, d.config);
        if (day < from || day > to) continue;
        if (i.kind == "device_offline" || i.kind == "link_down") {
            ++k.devicesOffline;
            continue;
        }
        ++k.alerts;
        if (i.acknowledgedAt > 0 && i.acknowledgedAt - i.raisedAt <= inTime) ++k.alertsAckedInTime;
    }
    if (k.alerts > 0) k.ackedInTimeShare = static_cast<double>(k.alertsAckedInTime) / k.alerts;
    return k;
}

// The same figures straight from a branch's summed totals, for a selection of many branches: the 90th percentile
// by selection (nth_element), as the report takes it, of the current period only (the ranking does not show the
// previous one), the mean summed in whole milliseconds as the report sums it: the same to the last digit.
BranchRank rankFromTotals(const BranchRow& b, const BranchData& d, const std::string& from, const std::string& to) {
    report::Report r;
    std::vector<double> waits;
    int within = 0;
    for (const auto& [code, t] : d.current.categories) {
        r.current.all.served += t.served;
        within += t.withinTarget;
        waits.insert(waits.end(), t.waits.begin(), t.waits.end());
    }
    if (!waits.empty()) {
        long long sumMs = 0;
        for (double w : waits) sumMs += std::llround(w * 1000.0);
        r.current.all.meanWaitS = static_cast<double>(sumMs) / 1000.0 / static_cast<double>(waits.size());
        const auto rank = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(waits.size())));
        const auto at = waits.begin() + static_cast<std::ptrdiff_t>(std::min(waits.size() - 1, rank == 0 ? 0 : rank - 1));
        std::nth_element(waits.begin(), at, waits.end());
        r.current.all.p90WaitS = *at;
    }
    // Of the waits (a transferred ticket's second wait is one), as the report counts the share.
    r.current.all.withinTarget = waits.empty() ? 0 : static_cast<double>(within) / static_cast<double>(waits.size());
    for (const auto& c : d.complaints)
        if (c.receivedDay >= from && c.receivedDay <= to) ++r.current.complaints.count;
    return rankOf(b, r, d, from, to);
}

std::string fixed(double v, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, v);
    return text;
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
        else if (c < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", c);
            out += esc;
        } else out += static_cast<char>(c);
    }
    return out + "\"";
}

// A branch's name and region are its own to set (each branch's role updates its row): one that a spreadsheet would
// run as a formula (= + - @, a tab or a carriage return first) starts with ' in the region's CSV, shown as written.
std::string csvCell(const std::string& text) {
    const std::string s = !text.empty() && std::string("=+-@\t\r").find(text[0]) != std::string::npos ? "'" + text : text;
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

lobby::LobbyConfig lobbyConfigOf(const BranchSettings& s) {
    lobby::LobbyConfig c;
    c.utcOffsetMinutes = s.utcOffsetMinutes;
    c.businessDayStartMinutes = s.businessDayStartMinutes;
    for (const auto& k : s.categories) c.categories.push_back({k.code, k.nameZh, k.nameEn, k.targetMin, k.warningMin, k.limitMin});
    for (const auto& w : s.windows) c.windows.push_back({w.number, w.serves});
    return c;
}

CentralReport loadCentralReport(Pg& pg, const Selection& selection, const std::string& from, const std::string& to,
                                lobby::TimeMs now) {
    CentralReport out;
    // One snapshot for every statement: a branch shipping meanwhile changes nothing half-way.
    pg.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
        const std::vector<BranchRow> branches = selectBranches(pg, selection);
        std::map<std::string, const BranchRow*> rowOf;
        for (const auto& b : branches) rowOf[b.id] = &b;
        std::map<std::string, BranchData> data;
        loadAll(pg, branches, data, from, to, now, out);
        report::Totals current, previous;
        std::vector<report::IncidentRecord> incidents;
        std::vector<report::Complaint> complaints;
        lobby::LobbyConfig merged;
        std::optional<report::RunningDay> running;
        // A branch whose days are all added up: its own report and rank, then its share of the selection's.
        auto finish = [&](const std::string& id) {
            BranchData& d = data[id];
            if (d.done) return;
            addDaysUpTo(d, to, from, to, "", nullptr, out);
            d.done = true;
            const BranchRow& b = *rowOf[id];
            if (branches.size() == 1) {
                report::Report own = report::buildFromTotals(d.current, d.previous, d.incidents, d.config, from, to,
                                                             d.complaints, d.running);
                out.ranking.push_back(rankOf(b, own, d, from, to));
                out.report = std::move(own);
                out.report.branchId = b.id;
                out.report.branchName = b.name;
                return;
            }
            out.ranking.push_back(rankFromTotals(b, d, from, to));
            // Several branches: their totals summed. A ticket label or window number means something only within
            // its branch, so the complaints' tickets and the incidents' subjects carry the branch.
            if (merged.categories.empty()) {
                merged.utcOffsetMinutes = d.config.utcOffsetMinutes;
                merged.businessDayStartMinutes = d.config.businessDayStartMinutes;
                running = d.running;
            }
            for (const auto& c : d.config.categories)
                if (std::none_of(merged.categories.begin(), merged.categories.end(), [&](const auto& m) { return m.code == c.code; }))
                    merged.categories.push_back(c);
            // Window 3 of one branch is not window 3 of another: the selection's report has no windows table, so
            // their service times are neither merged nor sorted.
            d.current.windows.clear();
            d.previous.windows.clear();
            current.merge(d.current);
            previous.merge(d.previous);
            for (auto& i : d.incidents) {
                if (i.subject.rfind("ticket:", 0) == 0) i.subject = "ticket:" + b.id + "/" + i.subject.substr(7);
                incidents.push_back(std::move(i));
            }
            for (auto& c : d.complaints) {
                if (!c.ticket.empty()) c.ticket = b.id + "/" + c.ticket;
                complaints.push_back(std::move(c));
            }
            d = BranchData{};
            d.done = true;
        };
        // The kept totals, streamed in branch and day order (a region's two months are hundreds of MB: never held).
        const auto [previousFrom, previousTo] = report::previousPeriod(from, to);
        std::vector<std::string> ids;
        for (const auto& b : branches) ids.push_back(b.id);
        std::string streaming;
        pg.stream("SELECT branch_id, business_day::text, bytes FROM lobbywatch.day_totals"
                  " WHERE branch_id = ANY($1::text[]) AND business_day BETWEEN $2 AND $3 ORDER BY branch_id, business_day",
                  {arrayOf(ids), previousFrom, to}, true, [&](const Pg::RowView& v, const std::vector<bool>&) {
                      const std::string id(v[0]), day(v[1]);
                      if (id != streaming && !streaming.empty()) finish(streaming);
                      streaming = id;
                      BranchData& d = data[id];
                      if (!d.fromTotals(day)) return;
                      // Several branches: no windows table (their numbers mean nothing across branches), so
                      // their service times are not decoded.
                      const std::string bytes(v[2]);
                      auto t = branches.size() == 1 ? report::Totals::parse(bytes) : report::Totals::parseWithoutServices(bytes);
                      if (!t) {
                          d.kept.erase(day);  // not of this build's format: the day is added up from its events
                          throw std::runtime_error("branch " + id + ": the totals of " + day + " are of another format");
                      }
                      addDaysUpTo(d, day, from, to, day, &*t, out);
                  });
        if (!streaming.empty()) finish(streaming);
        for (const auto& b : branches) finish(b.id);
        if (branches.size() > 1) {
            out.report = report::buildFromTotals(current, previous, incidents, merged, from, to, complaints, running);
            out.report.branchId = selection.region.empty() ? std::to_string(branches.size()) + " branches" : "region " + selection.region;
            out.report.branchName = out.report.branchId;
        }
        pg.exec("COMMIT");
    } catch (...) {
        try { pg.exec("ROLLBACK"); } catch (...) {}
        throw;
    }
    std::stable_sort(out.ranking.begin(), out.ranking.end(), [](const BranchRank& a, const BranchRank& b) {
        if (a.withinTarget != b.withinTarget) return a.withinTarget > b.withinTarget;
        return a.served > b.served;
    });
    for (std::size_t i = 0; i < out.ranking.size(); ++i) out.ranking[i].rank = static_cast<int>(i) + 1;
    return out;
}

std::string rankingCsv(const std::vector<BranchRank>& ranking, report::Lang lang) {
    const bool zh = lang == report::Lang::Zh;
    std::string out = zh ? "排名,网点,名称,区域,服务人数,平均等候(秒),90%等候(秒),达标率,投诉数,每万人投诉,告警数,及时确认告警,及时确认率,设备离线次数\r\n"
                         : "rank,branch,name,region,served,mean_wait_s,p90_wait_s,within_target,complaints,complaints_per_10000,"
                           "alerts,alerts_acknowledged_in_time,acknowledged_in_time,devices_offline\r\n";
    const std::string noData = zh ? "无数据" : "no data";
    for (const auto& k : ranking) {
        out += std::to_string(k.rank) + "," + csvCell(k.id) + "," + csvCell(k.name) + "," + csvCell(k.region) + "," +
               std::to_string(k.served) + "," + fixed(k.meanWaitS, 1) + "," + fixed(k.p90WaitS, 1) + "," +
               fixed(k.withinTarget, 4) + "," + std::to_string(k.complaints) + "," +
               (k.complaintsPer10000 ? fixed(*k.complaintsPer10000, 2) : noData) + "," + std::to_string(k.alerts) + "," +
               std::to_string(k.alertsAckedInTime) + "," + (k.ackedInTimeShare ? fixed(*k.ackedInTimeShare, 4) : noData) +
               "," + std::to_string(k.devicesOffline) + "\r\n";
    }
    return out;
}

std::string rankingJson(const std::vector<BranchRank>& ranking) {
    std::string out = "[";
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        const auto& k = ranking[i];
        out += std::string(i ? "," : "") + "\n  {\"rank\": " + std::to_string(k.rank) + ", \"branch\": " + jsonString(k.id) +
               ", \"name\": " + jsonString(k.name) + ", \"region\": " + jsonString(k.region) +
               ", \"served\": " + std::to_string(k.served) + ", \"mean_wait_s\": " + fixed(k.meanWaitS, 3) +
               ", \"p90_wait_s\": " + fixed(k.p90WaitS, 3) + ", \"within_target\": " + fixed(k.withinTarget, 6) +
               ", \"complaints\": " + std::to_string(k.complaints) + ", \"complaints_per_10000\": " +
               (k.complaintsPer10000 ? fixed(*k.complaintsPer10000, 4) : "null") + ", \"alerts\": " +
               std::to_string(k.alerts) + ", \"alerts_acknowledged_in_time\": " + std::to_string(k.alertsAckedInTime) +
               ", \"acknowledged_in_time\": " + (k.ackedInTimeShare ? fixed(*k.ackedInTimeShare, 6) : "null") +
               ", \"devices_offline\": " + std::to_string(k.devicesOffline) + "}";
    }
    return out + (ranking.empty() ? "]" : "\n]");
}

std::string centralCsv(const CentralReport& r, report::Lang lang) {
    return report::toCsv(r.report, lang) + "\r\n" + rankingCsv(r.ranking, lang);
}

std::string centralJson(const CentralReport& r) {
    return "{\"report\": " + report::toJson(r.report) + ",\n\"ranking\": " + rankingJson(r.ranking) + "}\n";
}

}  // namespace lw::central

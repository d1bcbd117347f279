// CSV and JSON writers: figures for the period and, beside each, the previous period's.
#include "report/ReportFormat.h"

#include "config/Json.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace lw::report {

namespace {

std::string num(double v, int decimals = 1) {
    if (!std::isfinite(v)) return "";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

std::string cell(const std::string& s) { return csvCell(s); }

using config::jsonString;

const CategoryFigures* findCategory(const Period& p, const std::string& code) {
    if (code == "*") return &p.all;
    for (const auto& c : p.categories)
        if (c.code == code) return &c;
    return nullptr;
}

const WindowFigures* findWindow(const Period& p, int number) {
    for (const auto& w : p.windows)
        if (w.number == number) return &w;
    return nullptr;
}

const IncidentFigures* findIncident(const Period& p, const std::string& kind) {
    for (const auto& i : p.incidents)
        if (i.kind == kind) return &i;
    return nullptr;
}

std::string categoryJson(const CategoryFigures& c) {
    return "{\"code\":" + jsonString(c.code) + ",\"name_zh\":" + jsonString(c.nameZh) + ",\"name_en\":" + jsonString(c.nameEn) +
           ",\"target_min\":" + std::to_string(c.targetMin) + ",\"limit_min\":" + std::to_string(c.limitMin) +
           ",\"issued\":" + std::to_string(c.issued) + ",\"called\":" + std::to_string(c.called) +
           ",\"served\":" + std::to_string(c.served) + ",\"no_show\":" + std::to_string(c.noShow) +
           ",\"abandoned\":" + std::to_string(c.abandoned) + ",\"waiting\":" + std::to_string(c.waiting) +
           ",\"serving\":" + std::to_string(c.serving) + ",\"waits\":" + std::to_string(c.waits) +
           ",\"transfer_waits\":" + std::to_string(c.transferWaits) + ",\"mean_wait_s\":" + num(c.meanWaitS) +
           ",\"median_wait_s\":" + num(c.medianWaitS) + ",\"p90_wait_s\":" + num(c.p90WaitS) +
           ",\"max_wait_s\":" + num(c.maxWaitS) + ",\"within_target\":" + num(c.withinTarget, 4) +
           ",\"within_limit\":" + num(c.withinLimit, 4) + ",\"no_show_rate\":" + num(c.noShowRate, 4) +
           ",\"abandon_rate\":" + num(c.abandonRate, 4) + ",\"estimated\":" + std::to_string(c.estimated) +
           // No estimate stored (a replay, an import): no data, never an error of 0.0.
           ",\"estimate_mae_s\":" + (c.estimated ? num(c.estimateMaeS) : std::string("null")) +
           ",\"estimate_bias_s\":" + (c.estimated ? num(c.estimateBiasS) : std::string("null")) +
           // Transferred and called again: their time in the branch (none transferred: no data).
           ",\"transferred\":" + std::to_string(c.transferred) +
           ",\"mean_in_branch_s\":" + (c.transferred ? num(c.meanInBranchS) : std::string("null")) +
           ",\"p90_in_branch_s\":" + (c.transferred ? num(c.p90InBranchS) : std::string("null")) + "}";
}

std::string periodJson(const Period& p) {
    std::string out = "{\"from\":" + jsonString(p.from) + ",\"to\":" + jsonString(p.to) + ",\"days\":" + std::to_string(p.days) +
                      ",\"has_data\":" + (hasData(p) ? "true" : "false");
    out += ",\"running_day\":" + (p.runningDay.empty() ? std::string("null") : jsonString(p.runningDay)) +
           ",\"as_of\":" + (p.runningDay.empty() ? std::string("null") : jsonString(p.asOfLocal));
    out += ",\"all\":" + categoryJson(p.all) + ",\"categories\":[";
    for (std::size_t i = 0; i < p.categories.size(); ++i) out += (i ? "," : "") + categoryJson(p.categories[i]);
    out += "],\"windows\":[";
    for (std::size_t i = 0; i < p.windows.size(); ++i) {
        const auto& w = p.windows[i];
        out += std::string(i ? "," : "") + "{\"number\":" + std::to_string(w.number) + ",\"served\":" + std::to_string(w.served) +
               ",\"mean_service_s\":" + num(w.meanServiceS) + ",\"p90_service_s\":" + num(w.p90ServiceS) +
               ",\"mean_walk_s\":" + num(w.meanWalkS) + ",\"open_s\":" + num(w.openS, 0) + ",\"paused_s\":{";
        bool first = true;
        for (const auto& [reason, s] : w.pausedS) {
            out += (first ? "" : ",") + jsonString(reason) + ":" + num(s, 0);
            first = false;
        }
        out += "},\"idle_while_waiting_s\":" + num(w.idleWhileWaitingS, 0) + ",\"queue_jumps\":" + std::to_string(w.queueJumps) + "}";
    }
    out += "],\"heat\":[";
    for (int d = 0; d < 7; ++d) {
        out += d ? ",[" : "[";
        for (int h = 0; h < 24; ++h)
            out += std::string(h ? "," : "") + "{\"tickets\":" + std::to_string(p.heat[d][h].tickets) +
                   ",\"mean_wait_s\":" + num(p.heat[d][h].meanWaitS) + "}";
        out += "]";
    }
    out += "],\"incidents\":[";
    for (std::size_t i = 0; i < p.incidents.size(); ++i) {
        const auto& f = p.incidents[i];
        out += std::string(i ? "," : "") + "{\"kind\":" + jsonString(f.kind) + ",\"count\":" + std::to_string(f.count) +
               ",\"acknowledged\":" + std::to_string(f.acknowledged) + ",\"never_acknowledged\":" +
               std::to_string(f.neverAcknowledged) + ",\"escalated\":" + std::to_string(f.escalated) +
               ",\"mean_ack_s\":" + (f.acknowledged ? num(f.meanAckS) : std::string("null")) +
               ",\"mean_resolve_s\":" + (f.ended ? num(f.meanResolveS) : std::string("null")) + "}";
    }
    out += "],\"complaints\":{\"count\":" + std::to_string(p.complaints.count) + ",\"by_cause\":{";
    bool first = true;
    for (const auto& [k, n] : p.complaints.byCause) {
        out += (first ? "" : ",") + jsonString(k) + ":" + std::to_string(n);
        first = false;
    }
    out += "},\"by_channel\":{";
    first = true;
    for (const auto& [k, n] : p.complaints.byChannel) {
        out += (first ? "" : ",") + jsonString(k) + ":" + std::to_string(n);
        first = false;
    }
    out += "},\"after_wait_alert\":" + std::to_string(p.complaints.afterWaitAlert) +
           ",\"answered_on_time\":" + std::to_string(p.complaints.answeredOnTime) +
           ",\"answered_late\":" + std::to_string(p.complaints.answeredLate) + ",\"open\":" + std::to_string(p.complaints.open) + "}";
    return out + "}";
}

}  // namespace

std::string label(const std::string& key, Lang lang) {
    static const std::map<std::string, std::pair<const char*, const char*>> labels = {
        {"title", {"网点大堂报告", "Branch lobby report"}},
        {"period", {"期间", "Period"}},
        {"previous", {"上期", "previous"}},
        {"categories", {"业务类别", "Categories"}},
        {"category", {"类别", "Category"}},
        {"issued", {"取号", "Issued"}},
        {"called", {"叫号", "Called"}},
        {"served", {"办结", "Served"}},
        {"no_show", {"过号", "No-shows"}},
        {"abandoned", {"放弃", "Abandoned"}},
        {"waiting", {"等候中", "Waiting now"}},
        {"serving", {"办理中", "At a window now"}},
        {"running", {"营业中(未结束)", "Still running"}},
        {"as_of", {"截至", "as of"}},
        {"mean_wait_min", {"平均等候(分)", "Mean wait (min)"}},
        {"median_wait_min", {"中位等候(分)", "Median wait (min)"}},
        {"p90_wait_min", {"90%等候(分)", "90th pct wait (min)"}},
        {"max_wait_min", {"最长等候(分)", "Longest wait (min)"}},
        {"within_target", {"目标内(%)", "Within target (%)"}},
        {"within_limit", {"上限内(%)", "Within limit (%)"}},
        {"no_show_rate", {"过号率(%)", "No-show rate (%)"}},
        {"abandon_rate", {"放弃率(%)", "Abandonment (%)"}},
        {"windows", {"窗口", "Windows"}},
        {"window", {"窗口", "Window"}},
        {"mean_service_min", {"平均办理(分)", "Mean service (min)"}},
        {"p90_service_min", {"90%办理(分)", "90th pct service (min)"}},
        {"mean_walk_s", {"平均走到窗口(秒)", "Mean walk (s)"}},
        {"open_h", {"开放(时)", "Open (h)"}},
        {"paused_h", {"暂停(时)", "Paused (h)"}},
        {"idle_waiting_h", {"有人等候时空闲(时)", "Idle while waited for (h)"}},
        {"heat", {"各时段平均等候(分)", "Mean wait by weekday and hour (min)"}},
        {"weekday", {"星期", "Weekday"}},
        {"incidents", {"事件", "Incidents"}},
        {"kind", {"类型", "Kind"}},
        {"count", {"次数", "Count"}},
        {"never_acknowledged", {"未确认", "Never acknowledged"}},
        {"escalated", {"已上报", "Escalated"}},
        {"mean_ack_min", {"平均确认(分)", "Mean to acknowledge (min)"}},
        {"mean_resolve_min", {"平均处理(分)", "Mean to resolve (min)"}},
        {"all", {"全部", "All"}},
        {"complaints", {"投诉", "Complaints"}},
        {"queue_jumps", {"未按顺序叫号", "Calls out of turn"}},
        {"estimate_mae_min", {"预计等候误差(分)", "Estimate error (min)"}},
        {"estimate_bias_min", {"预计偏差(分)", "Estimate bias (min)"}},
        {"waits", {"等候次数", "Waits"}},
        {"transfer_waits", {"转办后等候", "Waits after a transfer"}},
        {"transferred", {"转办人数", "Transferred"}},
        {"mean_in_branch_min", {"转办客户平均在网点(分)", "Transferred: mean time in branch (min)"}},
        {"p90_in_branch_min", {"转办客户90%在网点(分)", "Transferred: 90th pct time in branch (min)"}},
        {"after_wait_alert", {"等候提醒之后", "After a wait alert"}},
        {"answered_on_time", {"按期答复", "Answered on time"}},
        {"answered_late", {"逾期答复", "Answered late"}},
        {"open", {"未答复", "Not answered yet"}},
        {"by_cause", {"按原因", "By cause"}},
        {"by_channel", {"按渠道", "By channel"}},
        {"no_data", {"无数据", "no data"}},
        {"branch", {"网点", "Branch"}},
        // Incident kinds, as a person reads them (the log keeps the identifiers).
        {"kind:long_wait", {"等候超时", "Long wait"}},
        {"kind:predicted_breach", {"预计超时", "Wait limit likely to be passed"}},
        {"kind:slow_window", {"窗口办理慢", "Slow window"}},
        {"kind:idle_window", {"有人等候时窗口空闲", "Window idle while people wait"}},
        {"kind:no_shows", {"连续过号", "Many no-shows"}},
        {"kind:waits", {"等候过长", "Customers waiting too long"}},
        {"kind:window_closed", {"窗口关闭仍有排队", "Window closed with a queue"}},
        {"kind:understaffed", {"窗口不足", "Too few windows open"}},
        {"kind:device", {"设备故障", "Device fault"}},
        {"kind:device_offline", {"设备离线", "Device offline"}},
        {"kind:link_down", {"通信中断", "Connection lost"}},
        {"kind:log_write_failed", {"记录写入失败", "Event log not written"}},
        {"kind:log_damaged", {"记录文件损坏", "Event log damaged"}},
        {"kind:keypad_locked", {"密码键盘锁定", "Keypad locked"}},
        {"kind:complaint_due", {"投诉到期", "Complaint due"}},
        {"kind:clock_implausible", {"时钟异常", "Clock implausible"}},
        {"kind:clock_jump", {"时钟跳变", "Clock jumped"}},
        {"kind:clock_back", {"时钟回拨", "Clock set back"}},
        // Lobby incidents opened by hand (the lobby manager's crisis routine).
        {"kind:floor_disturbance", {"客户闹事", "Disturbance"}},
        {"kind:floor_customer_unwell", {"客户身体不适", "Customer unwell"}},
        {"kind:floor_accident", {"意外事故", "Accident"}},
        {"kind:floor_fraud_victim", {"疑似电信诈骗受害人", "Fraud victim"}},
        {"kind:floor_machine_fault", {"自助设备故障", "ATM or machine fault"}},
        {"kind:floor_cash_delay", {"现金调拨延误", "Cash delay"}},
        {"kind:floor_other", {"其他突发事件", "Other lobby incident"}},
    };
    auto it = labels.find(key);
    if (it == labels.end()) return key;
    return lang == Lang::Zh ? it->second.first : it->second.second;
}

std::string csvCell(const std::string& text) {
    // A text a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return: a branch or
    // category name from a config file, or a branch's own name in the central database) starts with ' so that it
    // is shown as written and never run.
    const std::string s = !text.empty() && std::string("=+-@\t\r").find(text[0]) != std::string::npos ? "'" + text : text;
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string toCsv(const Report& r, Lang lang) {
    const Period& cur = r.current;
    const Period& prev = r.previous;
    auto L = [lang](const char* key) { return label(key, lang); };
    auto P = [&](const char* key) { return cell(label(key, lang) + " (" + label("previous", lang) + ")"); };
    // A previous period with nothing logged: its cells are empty and say "no data", never 0.
    const bool prevData = hasData(prev);
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: spreadsheets read the Chinese right
    out += cell(L("title")) + "," + cell(L("period")) + "," + cur.from + "," + cur.to + "," + cell(L("previous")) + "," +
           prev.from + "," + prev.to;
    if (!prevData) out += "," + cell(L("no_data"));
    if (!r.branchName.empty() || !r.branchId.empty())
        out += "," + cell(L("branch")) + "," + cell(r.branchName) + "," + cell(r.branchId);
    // A day still running: its waiting and serving people are not (yet) abandoned or no-shows.
    if (!cur.runningDay.empty())
        out += "," + cell(L("running")) + "," + cur.runningDay + "," + cell(L("as_of")) + "," + cur.asOfLocal;
    out += "\r\n\r\n";

    out += cell(L("categories")) + "\r\n";
    const char* catKeys[] = {"issued", "served", "no_show", "abandoned", "waiting", "serving", "mean_wait_min", "median_wait_min", "p90_wait_min",
                             "max_wait_min", "within_target", "within_limit", "no_show_rate", "abandon_rate",
                             "estimate_mae_min", "estimate_bias_min", "waits", "transfer_waits", "transferred",
                             "mean_in_branch_min", "p90_in_branch_min"};
    out += cell(L("category"));
    for (const char* k : catKeys) out += "," + cell(L(k)) + "," + P(k);
    out += "\r\n";
    auto catValues = [](const CategoryFigures* c) {
        std::vector<std::string> v;
        if (!c) return std::vector<std::string>(21, "");
        v = {std::to_string(c->issued), std::to_string(c->served), std::to_string(c->noShow), std::to_string(c->abandoned),
             std::to_string(c->waiting), std::to_string(c->serving),
             num(c->meanWaitS / 60), num(c->medianWaitS / 60), num(c->p90WaitS / 60), num(c->maxWaitS / 60),
             num(c->withinTarget * 100), num(c->withinLimit * 100), num(c->noShowRate * 100), num(c->abandonRate * 100),
             c->estimated ? num(c->estimateMaeS / 60) : std::string(), c->estimated ? num(c->estimateBiasS / 60) : std::string(),
             std::to_string(c->waits), std::to_string(c->transferWaits), std::to_string(c->transferred),
             c->transferred ? num(c->meanInBranchS / 60) : std::string(), c->transferred ? num(c->p90InBranchS / 60) : std::string()};
        return v;
    };
    std::vector<const CategoryFigures*> rows;
    for (const auto& c : cur.categories) rows.push_back(&c);
    rows.push_back(&cur.all);
    for (const CategoryFigures* c : rows) {
        std::string name = c->code == "*" ? L("all") : c->code + " " + (lang == Lang::Zh ? c->nameZh : c->nameEn);
        auto now = catValues(c), before = catValues(prevData ? findCategory(prev, c->code) : nullptr);
        out += cell(name);
        for (std::size_t i = 0; i < now.size(); ++i) out += "," + now[i] + "," + before[i];
        out += "\r\n";
    }

    out += "\r\n" + cell(L("windows")) + "\r\n" + cell(L("window"));
    const char* winKeys[] = {"served", "mean_service_min", "p90_service_min", "mean_walk_s", "open_h", "paused_h", "idle_waiting_h",
                             "queue_jumps"};
    for (const char* k : winKeys) out += "," + cell(L(k)) + "," + P(k);
    out += "\r\n";
    auto winValues = [](const WindowFigures* w) {
        if (!w) return std::vector<std::string>(8, "");
        double paused = 0;
        for (const auto& [reason, s] : w->pausedS) paused += s;
        return std::vector<std::string>{std::to_string(w->served), num(w->meanServiceS / 60), num(w->p90ServiceS / 60),
                                        num(w->meanWalkS, 0), num(w->openS / 3600), num(paused / 3600),
                                        num(w->idleWhileWaitingS / 3600, 2), std::to_string(w->queueJumps)};
    };
    for (const auto& w : cur.windows) {
        auto now = winValues(&w), before = winValues(prevData ? findWindow(prev, w.number) : nullptr);
        out += std::to_string(w.number);
        for (std::size_t i = 0; i < now.size(); ++i) out += "," + now[i] + "," + before[i];
        out += "\r\n";
    }

    out += "\r\n" + cell(L("heat")) + "\r\n" + cell(L("weekday"));
    for (int h = 0; h < 24; ++h) out += "," + std::to_string(h);
    out += "\r\n";
    static const char* const daysZh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    static const char* const daysEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int d = 0; d < 7; ++d) {
        out += lang == Lang::Zh ? daysZh[d] : daysEn[d];
        for (int h = 0; h < 24; ++h) out += "," + (cur.heat[d][h].tickets ? num(cur.heat[d][h].meanWaitS / 60) : std::string());
        out += "\r\n";
    }

    out += "\r\n" + cell(L("incidents")) + "\r\n" + cell(L("kind"));
    const char* incKeys[] = {"count", "never_acknowledged", "escalated", "mean_ack_min", "mean_resolve_min"};
    for (const char* k : incKeys) out += "," + cell(L(k)) + "," + P(k);
    out += "\r\n";
    // A mean of nothing (none acknowledged, none ended) is no data: an empty cell, never 0.0.
    auto incValues = [](const IncidentFigures* f) {
        if (!f) return std::vector<std::string>(5, "");
        return std::vector<std::string>{std::to_string(f->count), std::to_string(f->neverAcknowledged),
                                        std::to_string(f->escalated), f->acknowledged ? num(f->meanAckS / 60) : std::string(),
                                        f->ended ? num(f->meanResolveS / 60) : std::string()};
    };
    for (const auto& f : cur.incidents) {
        auto now = incValues(&f), before = incValues(prevData ? findIncident(prev, f.kind) : nullptr);
        out += cell(label("kind:" + f.kind, lang));
        for (std::size_t i = 0; i < now.size(); ++i) out += "," + now[i] + "," + before[i];
        out += "\r\n";
    }

    out += "\r\n" + cell(L("complaints")) + "," + cell(L("count")) + "," + P("count") + "\r\n";
    const ComplaintFigures& c = cur.complaints;
    const ComplaintFigures& cp = prev.complaints;
    auto row = [&](const std::string& name, int now, int before) {
        out += cell(name) + "," + std::to_string(now) + "," + (prevData ? std::to_string(before) : std::string()) + "\r\n";
    };
    row(L("count"), c.count, cp.count);
    row(L("after_wait_alert"), c.afterWaitAlert, cp.afterWaitAlert);
    row(L("answered_on_time"), c.answeredOnTime, cp.answeredOnTime);
    row(L("answered_late"), c.answeredLate, cp.answeredLate);
    row(L("open"), c.open, cp.open);
    for (const auto& [cause, n] : c.byCause) row(L("by_cause") + ": " + cause, n, cp.byCause.count(cause) ? cp.byCause.at(cause) : 0);
    for (const auto& [channel, n] : c.byChannel)
        row(L("by_channel") + ": " + channel, n, cp.byChannel.count(channel) ? cp.byChannel.at(channel) : 0);
    return out;
}

std::string toJson(const Report& r) {
    return "{\"format\":\"lobbywatch-report-1\",\"branch\":{\"name\":" + jsonString(r.branchName) + ",\"id\":" +
           jsonString(r.branchId) + "},\"current\":" + periodJson(r.current) +
           ",\"previous\":" + periodJson(r.previous) + "}\n";
}

}  // namespace lw::report

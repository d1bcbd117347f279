// A report's totals: merged day by day, and kept as a compact versioned byte string (the day_totals table).
#include "report/Report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace lw::report {

void CategoryTotals::merge(const CategoryTotals& o) {
    issued += o.issued;
    called += o.called;
    served += o.served;
    noShow += o.noShow;
    abandoned += o.abandoned;
    waiting += o.waiting;
    serving += o.serving;
    withinTarget += o.withinTarget;
    withinLimit += o.withinLimit;
    estimated += o.estimated;
    estimateAbsS += o.estimateAbsS;
    estimateErrS += o.estimateErrS;
    waits.insert(waits.end(), o.waits.begin(), o.waits.end());
}

void Totals::merge(const Totals& o) {
    for (const auto& code : o.order)
        if (std::find(order.begin(), order.end(), code) == order.end()) order.push_back(code);
    for (const auto& [code, t] : o.categories) categories[code].merge(t);
    for (const auto& [n, w] : o.windows) {
        WindowTotals& m = windows[n];
        m.served += w.served;
        m.services.insert(m.services.end(), w.services.begin(), w.services.end());
        m.walkSumS += w.walkSumS;
        m.walks += w.walks;
        m.openS += w.openS;
        for (const auto& [reason, sec] : w.pausedS) m.pausedS[reason] += sec;
        m.idleWhileWaitingS += w.idleWhileWaitingS;
        m.queueJumps += w.queueJumps;
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            heatTickets[d][h] += o.heatTickets[d][h];
            heatWaitS[d][h] += o.heatWaitS[d][h];
        }
}

namespace {

// A compact, versioned byte format for a day's totals: little-endian integers; times in milliseconds.
// 2: a window's served counts only finishes of the day's tickets (as the category's does); days kept in format 1
// are summed again from their events. 3: each window's calls out of the queue's order; days kept in format 2 are
// summed again likewise.
constexpr std::uint32_t kTotalsFormat = 3;

struct Writer {
    std::string out;
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
    }
    void i64(std::int64_t v) {
        auto u = static_cast<std::uint64_t>(v);
        for (int i = 0; i < 8; ++i) out += static_cast<char>((u >> (8 * i)) & 0xff);
    }
    void ms(double seconds) { i64(static_cast<std::int64_t>(std::llround(seconds * 1000.0))); }
    void str(const std::string& s) {
        u32(static_cast<std::uint32_t>(s.size()));
        out += s;
    }
};

struct Reader {
    const std::string& in;
    std::size_t at = 0;
    bool ok = true;
    std::uint32_t u32() {
        if (at + 4 > in.size()) { ok = false; return 0; }
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])) << (8 * i);
        at += 4;
        return v;
    }
    std::int64_t i64() {
        if (at + 8 > in.size()) { ok = false; return 0; }
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])) << (8 * i);
        at += 8;
        return static_cast<std::int64_t>(v);
    }
    double ms() { return static_cast<double>(i64()) / 1000.0; }
    std::string str() {
        std::uint32_t n = u32();
        if (!ok || at + n > in.size()) { ok = false; return {}; }
        std::string s = in.substr(at, n);
        at += n;
        return s;
    }
    int count() {  // a count of things that follow: never more than the bytes left
        std::uint32_t n = u32();
        if (n > in.size() - std::min(in.size(), at)) ok = false;
        return ok ? static_cast<int>(n) : 0;
    }
};

}  // namespace

std::string Totals::serialize() const {
    Writer w;
    w.u32(kTotalsFormat);
    w.u32(static_cast<std::uint32_t>(order.size()));
    for (const auto& code : order) w.str(code);
    w.u32(static_cast<std::uint32_t>(categories.size()));
    for (const auto& [code, t] : categories) {
        w.str(code);
        for (int v : {t.issued, t.called, t.served, t.noShow, t.abandoned, t.withinTarget, t.withinLimit, t.estimated})
            w.u32(static_cast<std::uint32_t>(v));
        w.ms(t.estimateAbsS);
        w.ms(t.estimateErrS);
        w.u32(static_cast<std::uint32_t>(t.waits.size()));
        for (double x : t.waits) w.ms(x);
    }
    w.u32(static_cast<std::uint32_t>(windows.size()));
    for (const auto& [n, t] : windows) {
        w.u32(static_cast<std::uint32_t>(n));
        w.u32(static_cast<std::uint32_t>(t.served));
        w.u32(static_cast<std::uint32_t>(t.walks));
        w.ms(t.walkSumS);
        w.ms(t.openS);
        w.ms(t.idleWhileWaitingS);
        w.u32(static_cast<std::uint32_t>(t.queueJumps));
        w.u32(static_cast<std::uint32_t>(t.pausedS.size()));
        for (const auto& [reason, sec] : t.pausedS) {
            w.str(reason);
            w.ms(sec);
        }
        w.u32(static_cast<std::uint32_t>(t.services.size()));
        for (double x : t.services) w.ms(x);
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            w.u32(static_cast<std::uint32_t>(heatTickets[d][h]));
            w.ms(heatWaitS[d][h]);
        }
    return w.out;
}

std::optional<Totals> Totals::parse(const std::string& bytes) {
    Reader r{bytes};
    Totals t;
    if (r.u32() != kTotalsFormat) return std::nullopt;
    for (int i = 0, n = r.count(); r.ok && i < n; ++i) t.order.push_back(r.str());
    for (int i = 0, n = r.count(); r.ok && i < n; ++i) {
        CategoryTotals& c = t.categories[r.str()];
        for (int* v : {&c.issued, &c.called, &c.served, &c.noShow, &c.abandoned, &c.withinTarget, &c.withinLimit, &c.estimated})
            *v = static_cast<int>(r.u32());
        c.estimateAbsS = r.ms();
        c.estimateErrS = r.ms();
        for (int k = 0, m = r.count(); r.ok && k < m; ++k) c.waits.push_back(r.ms());
    }
    for (int i = 0, n = r.count(); r.ok && i < n; ++i) {
        WindowTotals& w = t.windows[static_cast<int>(r.u32())];
        w.served = static_cast<int>(r.u32());
        w.walks = static_cast<int>(r.u32());
        w.walkSumS = r.ms();
        w.openS = r.ms();
        w.idleWhileWaitingS = r.ms();
        w.queueJumps = static_cast<int>(r.u32());
        for (int k = 0, m = r.count(); r.ok && k < m; ++k) {
            std::string reason = r.str();
            w.pausedS[reason] = r.ms();
        }
        for (int k = 0, m = r.count(); r.ok && k < m; ++k) w.services.push_back(r.ms());
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            t.heatTickets[d][h] = static_cast<int>(r.u32());
            t.heatWaitS[d][h] = r.ms();
        }
    if (!r.ok || r.at != bytes.size()) return std::nullopt;
    return t;
}

}  // namespace lw::report

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
    transferWaits += o.transferWaits;
    transferred += o.transferred;
    inBranch.insert(inBranch.end(), o.inBranch.begin(), o.inBranch.end());
}

void Totals::merge(const Totals& o) {
    olderFormat = olderFormat || o.olderFormat;
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
// summed again likewise. 4: waits counted per wait, a transferred ticket's second wait on its own clock in the
// category it waited in, and the transferred tickets' time in the branch; every list of durations kept sorted as
// varint differences of milliseconds (far fewer bytes than format 3's, and a region's month reads 30,000 days).
// Format 3 is still read (Totals::olderFormat).
constexpr std::uint32_t kTotalsFormat = 4;
constexpr std::uint32_t kOldestReadFormat = 3;

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
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>((v & 0x7f) | 0x80);
            v >>= 7;
        }
        out += static_cast<char>(v);
    }
    // Durations (seconds, kept to the millisecond): their count, then sorted, each as the zigzag varint of its
    // difference from the one before.
    void durations(const std::vector<double>& values) {
        std::vector<std::int64_t> ms;
        ms.reserve(values.size());
        for (double x : values) ms.push_back(static_cast<std::int64_t>(std::llround(x * 1000.0)));
        std::sort(ms.begin(), ms.end());
        u32(static_cast<std::uint32_t>(ms.size()));
        std::int64_t last = 0;
        for (std::int64_t v : ms) {
            const std::int64_t d = v - last;
            varint((static_cast<std::uint64_t>(d) << 1) ^ static_cast<std::uint64_t>(d >> 63));
            last = v;
        }
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
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= in.size()) break;
            const auto b = static_cast<unsigned char>(in[at++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
        ok = false;
        return 0;
    }
    void skipDurations() {
        for (int i = 0, n = count(); ok && i < n; ++i) varint();
    }
    void durations(std::vector<double>& out) {
        const int n = count();
        out.reserve(out.size() + static_cast<std::size_t>(n));
        std::int64_t last = 0;
        for (int i = 0; ok && i < n; ++i) {
            const std::uint64_t z = varint();
            last += static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
            out.push_back(static_cast<double>(last) / 1000.0);
        }
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
        w.u32(static_cast<std::uint32_t>(t.transferWaits));
        w.u32(static_cast<std::uint32_t>(t.transferred));
        w.ms(t.estimateAbsS);
        w.ms(t.estimateErrS);
        w.durations(t.waits);
        w.durations(t.inBranch);
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
        w.durations(t.services);
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            w.u32(static_cast<std::uint32_t>(heatTickets[d][h]));
            w.ms(heatWaitS[d][h]);
        }
    return w.out;
}

namespace {

std::optional<Totals> parseTotals(const std::string& bytes, bool services) {
    Reader r{bytes};
    Totals t;
    const std::uint32_t format = r.u32();
    if (format < kOldestReadFormat || format > kTotalsFormat) return std::nullopt;
    t.olderFormat = format < kTotalsFormat;
    for (int i = 0, n = r.count(); r.ok && i < n; ++i) t.order.push_back(r.str());
    for (int i = 0, n = r.count(); r.ok && i < n; ++i) {
        CategoryTotals& c = t.categories[r.str()];
        for (int* v : {&c.issued, &c.called, &c.served, &c.noShow, &c.abandoned, &c.withinTarget, &c.withinLimit, &c.estimated})
            *v = static_cast<int>(r.u32());
        if (format >= 4) {
            c.transferWaits = static_cast<int>(r.u32());
            c.transferred = static_cast<int>(r.u32());
        }
        c.estimateAbsS = r.ms();
        c.estimateErrS = r.ms();
        if (format >= 4) {
            r.durations(c.waits);
            r.durations(c.inBranch);
        } else {
            for (int k = 0, m = r.count(); r.ok && k < m; ++k) c.waits.push_back(r.ms());
        }
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
        if (format >= 4) {
            if (services) r.durations(w.services);
            else r.skipDurations();
        } else {
            for (int k = 0, m = r.count(); r.ok && k < m; ++k) w.services.push_back(r.ms());
        }
    }
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) {
            t.heatTickets[d][h] = static_cast<int>(r.u32());
            t.heatWaitS[d][h] = r.ms();
        }
    if (!r.ok || r.at != bytes.size()) return std::nullopt;
    return t;
}

}  // namespace

std::optional<Totals> Totals::parse(const std::string& bytes) { return parseTotals(bytes, true); }

std::optional<Totals> Totals::parseWithoutServices(const std::string& bytes) { return parseTotals(bytes, false); }

int Totals::formatOf(const std::string& bytes) {
    Reader r{bytes};
    const std::uint32_t format = r.u32();
    return r.ok && format <= 1000 ? static_cast<int>(format) : 0;
}

}  // namespace lw::report

// The import command: check the file is text, read it row by row (EventCsv), model it (Lobby), and write the new
// events in one transaction; bad rows are grouped by reason, and past --max-rejected nothing is written.
#include "app/cli/ImportCommand.h"

#include "app/cli/CommandSupport.h"
#include "app/cli/DecodedFile.h"
#include "lobby/EventCsv.h"
#include "store/EventStore.h"
#include "lobby/Lobby.h"
#include "lobby/LocalTime.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStringDecoder>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_map>

namespace lw::app {

namespace {

constexpr int kExitUsage = 2;
constexpr std::size_t kSniffBytes = 1 << 20;
constexpr std::size_t kChunkEvents = 4096;
constexpr std::size_t kLinesShown = 5;

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "lobbywatch: %s\n", lobby::printable(message, 2000).c_str());
    return code;
}

// Rejected rows, grouped by what was wrong: a count and the first few lines of each.
class Rejects {
public:
    void add(const lobby::CsvError& e) {
        ++total_;
        const std::string key = e.column + ": " + (e.reason.empty() ? e.message : e.reason);
        auto it = index_.find(key);
        if (it == index_.end()) {
            it = index_.emplace(key, groups_.size()).first;
            groups_.push_back(Group{key, e.line, e.message, 0, {}});
        }
        Group& g = groups_[it->second];
        ++g.count;
        if (g.lines.size() < kLinesShown) g.lines.push_back(e.line);
        if (out_) *out_ << e.line << ',' << quote(e.column) << ',' << quote(lobby::printable(e.message, 400)) << '\n';
    }
    void print(const std::string& file) const {
        if (total_ == 0) return;
        std::fprintf(stderr, "lobbywatch: %s: %zu row%s rejected, by reason:\n", lobby::printable(file).c_str(), total_,
                     total_ == 1 ? "" : "s");
        for (const Group& g : groups_) {
            std::string lines;
            for (int l : g.lines) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
            if (g.count > g.lines.size()) lines += ", ...";
            std::fprintf(stderr, "  %zu x column %s\n      line%s %s; first: line %d: %s\n", g.count,
                         lobby::printable(g.key, 300).c_str(), g.count > 1 ? "s" : "", lines.c_str(), g.firstLine,
                         lobby::printable(g.firstMessage, 300).c_str());
        }
    }
    std::size_t total() const { return total_; }
    bool openFile(const std::string& path) {
        out_ = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
        if (!*out_) return false;
        *out_ << "line,column,message\n";
        return true;
    }
    bool closeFile() {
        if (!out_) return true;
        out_->close();
        return !out_->fail();
    }

private:
    struct Group {
        std::string key;
        int firstLine = 0;
        std::string firstMessage;
        std::size_t count = 0;
        std::vector<int> lines;
    };
    static std::string quote(const std::string& s) {
        if (s.find_first_of(",\"") == std::string::npos) return s;
        std::string out = "\"";
        for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    }
    std::vector<Group> groups_;
    std::map<std::string, std::size_t> index_;
    std::size_t total_ = 0;
    std::unique_ptr<std::ofstream> out_;
};

// Looks at the file's first megabyte: empty, binary, or not UTF-8 (and then whether it reads as GB18030) are
// refused before anything is opened for writing. Empty: fine.
std::string sniff(const std::string& path, bool utf8) {
    std::ifstream in(path, std::ios::binary);
    std::string head(kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const bool whole = in.gcount() < static_cast<std::streamsize>(kSniffBytes);
    if (head.empty()) return "the file is empty: nothing to import";
    const auto nul = head.find('\0');
    if (nul != std::string::npos)
        return "this is not a CSV text file (a NUL byte at offset " + std::to_string(nul) + "; a binary file?)";
    if (!utf8) return {};
    if (!whole) head.resize(head.rfind('\n') == std::string::npos ? 0 : head.rfind('\n'));  // whole lines only
    if (lobby::isUtf8(head)) return {};
    QStringDecoder gb18030("GB18030");
    (void)gb18030.decode(QByteArrayView(head.data(), static_cast<qsizetype>(head.size())));
    if (gb18030.isValid() && !gb18030.hasError())
        return "the file is not UTF-8 text: it reads as GB18030 (GBK, the Chinese encoding of Windows and Excel). "
               "Import it with --encoding gb18030";
    return "the file is not UTF-8 text; give its encoding with --encoding utf-8|gbk|gb18030";
}

// --columns "时间=time,事件=event": the file's names for ours.
bool parseColumns(const QString& text, lobby::CsvOptions& options, std::string& error) {
    for (const QString& pair : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == pair.size() - 1) {
            error = "--columns: expected FILE_NAME=OURS pairs separated by commas (时间=time,事件=event), found '" +
                    pair.toStdString() + "'";
            return false;
        }
        const std::string to = pair.mid(eq + 1).trimmed().toLower().toStdString();
        const std::string ours = std::string(",") + lobby::kEventCsvHeader + ",";
        if (ours.find("," + to + ",") == std::string::npos) {
            error = "--columns: '" + to + "' is not one of " + lobby::kEventCsvHeader;
            return false;
        }
        options.columnNames.emplace_back(pair.left(eq).trimmed().toStdString(), to);
    }
    return true;
}

// The end of tomorrow, local time: later rows are implausible.
lobby::TimeMs endOfTomorrow(int utcOffsetMinutes) {
    const std::int64_t offsetMs = static_cast<std::int64_t>(utcOffsetMinutes) * 60'000;
    const std::int64_t localNow = QDateTime::currentMSecsSinceEpoch() + offsetMs;
    const std::int64_t today = localNow / 86'400'000 - (localNow < 0 ? 1 : 0);
    return (today + 2) * 86'400'000 - 1000 - offsetMs;
}

// What the log already holds of each business day the file enters. The lobby model starts such a day with the
// log's events up to the file's first row of it (an export cut mid-day continues one imported before: its
// calls find their tickets, a repeated category is checked against the ticket's). From the day's first event the
// kiosk recorded live, the file's rows are left out: the kiosk's own record of those hours stands.
class LogDays {
public:
    LogDays(store::EventStore& store, const lobby::LobbyConfig& config) : store_(store), config_(config) {}

    // Called with each good row before it is modelled; false: the row is of hours the kiosk recorded live.
    bool take(const lobby::LobbyEvent& e, lobby::Lobby& lobby) {
        const std::int64_t number = lobby::businessDayNumber(e.time, config_);
        auto it = days_.find(number);
        if (it == days_.end()) {
            Day d;
            d.day = lobby::businessDayOf(e.time, config_);
            d.liveFrom = store_.firstLiveEvent(d.day);
            // From the start of that minute: an export's times may be whole minutes (Excel's "8:30"), and the
            // kiosk's first event must not come back as a row of an earlier second.
            if (d.liveFrom) *d.liveFrom -= *d.liveFrom % 60'000;
            it = days_.emplace(number, std::move(d)).first;
            const Day& day = it->second;
            if (lobby.businessDay().empty() || lobby.businessDay() < day.day) {
                for (const lobby::LobbyEvent& earlier : store_.eventsOfDay(day.day))
                    if (earlier.time <= e.time && (!day.liveFrom || earlier.time < *day.liveFrom)) (void)lobby.apply(earlier);
            }
        }
        Day& day = it->second;
        if (!day.liveFrom || e.time < *day.liveFrom) return true;
        ++day.liveRows;
        ++liveRows_;
        return false;
    }
    std::uint64_t liveRows() const { return liveRows_; }
    void print() const {
        if (liveRows_ == 0) return;
        std::string days;
        for (const auto& [number, d] : days_)
            if (d.liveRows > 0) days += (days.empty() ? "" : ", ") + d.day;
        std::printf("left out, recorded live by the kiosk: %llu (from the minute of its first event of %s)\n",
                    static_cast<unsigned long long>(liveRows_), days.c_str());
    }

private:
    struct Day {
        std::string day;                       // YYYY-MM-DD
        std::optional<lobby::TimeMs> liveFrom;  // the minute the kiosk began recording it live
        std::uint64_t liveRows = 0;            // the file's rows left out for it
    };
    store::EventStore& store_;
    const lobby::LobbyConfig& config_;
    std::map<std::int64_t, Day> days_;  // by business day number: printed in order, each once
    std::uint64_t liveRows_ = 0;
};

}  // namespace

QList<QCommandLineOption> importOptions() {
    return {
        {"max-rejected", "import: how many bad rows may be left out (default 0: any bad row refuses the whole file).", "N"},
        {"rejects-out", "import: write every rejected row's line, column and reason to this CSV file.", "FILE"},
        {"columns", "import: the file's column names for ours, e.g. 时间=time,事件=event,票号=ticket.", "MAP"},
        {"encoding", "import: the file's text encoding: utf-8 (default), gbk or gb18030.", "NAME"},
        {"time-format", "import: the time form when not a built-in one, e.g. dd.MM.yyyy HH:mm (yyyy MM dd HH mm ss).", "FORMAT"},
    };
}

int importCommand(const QCommandLineParser& cli, const QString& file, const kiosk::KioskConfig& config) {
    const std::string path = file.toStdString();
    lobby::CsvOptions options;
    std::size_t maxRejected = 0;
    if (cli.isSet("max-rejected")) {
        bool ok = false;
        const qlonglong n = cli.value("max-rejected").toLongLong(&ok);
        if (!ok || n < 0) return fail(kExitUsage, "--max-rejected: expected a count 0 or more");
        maxRejected = static_cast<std::size_t>(n);
    }
    std::string error;
    if (cli.isSet("columns") && !parseColumns(cli.value("columns"), options, error)) return fail(kExitUsage, error);
    options.timeFormat = cli.value("time-format").toStdString();
    if (cli.isSet("time-format") &&
        (options.timeFormat.find("yyyy") == std::string::npos || options.timeFormat.find('M') == std::string::npos ||
         options.timeFormat.find('d') == std::string::npos || options.timeFormat.find('H') == std::string::npos))
        return fail(kExitUsage, "--time-format: expected at least yyyy, M, d and H in it, e.g. dd.MM.yyyy HH:mm");
    const QString encoding = cli.isSet("encoding") ? cli.value("encoding").toLower() : QStringLiteral("utf-8");
    if (encoding != "utf-8" && encoding != "utf8" && encoding != "gbk" && encoding != "gb18030")
        return fail(kExitUsage, "--encoding: expected utf-8, gbk or gb18030");
    const bool utf8 = encoding.startsWith(QLatin1String("utf"));
    options.latest = endOfTomorrow(config.lobby.utcOffsetMinutes);

    const QFileInfo info(file);
    if (!info.exists()) return fail(kImportFailed, "cannot read " + path + ": no such file");
    if (info.isDir()) return fail(kImportFailed, path + " is a directory, not an events CSV file");
    std::ifstream raw(path, std::ios::binary);
    if (!raw) return fail(kImportFailed, "cannot read " + path);
    if (auto problem = sniff(path, utf8); !problem.empty()) return fail(kImportRefused, path + ": " + problem);

    // GBK is read as GB18030, which contains it.
    std::unique_ptr<DecodingBuffer> decoded;
    std::unique_ptr<std::istream> decodedStream;
    if (!utf8) {
        decoded = std::make_unique<DecodingBuffer>(raw, "GB18030");
        if (!decoded->valid()) return fail(kImportFailed, "this Qt cannot decode GB18030 (built without ICU?)");
        decodedStream = std::make_unique<std::istream>(decoded.get());
    }
    std::istream& in = decodedStream ? *decodedStream : static_cast<std::istream&>(raw);

    Rejects rejects;
    if (cli.isSet("rejects-out") && !rejects.openFile(cli.value("rejects-out").toStdString()))
        return fail(kImportFailed, "cannot write the rejected rows to " + cli.value("rejects-out").toStdString());

    // Ingest: the log's one writer (a kiosk, another import or a replay holding it is named and refused).
    auto opened = store::EventStore::open(QString::fromStdString(config.database), config.lobby,
                                          store::EventStore::Check::Full, store::EventStore::Access::Ingest);
    if (!opened.store) return fail(kImportFailed, opened.error);
    store::EventStore& store = *opened.store;
    if (!store.writeProblem().empty()) return fail(kImportFailed, store.writeProblem());
    if (auto e = store.beginImport()) return fail(kImportFailed, "cannot write the event log: " + *e);

    lobby::Lobby lobby(config.lobby);
    LogDays logDays(store, config.lobby);
    std::unique_ptr<kiosk::Audit> audit;
    if (cli.isSet("predictions-out")) audit = std::make_unique<kiosk::Audit>(lobby, config.alerts);
    lobby::EventCsvReader reader(in, path, config.lobby.utcOffsetMinutes, options);

    QElapsedTimer timer;
    timer.start();
    std::vector<store::EventStore::KeyedEvent> chunk;
    std::vector<std::vector<lobby::Anomaly>> chunkAnomalies;
    std::vector<bool> added;
    std::uint64_t events = 0, fresh = 0, already = 0, anomalies = 0;
    std::vector<int> newWindows;
    std::vector<std::string> newCategories;
    // Identical events within a day are told apart by their occurrence (the key's last part).
    std::unordered_map<std::uint64_t, int> occurrences;
    std::int64_t occurrenceDay = INT64_MIN;
    auto flush = [&]() -> std::optional<std::string> {
        if (chunk.empty()) return std::nullopt;
        if (rejects.total() <= maxRejected) {  // past it nothing will be kept: no use writing
            if (auto e = store.importEvents(chunk, added)) return e;
            std::vector<lobby::Anomaly> keep;
            for (std::size_t i = 0; i < chunk.size(); ++i) {
                if (!added[i]) {
                    ++already;
                    continue;
                }
                ++fresh;
                for (auto& a : chunkAnomalies[i]) keep.push_back(std::move(a));
            }
            anomalies += keep.size();
            if (auto e = store.importAnomalies(keep)) return e;
        }
        chunk.clear();
        chunkAnomalies.clear();
        return std::nullopt;
    };

    lobby::CsvRow row;
    while (reader.next(row)) {
        if (const auto* e = row.error()) {
            if (e->column == "header") {
                store.rollbackImport();
                return fail(kImportRefused, e->text(path));
            }
            rejects.add(*e);
            continue;
        }
        if (!logDays.take(*row.event(), lobby)) continue;
        if (auto disagreement = lobby::checkStatedCategory(row, lobby)) {
            rejects.add(*disagreement);
            continue;
        }
        const lobby::LobbyEvent& e = *row.event();
        ++events;
        const std::int64_t day = lobby::businessDayNumber(e.time, config.lobby);
        if (day != occurrenceDay) {
            occurrences.clear();
            occurrenceDay = day;
        }
        const int occurrence = ++occurrences[lobby::contentHash(e)];
        chunk.push_back({e, static_cast<std::int64_t>(lobby::importKey(e, occurrence))});
        lobby::ApplyResult applied = lobby.apply(e);
        if (audit && !applied.duplicate) audit->observe(e);
        chunkAnomalies.push_back(std::move(applied.anomalies));
        for (int w : applied.newWindows) newWindows.push_back(w);
        for (auto& c : applied.newCategories) newCategories.push_back(std::move(c));
        if (chunk.size() >= kChunkEvents) {
            if (auto err = flush()) return fail(kImportFailed, "cannot write the event log: " + *err);
        }
    }
    if (auto err = flush()) return fail(kImportFailed, "cannot write the event log: " + *err);
    rejects.print(path);
    if (!rejects.closeFile()) std::fprintf(stderr, "lobbywatch: could not finish writing the rejected rows\n");
    if (cli.isSet("rejects-out") && rejects.total() > 0)
        std::fprintf(stderr, "lobbywatch: every rejected row is in %s\n", cli.value("rejects-out").toUtf8().constData());

    if (events == 0 && rejects.total() == 0 && logDays.liveRows() == 0) {
        store.rollbackImport();
        return fail(kImportRefused, path + ": a header but no rows: nothing to import");
    }
    if (rejects.total() > maxRejected) {
        store.rollbackImport();
        return fail(kImportRefused,
                    path + ": " + std::to_string(rejects.total()) + " rows rejected, more than --max-rejected " +
                        std::to_string(maxRejected) + " allows: nothing was imported. Fix those rows, or leave them out "
                        "with --max-rejected " + std::to_string(rejects.total()) + ".");
    }
    if (events == 0 && logDays.liveRows() == 0) {
        store.rollbackImport();
        return fail(kImportRefused, path + ": no row could be imported");
    }
    if (auto e = store.commitImport()) {
        store.rollbackImport();
        return fail(kImportFailed, "cannot write the event log (nothing was imported): " + *e);
    }

    std::printf("rows read: %llu\nnew events: %llu\nalready in the log: %llu\nrejected rows: %zu\nanomalies: %llu\n"
                "seconds: %.3f\n",
                static_cast<unsigned long long>(events + rejects.total() + logDays.liveRows()),
                static_cast<unsigned long long>(fresh),
                static_cast<unsigned long long>(already), rejects.total(), static_cast<unsigned long long>(anomalies),
                static_cast<double>(timer.nsecsElapsed()) / 1e9);
    logDays.print();
    for (const auto& [name, address] : reader.deviceNames())
        std::printf("device %s: address %d\n", lobby::printable(name).c_str(), address);
    for (const auto& column : reader.ignoredColumns())
        std::printf("ignored column: %s\n", lobby::printable(column).c_str());
    for (int w : newWindows) std::printf("new window: %d (not in the config; taken to serve what it calls)\n", w);
    for (const auto& c : newCategories) std::printf("new category: %s (not in the config; default thresholds)\n", c.c_str());
    if (decoded && decoded->hadErrors())
        std::fprintf(stderr, "lobbywatch: some bytes were not %s text and read as U+FFFD\n", encoding.toUtf8().constData());
    if (audit && !writeAudit(*audit, cli.value("predictions-out"))) return kImportFailed;
    if (fresh > 0) keepTotalsAfterWriting(store, config);
    return kImportDone;
}

}  // namespace lw::app

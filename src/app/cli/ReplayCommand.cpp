// lobbywatch replay CAPTURE --db FILE: a capture through decoder, model and log, as fast as it goes.
#include "app/cli/ReplayCommand.h"

#include "app/cli/CommandSupport.h"
#include "kiosk/Audit.h"
#include "protocol/Capture.h"
#include "kiosk/Ingest.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>
#include <fstream>

namespace lw::app {

using namespace command;

int replay(const QCommandLineParser& cli, const QString& file, kiosk::KioskConfig config) {
    std::ifstream in(file.toStdString(), std::ios::binary);
    if (!in) return fail(1, "cannot read the capture " + file.toStdString());
    int exitCode = 0;
    try {
        protocol::CaptureReader reader(in);
        auto offset = reader.metadata().find("utc_offset_min");
        if (offset != reader.metadata().end() && !cli.isSet("utc-offset-min") && !cli.isSet("config"))
            config.lobby.utcOffsetMinutes = std::stoi(offset->second);
        std::string port = "replay:" + QFileInfo(file).fileName().toStdString();
        auto named = reader.metadata().find("port");
        if (named != reader.metadata().end()) port = named->second;
        auto store = openStore(QString::fromStdString(config.database), config.lobby, exitCode,
                               store::EventStore::Check::Full, store::EventStore::Access::Ingest);
        if (!store) return exitCode;
        if (!store->writeProblem().empty()) return fail(1, store->writeProblem());
        lobby::Lobby lobby(config.lobby);
        kiosk::Ingest ingest(*store, lobby);
        std::unique_ptr<kiosk::Audit> audit;
        if (cli.isSet("predictions-out")) {
            audit = std::make_unique<kiosk::Audit>(lobby, config.alerts);
            ingest.setObserver([&audit](const lobby::LobbyEvent& e) { audit->observe(e); });
        }
        QElapsedTimer timer;
        timer.start();
        kiosk::Replies replies;
        std::uint64_t records = 0;
        while (auto record = reader.next()) {
            if (record->direction != protocol::Direction::FromDevice) continue;  // what the kiosk said then
            ingest.receive(port, record->time, record->bytes);
            ++records;
            if (ingest.pending() >= 4096) {
                if (auto e = ingest.commit(replies)) return fail(1, "cannot write the event log: " + *e);
                replies.bytesByPort.clear();
            }
        }
        if (auto e = ingest.commit(replies)) return fail(1, "cannot write the event log: " + *e);
        if (audit && !writeAudit(*audit, cli.value("predictions-out"))) return 1;
        double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        const auto& c = ingest.counters();
        std::uint64_t frames = 0, bad = 0;
        for (const auto& [name, ps] : ingest.ports()) {
            frames += ps->decoder.stats().frames;
            bad += ps->decoder.stats().checksumErrors + ps->decoder.stats().malformed + ps->decoder.stats().overlong;
        }
        lobby::LobbyTotals t = lobby.totals();
        std::printf("records: %llu\nframes: %llu\nbad frames: %llu\nevents: %llu\nduplicates: %llu\nanomalies: %llu\n"
                    "issued: %d\nfinished: %d\nno-show: %d\nwaiting at end: %d\nseconds: %.3f\n",
                    static_cast<unsigned long long>(records), static_cast<unsigned long long>(frames),
                    static_cast<unsigned long long>(bad), static_cast<unsigned long long>(c.events),
                    static_cast<unsigned long long>(c.duplicates), static_cast<unsigned long long>(c.anomalies), t.issued,
                    t.finished, t.noShow, t.waiting, seconds);
        keepTotalsAfterWriting(*store, config);
    } catch (const protocol::CaptureError& e) {
        return fail(1, file.toStdString() + ": " + e.what());
    }
    return 0;
}

}  // namespace lw::app

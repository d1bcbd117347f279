// The announce command: the same rendering the kiosk plays, to the speakers or to a WAV file.
#include "app/cli/AnnounceCommand.h"

#include "kiosk/Announcement.h"
#include "voice/CallVoice.h"

#include <QRegularExpression>

#include <cstdio>

namespace lw::app {

void addAnnounceOptions(QCommandLineParser& cli) {
    cli.addOption({"wav", "announce: write the call (chime, Mandarin, English) to this WAV file instead of playing it.", "FILE"});
}

bool isAnnounceCommand(const QStringList& args) { return !args.isEmpty() && args[0] == "announce"; }

int announceCommand(const QCommandLineParser& cli, const QStringList& args) {
    static const QRegularExpression ticketForm(QStringLiteral("^[A-Z][0-9]{1,4}$"));
    bool ok = false;
    const int window = args.value(2).toInt(&ok);
    if (args.size() != 3 || !ticketForm.match(args[1].toUpper()).hasMatch() || !ok || window < 1 || window > 99) {
        std::fprintf(stderr, "lobbywatch: expected 'announce TICKET WINDOW' (e.g. announce A042 3; window 1..99)\n");
        return 2;
    }
    const kiosk::Announcement call = kiosk::callAnnouncement(args[1].toUpper().toStdString(), window);
    if (cli.isSet("wav")) {
        voice::Pcm pcm;
        if (std::string e = voice::renderCall(call, pcm); !e.empty()) {
            std::fprintf(stderr, "lobbywatch: announce: %s\n", e.c_str());
            return 1;
        }
        const std::string path = cli.value("wav").toStdString();
        if (!voice::writeWav(path, pcm)) {
            std::fprintf(stderr, "lobbywatch: announce: cannot write %s\n", path.c_str());
            return 1;
        }
        std::printf("%s: %.2f s at %d Hz: chime, \"%s\", \"%s\"\n", path.c_str(), pcm.seconds(), pcm.rate,
                    call.speechZh.c_str(), call.speechEn.c_str());
        return 0;
    }
    std::printf("%s / %s\n", call.displayZh.c_str(), call.displayEn.c_str());
    voice::CallVoice speaker;
    speaker.say(call);
    speaker.waitUntilQuiet();
    return speaker.problem().empty() ? 0 : 1;
}

}  // namespace lw::app

// The voice of a call: A042 to window 3 rendered (chime, Mandarin, English) to a WAV file; sox measures that each
// part is sound, not silence, and of a plausible length.
#include "kiosk/Announcement.h"
#include "voice/CallVoice.h"

#include <catch2/catch.hpp>

#include <QProcess>
#include <QRegularExpression>
#include <QString>

#include <cstdlib>

namespace {

QString tmp(const char* name) { return QString::fromUtf8(std::getenv("LW_TEST_TMP")) + "/" + name; }

// sox's RMS amplitude (0..1) and length (s) of `seconds` from `start` of a WAV file.
std::pair<double, double> soxStat(const QString& wav, double start, double seconds) {
    QProcess sox;
    sox.start("sox", {wav, "-n", "trim", QString::number(start, 'f', 3), QString::number(seconds, 'f', 3), "stat"});
    REQUIRE(sox.waitForFinished(30'000));
    const QString out = QString::fromUtf8(sox.readAllStandardError());
    INFO(out.toStdString());
    auto value = [&out](const char* key) {
        auto m = QRegularExpression(QString(key) + R"(:\s+([0-9.]+))").match(out);
        REQUIRE(m.hasMatch());
        return m.captured(1).toDouble();
    };
    return {value("RMS\\s+amplitude"), value("Length \\(seconds\\)")};
}

}  // namespace

TEST_CASE("A042 to window 3 is spoken in Mandarin and English after a chime, and is neither silent nor cut short") {
    const auto call = lw::kiosk::callAnnouncement("A042", 3);
    lw::voice::Pcm pcm;
    REQUIRE(lw::voice::renderCall(call, pcm) == "");
    const QString wav = tmp("a042-window3.wav");
    REQUIRE(lw::voice::writeWav(wav.toStdString(), pcm));
    // The whole call: chime ~1.2 s, "请 A 0 4 2 号，到 3 号窗口" and "Ticket A 0 4 2, please go to window 3" at a
    // slow announcing pace: 6 to 20 s.
    auto [rms, length] = soxStat(wav, 0, pcm.seconds());
    INFO("whole call: " << length << " s, RMS " << rms);
    REQUIRE(length == Approx(pcm.seconds()).margin(0.01));
    REQUIRE(length > 6.0);
    REQUIRE(length < 20.0);
    REQUIRE(rms > 0.02);
    REQUIRE(pcm.parts.size() == 3);
    for (const auto& part : pcm.parts) {
        const double from = static_cast<double>(part.from) / pcm.rate, seconds = static_cast<double>(part.to - part.from) / pcm.rate;
        auto [partRms, partLength] = soxStat(wav, from, seconds);
        INFO(part.what << ": " << partLength << " s from " << from << " s, RMS " << partRms);
        REQUIRE(partRms > 0.02);  // sound, not silence
        if (part.what == "chime") REQUIRE(partLength == Approx(1.2).margin(0.05));
        else {
            // Eight syllables or more each: at least 1.5 s, at most 8 s.
            REQUIRE(partLength > 1.5);
            REQUIRE(partLength < 8.0);
        }
    }
    // The pauses between the parts are quiet.
    auto [pauseRms, pauseLength] = soxStat(wav, static_cast<double>(pcm.parts[1].to) / pcm.rate + 0.05, 0.3);
    INFO("pause: " << pauseLength << " s, RMS " << pauseRms);
    REQUIRE(pauseRms < 0.01);
}

TEST_CASE("another call says other words: the sound follows the ticket and the window") {
    lw::voice::Pcm a, b;
    REQUIRE(lw::voice::renderCall(lw::kiosk::callAnnouncement("A042", 3), a) == "");
    REQUIRE(lw::voice::renderCall(lw::kiosk::callAnnouncement("V1107", 12), b) == "");
    REQUIRE(a.parts.size() == 3);
    REQUIRE(b.parts.size() == 3);
    // Two more digits in each language: longer, in both parts.
    REQUIRE(b.parts[1].to - b.parts[1].from > a.parts[1].to - a.parts[1].from);
    REQUIRE(b.parts[2].to - b.parts[2].from > a.parts[2].to - a.parts[2].from);
}

TEST_CASE("calls queue: each is taken in turn and the queue empties") {
    lw::voice::CallVoice voice;
    for (int w = 1; w <= 3; ++w) voice.say(lw::kiosk::callAnnouncement("A04" + std::to_string(w), w));
    voice.waitUntilQuiet();  // returns: all three were played (or, with no sound output here, dropped in turn)
    SUCCEED();
}

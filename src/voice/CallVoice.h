// The voice of the calls: a chime, then the call in Mandarin and in English, spoken by espeak-ng in this
// process and played one call after another from a queue, so that calls never talk over each other.
#pragma once

#include "kiosk/Announcement.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lw::voice {

// espeak-ng's library directly (not Qt TextToSpeech over speech-dispatcher): it needs no speech daemon and no
// user session, which a kiosk started by systemd does not have, and renders to memory, so the sound played is
// the sound a test can check. Debian: libespeak-ng1 + espeak-ng-data (Mandarin is its "cmn" voice).

struct Pcm {
    int rate = 0;                  // samples per second, mono
    std::vector<std::int16_t> samples;
    struct Part {
        std::string what;          // "chime", "zh", "en"
        std::size_t from = 0, to = 0;  // sample range
    };
    std::vector<Part> parts;
    double seconds() const { return rate > 0 ? static_cast<double>(samples.size()) / rate : 0.0; }
};

// The chime, the Mandarin call, the English call, with short pauses between; "" or why it could not be
// rendered (no espeak-ng data, no Mandarin voice). espeak-ng is one per process: this takes a lock.
std::string renderCall(const kiosk::Announcement& call, Pcm& out);

// A RIFF/WAVE file, 16-bit mono; false if it cannot be written.
bool writeWav(const std::string& path, const Pcm& pcm);

// The queue and the player: say() returns at once; a thread renders and plays each call in turn on the default
// sound output (pcaudiolib: PulseAudio/PipeWire or ALSA). With no sound output it says so once on stderr and the
// calls are shown but not heard.
class CallVoice {
public:
    static constexpr std::size_t kMaxQueued = 30;  // beyond, the oldest waiting call is dropped (it is on the board)
    CallVoice();
    ~CallVoice();
    CallVoice(const CallVoice&) = delete;
    CallVoice& operator=(const CallVoice&) = delete;

    void say(const kiosk::Announcement& call);
    // Returns when every call queued so far has been played (or dropped).
    void waitUntilQuiet();
    // Why calls are not heard ("" while they are): no sound output, no voice.
    std::string problem();

private:
    void run();
    std::mutex mutex_;
    std::condition_variable wake_, quiet_;
    bool busy_ = false;
    std::string problem_;
    std::deque<kiosk::Announcement> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace lw::voice

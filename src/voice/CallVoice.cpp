// Calls rendered by espeak-ng (chime, Mandarin, English) and played in order by pcaudiolib from one thread.
#include "voice/CallVoice.h"

#include <espeak-ng/speak_lib.h>
#include <pcaudiolib/audio.h>

#include <cmath>
#include <cstdio>
#include <fstream>

namespace lw::voice {

namespace {

std::mutex engineMutex;  // espeak-ng keeps global state
int engineRate = 0;
std::vector<std::int16_t>* sink = nullptr;

int collect(short* wav, int count, espeak_EVENT*) {
    if (wav && count > 0 && sink) sink->insert(sink->end(), wav, wav + count);
    return 0;
}

std::string startEngine() {
    if (engineRate > 0) return {};
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) return "espeak-ng cannot start (is espeak-ng-data installed?)";
    espeak_SetSynthCallback(collect);
    engineRate = rate;
    return {};
}

std::string speak(const char* voice, const std::string& text, std::vector<std::int16_t>& out) {
    if (espeak_SetVoiceByName(voice) != EE_OK) return std::string("espeak-ng has no voice '") + voice + "' (espeak-ng-data)";
    espeak_SetParameter(espeakRATE, 140, 0);  // slower than conversation: a lobby echoes
    espeak_SetParameter(espeakVOLUME, 85, 0);  // 100 clips on some calls
    sink = &out;
    espeak_ERROR e = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    espeak_Synchronize();
    sink = nullptr;
    return e == EE_OK ? "" : "espeak-ng could not speak '" + text + "'";
}

void silence(std::vector<std::int16_t>& out, int rate, double seconds) {
    out.insert(out.end(), static_cast<std::size_t>(rate * seconds), 0);
}

// Two bell-like notes, E5 then C5, as lobby call systems do before a call.
void chime(std::vector<std::int16_t>& out, int rate) {
    const double pi = 3.14159265358979323846;
    for (auto [hz, seconds] : {std::pair{659.25, 0.45}, std::pair{523.25, 0.75}}) {
        const auto n = static_cast<std::size_t>(rate * seconds);
        for (std::size_t i = 0; i < n; ++i) {
            const double t = static_cast<double>(i) / rate;
            const double v = std::exp(-3.5 * t) * (std::sin(2 * pi * hz * t) + 0.3 * std::sin(4 * pi * hz * t));
            out.push_back(static_cast<std::int16_t>(9000.0 * v));
        }
    }
}

}  // namespace

std::string renderCall(const kiosk::Announcement& call, Pcm& out) {
    std::lock_guard<std::mutex> lock(engineMutex);
    if (std::string e = startEngine(); !e.empty()) return e;
    out.rate = engineRate;
    out.samples.clear();
    out.parts.clear();
    auto part = [&out](const char* what, auto make) {
        const std::size_t from = out.samples.size();
        std::string e = make();
        out.parts.push_back({what, from, out.samples.size()});
        return e;
    };
    part("chime", [&]() { chime(out.samples, out.rate); return std::string(); });
    silence(out.samples, out.rate, 0.3);
    if (std::string e = part("zh", [&]() { return speak("cmn", call.speechZh, out.samples); }); !e.empty()) return e;
    silence(out.samples, out.rate, 0.5);
    if (std::string e = part("en", [&]() { return speak("en", call.speechEn, out.samples); }); !e.empty()) return e;
    silence(out.samples, out.rate, 0.3);
    return {};
}

bool writeWav(const std::string& path, const Pcm& pcm) {
    std::ofstream f(path, std::ios::binary);
    auto u32 = [&f](std::uint32_t v) { for (int i = 0; i < 4; ++i) f.put(static_cast<char>((v >> (8 * i)) & 0xff)); };
    auto u16 = [&f](std::uint16_t v) { f.put(static_cast<char>(v & 0xff)); f.put(static_cast<char>(v >> 8)); };
    const auto bytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
    f.write("RIFF", 4);
    u32(36 + bytes);
    f.write("WAVEfmt ", 8);
    u32(16);
    u16(1);  // PCM
    u16(1);  // mono
    u32(static_cast<std::uint32_t>(pcm.rate));
    u32(static_cast<std::uint32_t>(pcm.rate * 2));
    u16(2);
    u16(16);
    f.write("data", 4);
    u32(bytes);
    for (std::int16_t s : pcm.samples) u16(static_cast<std::uint16_t>(s));
    return static_cast<bool>(f.flush());
}

CallVoice::CallVoice() : thread_([this]() { run(); }) {}

CallVoice::~CallVoice() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    wake_.notify_one();
    thread_.join();
}

void CallVoice::say(const kiosk::Announcement& call) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.size() >= kMaxQueued) queue_.pop_front();
        queue_.push_back(call);
    }
    wake_.notify_one();
}

std::string CallVoice::problem() {
    std::lock_guard<std::mutex> lock(mutex_);
    return problem_;
}

void CallVoice::waitUntilQuiet() {
    std::unique_lock<std::mutex> lock(mutex_);
    quiet_.wait(lock, [this]() { return queue_.empty() && !busy_; });
}

void CallVoice::run() {
    audio_object* out = nullptr;
    bool silent = false;  // no voice to render with: said once, then the calls are only shown
    for (;;) {
        kiosk::Announcement call;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            busy_ = false;
            if (queue_.empty()) quiet_.notify_all();
            wake_.wait(lock, [this]() { return stopping_ || !queue_.empty(); });
            if (stopping_) break;
            call = queue_.front();
            queue_.pop_front();
            busy_ = true;
        }
        if (silent) continue;
        Pcm pcm;
        if (std::string e = renderCall(call, pcm); !e.empty()) {
            std::fprintf(stderr, "lobbywatch: calls are not spoken: %s\n", e.c_str());
            std::lock_guard<std::mutex> lock(mutex_);
            problem_ = e;
            silent = true;
            continue;
        }
        if (!out) out = create_audio_device_object(nullptr, "lobbywatch", "LobbyWatch calls");
        int e = out ? audio_object_open(out, AUDIO_OBJECT_FORMAT_S16LE, static_cast<std::uint32_t>(pcm.rate), 1) : -1;
        if (e != 0) {
            // Said once; tried again at each call (a USB speaker plugged in later is used).
            const std::string why = std::string("no sound output (") + (out ? audio_object_strerror(out, e) : "pcaudiolib has no device") + ")";
            std::lock_guard<std::mutex> lock(mutex_);
            if (problem_ != why) std::fprintf(stderr, "lobbywatch: calls are not spoken: %s\n", why.c_str());
            problem_ = why;
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            problem_.clear();
        }
        // Played whole and drained before the next call starts.
        audio_object_write(out, pcm.samples.data(), pcm.samples.size() * sizeof(std::int16_t));
        audio_object_drain(out);
        audio_object_close(out);
    }
    if (out) audio_object_destroy(out);
    std::lock_guard<std::mutex> lock(mutex_);
    busy_ = false;
    quiet_.notify_all();
}

}  // namespace lw::voice

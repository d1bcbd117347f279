// Pinyin candidates from the packaged engine (see PinyinEngine.h).
#include "pinyin/PinyinEngine.h"

#include <pinyinime.h>

#include <mutex>

namespace lw::pinyin {

namespace {

std::mutex engineMutex;  // the engine is a process-wide singleton
// The dictionary the engine was opened with: it stays open for the process's life. Closing it frees all but one of
// its buffers (libgooglepinyin 0.1.2 loses 190 KB in DictTrie::load_dict each time: LeakSanitizer's report), so it is
// opened once and kept.
std::string openedWith;

// UTF-16 (the engine's char16, within the Basic Multilingual Plane) to UTF-8.
std::string utf8(const ime_pinyin::char16* s) {
    std::string out;
    for (; *s; ++s) {
        const unsigned c = *s;
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

}  // namespace

std::string PinyinEngine::packagedDictionary() { return LW_PINYIN_DICT; }

PinyinEngine::PinyinEngine(const std::string& dictionary) {
    const std::string path = dictionary.empty() ? packagedDictionary() : dictionary;
    std::lock_guard<std::mutex> lock(engineMutex);
    if (openedWith.empty()) {
        // No user dictionary: the kiosk learns nothing from what people type (the engine runs without one).
        if (!ime_pinyin::im_open_decoder(path.c_str(), "")) return;
        ime_pinyin::im_set_max_lens(32, 16);
        openedWith = path;
    }
    ok_ = path == openedWith;  // one dictionary per process
}

PinyinEngine::~PinyinEngine() = default;

std::vector<std::string> PinyinEngine::candidates(const std::string& letters, std::size_t most) const {
    std::vector<std::string> out;
    if (!ok_) return out;
    std::string typed;
    for (char ch : letters)
        if ((ch >= 'a' && ch <= 'z') || ch == '\'') typed += ch;
        else if (ch >= 'A' && ch <= 'Z') typed += static_cast<char>(ch - 'A' + 'a');
    if (typed.empty()) return out;
    std::lock_guard<std::mutex> lock(engineMutex);
    ime_pinyin::im_reset_search();
    const std::size_t n = ime_pinyin::im_search(typed.c_str(), typed.size());
    ime_pinyin::char16 buffer[64];
    for (std::size_t i = 0; i < n && out.size() < most; ++i) {
        if (!ime_pinyin::im_get_candidate(i, buffer, sizeof buffer / sizeof buffer[0] - 1)) continue;
        buffer[sizeof buffer / sizeof buffer[0] - 1] = 0;
        std::string word = utf8(buffer);
        if (!word.empty()) out.push_back(std::move(word));
    }
    return out;
}

}  // namespace lw::pinyin

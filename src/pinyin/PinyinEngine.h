// Pinyin to Chinese characters (plain C++, no Qt): letters typed on the touch screen ("tousu") in, the words they
// may spell out, most likely first ("投诉", "偷", ...). Built on Debian's packaged engine (googlepinyin) and its
// system dictionary. The engine is one per process, opened by the first instance with the first dictionary asked
// for and kept open (instances asking for another dictionary are not ok).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lw::pinyin {

class PinyinEngine {
public:
    // `dictionary`: the engine's system dictionary (empty: the packaged one this was built with).
    explicit PinyinEngine(const std::string& dictionary = {});
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // False when the dictionary could not be opened (then candidates() gives nothing).
    bool ok() const { return ok_; }
    // The candidates (UTF-8) for `letters` (a-z and ' between syllables; anything else is ignored), at most `most`,
    // the best first: the whole phrase, then words and characters from its start.
    std::vector<std::string> candidates(const std::string& letters, std::size_t most = 12) const;

    // The dictionary this was built with.
    static std::string packagedDictionary();

private:
    bool ok_ = false;
};

}  // namespace lw::pinyin

// Pinyin on Debian's packaged engine and dictionary: the words a manager types on the touch screen come out among
// the first candidates; what is not a letter is ignored; a dictionary that is not there gives nothing, not a crash.
#include "pinyin/PinyinEngine.h"

#include <catch2/catch.hpp>

#include <algorithm>

using lw::pinyin::PinyinEngine;

namespace {

bool among(const std::vector<std::string>& candidates, const std::string& word, std::size_t first) {
    const auto end = candidates.begin() + static_cast<std::ptrdiff_t>(std::min(first, candidates.size()));
    return std::find(candidates.begin(), end, word) != end;
}

}  // namespace

TEST_CASE("pinyin: tousu gives 投诉, and the lobby's words among the first candidates") {
    PinyinEngine engine;
    REQUIRE(engine.ok());
    CHECK(among(engine.candidates("tousu"), "投诉", 3));
    CHECK(among(engine.candidates("TouSu"), "投诉", 3));  // any case
    CHECK(among(engine.candidates("dengdai"), "等待", 3));
    CHECK(among(engine.candidates("chuangkou"), "窗口", 3));
    CHECK(among(engine.candidates("daoqian"), "道歉", 3));
    CHECK(among(engine.candidates("xi'an"), "西安", 3));  // the syllable mark
    CHECK(engine.candidates("tousu", 5).size() <= 5);
    CHECK(engine.candidates("").empty());
    CHECK(engine.candidates("123 !?").empty());  // nothing that is a letter
    // A second engine shares the one the process has; both work, and it stays open after one goes.
    {
        PinyinEngine second;
        CHECK(second.ok());
        CHECK(among(second.candidates("huifang"), "回访", 3));
    }
    CHECK(among(engine.candidates("tousu"), "投诉", 3));
}

TEST_CASE("pinyin: a dictionary other than the one open (or not there): not ok, no candidates") {
    PinyinEngine packaged;
    PinyinEngine missing("/nonexistent/dict_pinyin.dat");
    CHECK_FALSE(missing.ok());
    CHECK(missing.candidates("tousu").empty());
}

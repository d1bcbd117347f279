// Pinyin typing for the touch screen's keyboard (see PinyinInput.h).
#include "ui/PinyinInput.h"

#include "pinyin/PinyinEngine.h"

namespace lw::ui {

PinyinInput::PinyinInput(QObject* parent) : QObject(parent), engine_(std::make_unique<pinyin::PinyinEngine>()) {}

PinyinInput::~PinyinInput() = default;

bool PinyinInput::available() const { return engine_->ok(); }

void PinyinInput::type(const QString& letter) {
    const QString l = letter.toLower();
    if (l.size() != 1 || !((l[0] >= QLatin1Char('a') && l[0] <= QLatin1Char('z')) || l[0] == QLatin1Char('\''))) return;
    if (letters_.size() >= 32) return;  // the engine's longest spelling
    letters_ += l;
    lookUp();
}

bool PinyinInput::backspace() {
    if (letters_.isEmpty()) return false;
    letters_.chop(1);
    lookUp();
    return true;
}

QString PinyinInput::choose(int i) {
    if (i < 0 || i >= candidates_.size()) return {};
    const QString chosen = candidates_[i];
    clear();
    return chosen;
}

void PinyinInput::clear() {
    letters_.clear();
    candidates_.clear();
    emit changed();
}

void PinyinInput::lookUp() {
    candidates_.clear();
    for (const auto& c : engine_->candidates(letters_.toStdString(), 12)) candidates_ << QString::fromStdString(c);
    emit changed();
}

}  // namespace lw::ui

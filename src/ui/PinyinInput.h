// Pinyin typing for the touch screen's keyboard (TouchKeyboard.qml): letters typed so far, the candidates they
// spell out (lw::pinyin::PinyinEngine, Debian's googlepinyin), and the chosen one to insert into the field.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace lw::pinyin {
class PinyinEngine;
}

namespace lw::ui {

class PinyinInput : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString letters READ letters NOTIFY changed)
    Q_PROPERTY(QStringList candidates READ candidates NOTIFY changed)
    // False when the engine's dictionary could not be opened (the keyboard then types letters only).
    Q_PROPERTY(bool available READ available CONSTANT)

public:
    explicit PinyinInput(QObject* parent = nullptr);
    ~PinyinInput() override;

    QString letters() const { return letters_; }
    QStringList candidates() const { return candidates_; }
    bool available() const;

    // A letter (a-z) or the syllable mark (').
    Q_INVOKABLE void type(const QString& letter);
    // Takes back the last letter; false when there was none (the field's own character goes instead).
    Q_INVOKABLE bool backspace();
    // Candidate `i` (to insert), and the letters start again; empty when there is no such candidate.
    Q_INVOKABLE QString choose(int i);
    Q_INVOKABLE void clear();

signals:
    void changed();

private:
    void lookUp();
    std::unique_ptr<pinyin::PinyinEngine> engine_;
    QString letters_;
    QStringList candidates_;
};

}  // namespace lw::ui

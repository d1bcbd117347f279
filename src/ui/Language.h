// The screens' language: Chinese (zh_CN, the default) or English, switchable at runtime. The screens' own words
// come from Qt Linguist translations (i18n/*.ts, built to .qm in the resources); texts the kiosk makes (alerts,
// notices) come in both languages and the screens pick one by `english`.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace lw::ui {

class Language : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Language is made by the kiosk")
    Q_PROPERTY(QString code READ code NOTIFY changed)
    Q_PROPERTY(bool english READ english NOTIFY changed)

public:
    explicit Language(QObject* parent = nullptr) : QObject(parent) {}

    // Installs the translation for `code` ("zh_CN" or "en") and retranslates the screens; false if unknown.
    void setSwitcher(std::function<bool(const QString&)> switcher) { switcher_ = std::move(switcher); }
    QString code() const { return code_; }
    bool english() const { return code_ == QLatin1String("en"); }

    Q_INVOKABLE bool set(const QString& code) {
        if (code != QLatin1String("zh_CN") && code != QLatin1String("en")) return false;
        if (switcher_ && !switcher_(code)) return false;
        code_ = code;
        emit changed();
        return true;
    }

signals:
    void changed();

private:
    QString code_ = QStringLiteral("zh_CN");
    std::function<bool(const QString&)> switcher_;
};

}  // namespace lw::ui

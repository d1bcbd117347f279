// The manager's side of the screen: who is signed in, the PIN keypad's state, and the privileged actions
// (acknowledge, resolve). QML calls the invokables; the kiosk decides (auth::Keypad, the PIN hashes, the log).
#pragma once

#include "ui/ComplaintDesk.h"
#include "ui/FloorDesk.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace lw::ui {

class Desk : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Desk is made by the kiosk")
    // {name, role} for each staff member who may sign in (managers first).
    Q_PROPERTY(QVariantList staff READ staff NOTIFY changed)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY changed)
    Q_PROPERTY(bool regionAvailable READ regionAvailable NOTIFY changed)
    Q_PROPERTY(QString who READ who NOTIFY changed)
    Q_PROPERTY(QString role READ role NOTIFY changed)
    Q_PROPERTY(bool keypadLocked READ keypadLocked NOTIFY changed)
    // What the keypad says after a try, in both languages ("PIN wrong: 3 tries left", "locked until 10:42").
    Q_PROPERTY(QString messageZh READ messageZh NOTIFY changed)
    Q_PROPERTY(QString messageEn READ messageEn NOTIFY changed)
    // The notes a resolve offers, each {zh, en}.
    Q_PROPERTY(QVariantList presets READ presets CONSTANT)
    // The open complaints the signed-in person may see, and their steps (the complaints page).
    Q_PROPERTY(lw::ui::ComplaintDesk* complaints READ complaints CONSTANT)
    // Lobby incidents opened by hand and the ticket lookup (the lobby floor).
    Q_PROPERTY(lw::ui::FloorDesk* floor READ floor CONSTANT)

public:
    struct State {
        QVariantList staff;
        bool signedIn = false;
        QString who;
        QString role;
        bool keypadLocked = false;
        QString messageZh;
        QString messageEn;
    };
    struct Handlers {
        std::function<bool(const QString& name, const QString& pin)> signIn;
        std::function<void()> signOut;
        std::function<void()> touch;
        std::function<bool(const QString& alertKey)> acknowledge;
        std::function<bool(const QString& alertKey, const QString& note)> resolve;
        std::function<bool(const QString& category, int targetMin, int warningMin, int limitMin)> setThresholds;
        std::function<QVariantMap(const QString& range)> report;
        std::function<QVariantMap(const QVariantMap& complaint)> recordComplaint;
        std::function<void(const QString& range)> requestReport;
    };

    explicit Desk(QObject* parent = nullptr)
        : QObject(parent), complaints_(new ComplaintDesk(this)), floor_(new FloorDesk(this)) {}
    ComplaintDesk* complaints() const { return complaints_; }
    FloorDesk* floor() const { return floor_; }

    void setHandlers(Handlers h) { h_ = std::move(h); }
    void update(const State& s) {
        s_ = s;
        emit changed();
    }
    const State& state() const { return s_; }

    QVariantList staff() const { return s_.staff; }
    bool signedIn() const { return s_.signedIn; }
    QString who() const { return s_.who; }
    QString role() const { return s_.role; }
    bool keypadLocked() const { return s_.keypadLocked; }
    QString messageZh() const { return s_.messageZh; }
    QString messageEn() const { return s_.messageEn; }
    static QVariantList presetNotes();
    QVariantList presets() const { return presetNotes(); }

    Q_INVOKABLE bool signIn(const QString& name, const QString& pin) { return h_.signIn && h_.signIn(name, pin); }
    Q_INVOKABLE void signOut() {
        if (h_.signOut) h_.signOut();
    }
    // Any touch on the manager's screen: keeps a signed-in session from idling out.
    Q_INVOKABLE void touch() {
        if (h_.touch) h_.touch();
    }
    Q_INVOKABLE bool acknowledge(const QString& alertKey) { return h_.acknowledge && h_.acknowledge(alertKey); }
    Q_INVOKABLE bool resolve(const QString& alertKey, const QString& note) {
        return h_.resolve && h_.resolve(alertKey, note);
    }

    // A category's target, warning and limit (minutes), from now on; needs a signed-in manager.
    Q_INVOKABLE bool setThresholds(const QString& category, int targetMin, int warningMin, int limitMin) {
        return h_.setThresholds && h_.setThresholds(category, targetMin, warningMin, limitMin);
    }

    // The branch head's report for "week" (the last 7 days), "month" (this month so far) or "last_month", beside
    // the previous period: {ok, from, to, categories, windows, heat, incidents, complaints} or {ok: false, why}.
    Q_INVOKABLE QVariantMap report(const QString& range) { return h_.report ? h_.report(range) : QVariantMap{}; }
    // The same built on the kiosk's report thread (a month's report never freezes a frame): reportReady follows.
    Q_INVOKABLE void requestReport(const QString& range) {
        if (h_.requestReport) h_.requestReport(range);
    }
    void deliverReport(const QString& range, const QVariantMap& result) { emit reportReady(range, result); }
    // The branch beside its region's average ([central] set): the report, then reportReady again with its "region".
    void setRegionReport(std::function<void(const QString& range)> request) {
        regionReport_ = std::move(request);
        emit changed();
    }
    bool regionAvailable() const { return static_cast<bool>(regionReport_); }
    Q_INVOKABLE void requestReportBesideRegion(const QString& range) {
        if (regionReport_) regionReport_(range);
    }

    // A complaint heard at the branch, recorded by the signed-in member of staff (its owner): {channel, cause,
    // ticket, summary, contact}. Returns {ok, id, dueDay} or {ok: false, whyZh, whyEn}.
    Q_INVOKABLE QVariantMap recordComplaint(const QVariantMap& complaint) {
        return h_.recordComplaint ? h_.recordComplaint(complaint) : QVariantMap{};
    }

signals:
    void changed();
    void reportReady(const QString& range, const QVariantMap& result);

private:
    State s_;
    Handlers h_;
    std::function<void(const QString& range)> regionReport_;
    ComplaintDesk* complaints_;
    FloorDesk* floor_;
};

inline QVariantList Desk::presetNotes() {
    auto note = [](const char* zh, const char* en) {
        return QVariantMap{{QStringLiteral("zh"), QString::fromUtf8(zh)}, {QStringLiteral("en"), QString::fromUtf8(en)}};
    };
    return {
        note("已向客户致歉并说明等候原因", "Apologised and explained the delay"),
        note("已加开窗口", "Opened another window"),
        note("已补充取号纸", "Refilled the dispenser"),
        note("已引导客户到其他窗口", "Sent the customer to another window"),
        note("已处理窗口故障交易", "Cleared the stuck transaction at the window"),
        note("已联系技术支持", "Called technical support"),
        note("客户已离开", "The customer had left"),
    };
}

}  // namespace lw::ui

// The complaints on the kiosk: the open complaints the signed-in person may see (a typed model: each with its
// clocks and the steps that person may take now), and the steps themselves, taken by the kiosk through the core's
// state machine as the signed-in person. QML calls the invokables; the kiosk decides and records.
#pragma once

#include "ui/KeyedListModel.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace lw::ui {

// One open complaint. Words the kiosk makes (state, clocks) come in both languages; the screen picks one.
struct ComplaintRow {
    qint64 id = 0;
    int version = 0;  // steps recorded so far: a step is taken against the complaint as the screen showed it
    QString state, stateZh, stateEn;
    QString channel, cause, complexity, summary, owner, pendingOwner, ticket, receivedDay, complainedDay;
    QString replyBy;  // the day the customer hears back by (the agreed date, else the reply clock's due day)
    int escalationLevel = 0;
    QString escalatedTo;
    // Each clock: {name, zh, en, dueDay, state (running|due_soon|due_today|overdue|met|missed), level (Level)}.
    QVariantList clocks;
    int level = 0;       // the most urgent running clock's (Level: Ok, Warning, Alarm)
    QStringList steps;   // what the signed-in person may do now (answer, agree, hand_over, accept, ...)
};

class ComplaintModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ComplaintModel is filled by the kiosk")
public:
    explicit ComplaintModel(QObject* parent = nullptr);
    void setRows(const std::vector<ComplaintRow>& rows);
};

class ComplaintDesk : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ComplaintDesk is made by the kiosk")
    Q_PROPERTY(lw::ui::ComplaintModel* model READ model CONSTANT)
    // How many complaints the list holds (the model's count, for the page's words).
    Q_PROPERTY(int count READ count NOTIFY rowsChanged)

public:
    struct Handlers {
        // {ok, repeat?, state, noticesZh, noticesEn} or {ok: false, whyZh, whyEn}
        std::function<QVariantMap(qint64 id, int version, const QString& action, const QVariantMap& fields)> step;
        // {ok, id, receivedDay, owner, replyBy, hotline, servicePhone, branch} or {ok: false, whyZh, whyEn}
        std::function<QVariantMap(qint64 id)> receipt;
    };

    explicit ComplaintDesk(QObject* parent = nullptr) : QObject(parent), model_(new ComplaintModel(this)) {}
    void setHandlers(Handlers h) { h_ = std::move(h); }
    ComplaintModel* model() const { return model_; }
    int count() const { return model_->count(); }
    // The list again (rows updated in place); rowsChanged follows.
    void setRows(const std::vector<ComplaintRow>& rows) {
        model_->setRows(rows);
        emit rowsChanged();
    }

    // A step of the complaint's life, as the signed-in person, on complaint `id` as the screen showed it
    // (`version`: its row's). `fields`: text (answer, reply, why, notes, resolution, outcome), satisfied
    // ("yes" | "no" | ""), date (agree, plan_follow_up), to (hand_over, escalate), bankAtFault ("yes" | "no"),
    // responsible, apology (bool), remedy. The same step sent twice (Save tapped twice) is recorded once.
    Q_INVOKABLE QVariantMap step(qint64 id, int version, const QString& action, const QVariantMap& fields) {
        return h_.step ? h_.step(id, version, action, fields) : QVariantMap{};
    }
    // The customer's receipt to show on the screen (to be photographed).
    Q_INVOKABLE QVariantMap receipt(qint64 id) { return h_.receipt ? h_.receipt(id) : QVariantMap{}; }
    // The row of complaint `id` (empty when it is not on the list).
    Q_INVOKABLE QVariantMap row(qint64 id) const;

signals:
    void rowsChanged();

private:
    ComplaintModel* model_;
    Handlers h_;
};

}  // namespace lw::ui

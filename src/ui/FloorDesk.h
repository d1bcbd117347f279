// The lobby floor on the manager's screen: incidents opened by hand with the six-step routine as a checklist (a
// typed model of today's), and the lookup of a ticket's timeline for a missed-number or queue-jumping dispute, with
// the manager's decision to re-queue a missed number. QML calls the invokables as the signed-in person; the kiosk
// decides and records.
#pragma once

#include "ui/KeyedListModel.h"

#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace lw::ui {

struct FloorIncidentRow {
    qint64 id = 0;
    QString kind, kindZh, kindEn, timeText, openedBy, what;
    // The routine's six steps in order: {step, zh, en, done, timeText, by, note}.
    QVariantList ticks;
    QVariantList complaints;  // linked complaints' numbers
    bool closed = false;
    QString closedText;  // "HH:MM name: note"
};

class FloorIncidentModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FloorIncidentModel is filled by the kiosk")
public:
    explicit FloorIncidentModel(QObject* parent = nullptr);
    void setRows(const std::vector<FloorIncidentRow>& rows);
};

class FloorDesk : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FloorDesk is made by the kiosk")
    Q_PROPERTY(lw::ui::FloorIncidentModel* incidents READ incidents CONSTANT)
    // The kinds of incident, each {code, zh, en}.
    Q_PROPERTY(QVariantList kinds READ kinds CONSTANT)

public:
    struct Handlers {
        std::function<QVariantMap(const QString& kind, const QString& what)> open;
        std::function<QVariantMap(qint64 id, const QString& step, const QString& note)> tick;
        std::function<QVariantMap(qint64 id, qint64 complaintId)> link;
        std::function<QVariantMap(qint64 id, const QString& note)> close;
        std::function<QVariantMap(const QString& label, const QString& day)> lookUp;
        std::function<QVariantMap(const QString& label, const QString& day, double issuedAt, const QString& note)> requeue;
    };

    explicit FloorDesk(QObject* parent = nullptr) : QObject(parent), incidents_(new FloorIncidentModel(this)) {}
    void setHandlers(Handlers h) { h_ = std::move(h); }
    void setKinds(QVariantList kinds) { kinds_ = std::move(kinds); }
    FloorIncidentModel* incidents() const { return incidents_; }
    QVariantList kinds() const { return kinds_; }

    // Each returns {ok, ...} or {ok: false, whyZh, whyEn}.
    Q_INVOKABLE QVariantMap open(const QString& kind, const QString& what) { return h_.open ? h_.open(kind, what) : QVariantMap{}; }
    Q_INVOKABLE QVariantMap tick(qint64 id, const QString& step, const QString& note) {
        return h_.tick ? h_.tick(id, step, note) : QVariantMap{};
    }
    Q_INVOKABLE QVariantMap link(qint64 id, qint64 complaintId) { return h_.link ? h_.link(id, complaintId) : QVariantMap{}; }
    Q_INVOKABLE QVariantMap close(qint64 id, const QString& note) { return h_.close ? h_.close(id, note) : QVariantMap{}; }
    // A ticket of `day` (empty: today): {ok, label, day, visits: [{issuedAt, issuedText, missed, lines: [{timeText,
    // what, window, zh, en}]}]}.
    Q_INVOKABLE QVariantMap lookUp(const QString& label, const QString& day) { return h_.lookUp ? h_.lookUp(label, day) : QVariantMap{}; }
    // The manager's decision to put a missed number back in the queue, recorded as such for that visit.
    Q_INVOKABLE QVariantMap requeue(const QString& label, const QString& day, double issuedAt, const QString& note) {
        return h_.requeue ? h_.requeue(label, day, issuedAt, note) : QVariantMap{};
    }
    // The row of incident `id` (empty when it is not on the list).
    Q_INVOKABLE QVariantMap row(qint64 id) const;

private:
    FloorIncidentModel* incidents_;
    QVariantList kinds_;
    Handlers h_;
};

}  // namespace lw::ui

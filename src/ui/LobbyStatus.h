// The lobby's headline figures for the screen: what QML binds to (filled by the kiosk once a second).
#pragma once

#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "RowModel.h"

namespace lw::ui {

class LobbyStatus : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LobbyStatus is made by the kiosk")
    Q_PROPERTY(QString clockText READ clockText NOTIFY changed)
    Q_PROPERTY(QString forecastServing READ forecastServing NOTIFY changed)
    Q_PROPERTY(QString businessDay READ businessDay NOTIFY changed)
    Q_PROPERTY(int issued READ issued NOTIFY changed)
    Q_PROPERTY(int waiting READ waiting NOTIFY changed)
    Q_PROPERTY(int serving READ serving NOTIFY changed)
    Q_PROPERTY(int served READ served NOTIFY changed)
    Q_PROPERTY(int noShow READ noShow NOTIFY changed)
    Q_PROPERTY(int longestWaitMin READ longestWaitMin NOTIFY changed)
    Q_PROPERTY(QString linksText READ linksText NOTIFY changed)
    Q_PROPERTY(bool linksUp READ linksUp NOTIFY changed)
    Q_PROPERTY(qint64 logged READ logged NOTIFY changed)
    // One map per window: number, state (open|paused|closed), pauseReason, ticket, serviceMin, servedToday,
    // meanServiceMin, level (0 ok, 1 warning, 2 alarm), word (what the level is about: slow, idle, no_shows, closed).
    Q_PROPERTY(QVariantList windows READ windows NOTIFY changed)
    // One map per category: code, nameZh, nameEn, waiting, longestWaitMin, forecastMin (-1: none), targetMin, level.
    Q_PROPERTY(QVariantList categories READ categories NOTIFY changed)
    // One map per active alert, most urgent first: severity, level, messageZh, messageEn, actionZh, actionEn,
    // sinceText, timeLeftMin (-1: none).
    Q_PROPERTY(QVariantList alerts READ alerts NOTIFY changed)
    // The public board: the last calls, newest first (ticket, window, textZh, textEn, timeText), and notices
    // for customers (a dispenser or window out of service), each {zh, en}.
    Q_PROPERTY(QVariantList calls READ calls NOTIFY changed)
    Q_PROPERTY(QVariantList notices READ notices NOTIFY changed)
    // Device health: one map per serial port (port, up, reason, reconnects, frames, bad, devices), each device a
    // map (address, kind, online, lastText, frames, resends, refused, status).
    Q_PROPERTY(QVariantList ports READ ports NOTIFY changed)
    // Today's incidents, newest first: timeText, kind, severity, subject, messageZh, messageEn, state, stateText.
    Q_PROPERTY(QVariantList incidents READ incidents NOTIFY changed)
    // Today at a glance: serviceLevel (percent within target, -1 none yet), calls, buckets (timeText, calls,
    // meanWaitMin, maxWaitMin), targetMin (the strictest category target), scaleMin (the strip's top).
    Q_PROPERTY(QVariantMap glance READ glance NOTIFY changed)
    // The same windows and alerts as models whose delegates are updated in place (keys: number, key), for the
    // screens: a second's update does not rebuild 40 tiles, and a tap never lands on a delegate being replaced.
    Q_PROPERTY(lw::ui::RowModel* windowRows READ windowRows CONSTANT)
    Q_PROPERTY(lw::ui::RowModel* alertRows READ alertRows CONSTANT)

public:
    struct Figures {
        QString clockText;
        QString businessDay;
        int issued = 0;
        int waiting = 0;
        int serving = 0;
        int served = 0;
        int noShow = 0;
        int longestWaitMin = 0;
        QString linksText;
        bool linksUp = false;
        qint64 logged = 0;
        QVariantList windows;
        QVariantList categories;
        QVariantList alerts;
        QVariantList calls;
        QVariantList notices;
        QVariantList ports;
        QVariantList incidents;
        QVariantMap glance;
        QString forecastServing;  // which estimator serves each category and its error today
    };

    explicit LobbyStatus(QObject* parent = nullptr) : QObject(parent) {}

    void update(const Figures& figures) {
        f_ = figures;
        windowRows_.setRows(f_.windows);
        alertRows_.setRows(f_.alerts);
        emit changed();
    }
    RowModel* windowRows() { return &windowRows_; }
    RowModel* alertRows() { return &alertRows_; }
    const Figures& figures() const { return f_; }

    QString clockText() const { return f_.clockText; }
    QString forecastServing() const { return f_.forecastServing; }
    QString businessDay() const { return f_.businessDay; }
    int issued() const { return f_.issued; }
    int waiting() const { return f_.waiting; }
    int serving() const { return f_.serving; }
    int served() const { return f_.served; }
    int noShow() const { return f_.noShow; }
    int longestWaitMin() const { return f_.longestWaitMin; }
    QString linksText() const { return f_.linksText; }
    bool linksUp() const { return f_.linksUp; }
    qint64 logged() const { return f_.logged; }
    QVariantList windows() const { return f_.windows; }
    QVariantList categories() const { return f_.categories; }
    QVariantList alerts() const { return f_.alerts; }
    QVariantList calls() const { return f_.calls; }
    QVariantList notices() const { return f_.notices; }
    QVariantList ports() const { return f_.ports; }
    QVariantList incidents() const { return f_.incidents; }
    QVariantMap glance() const { return f_.glance; }

signals:
    void changed();

private:
    Figures f_;
    RowModel windowRows_{QStringLiteral("number")};
    RowModel alertRows_{QStringLiteral("key")};
};

}  // namespace lw::ui

// The lobby's headline figures and lists for the screens: what QML binds to (filled by the kiosk once a second).
#pragma once

#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "ui/ScreenModels.h"

#include <vector>

namespace lw::ui {

class LobbyStatus : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LobbyStatus is made by the kiosk")
    Q_PROPERTY(QString clockText READ clockText NOTIFY clockTextChanged)
    Q_PROPERTY(QString forecastServing READ forecastServing NOTIFY forecastServingChanged)
    Q_PROPERTY(QString businessDay READ businessDay NOTIFY businessDayChanged)
    Q_PROPERTY(int issued READ issued NOTIFY totalsChanged)
    Q_PROPERTY(int waiting READ waiting NOTIFY totalsChanged)
    Q_PROPERTY(int serving READ serving NOTIFY totalsChanged)
    Q_PROPERTY(int served READ served NOTIFY totalsChanged)
    Q_PROPERTY(int noShow READ noShow NOTIFY totalsChanged)
    Q_PROPERTY(int longestWaitMin READ longestWaitMin NOTIFY totalsChanged)
    Q_PROPERTY(QString linksText READ linksText NOTIFY linksChanged)
    Q_PROPERTY(bool linksUp READ linksUp NOTIFY linksChanged)
    Q_PROPERTY(qint64 logged READ logged NOTIFY loggedChanged)
    // The typed lists (named roles, updated in place; each row also whole as `row`):
    Q_PROPERTY(lw::ui::WindowModel* windowRows READ windowRows CONSTANT)
    Q_PROPERTY(lw::ui::CategoryModel* categoryRows READ categoryRows CONSTANT)
    Q_PROPERTY(lw::ui::AlertModel* alertRows READ alertRows CONSTANT)
    Q_PROPERTY(lw::ui::IncidentModel* incidentRows READ incidentRows CONSTANT)
    Q_PROPERTY(lw::ui::IncidentFilter* incidentSearch READ incidentSearch CONSTANT)
    Q_PROPERTY(lw::ui::PortModel* portRows READ portRows CONSTANT)
    Q_PROPERTY(lw::ui::CallModel* callRows READ callRows CONSTANT)
    // The same lists as arrays of maps with the same keys (for code that filters or counts them in JavaScript).
    Q_PROPERTY(QVariantList windows READ windows NOTIFY windowsChanged)
    Q_PROPERTY(QVariantList categories READ categories NOTIFY categoriesChanged)
    Q_PROPERTY(QVariantList alerts READ alerts NOTIFY alertsChanged)
    Q_PROPERTY(QVariantList calls READ calls NOTIFY callsChanged)
    Q_PROPERTY(QVariantList ports READ ports NOTIFY portsChanged)
    Q_PROPERTY(QVariantList incidents READ incidents NOTIFY incidentsChanged)
    // Notices for customers (a dispenser or window out of service), each {zh, en}.
    Q_PROPERTY(QVariantList notices READ notices NOTIFY noticesChanged)
    // Today at a glance: serviceLevel (percent within target, -1 none yet), calls, buckets (timeText, calls,
    // meanWaitMin, maxWaitMin), targetMin (the strictest category target), scaleMin (the strip's top).
    Q_PROPERTY(QVariantMap glance READ glance NOTIFY glanceChanged)
    // The branch's complaint hotline and service phone ([branch]), on the public board as the rules require.
    Q_PROPERTY(QString hotline READ hotline NOTIFY branchPhonesChanged)
    Q_PROPERTY(QString servicePhone READ servicePhone NOTIFY branchPhonesChanged)

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
        std::vector<WindowRow> windows;
        std::vector<CategoryRow> categories;
        std::vector<AlertRow> alerts;
        std::vector<CallRow> calls;
        QVariantList notices;
        std::vector<PortRow> ports;
        QVariantMap glance;
        QString forecastServing;  // which estimator serves each category and its error today
    };

    explicit LobbyStatus(QObject* parent = nullptr);

    // Everything but today's incidents (read from the log less often: setIncidents).
    void update(const Figures& figures);
    void setIncidents(const std::vector<IncidentRow>& incidents);
    const Figures& figures() const { return f_; }

    WindowModel* windowRows() { return &windowRows_; }
    CategoryModel* categoryRows() { return &categoryRows_; }
    AlertModel* alertRows() { return &alertRows_; }
    IncidentModel* incidentRows() { return &incidentRows_; }
    IncidentFilter* incidentSearch() { return &incidentSearch_; }
    PortModel* portRows() { return &portRows_; }
    CallModel* callRows() { return &callRows_; }

    QString clockText() const { return clockText_; }
    QString forecastServing() const { return forecastServing_; }
    QString businessDay() const { return businessDay_; }
    int issued() const { return totals_[0]; }
    int waiting() const { return totals_[1]; }
    int serving() const { return totals_[2]; }
    int served() const { return totals_[3]; }
    int noShow() const { return totals_[4]; }
    int longestWaitMin() const { return totals_[5]; }
    QString linksText() const { return linksText_; }
    bool linksUp() const { return linksUp_; }
    qint64 logged() const { return logged_; }
    QVariantList windows() const { return windows_; }
    QVariantList categories() const { return categories_; }
    QVariantList alerts() const { return alerts_; }
    QVariantList calls() const { return calls_; }
    QVariantList notices() const { return notices_; }
    QVariantList ports() const { return ports_; }
    QVariantList incidents() const { return incidents_; }
    QVariantMap glance() const { return glance_; }

    QString hotline() const { return hotline_; }
    QString servicePhone() const { return servicePhone_; }
    void setBranchPhones(const QString& hotline, const QString& servicePhone) {
        hotline_ = hotline;
        servicePhone_ = servicePhone;
        emit branchPhonesChanged();
    }

signals:
    void branchPhonesChanged();
    void clockTextChanged();
    void forecastServingChanged();
    void businessDayChanged();
    void totalsChanged();
    void linksChanged();
    void loggedChanged();
    void windowsChanged();
    void categoriesChanged();
    void alertsChanged();
    void callsChanged();
    void noticesChanged();
    void portsChanged();
    void incidentsChanged();
    void glanceChanged();

private:
    Figures f_;
    WindowModel windowRows_;
    CategoryModel categoryRows_;
    AlertModel alertRows_;
    IncidentModel incidentRows_;
    IncidentFilter incidentSearch_{&incidentRows_};
    PortModel portRows_;
    CallModel callRows_;
    QString clockText_, forecastServing_, businessDay_, linksText_;
    int totals_[6] = {0, 0, 0, 0, 0, 0};
    bool linksUp_ = false;
    qint64 logged_ = 0;
    QVariantList windows_, categories_, alerts_, calls_, notices_, ports_, incidents_;
    QVariantMap glance_;
    QString hotline_, servicePhone_;
};

}  // namespace lw::ui

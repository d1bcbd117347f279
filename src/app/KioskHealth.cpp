// The kiosk's own health: the event log and the wall clock.
#include "app/KioskHealth.h"

#include "lobby/LocalTime.h"

#include <QDateTime>
#include <QFile>
#include <QMetaObject>

#include <cstdio>

namespace lw::app {

KioskHealth::~KioskHealth() {
    if (verifier_.joinable()) verifier_.join();
}

void KioskHealth::startClock() {
    if (!clock_.followsWall()) return;
    // Receive times stay monotone across starts too: the clock never starts before the log's last event (nor the
    // build date), whatever the wall clock says; checkClock() says so when the two are far apart.
    lobby::TimeMs floor = kiosk::buildTime();
    if (const std::string last = store_.lastBusinessDay(); !last.empty())
        for (const auto& e : store_.eventsOfDay(last)) floor = std::max(floor, e.time);
    clock_.notBefore(floor);
    checkClock();
}

void KioskHealth::checkClock() {
    if (!clock_.followsWall()) return;
    const lobby::TimeMs wall = QDateTime::currentMSecsSinceEpoch();
    const kiosk::ClockFollow followed = clock_.follow(wall);
    const lobby::TimeMs now = clock_.now();
    if (followed.steppedForwardMs > 0)
        std::fprintf(stderr, "lobbywatch: the system clock stepped forward %lld s; following it (now %s, business day %s)\n",
                     static_cast<long long>(followed.steppedForwardMs / 1000),
                     lobby::formatLocalTime(now, config_.utcOffsetMinutes).c_str(),
                     lobby::businessDayOf(now, config_).c_str());
    const auto doubt = kiosk::doubtClock(wall, now, kiosk::buildTime(), config_.utcOffsetMinutes);
    if (doubt && !clockIncident_) {
        clockDoubt_ = doubt->en;
        clockDoubtZh_ = doubt->zh;
        incidents_.raise("clock_implausible", "alarm", "clock", doubt->zh, doubt->en, clockIncident_);
        std::fprintf(stderr, "lobbywatch: clock implausible: %s\n", doubt->en.c_str());
    } else if (!doubt && clockIncident_) {
        incidents_.clear(clockIncident_);
        clockDoubt_.clear();
        clockDoubtZh_.clear();
        std::fprintf(stderr, "lobbywatch: the system clock is plausible again\n");
    }
}

void KioskHealth::logMovedAside(const std::string& aside) {
    incidents_.raise("log_damaged", "alarm", "log", "事件日志损坏，已另存为 " + aside + " 并新建日志；请保留旧文件并联系技术支持",
                     "The event log was damaged; it was kept as " + aside + " and a new log started. Keep the old file and call support",
                     logDamagedIncident_);
}

void KioskHealth::logNotWritable(const std::string& why) {
    // Said now, not at the first frame: LOG FAILING from the start, nothing acknowledged until it can be written.
    logFailingSince_ = clock_.now();
    logFailure_ = why;
    std::fprintf(stderr, "lobbywatch: %s; running without acknowledging anything until it can be (LOG FAILING)\n",
                 logFailure_.c_str());
    tellLogFailing();
}

void KioskHealth::tellLogFailing() {
    // Its incident can only be written once the log takes writes again; the robots are told now.
    incidents_.tell("log_write_failed", "alarm", "log",
                    "事件日志无法写入（" + logFailure_ + "），设备数据暂不确认，设备会保留并重发。请联系技术支持释放磁盘空间",
                    "The event log cannot be written (" + logFailure_ + "); nothing is acknowledged meanwhile, the "
                    "devices keep and resend their data. Call support to free disk space");
}

void KioskHealth::verifyInBackground(QObject* context) {
    verifier_ = std::thread([this, context, path = store_.path()]() {
        std::string notChecked;
        std::string problem = store::EventStore::verify(path, &notChecked);
        QMetaObject::invokeMethod(context, [this, problem, notChecked]() {
            logProblem_ = problem;
            if (problem.empty() && !notChecked.empty())
                std::fprintf(stderr, "lobbywatch: event log not checked now (%s)\n", notChecked.c_str());
            else if (problem.empty()) std::fprintf(stderr, "lobbywatch: event log checked: ok\n");
            else {
                std::fprintf(stderr, "lobbywatch: THE EVENT LOG IS DAMAGED (%s); keep this file for analysis\n", problem.c_str());
                // It is in use and still takes new events; a mark makes the next start check it in full and
                // move it aside.
                QFile mark(QString::fromStdString(store::EventStore::damageMarkFor(store_.path().toStdString())));
                if (mark.open(QIODevice::WriteOnly)) mark.write(QByteArray::fromStdString(problem + "\n"));
                incidents_.raise("log_damaged", "alarm", "log", "事件日志校验失败；下次启动时将另存旧日志并新建日志，请联系技术支持",
                      "The event log failed its check; it will be moved aside and a new one started at the next start. "
                      "Call support", logDamagedIncident_);
            }
        }, Qt::QueuedConnection);
    });
}

void KioskHealth::afterCommit(const std::optional<std::string>& error, bool eventsWentIn, std::int64_t realNowMs) {
    if (!error && logFailingSince_ >= 0 && eventsWentIn) {
        // The log takes events again (space came back): the outage becomes an incident, raised when it began and
        // cleared now. Nothing was lost: the devices kept what was not acknowledged and resent it.
        lobby::TimeMs now = clock_.now();
        std::string from = lobby::formatLocalTime(logFailingSince_, config_.utcOffsetMinutes);
        std::string to = lobby::formatLocalTime(now, config_.utcOffsetMinutes);
        store::Incident i;
        i.raisedAt = logFailingSince_;
        i.kind = "log_write_failed";
        i.severity = "alarm";
        i.subject = "log";
        i.messageZh = "事件日志从 " + from + " 到 " + to + " 无法写入（" + logFailure_ + "）；期间未确认设备数据，设备已重发，无数据丢失";
        i.messageEn = "The event log could not be written from " + from + " to " + to + " (" + logFailure_ +
                      "); devices were not acknowledged meanwhile and resent, nothing was lost";
        // What was raised or done meanwhile (a device going offline, a manager resolving an alert) waited in
        // memory; it goes in now, after the outage's own incident.
        std::int64_t outage = incidents_.log().raise(i);
        incidents_.log().step(outage, "cleared", now);
        std::size_t left = incidents_.log().flush();
        std::fprintf(stderr, "lobbywatch: the event log is writable again (failing since %s)%s\n", from.c_str(),
                     left == 0 ? "" : "; some incidents still wait");
        if (incidents_.log().dropped() > 0)
            std::fprintf(stderr, "lobbywatch: %llu incident records did not fit in memory during the outage and are lost\n",
                         static_cast<unsigned long long>(incidents_.log().dropped()));
        logFailingSince_ = -1;
        logFailure_.clear();
    }
    if (error) {
        const bool began = logFailingSince_ < 0;
        if (began) logFailingSince_ = clock_.now();
        logFailure_ = *error;
        if (began) tellLogFailing();
        // A duration: monotonic, whatever the wall clock does.
        if (lastStoreComplaintMs_ < 0 || realNowMs - lastStoreComplaintMs_ > 60'000) {
            lastStoreComplaintMs_ = realNowMs;
            std::fprintf(stderr, "lobbywatch: cannot write the event log (%s); not acknowledging, devices will resend\n",
                         error->c_str());
        }
    }
}

std::vector<forecast::Alert> KioskHealth::cards(lobby::TimeMs now) const {
    std::vector<forecast::Alert> out;
    if (logFailingSince_ >= 0) {
        forecast::Alert a;
        a.kind = "log_write_failed";
        a.subject = "log";
        a.severity = forecast::Severity::Alarm;
        a.raisedAt = logFailingSince_;
        a.messageZh = "事件日志无法写入：" + logFailure_;
        a.messageEn = "The event log cannot be written: " + logFailure_;
        a.actionZh = "请联系技术支持释放磁盘空间；设备会保留并重发数据";
        a.actionEn = "Call support to free disk space; the devices keep and resend their data";
        out.push_back(std::move(a));
    }
    if (!clockDoubt_.empty()) {
        forecast::Alert a;
        a.kind = "clock_implausible";
        a.subject = "clock";
        a.severity = forecast::Severity::Alarm;
        a.raisedAt = now;
        a.messageZh = clockDoubtZh_;
        a.messageEn = clockDoubt_;
        a.actionZh = "请校准系统时钟（检查 NTP）；在此之前本机时间不倒退，记录不受影响";
        a.actionEn = "Set the system clock (check NTP); meanwhile the kiosk's time does not go back and nothing is lost";
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace lw::app

// The manager's desk on the screen: taps to the desk's rules and the alert board, their answers to log and screen.
#include "app/ManagerDesk.h"

#include "kiosk/PinHash.h"
#include "app/ReportView.h"
#include "app/ReportRegion.h"
#include "app/KioskComplaintDesk.h"
#include "app/KioskComplaints.h"
#include "app/KioskFloor.h"
#include "lobby/LocalTime.h"

#include <cstdio>

namespace lw::app {

ManagerDesk::ManagerDesk(Parts parts, ui::Desk& desk)
    : p_(std::move(parts)),
      desk_(desk),
      rules_(auth::KeypadSettings{p_.config.security.lockoutTries, p_.config.security.lockoutMin * 60'000LL,
                                  p_.config.security.idleLockMin * 60'000LL}) {
    uptime_.start();
    desk_.setHandlers({
        [this](const QString& name, const QString& pin) { return signIn(name, pin); },
        [this]() { signOut("sign_out"); },
        [this]() { rules_.touch(realNow()); },
        [this](const QString& key) { return acknowledge(key); },
        [this](const QString& key, const QString& note) { return resolve(key, note); },
        [this](const QString& category, int t, int w, int l) { return setThresholds(category, t, w, l); },
        [this](const QString& range) { return report(range); },
        [this](const QVariantMap& complaint) { return recordComplaint(complaint); },
        [this](const QString& range) { requestReport(range); },
    });
    if (p_.config.central.enabled()) desk_.setRegionReport([this](const QString& range) { requestReportBesideRegion(range); });
    desk_.complaints()->setHandlers({
        [this](qint64 id, int version, const QString& action, const QVariantMap& fields) {
            return complaintStep(id, version, action, fields);
        },
        [this](qint64 id) { return complaintReceipt(id); },
    });
    wireFloorDesk(*desk_.floor(), {p_.store, p_.config, [this]() { return p_.clock.now(); },
                                   [this]() -> std::optional<ComplaintActor> {
                                       if (!rules_.may(auth::Action::Acknowledge, realNow(), false).done) return std::nullopt;
                                       return ComplaintActor{rules_.who()->name, rules_.who()->role};
                                   },
                                   p_.publish,
                                   [this](const std::function<void(store::EventStore&)>& job) {
                                       if (p_.writer) p_.writer->run(job);
                                       else job(p_.store);
                                   }});
    // A report built on the report thread: recorded as viewed by whoever asked, then shown.
    QObject::connect(&p_.reports, &ReportWorker::ready, &desk_, [this](const QString& range, const QVariantMap& result, const QString& period) {
        if (!reportAskedBy_.empty() && result.value("ok").toBool())
            p_.incidents.record(reportAskedBy_.front(), "view_report", "", period.toStdString());
        if (!reportAskedBy_.empty()) reportAskedBy_.pop_front();
        desk_.deliverReport(range, result);
    });
    // The region's figures beside it, when asked (the report itself was recorded as viewed above).
    QObject::connect(&p_.reports, &ReportWorker::regionReady, &desk_, [this](const QString& range, const QVariantMap& result) {
        desk_.deliverReport(range, result);
    });
}

void ManagerDesk::carry(const auth::DeskOutcome& o) {
    for (const auto& a : o.actions) p_.incidents.record(a.who, a.action, a.subject, a.detail);
    if (o.incident) {
        std::optional<std::int64_t> fresh;  // one incident per lock
        p_.incidents.raise("keypad_locked", "warning", "keypad", o.incident->zh, o.incident->en, fresh);
    }
    if (o.changed) publish();
}

bool ManagerDesk::signIn(const QString& qname, const QString& qpin) {
    const std::string name = qname.toStdString();
    const auth::TimeMs t = realNow();
    std::optional<auth::Role> role;
    bool right = false;
    if (!rules_.locked(t)) {  // a locked keypad does not spend time hashing
        for (const auto& m : p_.store.staff()) {
            if (m.name != name) continue;
            kiosk::PinHash stored{m.pinAlgorithm, m.pinIterations, m.pinSalt, m.pinHash};
            right = kiosk::pinMatches(qpin.toStdString(), stored);
            role = auth::roleFrom(m.role).value_or(auth::Role::Manager);
        }
    }
    const auth::DeskOutcome o = rules_.signIn(name, role, right, t);
    carry(o);
    return o.done;
}

void ManagerDesk::signOut(const std::string& why) {
    const auth::DeskOutcome o = rules_.signOut(why);
    carry(o);
    if (o.done) p_.publish();
}

void ManagerDesk::everySecond() {
    const auth::DeskOutcome o = rules_.expire(realNow());
    carry(o);
    if (o.done) p_.publish();
    if (desk_.state().keypadLocked && !rules_.locked(realNow())) publish();
}

bool ManagerDesk::applyBoard(const alerts::BoardChanges& changes) {
    if (!changes.any()) return false;
    p_.incidents.apply(changes, p_.board, p_.clock.now());
    p_.publish();
    return true;
}

bool ManagerDesk::acknowledge(const QString& key) {
    const auth::DeskOutcome o = rules_.may(auth::Action::Acknowledge, realNow());
    carry(o);
    if (!o.done) return false;
    return applyBoard(p_.board.acknowledge(key.toStdString(), rules_.who()->name, p_.clock.now()));
}

bool ManagerDesk::resolve(const QString& key, const QString& qnote) {
    const auth::DeskOutcome o = rules_.may(auth::Action::Resolve, realNow());
    carry(o);
    if (!o.done) return false;
    const std::string note = qnote.trimmed().left(200).toStdString();
    if (note.empty()) return false;
    return applyBoard(p_.board.resolve(key.toStdString(), rules_.who()->name, note, p_.clock.now()));
}

bool ManagerDesk::setThresholds(const QString& qcategory, int targetMin, int warningMin, int limitMin) {
    const auth::DeskOutcome o = rules_.may(auth::Action::ChangeThresholds, realNow());
    carry(o);
    if (!o.done) return false;
    const std::string code = qcategory.toStdString();
    auto before = p_.lobby.category(code);
    if (!before || !p_.lobby.setThresholds(code, targetMin, warningMin, limitMin)) {
        rules_.refuseThresholds();
        publish();
        return false;
    }
    p_.forecast.change([code, targetMin, warningMin, limitMin](lobby::Lobby& replica) {
        replica.setThresholds(code, targetMin, warningMin, limitMin);
    });
    p_.config.lobby.categories = p_.lobby.config().categories;
    // The kept thresholds and the action that changed them go in together (waiting in memory while the log fails).
    const auto& c = before->config;
    p_.incidents.log().setting("thresholds", kiosk::formatThresholds(p_.config.lobby.categories),
                               {p_.clock.now(), rules_.who()->name, "change_thresholds", "category:" + code,
                                std::to_string(c.targetMin) + "/" + std::to_string(c.warningMin) + "/" + std::to_string(c.limitMin) +
                                    " -> " + std::to_string(targetMin) + "/" + std::to_string(warningMin) + "/" +
                                    std::to_string(limitMin)});
    rules_.clearMessage();
    publish();
    p_.publish();
    return true;
}

QVariantMap ManagerDesk::report(const QString& range) {
    if (!rules_.may(auth::Action::ViewReports, realNow(), false).done)
        return {{"ok", false},
                {"whyZh", QStringLiteral("报表需要网点负责人登录")},
                {"whyEn", QStringLiteral("Reports need the branch head signed in")}};
    std::string period;
    QVariantMap out = reportForScreen(p_.store, p_.config.lobby, range, p_.clock.now(), period);
    p_.incidents.record(rules_.who()->name, "view_report", "", period);
    return out;
}

void ManagerDesk::requestReport(const QString& range) {
    if (!rules_.may(auth::Action::ViewReports, realNow(), false).done) {
        desk_.deliverReport(range, {{"ok", false},
                                    {"whyZh", QStringLiteral("报表需要网点负责人登录")},
                                    {"whyEn", QStringLiteral("Reports need the branch head signed in")}});
        return;
    }
    reportAskedBy_.push_back(rules_.who()->name);
    p_.reports.request(range, p_.clock.now(), p_.config.lobby);
}

void ManagerDesk::requestReportBesideRegion(const QString& range) {
    if (!rules_.may(auth::Action::ViewReports, realNow(), false).done) {
        requestReport(range);  // says why
        return;
    }
    std::string why;
    RegionSource source = regionSourceOf(p_.config, why);
    if (!why.empty()) std::fprintf(stderr, "lobbywatch: region figures: %s\n", why.c_str());
    reportAskedBy_.push_back(rules_.who()->name);
    p_.reports.requestBesideRegion(range, p_.clock.now(), p_.config.lobby, std::move(source));
}

QVariantMap ManagerDesk::recordComplaint(const QVariantMap& in) {
    if (!rules_.may(auth::Action::Acknowledge, realNow(), false).done)
        return {{"ok", false}, {"whyZh", QStringLiteral("请先登录")}, {"whyEn", QStringLiteral("Sign in first")}};
    // Read and written on the log's writer thread, after what waits there (a person tapped Save: worth the wait).
    QVariantMap out;
    const std::string who = rules_.who()->name;
    const lobby::TimeMs now = p_.clock.now();
    auto record = [&](store::EventStore& store) { out = app::recordComplaint(store, p_.config, who, in, now); };
    if (p_.writer) p_.writer->run(record);
    else record(p_.store);
    if (out.value("ok").toBool() && p_.complaintRecorded) p_.complaintRecorded();
    refreshComplaints();
    return out;
}

QVariantMap ManagerDesk::complaintStep(qint64 id, int version, const QString& action, const QVariantMap& fields) {
    if (!rules_.may(auth::Action::Acknowledge, realNow(), false).done)
        return {{"ok", false}, {"whyZh", QStringLiteral("请先登录")}, {"whyEn", QStringLiteral("Sign in first")}};
    // Read and written on the log's writer thread, as a complaint recorded (a person tapped Save).
    QVariantMap out;
    const ComplaintActor who{rules_.who()->name, rules_.who()->role};
    const lobby::TimeMs now = p_.clock.now();
    auto take = [&](store::EventStore& store) {
        out = takeComplaintStep(store, p_.config, who, id, version, action.toStdString(), fields, now);
    };
    if (p_.writer) p_.writer->run(take);
    else take(p_.store);
    if (out.value("ok").toBool() && !out.value("repeat").toBool() && p_.complaintRecorded) p_.complaintRecorded();
    refreshComplaints();
    return out;
}

QVariantMap ManagerDesk::complaintReceipt(qint64 id) {
    if (!rules_.may(auth::Action::Acknowledge, realNow(), false).done)
        return {{"ok", false}, {"whyZh", QStringLiteral("请先登录")}, {"whyEn", QStringLiteral("Sign in first")}};
    return app::complaintReceipt(p_.store, p_.config, {rules_.who()->name, rules_.who()->role}, id);
}

void ManagerDesk::refreshComplaints() {
    ComplaintActor who;
    if (const auto& w = rules_.who()) who = {w->name, w->role};
    const std::string today = lobby::businessDayOf(p_.clock.now(), p_.config.lobby);
    desk_.complaints()->setRows(complaintRows(p_.store, p_.config, who, today));
    desk_.floor()->incidents()->setRows(floorRows(p_.store, p_.config, today));
}

void ManagerDesk::publish() {
    ui::Desk::State d;
    for (const auto& m : p_.store.staff())
        d.staff.push_back(QVariantMap{{"name", QString::fromStdString(m.name)}, {"role", QString::fromStdString(m.role)}});
    const auth::DeskView v = rules_.view(realNow(), !d.staff.isEmpty());
    d.signedIn = v.signedIn;
    d.who = QString::fromStdString(v.who);
    d.role = QString::fromStdString(v.role);
    d.keypadLocked = v.keypadLocked;
    d.messageZh = QString::fromStdString(v.messageZh);
    d.messageEn = QString::fromStdString(v.messageEn);
    // Who is signed in decides which complaints the page lists.
    if (d.who != desk_.state().who) {
        desk_.update(d);
        refreshComplaints();
        return;
    }
    desk_.update(d);
}

}  // namespace lw::app

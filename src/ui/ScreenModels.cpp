// The screens' typed list models: each row's roles, in the order of its role names.
#include "ui/ScreenModels.h"

#include <algorithm>
#include <cctype>

namespace lw::ui {

namespace {

const char* stateWord(WindowModel::State s) {
    return s == WindowModel::Open ? "open" : s == WindowModel::Paused ? "paused" : "closed";
}

const char* pauseWord(WindowModel::PauseReason r) {
    switch (r) {
    case WindowModel::Lunch: return "LUNCH";
    case WindowModel::Break: return "BREAK";
    case WindowModel::Fault: return "FAULT";
    case WindowModel::Other: return "OTHER";
    case WindowModel::NotPaused: break;
    }
    return "";
}

}  // namespace

WindowModel::WindowModel(QObject* parent)
    : KeyedListModel({"number", "state", "stateCode", "pause", "pauseReason", "pauseWordZh", "pauseWordEn", "ticket",
                      "serviceMin", "servedToday", "meanServiceMin", "level", "word"},
                     parent) {}

WindowModel::PauseReason WindowModel::pauseReasonFrom(const std::string& word) {
    std::string w = word;
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (w == "LUNCH") return Lunch;
    if (w == "BREAK") return Break;
    if (w == "FAULT") return Fault;
    return Other;
}

QString WindowModel::pauseWordZh(PauseReason reason) {
    switch (reason) {
    case Lunch: return QStringLiteral("午休");
    case Break: return QStringLiteral("休息");
    case Fault: return QStringLiteral("故障");
    case Other: return QStringLiteral("其他事务");
    case NotPaused: break;
    }
    return {};
}

QString WindowModel::pauseWordEn(PauseReason reason) {
    switch (reason) {
    case Lunch: return QStringLiteral("lunch");
    case Break: return QStringLiteral("break");
    case Fault: return QStringLiteral("fault");
    case Other: return QStringLiteral("other business");
    case NotPaused: break;
    }
    return {};
}

void WindowModel::setRows(const std::vector<WindowRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows) {
        const PauseReason pause = r.state == Paused ? r.pause : NotPaused;
        v.push_back({QString::number(r.number),
                     {r.number, QString::fromLatin1(stateWord(r.state)), static_cast<int>(r.state), static_cast<int>(pause),
                      QString::fromLatin1(pauseWord(pause)), pauseWordZh(pause), pauseWordEn(pause), r.ticket, r.serviceMin,
                      r.servedToday, r.meanServiceMin, r.level, r.word}});
    }
    setValues(std::move(v));
}

CategoryModel::CategoryModel(QObject* parent)
    : KeyedListModel({"code", "nameZh", "nameEn", "waiting", "longestWaitMin", "forecastMin", "targetMin", "warningMin",
                      "limitMin", "level"},
                     parent) {}

void CategoryModel::setRows(const std::vector<CategoryRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows)
        v.push_back({r.code, {r.code, r.nameZh, r.nameEn, r.waiting, r.longestWaitMin, r.forecastMin, r.targetMin,
                              r.warningMin, r.limitMin, r.level}});
    setValues(std::move(v));
}

AlertModel::AlertModel(QObject* parent)
    : KeyedListModel({"key", "acknowledgedBy", "acknowledgedText", "count", "actionable", "severity", "level",
                      "messageZh", "messageEn", "actionZh", "actionEn", "sinceText", "timeLeftMin"},
                     parent) {}

void AlertModel::setRows(const std::vector<AlertRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows)
        v.push_back({r.key, {r.key, r.acknowledgedBy, r.acknowledgedText, r.count, r.actionable, r.severity, r.level,
                             r.messageZh, r.messageEn, r.actionZh, r.actionEn, r.sinceText, r.timeLeftMin}});
    setValues(std::move(v));
}

IncidentModel::IncidentModel(QObject* parent)
    : KeyedListModel({"id", "timeText", "kind", "severity", "subject", "messageZh", "messageEn", "state", "stateText"},
                     parent) {}

void IncidentModel::setRows(const std::vector<IncidentRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows)
        v.push_back({QString::number(r.id), {r.id, r.timeText, r.kind, r.severity, r.subject, r.messageZh, r.messageEn,
                                             r.state, r.stateText}});
    setValues(std::move(v));
}

IncidentFilter::IncidentFilter(IncidentModel* incidents, QObject* parent)
    : QSortFilterProxyModel(parent), incidents_(incidents) {
    setSourceModel(incidents);
    setDynamicSortFilter(true);
    auto recount = [this]() { emit countChanged(); };
    connect(this, &QAbstractItemModel::rowsInserted, this, recount);
    connect(this, &QAbstractItemModel::rowsRemoved, this, recount);
    connect(this, &QAbstractItemModel::modelReset, this, recount);
    connect(this, &QAbstractItemModel::layoutChanged, this, recount);
}

void IncidentFilter::setText(const QString& text) {
    if (text == text_) return;
    text_ = text;
    invalidateFilter();
    emit textChanged();
    emit countChanged();
}

bool IncidentFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QString q = text_.trimmed();
    if (q.isEmpty()) return true;
    const QModelIndex at = incidents_->index(sourceRow, 0, sourceParent);
    QString words;
    for (const char* role : {"messageZh", "messageEn", "kind", "subject", "state"})
        words += incidents_->data(at, incidents_->role(role)).toString() + QLatin1Char(' ');
    return words.contains(q, Qt::CaseInsensitive);
}

QVariantMap IncidentFilter::get(int i) const {
    if (i < 0 || i >= rowCount()) return {};
    return incidents_->get(mapToSource(index(i, 0)).row());
}

PortModel::PortModel(QObject* parent)
    : KeyedListModel({"port", "up", "reason", "reconnects", "frames", "bad", "devices"}, parent) {}

void PortModel::setRows(const std::vector<PortRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows) {
        QVariantList devices;
        for (const auto& d : r.devices)
            devices.push_back(QVariantMap{{"address", d.address}, {"kind", d.kind}, {"online", d.online}, {"lastText", d.lastText},
                                          {"frames", d.frames}, {"resends", d.resends}, {"refused", d.refused},
                                          {"status", d.status}});
        v.push_back({r.port, {r.port, r.up, r.reason, r.reconnects, r.frames, r.bad, devices}});
    }
    setValues(std::move(v));
}

CallModel::CallModel(QObject* parent)
    : KeyedListModel({"ticket", "window", "textZh", "textEn", "timeText"}, parent) {}

void CallModel::setRows(const std::vector<CallRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows)
        v.push_back({r.ticket + QLatin1Char('@') + QString::number(r.at) + QLatin1Char('@') + QString::number(r.window),
                     {r.ticket, r.window, r.textZh, r.textEn, r.timeText}});
    setValues(std::move(v));
}

}  // namespace lw::ui

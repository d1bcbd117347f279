// The screens' lists as typed models: windows, categories, alerts, today's incidents (and the search over them),
// serial ports with their devices, recent calls. The kiosk fills them with typed rows once a second; rows are
// updated in place (KeyedListModel). The role names are the keys the screens have always read.
#pragma once

#include "ui/KeyedListModel.h"

#include <QObject>
#include <QSortFilterProxyModel>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <string>
#include <vector>

namespace lw::ui {

// The attention a tile or card needs: its colour and icon on the screens.
class Level : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("an enum")
public:
    enum Value { Ok = 0, Warning = 1, Alarm = 2 };
    Q_ENUM(Value)
};

struct WindowRow;

class WindowModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("WindowModel is filled by the kiosk")
public:
    enum State { Open, Paused, Closed };
    Q_ENUM(State)
    // Why a window is paused, as its keypad says (PROTOCOL.md: WPS LUNCH|BREAK|FAULT|OTHER).
    enum PauseReason { NotPaused, Lunch, Break, Fault, Other };
    Q_ENUM(PauseReason)

    explicit WindowModel(QObject* parent = nullptr);
    void setRows(const std::vector<WindowRow>& rows);

    // The protocol's word (any case; empty or unknown: Other) as a reason.
    static PauseReason pauseReasonFrom(const std::string& word);
    // The reason in words for the tile: {zh, en}; empty for NotPaused.
    static QString pauseWordZh(PauseReason reason);
    static QString pauseWordEn(PauseReason reason);
};

struct WindowRow {
    int number = 0;
    WindowModel::State state = WindowModel::Closed;
    WindowModel::PauseReason pause = WindowModel::NotPaused;
    QString ticket;                // at the window (empty: none)
    int serviceMin = -1;           // how long the ticket has been at the window (-1: none)
    int servedToday = 0;
    double meanServiceMin = -1.0;  // -1: none yet
    int level = Level::Ok;
    QString word;                  // what the level is about: slow, idle, no_shows, closed
};

struct CategoryRow {
    QString code, nameZh, nameEn;
    int waiting = 0;
    int longestWaitMin = 0;
    int forecastMin = -1;  // the wait for a ticket issued now (-1: no estimate)
    int targetMin = 0, warningMin = 0, limitMin = 0;
    int level = Level::Ok;
};

class CategoryModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CategoryModel is filled by the kiosk")
public:
    explicit CategoryModel(QObject* parent = nullptr);
    void setRows(const std::vector<CategoryRow>& rows);
};

// A card on the alert panel, most urgent first.
struct AlertRow {
    QString key;
    QString acknowledgedBy;    // empty: nobody yet
    QString acknowledgedText;  // HH:MM of the acknowledgement (empty: none)
    int count = 1;             // alerts the card stands for
    bool actionable = false;   // acknowledge and resolve apply
    QString severity;          // info | warning | alarm
    int level = Level::Ok;
    QString messageZh, messageEn, actionZh, actionEn;
    QString sinceText;
    int timeLeftMin = -1;
};

class AlertModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertModel is filled by the kiosk")
public:
    explicit AlertModel(QObject* parent = nullptr);
    void setRows(const std::vector<AlertRow>& rows);
};

// One of today's incidents, newest first.
struct IncidentRow {
    qint64 id = 0;
    QString timeText, kind, severity, subject, messageZh, messageEn, state, stateText;
};

class IncidentModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IncidentModel is filled by the kiosk")
public:
    explicit IncidentModel(QObject* parent = nullptr);
    void setRows(const std::vector<IncidentRow>& rows);
};

// The incident log's search box: the incidents whose words (both languages), kind, subject or state contain
// `text` (any case). A proxy over IncidentModel, so a search result keeps its rows and the view its place when an
// incident changes or a new one comes in.
class IncidentFilter : public QSortFilterProxyModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IncidentFilter is made by the kiosk")
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit IncidentFilter(IncidentModel* incidents, QObject* parent = nullptr);
    QString text() const { return text_; }
    void setText(const QString& text);
    int count() const { return rowCount(); }
    Q_INVOKABLE QVariantMap get(int i) const;

signals:
    void textChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    IncidentModel* incidents_;
    QString text_;
};

struct DeviceRow {
    int address = 0;
    QString kind;      // dispenser | keypad | ?
    bool online = false;
    QString lastText;  // HH:MM:SS of the last frame, "—" before any
    qint64 frames = 0, resends = 0, refused = 0;
    QString status;    // the device's last status word (OK, PAPER_LOW, PAPER_OUT, JAM, COVER_OPEN), empty: none
};

struct PortRow {
    QString port;
    bool up = false;
    QString reason;
    qint64 reconnects = 0, frames = 0, bad = 0;
    std::vector<DeviceRow> devices;
};

class PortModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PortModel is filled by the kiosk")
public:
    explicit PortModel(QObject* parent = nullptr);
    void setRows(const std::vector<PortRow>& rows);
};

// A call on the public board, newest first.
struct CallRow {
    QString ticket;
    int window = 0;
    QString textZh, textEn, timeText;
    qint64 at = 0;  // when (with the ticket, the row's key: a recall is a new row)
};

class CallModel : public KeyedListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CallModel is filled by the kiosk")
public:
    explicit CallModel(QObject* parent = nullptr);
    void setRows(const std::vector<CallRow>& rows);
};

}  // namespace lw::ui

// The desk kiosk (tests/app/DeskFixture.h: 王芳 manager PIN 2580, Zhao Lei head PIN 7391, a long wait in
// category A) with its phone page on 127.0.0.1 and an ephemeral port.
#pragma once

#include "DeskFixture.h"
#include "PhoneHttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpSocket>

#include <string>
#include <vector>

namespace lw::test {

// The kiosk started with its phone page on `address` (whether the page could start there or not).
inline std::unique_ptr<app::Kiosk> startKioskWithPhone(const QString& path, const kiosk::Clock& clock, const std::string& address) {
    kiosk::KioskConfig c = deskBranch(path);
    c.phone.address = address;
    c.phone.port = 0;  // any free port (the config file asks for 1..65535)
    return startDeskKiosk(path, clock, c);
}

inline std::unique_ptr<app::Kiosk> startPhoneKiosk(const QString& path, const kiosk::Clock& clock) {
    auto k = startKioskWithPhone(path, clock, "127.0.0.1");
    if (!k->phonePage() || k->phonePage()->port() == 0) throw std::runtime_error("the phone page did not start");
    return k;
}

// The kiosk on the desk log `path` at 10:30 on 2026-03-02 (its clock runs at real speed), its phone page started.
struct PhoneKiosk {
    QString path;
    kiosk::Clock clock{localTime("2026-03-02T10:30:00"), 1.0};
    std::unique_ptr<app::Kiosk> kiosk;
    quint16 port = 0;
    explicit PhoneKiosk(QString log) : path(std::move(log)), kiosk(startPhoneKiosk(path, clock)), port(kiosk->phonePage()->port()) {}
};

inline std::vector<std::vector<std::string>> logRows(const QString& path, const QString& sql) {
    std::vector<std::vector<std::string>> out;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", "phone_check");
        d.setDatabaseName(path);
        if (!d.open()) throw std::runtime_error("cannot open the log");
        QSqlQuery q(d);
        if (!q.exec(sql)) throw std::runtime_error("query failed");
        while (q.next()) {
            std::vector<std::string> row;
            for (int i = 0; i < q.record().count(); ++i) row.push_back(q.value(i).toString().toStdString());
            out.push_back(row);
        }
    }
    QSqlDatabase::removeDatabase("phone_check");
    return out;
}

}  // namespace lw::test

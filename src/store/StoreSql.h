// What the event log's files share: SQLite errors as text, std::string to QString, one statement (internal to lw_store).
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <optional>
#include <string>

namespace lw::store::sql {

inline std::string errorText(const QSqlError& e) {
    QString text = e.text().trimmed();
    return text.isEmpty() ? std::string("unknown SQLite error") : text.toStdString();
}

inline QString q(const std::string& s) { return QString::fromStdString(s); }
inline QString q_(const std::string& s) { return QString::fromStdString(s); }

inline std::optional<std::string> exec(QSqlDatabase db, const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql)) return errorText(query.lastError()) + " (in: " + sql.left(60).toStdString() + ")";
    return std::nullopt;
}

}  // namespace lw::store::sql

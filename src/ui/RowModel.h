// A list of rows (one QVariantMap each, with a key) for a Repeater or ListView that must not rebuild its
// delegates every second: when the keys come in the same order, each row is updated in place (dataChanged);
// only a new, gone or moved key resets the list. A delegate reads its row as `required property var row`.
#pragma once

#include <QAbstractListModel>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace lw::ui {

class RowModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RowModel is filled by the kiosk")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Roles { RowRole = Qt::UserRole + 1 };

    explicit RowModel(QString keyField, QObject* parent = nullptr) : QAbstractListModel(parent), key_(std::move(keyField)) {}

    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = QModelIndex()) const override { return parent.isValid() ? 0 : count(); }
    QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || index.row() >= count() || role != RowRole) return {};
        return rows_.at(index.row());
    }
    QHash<int, QByteArray> roleNames() const override { return {{RowRole, "row"}}; }

    void setRows(const QVariantList& rows) {
        bool sameKeys = rows.size() == rows_.size();
        for (qsizetype i = 0; sameKeys && i < rows.size(); ++i)
            sameKeys = rows.at(i).toMap().value(key_) == rows_.at(i).toMap().value(key_);
        if (!sameKeys) {
            const bool countChanges = rows.size() != rows_.size();
            beginResetModel();
            rows_ = rows;
            endResetModel();
            if (countChanges) emit countChanged();
            return;
        }
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (rows.at(i) == rows_.at(i)) continue;
            rows_[i] = rows.at(i);
            const QModelIndex at = index(static_cast<int>(i));
            emit dataChanged(at, at, {RowRole});
        }
    }

signals:
    void countChanged();

private:
    QString key_;
    QVariantList rows_;
};

}  // namespace lw::ui

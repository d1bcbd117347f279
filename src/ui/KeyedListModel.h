// The base of the screens' list models: rows with a key and named roles, updated in place. A row whose key stays
// gets dataChanged for the roles that changed; a new key is inserted, a gone one removed, a moved one moved, so a
// view keeps its delegates, its scroll position and its current item across updates (never a reset).
// Each row is also readable whole as the role `row` (a map of every role), for delegates that take `row`.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace lw::ui {

class KeyedListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    static constexpr int RowRole = Qt::UserRole;  // the whole row as a map; named roles follow from UserRole + 1

    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = QModelIndex()) const override { return parent.isValid() ? 0 : count(); }
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Row `i` as a map of its roles (an empty map out of range).
    Q_INVOKABLE QVariantMap get(int i) const;
    // Every row as a map, in order (the screens' list properties of before, kept for the delegates that use them).
    QVariantList toList() const;
    // The role number of `name` (-1: none).
    int role(const QByteArray& name) const;

signals:
    void countChanged();

protected:
    explicit KeyedListModel(QList<QByteArray> roleNames, QObject* parent = nullptr);

    struct Values {
        QString key;
        QVariantList values;  // one per role name, in order
    };
    void setValues(std::vector<Values> rows);

private:
    QVariantMap mapOf(const Values& row) const;
    QList<QByteArray> names_;
    std::vector<Values> rows_;
};

}  // namespace lw::ui

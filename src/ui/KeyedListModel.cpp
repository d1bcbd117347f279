// The base of the screens' list models: keyed rows updated in place (insert, remove, move, dataChanged).
#include "ui/KeyedListModel.h"

#include <QSet>

#include <algorithm>

namespace lw::ui {

KeyedListModel::KeyedListModel(QList<QByteArray> roleNames, QObject* parent)
    : QAbstractListModel(parent), names_(std::move(roleNames)) {}

QHash<int, QByteArray> KeyedListModel::roleNames() const {
    QHash<int, QByteArray> out{{RowRole, "row"}};
    for (int i = 0; i < names_.size(); ++i) out.insert(Qt::UserRole + 1 + i, names_.at(i));
    return out;
}

int KeyedListModel::role(const QByteArray& name) const {
    const int i = static_cast<int>(names_.indexOf(name));
    return i < 0 ? -1 : Qt::UserRole + 1 + i;
}

QVariantMap KeyedListModel::mapOf(const Values& row) const {
    QVariantMap m;
    for (int i = 0; i < names_.size() && i < row.values.size(); ++i) m.insert(QString::fromLatin1(names_.at(i)), row.values.at(i));
    return m;
}

QVariant KeyedListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= count()) return {};
    const Values& row = rows_.at(static_cast<std::size_t>(index.row()));
    if (role == RowRole) return mapOf(row);
    const int i = role - Qt::UserRole - 1;
    if (i < 0 || i >= row.values.size()) return {};
    return row.values.at(i);
}

QVariantMap KeyedListModel::get(int i) const {
    if (i < 0 || i >= count()) return {};
    return mapOf(rows_.at(static_cast<std::size_t>(i)));
}

QVariantList KeyedListModel::toList() const {
    QVariantList out;
    out.reserve(count());
    for (const auto& r : rows_) out.push_back(mapOf(r));
    return out;
}

void KeyedListModel::setValues(std::vector<Values> rows) {
    const int before = count();
    QSet<QString> keep;
    // A key is one row: a repeated key (which the kiosk does not make) keeps its first row.
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const Values& r) {
                   if (keep.contains(r.key)) return true;
                   keep.insert(r.key);
                   return false;
               }),
               rows.end());
    // Gone keys first, from the bottom up.
    for (int i = count() - 1; i >= 0; --i) {
        if (keep.contains(rows_[static_cast<std::size_t>(i)].key)) continue;
        beginRemoveRows(QModelIndex(), i, i);
        rows_.erase(rows_.begin() + i);
        endRemoveRows();
    }
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        Values& want = rows[static_cast<std::size_t>(i)];
        if (i >= count() || rows_[static_cast<std::size_t>(i)].key != want.key) {
            auto found = std::find_if(rows_.begin() + std::min(i, count()), rows_.end(),
                                      [&](const Values& v) { return v.key == want.key; });
            if (found == rows_.end()) {
                beginInsertRows(QModelIndex(), i, i);
                rows_.insert(rows_.begin() + i, std::move(want));
                endInsertRows();
                continue;
            }
            const int from = static_cast<int>(found - rows_.begin());
            beginMoveRows(QModelIndex(), from, from, QModelIndex(), i);
            Values moved = std::move(*found);
            rows_.erase(found);
            rows_.insert(rows_.begin() + i, std::move(moved));
            endMoveRows();
        }
        Values& have = rows_[static_cast<std::size_t>(i)];
        if (have.values == want.values) continue;
        QList<int> changed{RowRole};
        for (int r = 0; r < want.values.size(); ++r)
            if (r >= have.values.size() || have.values.at(r) != want.values.at(r)) changed << Qt::UserRole + 1 + r;
        have.values = std::move(want.values);
        const QModelIndex at = index(i);
        emit dataChanged(at, at, changed);
    }
    if (count() != before) emit countChanged();
}

}  // namespace lw::ui

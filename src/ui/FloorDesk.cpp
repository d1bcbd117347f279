// The lobby floor's model on the kiosk: each of today's hand-opened incidents' roles, in the order of its role names.
#include "ui/FloorDesk.h"

namespace lw::ui {

FloorIncidentModel::FloorIncidentModel(QObject* parent)
    : KeyedListModel({"id", "kind", "kindZh", "kindEn", "timeText", "openedBy", "what", "ticks", "complaints", "closed", "closedText"},
                     parent) {}

void FloorIncidentModel::setRows(const std::vector<FloorIncidentRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows)
        v.push_back({QString::number(r.id),
                     {r.id, r.kind, r.kindZh, r.kindEn, r.timeText, r.openedBy, r.what, r.ticks, r.complaints, r.closed, r.closedText}});
    setValues(std::move(v));
}

QVariantMap FloorDesk::row(qint64 id) const {
    for (int i = 0; i < incidents_->count(); ++i) {
        QVariantMap r = incidents_->get(i);
        if (r.value(QStringLiteral("id")).toLongLong() == id) return r;
    }
    return {};
}

}  // namespace lw::ui

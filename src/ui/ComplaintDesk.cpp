// The complaints' model on the kiosk: each open complaint's roles, in the order of its role names.
#include "ui/ComplaintDesk.h"

namespace lw::ui {

ComplaintModel::ComplaintModel(QObject* parent)
    : KeyedListModel({"id", "version", "state", "stateZh", "stateEn", "channel", "cause", "complexity", "summary", "owner",
                      "pendingOwner", "ticket", "receivedDay", "complainedDay", "replyBy", "escalationLevel", "escalatedTo",
                      "clocks", "level", "steps"},
                     parent) {}

void ComplaintModel::setRows(const std::vector<ComplaintRow>& rows) {
    std::vector<Values> v;
    v.reserve(rows.size());
    for (const auto& r : rows)
        v.push_back({QString::number(r.id),
                     {r.id, r.version, r.state, r.stateZh, r.stateEn, r.channel, r.cause, r.complexity, r.summary, r.owner,
                      r.pendingOwner, r.ticket, r.receivedDay, r.complainedDay, r.replyBy, r.escalationLevel, r.escalatedTo,
                      r.clocks, r.level, r.steps}});
    setValues(std::move(v));
}

QVariantMap ComplaintDesk::row(qint64 id) const {
    for (int i = 0; i < model_->count(); ++i) {
        QVariantMap r = model_->get(i);
        if (r.value(QStringLiteral("id")).toLongLong() == id) return r;
    }
    return {};
}

}  // namespace lw::ui

// The complaint register in the event log: each complaint (`complaints`), its life (`complaint_life`) and the
// steps taken on it with who took them (`complaint_steps`).
#include "store/EventStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lw::store {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }
QVariant optText(const std::string& s) { return s.empty() ? QVariant() : QVariant(text(s)); }
QVariant optTime(std::int64_t t) { return t ? QVariant(static_cast<qlonglong>(t)) : QVariant(); }
QVariant optBool(const std::optional<bool>& b) { return b ? QVariant(*b ? 1 : 0) : QVariant(); }
std::string str(const QVariant& v) { return v.toString().toStdString(); }
std::optional<bool> boolOf(const QVariant& v) {
    if (v.isNull()) return std::nullopt;
    return v.toInt() != 0;
}

const char* const kSelect =
    "SELECT c.id, c.received_at, c.received_day, c.channel, c.received_by, c.cause, c.summary, c.contact, c.ticket,"
    " c.ticket_day, c.due_day, c.state, c.reply, c.satisfied, c.replied_at, c.closed_at,"
    " l.complained_day, l.complexity, l.owner, l.pending_owner, l.handover_from, l.handover_why, l.state_before_handover,"
    " l.answered_on_spot, l.agreed_day, l.agreed_on, l.answer_day, l.investigation, l.bank_at_fault, l.responsible,"
    " l.apology, l.remedy, l.reply_day, l.resolution, l.resolved_at, l.resolved_day, l.follow_up_planned,"
    " l.follow_up_day, l.follow_up_outcome, l.follow_up_satisfied, l.escalation_level, l.escalated_to, l.escalated_at,"
    " l.ticket_issued_at"
    " FROM complaints c LEFT JOIN complaint_life l ON l.complaint_id = c.id";

report::Complaint fromRow(const QSqlQuery& q) {
    report::Complaint c;
    int i = 0;
    c.id = q.value(i++).toLongLong();
    c.receivedAt = q.value(i++).toLongLong();
    c.receivedDay = str(q.value(i++));
    c.channel = str(q.value(i++));
    c.receivedBy = str(q.value(i++));
    c.cause = str(q.value(i++));
    c.summary = str(q.value(i++));
    c.contact = str(q.value(i++));
    c.ticket = str(q.value(i++));
    c.ticketDay = str(q.value(i++));
    c.dueDay = str(q.value(i++));
    c.state = str(q.value(i++));
    c.reply = str(q.value(i++));
    c.satisfied = boolOf(q.value(i++));
    c.repliedAt = q.value(i++).toLongLong();
    c.closedAt = q.value(i++).toLongLong();
    c.complainedDay = str(q.value(i++));
    if (c.complainedDay.empty()) c.complainedDay = c.receivedDay;
    c.complexity = str(q.value(i++));
    if (c.complexity.empty()) c.complexity = "general";
    c.owner = str(q.value(i++));
    if (c.owner.empty()) c.owner = c.receivedBy;
    c.pendingOwner = str(q.value(i++));
    c.handoverFrom = str(q.value(i++));
    c.handoverWhy = str(q.value(i++));
    c.stateBeforeHandover = str(q.value(i++));
    c.answeredOnSpot = q.value(i++).toInt() != 0;
    c.agreedDay = str(q.value(i++));
    c.agreedOn = str(q.value(i++));
    c.answerDay = str(q.value(i++));
    c.investigation = str(q.value(i++));
    c.bankAtFault = boolOf(q.value(i++));
    c.responsible = str(q.value(i++));
    c.apology = q.value(i++).toInt() != 0;
    c.remedy = str(q.value(i++));
    c.replyDay = str(q.value(i++));
    c.resolution = str(q.value(i++));
    c.resolvedAt = q.value(i++).toLongLong();
    c.resolvedDay = str(q.value(i++));
    c.followUpPlanned = str(q.value(i++));
    c.followUpDay = str(q.value(i++));
    c.followUpOutcome = str(q.value(i++));
    c.followUpSatisfied = boolOf(q.value(i++));
    c.escalationLevel = q.value(i++).toInt();
    c.escalatedTo = str(q.value(i++));
    c.escalatedAt = q.value(i++).toLongLong();
    c.ticketIssuedAt = q.value(i++).toLongLong();
    return c;
}

// Writes the complaint's life (insert or replace).
bool putLife(QSqlDatabase d, const report::Complaint& c) {
    QSqlQuery q(d);
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO complaint_life (complaint_id, complained_day, complexity, owner, pending_owner,"
        " handover_from, handover_why, state_before_handover, answered_on_spot, agreed_day, agreed_on, answer_day,"
        " investigation, bank_at_fault, responsible, apology, remedy, reply_day, resolution, resolved_at, resolved_day,"
        " follow_up_planned, follow_up_day, follow_up_outcome, follow_up_satisfied, escalation_level, escalated_to,"
        " escalated_at, ticket_issued_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(static_cast<qlonglong>(c.id));
    q.addBindValue(text(c.complainedDay.empty() ? c.receivedDay : c.complainedDay));
    q.addBindValue(text(c.complexity));
    q.addBindValue(text(c.owner.empty() ? c.receivedBy : c.owner));
    q.addBindValue(optText(c.pendingOwner));
    q.addBindValue(optText(c.handoverFrom));
    q.addBindValue(optText(c.handoverWhy));
    q.addBindValue(optText(c.stateBeforeHandover));
    q.addBindValue(c.answeredOnSpot ? 1 : 0);
    q.addBindValue(optText(c.agreedDay));
    q.addBindValue(optText(c.agreedOn));
    q.addBindValue(optText(c.answerDay));
    q.addBindValue(optText(c.investigation));
    q.addBindValue(optBool(c.bankAtFault));
    q.addBindValue(optText(c.responsible));
    q.addBindValue(c.apology ? 1 : 0);
    q.addBindValue(optText(c.remedy));
    q.addBindValue(optText(c.replyDay));
    q.addBindValue(optText(c.resolution));
    q.addBindValue(optTime(c.resolvedAt));
    q.addBindValue(optText(c.resolvedDay));
    q.addBindValue(optText(c.followUpPlanned));
    q.addBindValue(optText(c.followUpDay));
    q.addBindValue(optText(c.followUpOutcome));
    q.addBindValue(optBool(c.followUpSatisfied));
    q.addBindValue(c.escalationLevel);
    q.addBindValue(optText(c.escalatedTo));
    q.addBindValue(optTime(c.escalatedAt));
    q.addBindValue(optTime(c.ticketIssuedAt));
    return q.exec();
}

}  // namespace

std::optional<std::int64_t> EventStore::addComplaint(const report::Complaint& c, std::string& error) {
    if (auto e = ensureWritable()) {
        error = *e;
        return std::nullopt;
    }
    if (!beginWrite()) {
        error = db().lastError().text().toStdString();
        return std::nullopt;
    }
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO complaints (received_at, received_day, channel, received_by, cause, summary, contact,"
                             " ticket, ticket_day, due_day, state) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(static_cast<qlonglong>(c.receivedAt));
    q.addBindValue(text(c.receivedDay));
    q.addBindValue(text(c.channel));
    q.addBindValue(text(c.receivedBy));
    q.addBindValue(text(c.cause));
    q.addBindValue(text(c.summary));
    q.addBindValue(optText(c.contact));
    q.addBindValue(optText(c.ticket));
    q.addBindValue(optText(c.ticketDay));
    q.addBindValue(text(c.dueDay));
    q.addBindValue(text(c.state));
    if (!q.exec()) {
        error = q.lastError().text().toStdString();
        endWrite(false);
        return std::nullopt;
    }
    report::Complaint stored = c;
    stored.id = q.lastInsertId().toLongLong();
    const bool life = putLife(db(), stored);
    if (auto e = endWrite(life)) {
        error = *e;
        return std::nullopt;
    }
    return stored.id;
}

std::vector<report::Complaint> EventStore::complaints(const std::string& fromDay, const std::string& toDay, bool openOnly) {
    std::vector<report::Complaint> out;
    QSqlQuery q(db());
    q.prepare(QString::fromLatin1(kSelect) +
              QStringLiteral(" WHERE c.received_day BETWEEN ? AND ? AND (? = 0 OR c.state <> 'closed') ORDER BY c.id"));
    q.addBindValue(text(fromDay));
    q.addBindValue(text(toDay));
    q.addBindValue(openOnly ? 1 : 0);
    if (!q.exec()) return out;
    while (q.next()) out.push_back(fromRow(q));
    return out;
}

std::optional<report::Complaint> EventStore::complaint(std::int64_t id) {
    QSqlQuery q(db());
    q.prepare(QString::fromLatin1(kSelect) + QStringLiteral(" WHERE c.id = ?"));
    q.addBindValue(static_cast<qlonglong>(id));
    if (!q.exec() || !q.next()) return std::nullopt;
    return fromRow(q);
}

bool EventStore::updateComplaint(const report::Complaint& c) {
    if (ensureWritable() || !beginWrite()) return false;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE complaints SET state = ?, reply = ?, satisfied = ?, replied_at = ?, closed_at = ?,"
                             " due_day = ? WHERE id = ?"));
    q.addBindValue(text(c.state));
    q.addBindValue(optText(c.reply));
    q.addBindValue(optBool(c.satisfied));
    q.addBindValue(optTime(c.repliedAt));
    q.addBindValue(optTime(c.closedAt));
    q.addBindValue(text(c.dueDay));
    q.addBindValue(static_cast<qlonglong>(c.id));
    const bool ok = q.exec() && q.numRowsAffected() == 1 && putLife(db(), c);
    return !endWrite(ok).has_value();
}

std::optional<std::string> EventStore::recordComplaintStep(std::int64_t complaintId, const complaint::Step& s) {
    if (auto e = ensureWritable()) return e;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO complaint_steps (complaint_id, at, business_day, who, role, os_user, action,"
                             " recipient, day, text, flag, responsible, remedy, apology) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(static_cast<qlonglong>(complaintId));
    q.addBindValue(static_cast<qlonglong>(s.at));
    q.addBindValue(text(s.day));
    q.addBindValue(text(s.by));
    q.addBindValue(QString::fromLatin1(auth::toString(s.role)));
    q.addBindValue(optText(s.osUser));
    q.addBindValue(text(s.action));
    q.addBindValue(optText(s.to));
    q.addBindValue(optText(s.date));
    q.addBindValue(optText(s.text));
    q.addBindValue(optBool(s.yes));
    q.addBindValue(optText(s.responsible));
    q.addBindValue(optText(s.remedy));
    q.addBindValue(s.apology ? 1 : 0);
    if (!q.exec()) return q.lastError().text().toStdString();
    return std::nullopt;
}

std::vector<complaint::Step> EventStore::complaintSteps(std::int64_t complaintId) {
    std::vector<complaint::Step> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT at, business_day, who, role, os_user, action, recipient, day, text, flag, responsible,"
                             " remedy, apology FROM complaint_steps WHERE complaint_id = ? ORDER BY id"));
    q.addBindValue(static_cast<qlonglong>(complaintId));
    if (!q.exec()) return out;
    while (q.next()) {
        complaint::Step s;
        s.at = q.value(0).toLongLong();
        s.day = str(q.value(1));
        s.by = str(q.value(2));
        s.role = auth::roleFrom(str(q.value(3))).value_or(auth::Role::Manager);
        s.osUser = str(q.value(4));
        s.action = str(q.value(5));
        s.to = str(q.value(6));
        s.date = str(q.value(7));
        s.text = str(q.value(8));
        s.yes = boolOf(q.value(9));
        s.responsible = str(q.value(10));
        s.remedy = str(q.value(11));
        s.apology = q.value(12).toInt() != 0;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace lw::store

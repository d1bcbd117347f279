// The words of the complaints page for a step, a step's text field and a clock's state (in the page's
// translation context).
import QtQuick

QtObject {
    function stepName(a: string): string {
        return a === "answer" ? qsTranslate("ComplaintsPage", "Answer on the spot") : a === "agree" ? qsTranslate("ComplaintsPage", "Agree a date")
             : a === "hand_over" ? qsTranslate("ComplaintsPage", "Hand over") : a === "accept" ? qsTranslate("ComplaintsPage", "Accept") : a === "decline" ? qsTranslate("ComplaintsPage", "Decline")
             : a === "investigate" ? qsTranslate("ComplaintsPage", "Investigate") : a === "reply" ? qsTranslate("ComplaintsPage", "Reply") : a === "resolve" ? qsTranslate("ComplaintsPage", "Resolve")
             : a === "plan_follow_up" ? qsTranslate("ComplaintsPage", "Plan a follow-up") : a === "follow_up" ? qsTranslate("ComplaintsPage", "Follow-up done")
             : a === "close" ? qsTranslate("ComplaintsPage", "Close") : a === "escalate" ? qsTranslate("ComplaintsPage", "Escalate") : a
    }
    function textHint(a: string): string {
        return a === "answer" || a === "reply" ? qsTranslate("ComplaintsPage", "What the customer was told")
             : a === "investigate" ? qsTranslate("ComplaintsPage", "What the investigation found")
             : a === "resolve" ? qsTranslate("ComplaintsPage", "How it was resolved (the solution checked)")
             : a === "follow_up" ? qsTranslate("ComplaintsPage", "What the follow-up found")
             : qsTranslate("ComplaintsPage", "Why")
    }
    function clockState(s: string): string {
        return s === "running" ? qsTranslate("ComplaintsPage", "running") : s === "due_soon" ? qsTranslate("ComplaintsPage", "due next working day")
             : s === "due_today" ? qsTranslate("ComplaintsPage", "due today") : s === "overdue" ? qsTranslate("ComplaintsPage", "overdue")
             : s === "met" ? qsTranslate("ComplaintsPage", "met") : s === "missed" ? qsTranslate("ComplaintsPage", "missed") : s
    }
}

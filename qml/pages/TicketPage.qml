// A ticket of today or an earlier day with its full timeline: issued, every call and recall and at which window,
// no-show, transfers, service, and any call out of the queue's order that touched it: the facts a missed-number or
// queue-jumping dispute needs. A missed number can be put back in the queue on the manager's decision, recorded
// as such on the ticket's timeline.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "ticketPage"
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    color: Theme.page
    MouseArea { anchors.fill: parent }

    property var result: ({})
    property string outcome: ""
    property bool failed: false
    function pick(zh: string, en: string): string { return language.english ? en : zh }
    function reset() { result = ({}); outcome = ""; failed = false; label.text = ""; day.text = "" }
    function lookUp() {
        result = desk.floor.lookUp(label.text, day.text)
        failed = result.ok !== true
        outcome = failed ? pick(result.whyZh, result.whyEn) : ""
    }

    Column {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 * page.u }
        spacing: Theme.gap * page.u
        PageHeader { title: qsTr("Ticket lookup"); backName: "ticketClose"; onBack: page.back() }
        Flow {
            width: parent.width
            spacing: Theme.gap * page.u
            Field { id: label; objectName: "ticketLabel"; width: 300 * page.u; maximumLength: 4; hint: qsTr("Ticket, e.g. A042") }
            Field { id: day; objectName: "ticketDay"; width: 420 * page.u; maximumLength: 10; hint: qsTr("Day (empty: today)") }
            TouchButton { objectName: "ticketLookUp"; text: qsTr("Look up"); enabled: label.text.trim() !== ""; onTapped: page.lookUp() }
        }
        ScreenText {
            objectName: "ticketOutcome"
            width: parent.width
            wrapMode: Text.Wrap
            visible: page.outcome !== ""
            text: page.outcome
            color: page.failed ? Theme.highlight : Theme.good
            size: Theme.label
            font.bold: true
        }
    }

    ScrollPage {
        id: scroller
        objectName: "ticketScroll"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; margins: 40 * page.u }
        contentHeight: visits.implicitHeight
        Column {
            id: visits
            width: scroller.width
            spacing: Theme.gap * page.u
            Repeater {
                model: page.result.ok === true ? page.result.visits : []
                delegate: Rectangle {
                    id: visit
                    required property var modelData
                    required property int index
                    objectName: "visit:" + index
                    width: visits.width
                    height: visitColumn.implicitHeight + 24 * page.u
                    radius: 8 * page.u
                    color: Theme.panel
                    Column {
                        id: visitColumn
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 * page.u }
                        spacing: 6 * page.u
                        ScreenText {
                            width: parent.width
                            wrapMode: Text.Wrap
                            text: qsTr("%1 on %2, issued at %3").arg(page.result.label).arg(page.result.day).arg(visit.modelData.issuedText)
                            size: Theme.label
                            font.bold: true
                        }
                        Repeater {
                            model: visit.modelData.lines
                            delegate: Row {
                                id: line
                                required property var modelData
                                required property int index
                                width: visitColumn.width
                                spacing: 16 * page.u
                                ScreenText { id: at; text: line.modelData.timeText; color: Theme.textMuted }
                                ScreenText {
                                    objectName: "line:" + visit.index + ":" + line.index
                                    width: line.width - at.width - line.spacing
                                    wrapMode: Text.Wrap
                                    text: page.pick(line.modelData.zh, line.modelData.en)
                                    color: line.modelData.what === "skipped" || line.modelData.what === "out_of_turn" ? Theme.warning
                                         : line.modelData.what === "requeued" ? Theme.highlight : Theme.text
                                }
                            }
                        }
                        Flow {
                            width: parent.width
                            spacing: Theme.gap * page.u
                            visible: visit.modelData.missed === true
                            Field { id: note; objectName: "requeueNote:" + visit.index; width: Math.min(700 * page.u, visitColumn.width); maximumLength: 500; hint: qsTr("Why (e.g. the customer was at the ATM)") }
                            TouchButton {
                                objectName: "requeue:" + visit.index
                                text: qsTr("Re-queue (my decision)")
                                tint: Theme.buttonPrimary
                                onTapped: {
                                    const r = page.desk.floor.requeue(page.result.label, page.result.day, visit.modelData.issuedAt, note.text)
                                    if (r.ok) page.lookUp()
                                    page.failed = r.ok !== true
                                    page.outcome = r.ok ? qsTr("Recorded: re-queued on your decision") : page.pick(r.whyZh, r.whyEn)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

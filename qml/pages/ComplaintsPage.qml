// The open complaints the signed-in person may see, most urgent clock first; tap one for its clocks and the steps
// of its life this person may take now (answer on the spot, agree a date, hand over, accept, investigate, reply,
// resolve, follow up, close, escalate). Each step goes through the kiosk's state machine as the signed-in person.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "complaintsPage"
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    signal showReceipt(var receipt)
    color: Theme.page
    MouseArea { anchors.fill: parent }

    readonly property ComplaintDesk complaints: desk.complaints
    property int selected: -1        // the complaint's number
    property var current: ({})       // its row, as the list last showed it
    property string action: ""       // the step being filled in
    property int formVersion: 0      // the complaint's steps when the step was chosen: Save acts on what was shown
    property string outcome: ""
    property bool saved: false
    property bool failed: false
    // The form's choices that are not typed.
    property string satisfied: ""
    property string bankAtFault: ""
    property bool apology: false
    property string recipient: ""

    function pick(zh: string, en: string): string { return language.english ? en : zh }
    function reset() { selected = -1; current = ({}); choose(""); outcome = "" }
    function select(id: int) {
        selected = id
        current = complaints.row(id)
        choose("")
        outcome = ""
    }
    // The list changed (a step, the minute's check): the selected complaint's row again.
    function follow() {
        if (selected < 0) return
        const r = complaints.row(selected)
        current = r
    }
    function choose(a: string) {
        action = a
        formVersion = current.version !== undefined ? current.version : 0
        saved = false
        failed = false
        satisfied = ""; bankAtFault = ""; apology = false; recipient = ""
        textField.text = ""; dateField.text = ""; responsibleField.text = ""; remedyField.text = ""
        if (a !== "") outcome = ""
    }
    function save() {
        const r = complaints.step(selected, formVersion, action, {
            text: textField.text, date: dateField.text, to: recipient, satisfied: satisfied, bankAtFault: bankAtFault,
            responsible: responsibleField.text, apology: apology, remedy: remedyField.text })
        saved = r.ok === true
        failed = !saved
        if (saved) {
            const notices = pick((r.noticesZh || []).join("；"), (r.noticesEn || []).join("; "))
            outcome = (r.repeat ? qsTr("Already saved") : qsTr("Saved")) + (notices !== "" ? " — " + notices : "")
        } else {
            outcome = pick(r.whyZh, r.whyEn)
        }
        follow()
    }
    ComplaintWords { id: words }
    readonly property bool needsText: action === "answer" || action === "hand_over" || action === "decline" || action === "investigate"
                                      || action === "reply" || action === "resolve" || action === "follow_up" || action === "escalate"
    readonly property bool needsDate: action === "agree" || action === "plan_follow_up"
    readonly property bool asksSatisfied: action === "answer" || action === "reply" || action === "follow_up"

    Connections {
        target: page.complaints
        function onRowsChanged() { page.follow() }
    }

    Column {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 * page.u }
        spacing: Theme.gap * page.u
        PageHeader { title: qsTr("Complaints"); backName: "complaintsClose"; onBack: page.back() }
        ScreenText {
            objectName: "complaintsCount"
            width: parent.width
            wrapMode: Text.Wrap
            text: page.complaints.count === 0 ? qsTr("No open complaint for %1").arg(page.desk.who)
                                                    : qsTr("%n open complaint(s) for %1", "", page.complaints.count).arg(page.desk.who)
            color: Theme.textMuted
        }
        // What the last step did (also when it closed the complaint and took it off the list).
        ScreenText {
            objectName: "stepOutcome"
            width: parent.width
            wrapMode: Text.Wrap
            visible: page.outcome !== ""
            text: page.outcome
            color: page.failed ? Theme.highlight : Theme.good
            size: Theme.label
            font.bold: true
        }
    }

    WholeRowList {
        id: list
        objectName: "complaintList"
        anchors { left: parent.left; top: header.bottom; bottom: parent.bottom; margins: 40 * page.u }
        width: (page.width - 120 * page.u) * 0.42
        spacing: 8 * page.u
        model: page.complaints.model
        delegate: Rectangle {
            id: card
            required property var row
            objectName: "complaint:" + row.id
            width: list.width
            height: cardColumn.implicitHeight + 20 * page.u
            radius: 8 * page.u
            color: page.selected === row.id ? Theme.tile : Theme.panel
            border.width: 3 * page.u
            border.color: Theme.levelColour(row.level)
            MouseArea { anchors.fill: parent; onClicked: page.select(card.row.id) }
            Column {
                id: cardColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 * page.u }
                spacing: 4 * page.u
                ScreenText {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: Theme.levelIcon(card.row.level) + " " + qsTr("No. %1").arg(card.row.id) + "  "
                          + page.pick(card.row.stateZh, card.row.stateEn) + "  " + qsTr("owner %1").arg(card.row.owner)
                    size: Theme.label
                    font.bold: true
                }
                ScreenText { width: parent.width; wrapMode: Text.Wrap; text: card.row.summary; color: Theme.textSoft }
                Repeater {
                    model: card.row.clocks
                    delegate: ScreenText {
                        required property var modelData
                        width: cardColumn.width
                        wrapMode: Text.Wrap
                        visible: modelData.state !== "met"
                        text: page.pick(modelData.zh, modelData.en) + " " + modelData.dueDay + " · " + words.clockState(modelData.state)
                        color: modelData.level >= 2 ? Theme.alarm : (modelData.level === 1 ? Theme.warning : Theme.textMuted)
                        size: Theme.small
                    }
                }
            }
        }
    }

    ScrollPage {
        id: detail
        objectName: "complaintScroll"
        anchors { left: list.right; right: parent.right; top: header.bottom; bottom: parent.bottom; margins: 40 * page.u }
        contentHeight: detailColumn.implicitHeight
        visible: page.selected >= 0 && page.current.id !== undefined
        Column {
            id: detailColumn
            objectName: "complaintDetail"
            width: detail.width
            spacing: Theme.gap * page.u
            ScreenText {
                width: parent.width
                wrapMode: Text.Wrap
                text: page.current.id === undefined ? ""
                      : qsTr("Complaint %1: %2").arg(page.current.id).arg(page.pick(page.current.stateZh, page.current.stateEn))
                size: Theme.heading
                font.bold: true
            }
            ScreenText {
                objectName: "complaintFacts"
                width: parent.width
                wrapMode: Text.Wrap
                color: Theme.textSoft
                text: page.current.id === undefined ? ""
                      : qsTr("Received %1 · owner %2 · the customer hears back by %3").arg(page.current.receivedDay)
                          .arg(page.current.owner).arg(page.current.replyBy)
                        + (page.current.ticket !== "" ? " · " + qsTr("ticket %1").arg(page.current.ticket) : "")
                        + (page.current.pendingOwner !== "" ? " · " + qsTr("waiting for %1 to accept").arg(page.current.pendingOwner) : "")
                        + (page.current.escalationLevel > 0 ? " · " + qsTr("escalated to %1").arg(page.current.escalatedTo) : "")
            }
            Flow {
                width: parent.width
                spacing: 10 * page.u
                Repeater {
                    model: page.current.steps !== undefined ? page.current.steps : []
                    delegate: TouchButton {
                        required property string modelData
                        objectName: "step:" + modelData
                        text: words.stepName(modelData)
                        tint: page.action === modelData ? Theme.buttonPrimary : Theme.button
                        onTapped: page.choose(modelData)
                    }
                }
                TouchButton {
                    objectName: "complaintReceiptButton"
                    text: qsTr("Receipt for the customer")
                    tint: Theme.button
                    onTapped: page.showReceipt(page.complaints.receipt(page.selected))
                }
            }
            // The step's particulars.
            Column {
                objectName: "stepForm"
                width: parent.width
                spacing: Theme.gap * page.u
                visible: page.action !== ""
                ScreenText { text: words.stepName(page.action); size: Theme.label; font.bold: true; color: Theme.highlight }
                Flow {
                    width: parent.width
                    spacing: 10 * page.u
                    visible: page.action === "hand_over"
                    ScreenText { text: qsTr("To"); color: Theme.textSoft; size: Theme.label }
                    Repeater {
                        model: page.desk.staff
                        delegate: TouchButton {
                            required property var modelData
                            objectName: "recipient:" + modelData.name
                            visible: modelData.name !== page.current.owner
                            text: modelData.name
                            tint: page.recipient === modelData.name ? Theme.buttonPrimary : Theme.button
                            onTapped: page.recipient = modelData.name
                        }
                    }
                }
                Field { id: textField; objectName: "stepText"; visible: page.needsText; width: Math.min(900 * page.u, parent.width); maximumLength: 2000; hint: words.textHint(page.action) }
                Field { id: dateField; objectName: "stepDate"; visible: page.needsDate; width: Math.min(420 * page.u, parent.width); maximumLength: 10; hint: qsTr("Date, e.g. 2026-03-04") }
                Flow {
                    width: parent.width
                    spacing: 10 * page.u
                    visible: page.asksSatisfied
                    ScreenText { text: qsTr("Customer satisfied?"); color: Theme.textSoft; size: Theme.label }
                    Repeater {
                        model: [["yes", qsTr("Yes")], ["no", qsTr("No")], ["", qsTr("Not known")]]
                        delegate: TouchButton {
                            required property var modelData
                            objectName: "satisfied:" + (modelData[0] === "" ? "unknown" : modelData[0])
                            text: modelData[1]
                            tint: page.satisfied === modelData[0] ? Theme.buttonPrimary : Theme.button
                            onTapped: page.satisfied = modelData[0]
                        }
                    }
                }
                Flow {
                    width: parent.width
                    spacing: 10 * page.u
                    visible: page.action === "investigate"
                    ScreenText { text: qsTr("Bank at fault?"); color: Theme.textSoft; size: Theme.label }
                    Repeater {
                        model: [["yes", qsTr("Yes")], ["no", qsTr("No")]]
                        delegate: TouchButton {
                            required property var modelData
                            objectName: "fault:" + modelData[0]
                            text: modelData[1]
                            tint: page.bankAtFault === modelData[0] ? Theme.buttonPrimary : Theme.button
                            onTapped: page.bankAtFault = modelData[0]
                        }
                    }
                    TouchButton {
                        objectName: "apology"
                        text: page.apology ? qsTr("Apology given ✓") : qsTr("Apology given?")
                        tint: page.apology ? Theme.buttonPrimary : Theme.button
                        onTapped: page.apology = !page.apology
                    }
                }
                Field { id: responsibleField; objectName: "stepResponsible"; visible: page.action === "investigate" && page.bankAtFault === "yes"; width: Math.min(900 * page.u, parent.width); maximumLength: 200; hint: qsTr("Who is responsible (person or department)") }
                Field { id: remedyField; objectName: "stepRemedy"; visible: page.action === "investigate"; width: Math.min(900 * page.u, parent.width); maximumLength: 2000; hint: qsTr("Remedy offered (optional)") }
                TouchButton {
                    objectName: "stepSave"
                    text: qsTr("Save")
                    tint: Theme.buttonGo
                    // Saved: the button stays off until another step is chosen, so a second tap records nothing.
                    enabled: !page.saved
                    onTapped: page.save()
                }
            }
        }
    }
    ScreenText {
        anchors { left: list.right; right: parent.right; top: header.bottom; margins: 40 * page.u }
        visible: !detail.visible && page.complaints.count > 0
        wrapMode: Text.Wrap
        text: qsTr("Tap a complaint for its clocks and steps")
        color: Theme.textMuted
    }
}

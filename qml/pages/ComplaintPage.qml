// Record a complaint heard at the branch: whoever is signed in receives and owns it until it is answered.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "complaintPage"
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    signal showReceipt(var receipt)
    color: Theme.page
    MouseArea { anchors.fill: parent }
    property string channel: "on_site"
    property string cause: "long_wait"
    property string outcome: ""
    property bool recorded: false
    property int recordedId: -1
    function reset() {
        channel = "on_site"; cause = "long_wait"; outcome = ""; recorded = false; recordedId = -1
        ticket.text = ""; summary.text = ""; contact.text = ""
    }
    readonly property var channels: [["on_site", qsTr("On site")], ["comment_book", qsTr("Comment book")], ["letter", qsTr("Letter")],
                                      ["phone", qsTr("Phone")], ["head_office", qsTr("From head office")], ["regulator", qsTr("From the regulator")]]
    readonly property var causes: [["long_wait", qsTr("Long wait")], ["staff_attitude", qsTr("Staff attitude")], ["operation_error", qsTr("Operation error")],
                                    ["equipment", qsTr("Equipment")], ["policy", qsTr("Policy")], ["other", qsTr("Other")]]

    ScrollPage {
        id: scroller
        anchors { fill: parent; margins: 40 * page.u }
        contentHeight: form.implicitHeight
        Column {
            id: form
            width: scroller.width
            spacing: Theme.gap * page.u
            PageHeader { title: qsTr("Record a complaint"); backName: "complaintClose"; onBack: page.back() }
            ScreenText {
                width: parent.width
                wrapMode: Text.Wrap
                text: qsTr("Received by %1, who owns it until it is answered").arg(page.desk.who)
                color: Theme.textMuted
            }
            ScreenText { text: qsTr("How it came"); color: Theme.textSoft; size: Theme.label }
            Flow {
                width: parent.width
                spacing: 10 * page.u
                Repeater {
                    model: page.channels
                    delegate: TouchButton {
                        required property var modelData
                        objectName: "channel:" + modelData[0]
                        text: modelData[1]
                        tint: page.channel === modelData[0] ? Theme.buttonPrimary : Theme.button
                        onTapped: page.channel = modelData[0]
                    }
                }
            }
            ScreenText { text: qsTr("What it is about"); color: Theme.textSoft; size: Theme.label }
            Flow {
                width: parent.width
                spacing: 10 * page.u
                Repeater {
                    model: page.causes
                    delegate: TouchButton {
                        required property var modelData
                        objectName: "cause:" + modelData[0]
                        text: modelData[1]
                        tint: page.cause === modelData[0] ? Theme.buttonPrimary : Theme.button
                        onTapped: page.cause = modelData[0]
                    }
                }
            }
            Field { id: ticket; objectName: "complaintTicket"; width: Math.min(900 * page.u, form.width); hint: qsTr("Ticket (optional), e.g. A042") }
            Field { id: summary; objectName: "complaintSummary"; width: Math.min(900 * page.u, form.width); hint: qsTr("What the customer said") }
            Field { id: contact; objectName: "complaintContact"; width: Math.min(900 * page.u, form.width); hint: qsTr("Contact (optional; kept private)") }
            Flow {
                width: parent.width
                spacing: Theme.gap * page.u
                TouchButton {
                    objectName: "complaintSave"
                    text: qsTr("Save")
                    tint: Theme.buttonGo
                    enabled: summary.text.trim() !== ""
                    onTapped: {
                        const r = page.desk.recordComplaint({channel: page.channel, cause: page.cause, ticket: ticket.text,
                                                             summary: summary.text, contact: contact.text})
                        page.recorded = r.ok === true
                        page.recordedId = r.ok ? r.id : -1
                        page.outcome = r.ok ? qsTr("Complaint %1 recorded: answer by %2").arg(r.id).arg(r.dueDay)
                                            : (page.language.english ? r.whyEn : r.whyZh)
                        // Recorded: the form empties, so that a second tap cannot record it twice.
                        if (r.ok) { ticket.text = ""; summary.text = ""; contact.text = "" }
                    }
                }
                TouchButton {
                    objectName: "complaintReceiptShow"
                    visible: page.recorded
                    text: qsTr("Receipt for the customer")
                    tint: Theme.buttonPrimary
                    onTapped: page.showReceipt(page.desk.complaints.receipt(page.recordedId))
                }
                ScreenText {
                    objectName: "complaintOutcome"
                    height: implicitHeight
                    width: Math.min(implicitWidth, form.width)
                    wrapMode: Text.Wrap
                    text: page.outcome
                    color: page.recorded ? Theme.good : Theme.highlight
                    size: 26
                    font.bold: true
                }
            }
        }
    }
}

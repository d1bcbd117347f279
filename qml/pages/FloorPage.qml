// Lobby incidents opened by hand (a disturbance, a customer taken ill, an accident, a fraud victim, a machine fault,
// a cash delay, anything else), each with the lobby manager's six-step routine as a checklist on its card: a tap
// ticks a step with the time and the signed-in person. A complaint it led to is linked by its number.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "floorPage"
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    color: Theme.page
    MouseArea { anchors.fill: parent }

    readonly property FloorDesk floor: desk.floor
    property string kind: ""
    property string outcome: ""
    property bool failed: false
    function pick(zh: string, en: string): string { return language.english ? en : zh }
    function reset() { kind = ""; outcome = ""; failed = false; what.text = "" }
    function said(r: var, done: string) {
        failed = r.ok !== true
        outcome = failed ? pick(r.whyZh, r.whyEn) : done
    }

    Column {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 * page.u }
        spacing: Theme.gap * page.u
        PageHeader { title: qsTr("Lobby incidents"); backName: "floorClose"; onBack: page.back() }
        Flow {
            width: parent.width
            spacing: 10 * page.u
            Repeater {
                model: page.floor.kinds
                delegate: TouchButton {
                    required property var modelData
                    objectName: "kind:" + modelData.code
                    text: page.pick(modelData.zh, modelData.en)
                    tint: page.kind === modelData.code ? Theme.buttonPrimary : Theme.button
                    onTapped: page.kind = modelData.code
                }
            }
        }
        Flow {
            width: parent.width
            spacing: Theme.gap * page.u
            Field { id: what; objectName: "floorWhat"; width: Math.min(900 * page.u, header.width); maximumLength: 500; hint: qsTr("What happened") }
            TouchButton {
                objectName: "floorOpen"
                text: qsTr("Open the incident")
                tint: Theme.buttonGo
                enabled: page.kind !== "" && what.text.trim() !== ""
                onTapped: {
                    const r = page.floor.open(page.kind, what.text)
                    page.said(r, qsTr("Incident %1 opened").arg(r.id))
                    if (r.ok) { what.text = ""; page.kind = "" }
                }
            }
        }
        ScreenText {
            objectName: "floorOutcome"
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
        objectName: "floorList"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; margins: 40 * page.u }
        spacing: 8 * page.u
        model: page.floor.incidents
        delegate: Rectangle {
            id: card
            required property var row
            objectName: "floorIncident:" + row.id
            width: list.width
            height: cardColumn.implicitHeight + 20 * page.u
            radius: 8 * page.u
            color: Theme.panel
            border.width: 3 * page.u
            border.color: row.closed ? Theme.line : Theme.warning
            Column {
                id: cardColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 * page.u }
                spacing: 8 * page.u
                ScreenText {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: card.row.timeText + "  " + page.pick(card.row.kindZh, card.row.kindEn) + " — " + card.row.what
                          + "  " + qsTr("(opened by %1)").arg(card.row.openedBy)
                    size: Theme.label
                    font.bold: true
                }
                Flow {
                    width: parent.width
                    spacing: 8 * page.u
                    Repeater {
                        model: card.row.ticks
                        delegate: TouchButton {
                            required property var modelData
                            required property int index
                            objectName: "tick:" + card.row.id + ":" + modelData.step
                            text: (index + 1) + " " + page.pick(modelData.zh, modelData.en)
                                  + (modelData.done ? " ✓ " + modelData.timeText + " " + modelData.by : "")
                            tint: modelData.done ? Theme.buttonGo : Theme.button
                            enabled: !modelData.done && !card.row.closed
                            onTapped: page.said(page.floor.tick(card.row.id, modelData.step, ""),
                                                qsTr("Ticked: %1").arg(page.pick(modelData.zh, modelData.en)))
                        }
                    }
                }
                ScreenText {
                    width: parent.width
                    wrapMode: Text.Wrap
                    visible: card.row.complaints.length > 0 || card.row.closed
                    text: (card.row.complaints.length > 0 ? qsTr("Complaints: %1").arg(card.row.complaints.join(", ")) + "  " : "")
                          + (card.row.closed ? qsTr("Closed %1").arg(card.row.closedText) : "")
                    color: Theme.textSoft
                }
                Flow {
                    width: parent.width
                    spacing: 8 * page.u
                    visible: !card.row.closed
                    Field { id: linkNumber; objectName: "linkNumber:" + card.row.id; width: 260 * page.u; maximumLength: 9; hint: qsTr("Complaint No.") }
                    TouchButton {
                        objectName: "link:" + card.row.id
                        text: qsTr("Link complaint")
                        tint: Theme.button
                        enabled: /^[0-9]+$/.test(linkNumber.text.trim())
                        onTapped: {
                            const r = page.floor.link(card.row.id, Number(linkNumber.text.trim()))
                            page.said(r, qsTr("Complaint %1 linked").arg(linkNumber.text.trim()))
                            if (r.ok) linkNumber.text = ""
                        }
                    }
                    Field { id: closingNote; objectName: "closingNote:" + card.row.id; width: 520 * page.u; maximumLength: 500; hint: qsTr("Closing note (needed if a step was not done)") }
                    TouchButton {
                        objectName: "closeIncident:" + card.row.id
                        text: qsTr("Close")
                        tint: Theme.button
                        onTapped: page.said(page.floor.close(card.row.id, closingNote.text), qsTr("Incident %1 closed").arg(card.row.id))
                    }
                }
            }
        }
    }
}

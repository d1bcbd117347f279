// Today's incident log, newest first, searchable by ticket, window, kind or words.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "incidentsPage"
    required property LobbyStatus status
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    color: Theme.page
    MouseArea { anchors.fill: parent }

    function reset() {
        search.text = ""
        incidentList.currentIndex = -1
    }
    // The search is a proxy over the incident model: a changed or new incident updates its row in place, so the
    // list keeps its place and the result its rows.
    readonly property var shown: page.status.incidentSearch
    function stateWord(s: string): string {
        return s === "raised" ? qsTr("open") : s === "acknowledged" ? qsTr("acknowledged") : s === "resolved" ? qsTr("resolved")
             : s === "cleared" ? qsTr("cleared") : s === "escalated" ? qsTr("escalated") : s
    }

    Column {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 * page.u }
        spacing: Theme.gap * page.u
        PageHeader { title: qsTr("Today's incidents"); backName: "incidentsClose"; onBack: page.back() }
        Row {
            spacing: Theme.gap * page.u
            Field {
                id: search
                objectName: "incidentSearch"
                width: Math.min(900 * page.u, header.width - count.width - Theme.gap * page.u)
                hint: qsTr("Search (A042, window 3, offline …)")
                onTextChanged: page.status.incidentSearch.text = text
            }
            ScreenText {
                id: count
                anchors.verticalCenter: parent.verticalCenter
                text: page.shown.count + " / " + page.status.incidentRows.count
                color: Theme.textMuted
                size: Theme.label
            }
        }
    }
    WholeRowList {
        id: incidentList
        objectName: "incidentList"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; margins: 40 * page.u }
        spacing: 8 * page.u
        model: page.shown
        // A tapped incident stays selected (and the list where it was) while incidents change and new ones come in.
        currentIndex: -1
        delegate: Rectangle {
            id: incident
            required property var row
            required property int index
            readonly property bool selected: ListView.isCurrentItem
            objectName: "incident:" + row.id
            width: incidentList.width
            height: incidentRow.implicitHeight + 20 * page.u
            radius: 8 * page.u
            color: selected ? Theme.field : Theme.panel
            border.width: (selected ? 6 : 3) * page.u
            border.color: selected ? Theme.highlight
                                   : row.severity === "alarm" ? Theme.alarm : (row.severity === "warning" ? Theme.warning : Theme.line)
            MouseArea { anchors.fill: parent; onClicked: incidentList.currentIndex = incident.index }
            Row {
                id: incidentRow
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 * page.u }
                spacing: 20 * page.u
                ScreenText { id: at; text: incident.row.timeText; size: Theme.label; font.bold: true }
                ScreenText {
                    width: parent.width - at.width - state.width - 2 * parent.spacing
                    wrapMode: Text.Wrap
                    text: page.language.english ? incident.row.messageEn : incident.row.messageZh
                }
                ScreenText {
                    id: state
                    width: 330 * page.u
                    wrapMode: Text.Wrap
                    text: page.stateWord(incident.row.state) + " " + incident.row.stateText
                    color: incident.row.state === "raised" || incident.row.state === "escalated" ? Theme.warning : Theme.good
                    size: 20
                    font.bold: true
                }
            }
        }
    }
}

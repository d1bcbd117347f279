// One service category on the manager's screen: its code and name, how many wait and for how long, the forecast
// for a new ticket and its target. The figures wrap onto a second line rather than shrink past reading.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: card
    required property var modelData
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    implicitHeight: Math.max(92 * u, figures.implicitHeight + 20 * u)
    radius: 10 * u
    color: Theme.tile
    border.width: modelData.level > 0 ? 5 * u : 0
    border.color: Theme.levelColour(modelData.level)
    Row {
        id: categoryRow
        anchors { left: parent.left; right: parent.right; leftMargin: 18 * card.u; rightMargin: 14 * card.u; verticalCenter: parent.verticalCenter }
        spacing: 18 * card.u
        ScreenText { id: code; anchors.verticalCenter: parent.verticalCenter; text: card.modelData.code; size: Theme.figure; font.bold: true }
        Column {
            id: figures
            anchors.verticalCenter: parent.verticalCenter
            width: categoryRow.width - code.width - categoryRow.spacing
            ScreenText {
                width: parent.width
                elide: Text.ElideRight
                text: card.language.english ? card.modelData.nameEn : card.modelData.nameZh
                color: Theme.textSoft
            }
            ScreenText {
                width: parent.width
                wrapMode: Text.Wrap
                text: qsTr("%1 waiting · longest %2 min · new ticket %3 · target %4 min").arg(card.modelData.waiting)
                      .arg(card.modelData.longestWaitMin).arg(card.modelData.forecastMin >= 0 ? qsTr("~%1 min").arg(card.modelData.forecastMin) : "—")
                      .arg(card.modelData.targetMin)
                color: card.modelData.level > 0 ? Theme.levelColour(card.modelData.level) : Theme.text
                size: 24
                font.bold: true
            }
        }
    }
    required property Language language
}

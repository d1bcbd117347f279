// One alert card: how bad (word, icon and colour), since when and how long is left, what is wrong, what to do;
// for a signed-in manager the buttons to acknowledge and resolve it. An acknowledged card says who took it and
// when, and loses its loud border.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: card
    required property var row
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    readonly property bool acknowledged: row.acknowledgedBy !== ""
    signal resolve(var row)
    height: content.implicitHeight + 20 * u
    radius: 10 * u
    color: acknowledged ? Theme.tileClosed : Theme.tile
    border.width: (acknowledged ? 2 : 5) * u
    border.color: Theme.levelColour(row.level)
    function pick(zh: string, en: string): string { return card.language.english ? en : zh }

    Column {
        id: content
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 * card.u }
        spacing: 2 * card.u
        ScreenText {
            width: parent.width
            wrapMode: Text.Wrap
            text: Theme.levelIcon(card.row.level) + " " + (card.row.level >= 2 ? qsTr("ALARM") : qsTr("WARNING")) + " · "
                  + card.row.sinceText + (card.row.timeLeftMin >= 0 ? " · " + qsTr("%1 min left").arg(card.row.timeLeftMin) : "")
            color: Theme.levelColour(card.row.level)
            size: 20
            font.bold: true
        }
        ScreenText { width: parent.width; wrapMode: Text.Wrap; text: card.pick(card.row.messageZh, card.row.messageEn); size: Theme.label }
        ScreenText {
            width: parent.width
            wrapMode: Text.Wrap
            text: "➜ " + card.pick(card.row.actionZh, card.row.actionEn)
            color: Theme.highlight
            size: Theme.label
            font.bold: true
        }
        ScreenText {
            objectName: "acknowledged:" + card.row.key
            visible: card.acknowledged
            width: parent.width
            wrapMode: Text.Wrap
            topPadding: 4 * card.u
            text: card.row.acknowledgedText !== ""
                  ? qsTr("✓ acknowledged by %1 at %2").arg(card.row.acknowledgedBy).arg(card.row.acknowledgedText)
                  : qsTr("✓ acknowledged by %1").arg(card.row.acknowledgedBy)
            color: Theme.good
            size: 20
            font.bold: true
        }
        Flow {
            visible: card.row.actionable && card.desk.signedIn
            width: parent.width
            spacing: 12 * card.u
            topPadding: 6 * card.u
            TouchButton {
                objectName: "acknowledge:" + card.row.key
                visible: card.desk.signedIn && !card.acknowledged
                text: qsTr("Acknowledge")
                onTapped: card.desk.acknowledge(card.row.key)
            }
            TouchButton {
                objectName: "resolve:" + card.row.key
                visible: card.desk.signedIn
                text: qsTr("Resolve…")
                tint: Theme.buttonGo
                onTapped: card.resolve(card.row)
            }
        }
    }
}

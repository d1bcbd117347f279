// One service window on the manager's screen: its number and state, the ticket it serves and for how long, and
// what is wrong with it (slow, idle while people wait, many no-shows) as a word and an icon beside the colour.
// Its type shrinks with the tile when many windows share the screen.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: tile
    required property var row
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    // The tile's size at full type (design pixels); a smaller tile scales its type down to fit.
    readonly property real designWidth: 257
    readonly property real designHeight: 250
    readonly property real s: u * Math.min(1, height / (designHeight * u), width / (designWidth * u))
    radius: 10 * u
    color: row.state === "closed" ? Theme.tileClosed : Theme.tile
    border.width: row.level > 0 ? 6 * u : 2 * u
    border.color: Theme.levelColour(row.level)

    function stateWord(): string {
        return row.state === "open" ? (row.ticket !== "" ? qsTr("Serving") : qsTr("Free"))
             : row.state === "paused" ? qsTr("Paused") : qsTr("Closed")
    }
    // Why a paused window is paused (lunch, break, fault, other business), in the screen's language.
    function reasonWord(): string {
        return language.english ? row.pauseWordEn : row.pauseWordZh
    }
    function problemWord(): string {
        const w = row.word
        return w === "slow" ? qsTr("SLOW") : w === "idle" ? qsTr("IDLE") : w === "no_shows" ? qsTr("NO-SHOWS") : w === "closed" ? qsTr("CLOSED") : w
    }

    Column {
        anchors { fill: parent; margins: 12 * tile.s }
        spacing: 2 * tile.s
        Row {
            spacing: 12 * tile.s
            ScreenText { id: number; text: tile.row.number; font.pixelSize: 56 * tile.s; font.bold: true }
            Column {
                anchors.verticalCenter: parent.verticalCenter
                ScreenText {
                    text: tile.stateWord()
                    color: tile.row.state === "open" ? Theme.good : (tile.row.state === "paused" ? Theme.warning : Theme.textOff)
                    font.pixelSize: 26 * tile.s
                    font.bold: true
                }
                ScreenText {
                    objectName: "pauseReason:" + tile.row.number
                    visible: tile.row.state === "paused"
                    text: tile.reasonWord()
                    color: Theme.warning
                    font.pixelSize: 20 * tile.s
                }
            }
        }
        Row {
            spacing: 10 * tile.s
            ScreenText {
                id: ticket
                text: tile.row.ticket !== "" ? tile.row.ticket : " "
                color: tile.row.level > 0 ? Theme.levelColour(tile.row.level) : Theme.text
                font.pixelSize: 40 * tile.s
                font.bold: true
            }
            ScreenText {
                anchors.baseline: ticket.baseline
                text: tile.row.ticket !== "" ? qsTr("%1 min").arg(tile.row.serviceMin) : ""
                color: tile.row.level > 0 ? Theme.levelColour(tile.row.level) : Theme.textSoft
                font.pixelSize: 24 * tile.s
            }
        }
        ScreenText {
            // Wraps rather than cut (English is longer); a tile has room for two lines.
            width: parent.width
            wrapMode: Text.Wrap
            text: tile.row.word !== "" ? Theme.levelIcon(tile.row.level) + " " + tile.problemWord()
                  : qsTr("Served %1 · mean %2 min").arg(tile.row.servedToday).arg(tile.row.meanServiceMin >= 0 ? tile.row.meanServiceMin.toFixed(1) : "–")
            color: tile.row.word !== "" ? Theme.levelColour(tile.row.level) : Theme.textMuted
            font.pixelSize: 22 * tile.s
            font.bold: tile.row.word !== ""
        }
    }
}

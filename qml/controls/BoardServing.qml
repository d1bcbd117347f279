// What each open window is serving now, for customers: the window's number and the ticket at it (or "free").
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Column {
    id: serving
    required property LobbyStatus status
    property int columns: 3
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    readonly property var open: {
        const all = status.windows
        return all.filter(w => w.state === "open")
    }
    readonly property int rows: Math.max(1, Math.ceil(open.length / columns))
    readonly property real cellHeight: Math.min(120 * u, (height - title.height - spacing - (rows - 1) * grid.spacing) / rows)
    spacing: 10 * u
    Text {
        id: title
        text: qsTr("Being served now")
        color: Theme.boardMuted
        font.family: Theme.font
        font.pixelSize: 34 * serving.u
    }
    Grid {
        id: grid
        columns: serving.columns
        spacing: 12 * serving.u
        Repeater {
            model: serving.open
            delegate: Rectangle {
                id: cell
                required property var modelData
                width: (serving.width - (serving.columns - 1) * grid.spacing) / serving.columns
                height: serving.cellHeight
                radius: 10 * serving.u
                color: Theme.boardPanel
                Text {
                    id: ticket
                    objectName: "serving:" + cell.modelData.number
                    anchors { left: parent.left; leftMargin: 14 * serving.u; verticalCenter: parent.verticalCenter }
                    width: cell.width * 0.5 - 14 * serving.u
                    height: cell.height * 0.8
                    verticalAlignment: Text.AlignVCenter
                    fontSizeMode: Text.Fit
                    minimumPixelSize: 10
                    text: cell.modelData.ticket !== "" ? cell.modelData.ticket : qsTr("free")
                    color: cell.modelData.ticket !== "" ? Theme.highlight : Theme.boardMuted
                    font.family: Theme.font
                    font.pixelSize: cell.height * 0.6
                    font.bold: true
                }
                Text {
                    anchors { left: ticket.right; right: parent.right; rightMargin: 14 * serving.u; verticalCenter: parent.verticalCenter }
                    height: cell.height * 0.6
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: Text.AlignRight
                    fontSizeMode: Text.Fit
                    minimumPixelSize: 10
                    text: "→ " + qsTr("window %1").arg(cell.modelData.number)
                    color: Theme.text
                    font.family: Theme.font
                    font.pixelSize: cell.height * 0.36
                }
            }
        }
    }
}

// The report's mean wait by weekday (rows) and hour (07 to 20), a cell each, coloured by how long.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Column {
    id: heat
    required property var result
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    readonly property var dayNames: [qsTr("Mon"), qsTr("Tue"), qsTr("Wed"), qsTr("Thu"), qsTr("Fri"), qsTr("Sat"), qsTr("Sun")]
    readonly property real cell: Math.min(52 * u, (width - 60 * u) / 14)
    spacing: 4 * u
    ScreenText { width: parent.width; wrapMode: Text.Wrap; text: qsTr("Mean wait by weekday and hour (min)"); size: 28; font.bold: true }
    Row {
        Item { width: 60 * heat.u; height: 26 * heat.u }
        Repeater {
            model: 14
            delegate: ScreenText {
                required property int index
                width: heat.cell
                horizontalAlignment: Text.AlignHCenter
                text: index + 7
                color: Theme.textMuted
                size: 16
            }
        }
    }
    Repeater {
        model: heat.result.ok ? heat.result.heat : []
        delegate: Row {
            id: day
            required property var modelData
            required property int index
            ScreenText { width: 60 * heat.u; elide: Text.ElideRight; text: heat.dayNames[day.index]; color: Theme.textMuted; size: 18 }
            Repeater {
                model: day.modelData
                delegate: Rectangle {
                    id: cell
                    required property var modelData
                    width: heat.cell - 2 * heat.u
                    height: 36 * heat.u
                    anchors.verticalCenter: parent.verticalCenter
                    color: modelData < 0 ? Theme.panel : modelData <= 15 ? Theme.heatGood : modelData <= 30 ? Theme.heatWarning : Theme.heatAlarm
                    ScreenText { anchors.centerIn: parent; visible: cell.modelData >= 0; text: Math.round(cell.modelData); size: 16 }
                }
            }
        }
    }
}

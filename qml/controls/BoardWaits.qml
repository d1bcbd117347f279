// How long a ticket taken now waits, per category, with how many wait.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Column {
    id: waits
    required property LobbyStatus status
    required property bool english
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    spacing: 10 * u
    // The height the board gives the column; the cards share it, up to 100 design pixels each. (Read from the
    // board rather than from the column's own height: that would make the cards' height depend on itself.)
    property real room: 500 * u
    readonly property int categoryCount: Math.max(1, status.categories.length)
    readonly property real cardHeight: Math.min(100 * u, (room - title.implicitHeight) / categoryCount - spacing)
    Text { id: title; text: qsTr("Wait for a new ticket"); color: Theme.boardMuted; font.family: Theme.font; font.pixelSize: 34 * waits.u }
    Repeater {
        model: waits.status.categories
        delegate: Rectangle {
            id: category
            required property var modelData
            width: waits.width
            height: waits.cardHeight
            // The type shrinks with the card when the board is short of room.
            readonly property real k: waits.u * Math.min(1, height / (104 * waits.u))
            radius: 12 * waits.u
            color: Theme.boardPanel
            Row {
                id: row
                anchors { left: parent.left; right: parent.right; leftMargin: 24 * waits.u; rightMargin: 20 * waits.u; verticalCenter: parent.verticalCenter }
                spacing: 24 * waits.u
                Column {
                    id: names
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.min(330 * waits.u, row.width * 0.4)
                    Text {
                        width: parent.width
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 10
                        text: waits.english ? category.modelData.nameEn : category.modelData.nameZh
                        color: Theme.text; font.family: Theme.font; font.pixelSize: 40 * category.k; font.bold: true
                    }
                    Text {
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: (waits.english ? category.modelData.nameZh : category.modelData.nameEn) + " (" + category.modelData.code + ")"
                        color: Theme.boardMuted; font.family: Theme.font; font.pixelSize: 22 * category.k
                    }
                }
                Text {
                    objectName: "wait:" + category.modelData.code
                    anchors.verticalCenter: parent.verticalCenter
                    width: row.width - names.width - row.spacing
                    wrapMode: Text.WordWrap
                    text: (category.modelData.forecastMin >= 0 ? qsTr("about %1 min").arg(category.modelData.forecastMin) : qsTr("no estimate yet"))
                          + " · " + qsTr("%1 waiting").arg(category.modelData.waiting)
                    color: Theme.highlight; font.family: Theme.font; font.pixelSize: 34 * category.k; font.bold: true
                }
            }
        }
    }
}

// A full page's title with its Back button.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Row {
    id: header
    property string title
    property alias backName: back.objectName
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    spacing: 24 * u
    ScreenText { anchors.verticalCenter: parent.verticalCenter; text: header.title; size: Theme.title; font.bold: true }
    TouchButton { id: back; text: qsTr("Back"); tint: Theme.button; onTapped: header.back() }
}

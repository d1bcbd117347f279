// A touch button big enough for a finger. A tap flashes it, so that a tap always shows it was taken.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: button
    property string text
    property color tint: Theme.buttonPrimary
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal tapped()
    implicitWidth: Math.max(150 * u, label.implicitWidth + 40 * u)
    implicitHeight: Math.max(64 * u, label.implicitHeight + 16 * u)
    radius: 8 * u
    color: area.pressed || flash.running ? Qt.lighter(tint, 1.35) : tint
    opacity: enabled ? 1.0 : 0.35
    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - 16 * button.u)
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: button.text
        color: Theme.buttonText
        font.family: Theme.font
        font.pixelSize: Theme.label * button.u
        font.bold: true
    }
    Timer { id: flash; interval: 180 }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: { flash.restart(); button.tapped() }
    }
}

// A number of minutes stepped with − and + (1 to 600).
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Row {
    id: stepper
    property string label
    property int value
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    spacing: 8 * u
    ScreenText { anchors.verticalCenter: parent.verticalCenter; text: stepper.label; color: Theme.textMuted }
    TouchButton {
        objectName: stepper.objectName + ":minus"
        implicitWidth: 64 * stepper.u
        text: "−"
        tint: Theme.button
        onTapped: stepper.value = Math.max(1, stepper.value - 1)
    }
    ScreenText {
        anchors.verticalCenter: parent.verticalCenter
        width: Math.max(implicitWidth, 90 * stepper.u)
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("%1 min").arg(stepper.value)
        size: 28
        font.bold: true
    }
    TouchButton {
        objectName: stepper.objectName + ":plus"
        implicitWidth: 64 * stepper.u
        text: "+"
        tint: Theme.button
        onTapped: stepper.value = Math.min(600, stepper.value + 1)
    }
}

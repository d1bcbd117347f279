// A one-line text field with a hint while it is empty.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: field
    property alias text: input.text
    property string hint
    property alias maximumLength: input.maximumLength
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    implicitWidth: 900 * u
    implicitHeight: 60 * u
    radius: 8 * u
    color: Theme.field
    border.color: Theme.line
    TextInput {
        id: input
        anchors { fill: parent; leftMargin: 14 * field.u; rightMargin: 14 * field.u }
        verticalAlignment: TextInput.AlignVCenter
        color: Theme.text
        font.family: Theme.font
        font.pixelSize: 26 * field.u
        clip: true
    }
    Text {
        anchors { fill: parent; leftMargin: 14 * field.u; rightMargin: 14 * field.u }
        visible: input.text === "" && !input.activeFocus
        // Shrinks rather than cut: a hint may hold an example number.
        verticalAlignment: Text.AlignVCenter
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 10
        text: field.hint
        color: Theme.textFaint
        font: input.font
    }
}

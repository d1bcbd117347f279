// A text in the screens' type: `size` in design pixels, scaled with the window.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Text {
    property real size: Theme.body
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    color: Theme.text
    font.family: Theme.font
    font.pixelSize: size * u
}

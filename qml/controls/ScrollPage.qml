// A page's content that may be taller than the screen: it scrolls, and a line at the bottom says that more
// follows (`moreHint`, for whoever checks that nothing is cut without a sign).
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Flickable {
    id: scroller
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    property Item moreHint: hint
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    bottomMargin: hint.visible ? hint.height : 0

    Rectangle {
        id: hint
        objectName: "moreHint"
        parent: scroller
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        visible: scroller.contentY + scroller.height < scroller.contentHeight - 1
        height: hintText.implicitHeight + 12 * scroller.u
        radius: 6 * scroller.u
        color: Theme.panel
        ScreenText {
            id: hintText
            anchors.centerIn: parent
            width: parent.width - 16 * scroller.u
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("▼ More below: swipe up")
            color: Theme.highlight
            font.bold: true
        }
    }
}

// A list that shows only whole rows: a row the edge would cut is hidden, and a line under the list says how many
// more follow (a swipe away). `moreHint` is that line, for whoever checks that nothing is cut without a sign.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

ListView {
    id: list
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    property int hiddenBelow: 0
    property int hiddenAbove: 0
    property Item moreHint: hint
    clip: true
    snapMode: ListView.SnapToItem
    boundsBehavior: Flickable.StopAtBounds
    bottomMargin: hint.visible ? hint.height + 4 * u : 0

    function refresh() {
        let above = 0, shownRows = 0
        const top = contentY, bottom = contentY + height - (hint.visible ? hint.height + 4 * u : 0)
        const rows = contentItem.children
        for (let i = 0; i < rows.length; ++i) {
            const row = rows[i]
            if (!row || row.width <= 0 || row.height <= 0) continue
            const whole = row.y >= top - 1 && row.y + row.height <= bottom + 1
            row.opacity = whole ? 1 : 0
            if (whole) ++shownRows
            else if (row.y < top) ++above
        }
        hiddenAbove = above
        hiddenBelow = Math.max(0, count - shownRows - above)
    }
    // After the rows are laid out (positions settle at polish time, after the change that moved them).
    Timer { id: later; interval: 30; onTriggered: list.refresh() }
    onContentYChanged: later.restart()
    onHeightChanged: later.restart()
    onCountChanged: later.restart()
    onContentHeightChanged: later.restart()

    Rectangle {
        id: hint
        objectName: "moreHint"
        parent: list
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        visible: list.hiddenBelow > 0
        onVisibleChanged: later.restart()
        height: hintText.implicitHeight + 12 * list.u
        radius: 6 * list.u
        color: Theme.panel
        ScreenText {
            id: hintText
            anchors.centerIn: parent
            width: parent.width - 16 * list.u
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("▼ %n more below: swipe up", "", list.hiddenBelow)
            color: Theme.highlight
            font.bold: true
        }
    }
}

// The public board's newest call, as big as the box allows and never smaller than a customer 10 m away can read
// (Theme.callPixels); the other language below it.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: hero
    required property var call          // {ticket, window, textZh, textEn} or null
    required property bool english
    required property real minPixels    // the readable minimum for this screen
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    readonly property string said: call ? (english ? call.textEn : call.textZh) : qsTr("Welcome")
    // A call too long for one line at the readable size breaks at its middle comma (else its middle space), so
    // that the two lines are even and the window number never stands alone.
    function balanced(text: string): string {
        if (oneLine.advanceWidth <= heroText.width) return text
        const mid = text.length / 2
        let best = -1
        for (const sep of [",", "，", " "]) {
            for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1))
                if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) best = i
            if (best >= 0) break
        }
        return best < 0 ? text : text.substring(0, best + 1).trim() + "\n" + text.substring(best + 1).trim()
    }
    TextMetrics {
        id: oneLine
        font.family: Theme.font
        font.bold: true
        font.pixelSize: hero.minPixels
        text: hero.said
    }
    radius: 16 * u
    color: Theme.boardPanel
    border.color: Theme.highlight
    border.width: call ? 6 * u : 0
    Column {
        anchors { fill: parent; margins: 16 * hero.u }
        spacing: 8 * hero.u
        Text {
            id: heroText
            objectName: "heroText"
            width: parent.width
            height: parent.height - other.height - parent.spacing
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            // Wraps between words (the ticket and the window number stay whole) and shrinks to the box, down to
            // the readable minimum.
            wrapMode: Text.WordWrap
            fontSizeMode: Text.Fit
            minimumPixelSize: hero.minPixels
            font.pixelSize: Math.max(hero.minPixels, 150 * hero.u)
            text: hero.balanced(hero.said)
            color: Theme.highlight
            font.family: Theme.font
            font.bold: true
        }
        Text {
            id: other
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: hero.call ? (hero.english ? hero.call.textZh : hero.call.textEn) : ""
            color: Theme.text
            font.family: Theme.font
            font.pixelSize: 40 * hero.u
        }
    }
}

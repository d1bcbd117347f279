// The public board, for customers: who is called to which window, what each window serves now, how long a new
// ticket waits, notices. No controls. The board's words in the kiosk's language (Qt Linguist); the newest call in
// both languages, the screen's language first. Landscape (1366x768 to 3840x2160) or upright (1080x1920).
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Window {
    id: board
    required property LobbyStatus status
    required property Language language
    readonly property bool en: language.english
    readonly property bool upright: height > width
    readonly property real u: Theme.scaleFor(width, height)
    readonly property var newest: status.calls.length > 0 ? status.calls[0] : null
    width: 1920
    height: 1080
    visible: true
    color: Theme.boardBackground
    title: qsTr("Now serving")

    BoardCall {
        id: hero
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 24 * board.u }
        height: (board.upright ? 600 : 440) * board.u
        call: board.newest
        english: board.en
        minPixels: Theme.callPixels(board.width, board.height)
    }

    // Earlier calls, on one line under the newest.
    Flow {
        id: earlier
        objectName: "earlierCalls"
        anchors { left: parent.left; right: parent.right; top: hero.bottom; margins: 32 * board.u }
        spacing: 36 * board.u
        Text { text: qsTr("Recent calls"); color: Theme.boardMuted; font.family: Theme.font; font.pixelSize: 34 * board.u }
        Repeater {
            model: {
                const calls = board.status.calls
                return calls.slice(1, board.upright ? 5 : 6)
            }
            delegate: Text {
                required property var modelData
                text: modelData.ticket + " → " + modelData.window
                color: Theme.text; font.family: Theme.font; font.pixelSize: 40 * board.u; font.bold: true
            }
        }
    }

    BoardServing {
        id: serving
        anchors { left: parent.left; top: earlier.bottom; bottom: board.upright ? waits.top : footer.top; margins: 32 * board.u }
        width: board.upright ? parent.width - 64 * board.u : parent.width * 0.5
        columns: board.upright ? 2 : 3
        status: board.status
    }

    BoardWaits {
        id: waits
        anchors { right: parent.right; margins: 32 * board.u }
        anchors.top: board.upright ? undefined : earlier.bottom
        anchors.bottom: footer.top
        room: board.upright ? 460 * board.u : board.height - footer.height - earlier.y - earlier.height - 64 * board.u
        height: room
        width: board.upright ? parent.width - 64 * board.u : parent.width * 0.5 - 96 * board.u
        status: board.status
        english: board.en
    }

    // Notices: a dispenser or a window out of service. They wrap rather than cut: each may hold a number.
    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Math.max(90 * board.u, notice.implicitHeight + (phones.visible ? phones.implicitHeight + 8 * board.u : 0) + 24 * board.u)
        color: board.status.notices.length > 0 ? Theme.boardNotice : Theme.boardFooter
        Text {
            id: notice
            anchors { left: parent.left; leftMargin: 32 * board.u; top: parent.top; topMargin: 12 * board.u }
            width: parent.width - 64 * board.u
            wrapMode: Text.WordWrap
            text: {
                const notices = board.status.notices
                return notices.length > 0 ? notices.map(n => "⚠ " + (board.en ? n.en : n.zh)).join("    ")
                                          : board.status.clockText + "   " + qsTr("Please watch for your number")
            }
            color: Theme.text; font.family: Theme.font; font.pixelSize: 32 * board.u
        }
        // The branch's complaint hotline and service phone, always shown (the rules require them displayed).
        Text {
            id: phones
            objectName: "boardPhones"
            anchors { left: parent.left; leftMargin: 32 * board.u; top: notice.bottom; topMargin: 8 * board.u }
            width: parent.width - 64 * board.u
            visible: board.status.hotline !== "" || board.status.servicePhone !== ""
            wrapMode: Text.WordWrap
            text: (board.status.hotline !== "" ? qsTr("Complaint hotline %1").arg(board.status.hotline) : "")
                  + (board.status.hotline !== "" && board.status.servicePhone !== "" ? "    " : "")
                  + (board.status.servicePhone !== "" ? qsTr("Service phone %1").arg(board.status.servicePhone) : "")
            color: Theme.boardMuted; font.family: Theme.font; font.pixelSize: 28 * board.u
        }
    }
}

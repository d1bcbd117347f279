// The public board, for customers: who is called to which window, how long a new ticket waits, notices.
// No controls. The board's words in the kiosk's language (Qt Linguist); the newest call in both languages, the
// screen's language first.
import QtQuick
import QtQuick.Window
import LobbyWatch

Window {
    id: board
    required property LobbyStatus status
    required property Language language
    readonly property bool en: language.english
    width: 1920
    height: 1080
    visible: true
    color: "#0b1a2e"
    title: qsTr("Now serving")

    readonly property string cjk: "Noto Sans CJK SC"
    readonly property real unit: Math.min(width / 1920, height / 1080)
    readonly property var newest: status.calls.length > 0 ? status.calls[0] : null

    // The newest call, big, until the next one.
    Rectangle {
        id: hero
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 32 * board.unit }
        height: 330 * board.unit
        radius: 16 * board.unit
        color: "#12345a"
        border.color: "#ffd166"
        border.width: board.newest ? 6 * board.unit : 0
        Column {
            anchors.centerIn: parent
            spacing: 8 * board.unit
            Text {
                objectName: "heroText"
                anchors.horizontalCenter: parent.horizontalCenter
                text: board.newest ? (board.en ? board.newest.textEn : board.newest.textZh) : qsTr("Welcome")
                color: "#ffd166"; font.family: board.cjk; font.pixelSize: 120 * board.unit; font.bold: true
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: board.newest ? (board.en ? board.newest.textZh : board.newest.textEn) : ""
                color: "#e8edf3"; font.family: board.cjk; font.pixelSize: 48 * board.unit
            }
        }
    }

    // Earlier calls.
    Column {
        id: earlier
        anchors { left: parent.left; top: hero.bottom; margins: 32 * board.unit }
        width: parent.width * 0.48
        spacing: 10 * board.unit
        Text { text: qsTr("Recent calls"); color: "#9fb3c8"; font.family: board.cjk; font.pixelSize: 34 * board.unit }
        Repeater {
            model: board.status.calls.slice(1, 6)
            delegate: Row {
                required property var modelData
                spacing: 28 * board.unit
                Text { width: 220 * board.unit; text: modelData.ticket; color: "#e8edf3"; font.family: board.cjk; font.pixelSize: 64 * board.unit; font.bold: true }
                Text { text: "→ " + qsTr("window %1").arg(modelData.window); color: "#e8edf3"; font.family: board.cjk; font.pixelSize: 44 * board.unit; anchors.baseline: parent.children[0].baseline }
            }
        }
    }

    // Estimated waits.
    Column {
        anchors { right: parent.right; top: hero.bottom; margins: 32 * board.unit }
        width: parent.width * 0.44
        spacing: 14 * board.unit
        Text { text: qsTr("Wait for a new ticket"); color: "#9fb3c8"; font.family: board.cjk; font.pixelSize: 34 * board.unit }
        Repeater {
            model: board.status.categories
            delegate: Rectangle {
                required property var modelData
                width: parent.width
                height: 110 * board.unit
                radius: 12 * board.unit
                color: "#12345a"
                Row {
                    id: waitRow
                    anchors { left: parent.left; right: parent.right; leftMargin: 24 * board.unit; rightMargin: 20 * board.unit; verticalCenter: parent.verticalCenter }
                    spacing: 24 * board.unit
                    Column {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 330 * board.unit
                        Text { text: board.en ? modelData.nameEn : modelData.nameZh; color: "#e8edf3"; font.family: board.cjk; font.pixelSize: 42 * board.unit; font.bold: true }
                        Text { text: (board.en ? modelData.nameZh : modelData.nameEn) + " (" + modelData.code + ")"; color: "#9fb3c8"; font.family: board.cjk; font.pixelSize: 24 * board.unit }
                    }
                    Text {
                        objectName: "wait:" + modelData.code
                        anchors.verticalCenter: parent.verticalCenter
                        width: waitRow.width - 330 * board.unit - waitRow.spacing
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 20 * board.unit
                        text: (modelData.forecastMin >= 0 ? qsTr("about %1 min").arg(modelData.forecastMin) : qsTr("no estimate yet"))
                              + " · " + qsTr("%1 waiting").arg(modelData.waiting)
                        color: "#ffd166"; font.family: board.cjk; font.pixelSize: 40 * board.unit; font.bold: true
                    }
                }
            }
        }
    }

    // Notices: a dispenser or a window out of service.
    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 90 * board.unit
        color: board.status.notices.length > 0 ? "#5a1e1e" : "#0f2742"
        Text {
            anchors { left: parent.left; leftMargin: 32 * board.unit; verticalCenter: parent.verticalCenter }
            width: parent.width - 64 * board.unit
            elide: Text.ElideRight
            text: board.status.notices.length > 0
                  ? board.status.notices.map(function(n) { return "⚠ " + (board.en ? n.en : n.zh) }).join("    ")
                  : board.status.clockText + "   " + qsTr("Please watch for your number")
            color: "#e8edf3"; font.family: board.cjk; font.pixelSize: 32 * board.unit
        }
    }
}

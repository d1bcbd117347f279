// The lobby manager's screen, first version: windows, queues with forecasts, and the alerts with what to do.
// Read from six metres: big numbers, a word and an icon beside every colour.
import QtQuick
import QtQuick.Window
import LobbyWatch

Window {
    id: root
    required property LobbyStatus status
    width: 1920
    height: 1080
    visible: true
    color: "#10161f"
    title: "LobbyWatch 大堂监控"

    readonly property string cjk: "Noto Sans CJK SC"
    readonly property real unit: Math.min(width / 1920, height / 1080)
    function levelColour(level) { return level >= 2 ? "#e5484d" : (level === 1 ? "#f5a524" : "#2b3645") }
    function levelIcon(level) { return level >= 2 ? "◆" : (level === 1 ? "⚠" : "") }

    // ---- top bar ----
    Rectangle {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 96 * root.unit
        color: "#18212d"
        Row {
            anchors { left: parent.left; leftMargin: 32 * root.unit; verticalCenter: parent.verticalCenter }
            spacing: 32 * root.unit
            Text { text: "LobbyWatch 大堂监控"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 44 * root.unit; font.bold: true }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: "等候 Waiting " + root.status.waiting + " · 办理中 Serving " + root.status.serving + " · 已办结 Served " + root.status.served
                color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 26 * root.unit
            }
        }
        Row {
            anchors { right: parent.right; rightMargin: 32 * root.unit; verticalCenter: parent.verticalCenter }
            spacing: 24 * root.unit
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: root.status.linksUp ? "● 设备正常 Devices OK" : "● 设备断开 LINK DOWN"
                color: root.status.linksUp ? "#3ddc84" : "#e5484d"; font.family: root.cjk; font.pixelSize: 24 * root.unit
            }
            Text { text: root.status.clockText; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 52 * root.unit; font.bold: true }
        }
    }

    // ---- windows ----
    Flow {
        id: tiles
        anchors { left: parent.left; top: bar.bottom; bottom: parent.bottom; margins: 24 * root.unit }
        width: parent.width * 0.56
        spacing: 16 * root.unit
        Repeater {
            model: root.status.windows
            delegate: Rectangle {
                required property var modelData
                readonly property int rows: Math.max(1, Math.ceil(root.status.windows.length / 4))
                width: (tiles.width - 3 * tiles.spacing) / 4
                height: Math.min(300 * root.unit, (tiles.height - (rows - 1) * tiles.spacing) / rows)
                radius: 10 * root.unit
                color: modelData.state === "closed" ? "#141a22" : "#1b2430"
                border.width: modelData.level > 0 ? 6 * root.unit : 2 * root.unit
                border.color: root.levelColour(modelData.level)
                Column {
                    anchors { fill: parent; margins: 14 * root.unit }
                    spacing: 4 * root.unit
                    Row {
                        spacing: 12 * root.unit
                        Text { text: modelData.number; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 56 * root.unit; font.bold: true }
                        Column {
                            anchors.verticalCenter: parent.verticalCenter
                            Text {
                                text: modelData.state === "open" ? (modelData.ticket !== "" ? "办理中" : "空闲")
                                      : modelData.state === "paused" ? "暂停" : "关闭"
                                color: modelData.state === "open" ? "#3ddc84" : (modelData.state === "paused" ? "#f5a524" : "#7d8896")
                                font.family: root.cjk; font.pixelSize: 26 * root.unit; font.bold: true
                            }
                            Text {
                                text: modelData.state === "open" ? (modelData.ticket !== "" ? "Serving" : "Free")
                                      : modelData.state === "paused" ? "Paused " + modelData.pauseReason.toLowerCase() : "Closed"
                                color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 18 * root.unit
                            }
                        }
                    }
                    Row {
                        spacing: 10 * root.unit
                        Text {
                            text: modelData.ticket !== "" ? modelData.ticket : " "
                            color: modelData.level > 0 ? root.levelColour(modelData.level) : "#e8edf3"
                            font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true
                        }
                        Text {
                            anchors.baseline: parent.children[0].baseline
                            text: modelData.ticket !== "" ? modelData.serviceMin + " 分 min" : ""
                            color: modelData.level > 0 ? root.levelColour(modelData.level) : "#c8d0da"
                            font.family: root.cjk; font.pixelSize: 24 * root.unit
                        }
                    }
                    Text {
                        width: parent.width
                        elide: Text.ElideRight
                        text: modelData.word !== "" ? root.levelIcon(modelData.level) + " " + modelData.word
                              : "已办 " + modelData.servedToday + " · 平均 " + (modelData.meanServiceMin >= 0 ? modelData.meanServiceMin.toFixed(1) : "–") + " 分"
                        color: modelData.word !== "" ? root.levelColour(modelData.level) : "#9aa5b1"
                        font.family: root.cjk; font.pixelSize: 22 * root.unit; font.bold: modelData.word !== ""
                    }
                }
            }
        }
    }

    // ---- queues and alerts ----
    Column {
        anchors { left: tiles.right; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 * root.unit }
        spacing: 16 * root.unit

        Repeater {
            model: root.status.categories
            delegate: Rectangle {
                required property var modelData
                width: parent.width
                height: 92 * root.unit
                radius: 10 * root.unit
                color: "#1b2430"
                border.width: modelData.level > 0 ? 5 * root.unit : 0
                border.color: root.levelColour(modelData.level)
                Row {
                    anchors { left: parent.left; leftMargin: 18 * root.unit; verticalCenter: parent.verticalCenter }
                    spacing: 18 * root.unit
                    Text { text: modelData.code; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 54 * root.unit; font.bold: true }
                    Column {
                        anchors.verticalCenter: parent.verticalCenter
                        Text { text: modelData.nameZh + " " + modelData.nameEn; color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                        Text {
                            text: "等候 " + modelData.waiting + " 人 · 最长 " + modelData.longestWaitMin + " 分 · 新号约 "
                                  + (modelData.forecastMin >= 0 ? modelData.forecastMin + " 分" : "—") + " · 目标 " + modelData.targetMin + " 分"
                            color: modelData.level > 0 ? root.levelColour(modelData.level) : "#e8edf3"
                            font.family: root.cjk; font.pixelSize: 26 * root.unit; font.bold: true
                        }
                    }
                }
            }
        }

        Text {
            text: root.status.alerts.length === 0 ? "✓ 没有提醒 No alerts" : "提醒 Alerts (" + root.status.alerts.length + ")"
            color: root.status.alerts.length === 0 ? "#3ddc84" : "#e8edf3"
            font.family: root.cjk; font.pixelSize: 30 * root.unit; font.bold: true
        }
        Repeater {
            model: root.status.alerts.slice(0, 5)
            delegate: Rectangle {
                required property var modelData
                width: parent.width
                height: alertText.implicitHeight + 20 * root.unit
                radius: 10 * root.unit
                color: "#1b2430"
                border.width: 5 * root.unit
                border.color: root.levelColour(modelData.level)
                Column {
                    id: alertText
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 * root.unit }
                    spacing: 2 * root.unit
                    Text {
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: root.levelIcon(modelData.level) + " " + (modelData.level >= 2 ? "紧急 ALARM" : "注意 WARNING") + " · "
                              + modelData.sinceText + (modelData.timeLeftMin >= 0 ? " · 剩 " + modelData.timeLeftMin + " 分 left" : "")
                        color: root.levelColour(modelData.level); font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true
                    }
                    Text { width: parent.width; wrapMode: Text.Wrap; text: modelData.messageZh; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 24 * root.unit }
                    Text { width: parent.width; wrapMode: Text.Wrap; text: "➜ " + modelData.actionZh; color: "#ffd166"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                    Text { width: parent.width; wrapMode: Text.Wrap; text: modelData.actionEn; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 18 * root.unit }
                }
            }
        }
    }
}

// The kiosk's first screen: the lobby at a glance (the full dashboard comes with the screens issue).
import QtQuick
import QtQuick.Window
import LobbyWatch

Window {
    id: root
    required property LobbyStatus status
    width: 1280
    height: 720
    visible: true
    color: "#10161f"
    title: "LobbyWatch 大堂监控"

    readonly property string cjk: "Noto Sans CJK SC"

    component Figure: Column {
        property string label
        property string sublabel
        property int value
        property color accent: "#e8edf3"
        spacing: 4
        Text { text: parent.value; color: parent.accent; font.family: root.cjk; font.pixelSize: root.height * 0.2; font.bold: true }
        Text { text: parent.label; color: "#c8d0da"; font.family: root.cjk; font.pixelSize: root.height * 0.05 }
        Text { text: parent.sublabel; color: "#7d8896"; font.family: root.cjk; font.pixelSize: root.height * 0.03 }
    }

    Column {
        anchors.fill: parent
        anchors.margins: root.height * 0.05
        spacing: root.height * 0.04

        Row {
            width: parent.width
            Text {
                width: parent.width * 0.7
                text: "LobbyWatch 大堂监控"
                color: "#e8edf3"
                font.family: root.cjk
                font.pixelSize: root.height * 0.07
                font.bold: true
            }
            Text {
                width: parent.width * 0.3
                horizontalAlignment: Text.AlignRight
                text: root.status.clockText
                color: "#e8edf3"
                font.family: root.cjk
                font.pixelSize: root.height * 0.07
            }
        }

        Row {
            spacing: root.width * 0.08
            Figure { label: "等候 Waiting"; sublabel: "最长 longest " + root.status.longestWaitMin + " 分钟 min"; value: root.status.waiting
                     accent: root.status.longestWaitMin >= 30 ? "#ff6b6b" : (root.status.longestWaitMin >= 20 ? "#ffc857" : "#e8edf3") }
            Figure { label: "办理中 Serving"; sublabel: ""; value: root.status.serving }
            Figure { label: "已办结 Served"; sublabel: "过号 no-show " + root.status.noShow; value: root.status.served }
        }

        Row {
            spacing: 12
            Rectangle {
                width: root.height * 0.035; height: width; radius: width / 2
                anchors.verticalCenter: parent.verticalCenter
                color: root.status.linksUp ? "#3ddc84" : "#ff6b6b"
            }
            Text {
                text: (root.status.linksUp ? "设备连接正常 Devices connected" : "设备断开 Device link down") + " · " + root.status.linksText
                color: "#c8d0da"
                font.family: root.cjk
                font.pixelSize: root.height * 0.035
            }
        }
        Text {
            text: "今日取号 issued today " + root.status.issued + " · 已记录 logged " + root.status.logged + " · " + root.status.businessDay
            color: "#7d8896"
            font.family: root.cjk
            font.pixelSize: root.height * 0.03
        }
    }
}

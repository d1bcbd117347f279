// The lobby manager's screen: windows, queues with forecasts, and the alerts with what to do; a signed-in manager
// acknowledges and resolves them. Read from six metres: big numbers, a word and an icon beside every colour.
import QtQuick
import QtQuick.Window
import LobbyWatch

Window {
    id: root
    required property LobbyStatus status
    required property Desk desk
    width: 1920
    height: 1080
    visible: true
    color: "#10161f"
    title: "LobbyWatch 大堂监控"

    readonly property string cjk: "Noto Sans CJK SC"
    readonly property real unit: Math.min(width / 1920, height / 1080)
    function levelColour(level) { return level >= 2 ? "#e5484d" : (level === 1 ? "#f5a524" : "#2b3645") }
    function levelIcon(level) { return level >= 2 ? "◆" : (level === 1 ? "⚠" : "") }

    // A touch button big enough for a finger, with a Chinese word above its English.
    component TouchButton: Rectangle {
        id: button
        property string zh
        property string en
        property color tint: "#2b6cb0"
        signal tapped()
        implicitWidth: Math.max(150 * root.unit, label.implicitWidth + 40 * root.unit)
        implicitHeight: 64 * root.unit
        radius: 8 * root.unit
        color: area.pressed ? Qt.darker(tint, 1.3) : tint
        opacity: enabled ? 1.0 : 0.35
        Column {
            id: label
            anchors.centerIn: parent
            Text { anchors.horizontalCenter: parent.horizontalCenter; text: button.zh; color: "#ffffff"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
            Text { anchors.horizontalCenter: parent.horizontalCenter; text: button.en; visible: button.en !== ""; color: "#dfe7f1"; font.family: root.cjk; font.pixelSize: 15 * root.unit }
        }
        MouseArea { id: area; anchors.fill: parent; onClicked: button.tapped() }
    }

    // ---- top bar ----
    Rectangle {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 96 * root.unit
        color: "#18212d"
        Row {
            anchors { left: parent.left; leftMargin: 32 * root.unit; verticalCenter: parent.verticalCenter }
            spacing: 20 * root.unit
            Text { text: "LobbyWatch 大堂监控"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 44 * root.unit; font.bold: true }
            TouchButton {
                objectName: "devicesButton"
                anchors.verticalCenter: parent.verticalCenter
                zh: "设备"; en: "Devices"
                tint: root.status.linksUp ? "#3d4a5c" : "#c53030"
                onTapped: devicesPage.visible = true
            }
            TouchButton {
                objectName: "incidentsButton"
                anchors.verticalCenter: parent.verticalCenter
                zh: "事件记录"; en: "Incident log"
                tint: "#3d4a5c"
                onTapped: { incidentSearch.text = ""; incidentsPage.visible = true }
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
            TouchButton {
                objectName: "signInButton"
                anchors.verticalCenter: parent.verticalCenter
                zh: root.desk.signedIn ? root.desk.who + " · 退出" : "登录"
                en: root.desk.signedIn ? "Sign out" : "Sign in"
                tint: root.desk.signedIn ? "#3d4a5c" : "#2b6cb0"
                onTapped: {
                    if (root.desk.signedIn) root.desk.signOut()
                    else keypad.open()
                }
            }
        }
    }

    // ---- windows ----
    Flow {
        id: tiles
        anchors { left: parent.left; top: bar.bottom; bottom: glance.top; margins: 24 * root.unit }
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


    // ---- today at a glance: waits through the day against the target, service level, served and waiting ----
    Rectangle {
        id: glance
        objectName: "glance"
        anchors { left: parent.left; bottom: parent.bottom; margins: 24 * root.unit }
        width: tiles.width
        height: 250 * root.unit
        radius: 10 * root.unit
        color: "#18212d"
        readonly property var g: root.status.glance
        readonly property var buckets: g.buckets !== undefined ? g.buckets : []
        readonly property real topMin: g.scaleMin !== undefined ? g.scaleMin : 30
        Column {
            id: glanceFigures
            anchors { left: parent.left; top: parent.top; margins: 18 * root.unit }
            width: 300 * root.unit
            spacing: 4 * root.unit
            Text { text: "今日 Today"; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
            Text {
                text: glance.g.serviceLevel !== undefined && glance.g.serviceLevel >= 0 ? glance.g.serviceLevel + "%" : "—"
                color: glance.g.serviceLevel >= 80 ? "#3ddc84" : (glance.g.serviceLevel >= 60 ? "#f5a524" : "#e5484d")
                font.family: root.cjk; font.pixelSize: 56 * root.unit; font.bold: true
            }
            Text { text: "目标内叫号 called within target"; color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 18 * root.unit }
            Text {
                text: "已办结 " + root.status.served + " · 等候 " + root.status.waiting + " · 办理中 " + root.status.serving
                color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 22 * root.unit; font.bold: true
            }
            Text {
                text: "Served " + root.status.served + " · waiting " + root.status.waiting + " · serving " + root.status.serving
                color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 16 * root.unit
            }
        }
        Item {
            id: chart
            anchors { left: glanceFigures.right; right: parent.right; top: parent.top; bottom: parent.bottom
                      leftMargin: 12 * root.unit; rightMargin: 18 * root.unit; topMargin: 18 * root.unit; bottomMargin: 34 * root.unit }
            readonly property real step: glance.buckets.length > 0 ? width / Math.max(glance.buckets.length, 12) : width
            Text {
                visible: glance.buckets.length === 0
                anchors.centerIn: parent
                text: "今天还没有叫号 No calls yet today"
                color: "#5d6b7c"; font.family: root.cjk; font.pixelSize: 22 * root.unit
            }
            Repeater {
                model: glance.buckets
                delegate: Item {
                    required property var modelData
                    required property int index
                    x: index * chart.step
                    width: chart.step
                    height: chart.height
                    // The longest wait of the half hour (light) and the mean (solid).
                    Rectangle {
                        anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter }
                        width: parent.width * 0.7
                        height: Math.min(1, modelData.maxWaitMin / glance.topMin) * chart.height
                        color: "#2b3645"
                    }
                    Rectangle {
                        anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter }
                        width: parent.width * 0.7
                        height: Math.min(1, modelData.meanWaitMin / glance.topMin) * chart.height
                        color: modelData.meanWaitMin <= glance.g.targetMin ? "#3ddc84"
                               : (modelData.maxWaitMin < glance.topMin ? "#f5a524" : "#e5484d")
                    }
                    Text {
                        visible: index % 2 === 0
                        anchors { top: parent.bottom; topMargin: 4 * root.unit; horizontalCenter: parent.horizontalCenter }
                        text: modelData.timeText
                        color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 16 * root.unit
                    }
                }
            }
            // The target, as a line across the strip.
            Rectangle {
                visible: glance.buckets.length > 0
                width: parent.width
                height: 2 * root.unit
                y: chart.height - Math.min(1, glance.g.targetMin / glance.topMin) * chart.height
                color: "#ffd166"
            }
            Text {
                visible: glance.buckets.length > 0
                anchors.right: parent.right
                y: chart.height - Math.min(1, glance.g.targetMin / glance.topMin) * chart.height - height
                text: "目标 target " + glance.g.targetMin + " 分 · 柱: 平均/最长 mean/longest"
                color: "#ffd166"; font.family: root.cjk; font.pixelSize: 16 * root.unit
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
                    Row {
                        visible: modelData.key !== "" && (root.desk.signedIn || modelData.acknowledgedBy !== "")
                        spacing: 12 * root.unit
                        topPadding: 6 * root.unit
                        Text {
                            anchors.verticalCenter: parent.verticalCenter
                            visible: modelData.acknowledgedBy !== ""
                            text: "✓ " + modelData.acknowledgedBy + " 已确认 acknowledged"
                            color: "#3ddc84"; font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true
                        }
                        TouchButton {
                            objectName: "acknowledge:" + modelData.key
                            visible: root.desk.signedIn && modelData.acknowledgedBy === ""
                            zh: "确认"; en: "Acknowledge"
                            onTapped: root.desk.acknowledge(modelData.key)
                        }
                        TouchButton {
                            objectName: "resolve:" + modelData.key
                            visible: root.desk.signedIn
                            zh: "已处理…"; en: "Resolve…"
                            tint: "#2f855a"
                            onTapped: resolver.open(modelData)
                        }
                    }
                }
            }
        }
    }


    // ---- device health: every serial link and every device heard on it ----
    Rectangle {
        id: devicesPage
        objectName: "devicesPage"
        anchors.fill: parent
        visible: false
        color: "#0b111a"
        MouseArea { anchors.fill: parent }
        function kindWord(kind) { return kind === "dispenser" ? "取号机 Dispenser" : (kind === "keypad" ? "呼叫器 Keypad" : "未知 Unknown") }
        function statusWord(s) {
            return s === "OK" ? "正常 OK" : s === "PAPER_LOW" ? "纸将用完 paper low" : s === "PAPER_OUT" ? "缺纸 PAPER OUT"
                 : s === "JAM" ? "卡纸 JAM" : s === "COVER_OPEN" ? "盖板打开 COVER OPEN" : ""
        }
        Column {
            anchors { fill: parent; margins: 40 * root.unit }
            spacing: 16 * root.unit
            Row {
                spacing: 24 * root.unit
                Text { text: "设备状态 Device health"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "devicesClose"; zh: "返回"; en: "Back"; tint: "#3d4a5c"; onTapped: devicesPage.visible = false }
            }
            Text {
                visible: root.status.ports.length === 0
                text: "没有配置串口 No serial ports configured"
                color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 26 * root.unit
            }
            Repeater {
                model: root.status.ports
                delegate: Column {
                    required property var modelData
                    width: parent.width
                    spacing: 6 * root.unit
                    Text {
                        text: (modelData.up ? "● " : "◆ ") + "串口 Port " + modelData.port + " · " + (modelData.up ? "已连接 up" : "断开 DOWN: " + modelData.reason)
                              + " · 帧 frames " + modelData.frames + " · 错误 bad " + modelData.bad + " · 重连 reconnects " + modelData.reconnects
                        color: modelData.up ? "#3ddc84" : "#e5484d"; font.family: root.cjk; font.pixelSize: 28 * root.unit; font.bold: true
                    }
                    Repeater {
                        model: modelData.devices
                        delegate: Rectangle {
                            required property var modelData
                            width: devicesPage.width - 80 * root.unit
                            height: 56 * root.unit
                            radius: 8 * root.unit
                            color: "#18212d"
                            border.width: modelData.online ? 0 : 4 * root.unit
                            border.color: "#e5484d"
                            Row {
                                anchors { left: parent.left; leftMargin: 18 * root.unit; verticalCenter: parent.verticalCenter }
                                spacing: 28 * root.unit
                                Text { width: 300 * root.unit; text: devicesPage.kindWord(modelData.kind) + " " + modelData.address; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                                Text { width: 200 * root.unit; text: modelData.online ? "● 在线 online" : "◆ 离线 OFFLINE"; color: modelData.online ? "#3ddc84" : "#e5484d"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                                Text { width: 260 * root.unit; text: "最后 last " + modelData.lastText; color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                                Text { width: 520 * root.unit; text: "帧 frames " + modelData.frames + " · 重发 resent " + modelData.resends + " · 拒收 refused " + modelData.refused; color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                                Text {
                                    text: devicesPage.statusWord(modelData.status)
                                    color: modelData.status === "OK" ? "#3ddc84" : (modelData.status === "PAPER_LOW" ? "#f5a524" : "#e5484d")
                                    font.family: root.cjk; font.pixelSize: 22 * root.unit; font.bold: true
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- today's incident log, searchable ----
    Rectangle {
        id: incidentsPage
        objectName: "incidentsPage"
        anchors.fill: parent
        visible: false
        color: "#0b111a"
        MouseArea { anchors.fill: parent }
        readonly property var shown: {
            const q = incidentSearch.text.trim().toLowerCase()
            const all = root.status.incidents
            if (q === "") return all
            return all.filter(i => (i.messageZh + " " + i.messageEn + " " + i.kind + " " + i.subject + " " + i.state).toLowerCase().indexOf(q) >= 0)
        }
        function stateWord(s) {
            return s === "raised" ? "未处理 open" : s === "acknowledged" ? "已确认 acknowledged" : s === "resolved" ? "已处理 resolved"
                 : s === "cleared" ? "已消除 cleared" : s === "escalated" ? "已上报 escalated" : s
        }
        Column {
            id: incidentsHeader
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 * root.unit }
            spacing: 16 * root.unit
            Row {
                spacing: 24 * root.unit
                Text { text: "今日事件 Today's incidents"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "incidentsClose"; zh: "返回"; en: "Back"; tint: "#3d4a5c"; onTapped: incidentsPage.visible = false }
            }
            Row {
                spacing: 16 * root.unit
                Rectangle {
                    width: 900 * root.unit
                    height: 60 * root.unit
                    radius: 8 * root.unit
                    color: "#0f1620"
                    border.color: "#3d4a5c"
                    TextInput {
                        id: incidentSearch
                        objectName: "incidentSearch"
                        anchors { fill: parent; margins: 14 * root.unit }
                        color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 26 * root.unit
                        clip: true
                        Text { visible: incidentSearch.text === ""; text: "搜索 Search (A042, 3 号窗口, window 3, offline …)"; color: "#5d6b7c"; font: incidentSearch.font }
                    }
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: incidentsPage.shown.length + " / " + root.status.incidents.length
                    color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 24 * root.unit
                }
            }
        }
        ListView {
            id: incidentList
            objectName: "incidentList"
            anchors { left: parent.left; right: parent.right; top: incidentsHeader.bottom; bottom: parent.bottom; margins: 40 * root.unit }
            clip: true
            spacing: 8 * root.unit
            model: incidentsPage.shown
            delegate: Rectangle {
                required property var modelData
                width: incidentList.width
                height: incidentRow.implicitHeight + 20 * root.unit
                radius: 8 * root.unit
                color: "#18212d"
                border.width: 3 * root.unit
                border.color: modelData.severity === "alarm" ? "#e5484d" : (modelData.severity === "warning" ? "#f5a524" : "#3d4a5c")
                Row {
                    id: incidentRow
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 * root.unit }
                    spacing: 20 * root.unit
                    Text { width: 90 * root.unit; text: modelData.timeText; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                    Column {
                        width: parent.width - 480 * root.unit
                        Text { width: parent.width; wrapMode: Text.Wrap; text: modelData.messageZh; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                        Text { width: parent.width; wrapMode: Text.Wrap; text: modelData.messageEn; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 17 * root.unit }
                    }
                    Text {
                        width: 330 * root.unit
                        wrapMode: Text.Wrap
                        text: incidentsPage.stateWord(modelData.state) + " " + modelData.stateText
                        color: modelData.state === "raised" || modelData.state === "escalated" ? "#f5a524" : "#3ddc84"
                        font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true
                    }
                }
            }
        }
    }

    // ---- sign-in: pick your name, type your PIN ----
    Rectangle {
        id: keypad
        objectName: "keypad"
        anchors.fill: parent
        visible: false
        color: "#e6000000"
        property string name: ""
        property string pin: ""
        function open() { name = root.desk.staff.length === 1 ? root.desk.staff[0].name : ""; pin = ""; visible = true }
        function press(key) {
            if (key === "⌫") pin = pin.slice(0, -1)
            else if (key === "OK") {
                if (root.desk.signIn(name, pin)) visible = false
                pin = ""
            } else if (pin.length < 8) pin += key
        }
        MouseArea { anchors.fill: parent }  // nothing behind the keypad takes a tap while it is open
        Rectangle {
            anchors.centerIn: parent
            width: 980 * root.unit
            height: signInColumn.implicitHeight + 64 * root.unit
            radius: 16 * root.unit
            color: "#18212d"
            border.color: "#3d4a5c"
            border.width: 2 * root.unit
            Column {
                id: signInColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 32 * root.unit }
                spacing: 20 * root.unit
                Text { text: "管理人员登录 Manager sign-in"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 36 * root.unit; font.bold: true }
                Flow {
                    width: parent.width
                    spacing: 12 * root.unit
                    Repeater {
                        model: root.desk.staff
                        delegate: TouchButton {
                            required property var modelData
                            objectName: "staff:" + modelData.name
                            zh: modelData.name
                            en: modelData.role === "head" ? "branch head 负责人" : "lobby manager 大堂经理"
                            tint: keypad.name === modelData.name ? "#2b6cb0" : "#3d4a5c"
                            onTapped: { keypad.name = modelData.name; keypad.pin = "" }
                        }
                    }
                }
                Row {
                    spacing: 40 * root.unit
                    Grid {
                        columns: 3
                        spacing: 12 * root.unit
                        Repeater {
                            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                            delegate: TouchButton {
                                required property string modelData
                                objectName: "key:" + modelData
                                implicitWidth: 120 * root.unit
                                implicitHeight: 90 * root.unit
                                zh: modelData === "OK" ? "确定" : modelData
                                en: modelData === "OK" ? "OK" : ""
                                enabled: !root.desk.keypadLocked && keypad.name !== "" && (modelData !== "OK" || keypad.pin.length >= 4)
                                tint: modelData === "OK" ? "#2f855a" : "#3d4a5c"
                                onTapped: keypad.press(modelData)
                            }
                        }
                    }
                    Column {
                        width: 440 * root.unit
                        spacing: 18 * root.unit
                        Text {
                            width: parent.width
                            wrapMode: Text.Wrap
                            text: keypad.name === "" ? "请先点选您的姓名\nTap your name first" : keypad.name
                            color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 30 * root.unit; font.bold: true
                        }
                        Text {
                            objectName: "pinDots"
                            text: keypad.pin.length > 0 ? "●".repeat(keypad.pin.length) : "PIN"
                            color: keypad.pin.length > 0 ? "#e8edf3" : "#5d6b7c"; font.pixelSize: 48 * root.unit
                        }
                        Text {
                            objectName: "keypadMessage"
                            width: parent.width
                            wrapMode: Text.Wrap
                            text: root.desk.messageZh + (root.desk.messageEn !== "" ? "\n" + root.desk.messageEn : "")
                            color: root.desk.keypadLocked ? "#e5484d" : "#f5a524"; font.family: root.cjk; font.pixelSize: 24 * root.unit
                        }
                        TouchButton { objectName: "keypadCancel"; zh: "取消"; en: "Cancel"; tint: "#3d4a5c"; onTapped: keypad.visible = false }
                    }
                }
            }
        }
    }

    // ---- resolve: what was done, from presets (a note can also be typed on a keyboard) ----
    Rectangle {
        id: resolver
        objectName: "resolver"
        anchors.fill: parent
        visible: false
        color: "#e6000000"
        property var alert: null
        function open(a) { alert = a; typed.text = ""; visible = true }
        function done(note) {
            if (alert && root.desk.resolve(alert.key, note)) visible = false
        }
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: 1100 * root.unit
            height: resolveColumn.implicitHeight + 64 * root.unit
            radius: 16 * root.unit
            color: "#18212d"
            border.color: "#3d4a5c"
            border.width: 2 * root.unit
            Column {
                id: resolveColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 32 * root.unit }
                spacing: 16 * root.unit
                Text { text: "处理结果 What was done"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 34 * root.unit; font.bold: true }
                Text {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: resolver.alert ? resolver.alert.messageZh : ""
                    color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 24 * root.unit
                }
                Flow {
                    width: parent.width
                    spacing: 12 * root.unit
                    Repeater {
                        model: root.desk.presets
                        delegate: TouchButton {
                            required property var modelData
                            required property int index
                            objectName: "preset:" + index
                            width: (parent.width - 12 * root.unit) / 2
                            implicitHeight: 76 * root.unit
                            zh: modelData.zh; en: modelData.en
                            tint: "#2f855a"
                            onTapped: resolver.done(modelData.zh)
                        }
                    }
                }
                Row {
                    spacing: 12 * root.unit
                    Rectangle {
                        width: 760 * root.unit
                        height: 64 * root.unit
                        radius: 8 * root.unit
                        color: "#0f1620"
                        border.color: "#3d4a5c"
                        TextInput {
                            id: typed
                            objectName: "resolveNote"
                            anchors { fill: parent; margins: 14 * root.unit }
                            color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 26 * root.unit
                            maximumLength: 200
                            clip: true
                            Text { visible: typed.text === "" && !typed.activeFocus; text: "或输入说明 Or type a note"; color: "#5d6b7c"; font: typed.font }
                        }
                    }
                    TouchButton { objectName: "resolveTyped"; zh: "保存"; en: "Save"; enabled: typed.text.trim() !== ""; onTapped: resolver.done(typed.text) }
                    TouchButton { zh: "取消"; en: "Cancel"; tint: "#3d4a5c"; onTapped: resolver.visible = false }
                }
            }
        }
    }

    // Any touch on the screen keeps a signed-in manager's session; it does not take the touch.
    MouseArea {
        anchors.fill: parent
        z: 1000
        onPressed: (mouse) => { root.desk.touch(); mouse.accepted = false }
    }
}

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

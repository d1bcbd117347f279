// The lobby manager's screen: windows, queues with forecasts, and the alerts with what to do; a signed-in manager
// acknowledges and resolves them. Read from six metres: big numbers, a word and an icon beside every colour.
import QtQuick
import QtQuick.Window
import LobbyWatch

Window {
    id: root
    required property LobbyStatus status
    required property Desk desk
    required property Language language
    readonly property bool en: language.english
    // A text the kiosk made in both languages: the one for the screen's language.
    function pick(zh, enText) { return root.en ? enText : zh }
    width: 1920
    height: 1080
    visible: true
    color: "#10161f"
    title: qsTr("LobbyWatch lobby")

    readonly property string cjk: "Noto Sans CJK SC"
    readonly property real unit: Math.min(width / 1920, height / 1080)
    function levelColour(level) { return level >= 2 ? "#e5484d" : (level === 1 ? "#f5a524" : "#2b3645") }
    function levelIcon(level) { return level >= 2 ? "◆" : (level === 1 ? "⚠" : "") }
    function windowWord(word) {
        return word === "slow" ? qsTr("SLOW") : word === "idle" ? qsTr("IDLE") : word === "no_shows" ? qsTr("NO-SHOWS")
             : word === "closed" ? qsTr("CLOSED") : word
    }

    // A touch button big enough for a finger, with a Chinese word above its English.
    component TouchButton: Rectangle {
        id: button
        property string text
        property color tint: "#2b6cb0"
        signal tapped()
        implicitWidth: Math.max(150 * root.unit, label.implicitWidth + 40 * root.unit)
        implicitHeight: 64 * root.unit
        radius: 8 * root.unit
        color: area.pressed ? Qt.darker(tint, 1.3) : tint
        opacity: enabled ? 1.0 : 0.35
        Text {
            id: label
            anchors.centerIn: parent
            width: Math.min(implicitWidth, button.width - 16 * root.unit)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: button.text; color: "#ffffff"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true
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
            id: barLeft
            objectName: "barLeft"
            anchors { left: parent.left; leftMargin: 32 * root.unit; verticalCenter: parent.verticalCenter }
            spacing: 20 * root.unit
            Text { text: qsTr("LobbyWatch lobby"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 44 * root.unit; font.bold: true }
            TouchButton {
                objectName: "devicesButton"
                anchors.verticalCenter: parent.verticalCenter
                // The links' state in a word as well as a colour: a port down turns the button red and says so.
                text: root.status.linksUp || root.status.ports.length === 0 ? qsTr("Devices") : qsTr("◆ LINK DOWN")
                tint: root.status.linksUp || root.status.ports.length === 0 ? "#3d4a5c" : "#c53030"
                onTapped: devicesPage.visible = true
            }
            TouchButton {
                objectName: "manageButton"
                anchors.verticalCenter: parent.verticalCenter
                visible: root.desk.signedIn
                text: qsTr("Manage ▾")
                tint: manageMenu.visible ? "#2b6cb0" : "#3d4a5c"
                onTapped: manageMenu.visible = !manageMenu.visible
            }
            TouchButton {
                objectName: "incidentsButton"
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Incident log")
                tint: "#3d4a5c"
                onTapped: { incidentSearch.text = ""; incidentsPage.visible = true }
            }
        }
        Row {
            id: barRight
            objectName: "barRight"
            anchors { right: parent.right; rightMargin: 32 * root.unit; verticalCenter: parent.verticalCenter }
            spacing: 24 * root.unit
            Text { text: root.status.clockText; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 52 * root.unit; font.bold: true }
            TouchButton {
                objectName: "signInButton"
                anchors.verticalCenter: parent.verticalCenter
                text: root.desk.signedIn ? qsTr("%1 · Sign out").arg(root.desk.who) : qsTr("Sign in")
                tint: root.desk.signedIn ? "#3d4a5c" : "#2b6cb0"
                onTapped: {
                    if (root.desk.signedIn) root.desk.signOut()
                    else keypad.open()
                }
            }
            TouchButton {
                objectName: "languageButton"
                anchors.verticalCenter: parent.verticalCenter
                implicitWidth: 110 * root.unit
                text: root.en ? "中文" : "English"
                tint: "#3d4a5c"
                onTapped: root.language.set(root.en ? "zh_CN" : "en")
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
            model: root.status.windowRows
            delegate: Rectangle {
                required property var row
                readonly property int rows: Math.max(1, Math.ceil(root.status.windows.length / 4))
                width: (tiles.width - 3 * tiles.spacing) / 4
                height: Math.min(300 * root.unit, (tiles.height - (rows - 1) * tiles.spacing) / rows)
                radius: 10 * root.unit
                color: row.state === "closed" ? "#141a22" : "#1b2430"
                border.width: row.level > 0 ? 6 * root.unit : 2 * root.unit
                border.color: root.levelColour(row.level)
                Column {
                    anchors { fill: parent; margins: 14 * root.unit }
                    spacing: 4 * root.unit
                    Row {
                        spacing: 12 * root.unit
                        Text { text: row.number; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 56 * root.unit; font.bold: true }
                        Column {
                            anchors.verticalCenter: parent.verticalCenter
                            Text {
                                text: row.state === "open" ? (row.ticket !== "" ? qsTr("Serving") : qsTr("Free"))
                                      : row.state === "paused" ? qsTr("Paused") : qsTr("Closed")
                                color: row.state === "open" ? "#3ddc84" : (row.state === "paused" ? "#f5a524" : "#7d8896")
                                font.family: root.cjk; font.pixelSize: 26 * root.unit; font.bold: true
                            }
                            Text {
                                visible: row.state === "paused"
                                objectName: "pauseReason:" + row.number
                                text: root.pick(row.pauseWordZh, row.pauseWordEn)
                                color: "#f5a524"; font.family: root.cjk; font.pixelSize: 20 * root.unit
                            }
                        }
                    }
                    Row {
                        spacing: 10 * root.unit
                        Text {
                            text: row.ticket !== "" ? row.ticket : " "
                            color: row.level > 0 ? root.levelColour(row.level) : "#e8edf3"
                            font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true
                        }
                        Text {
                            anchors.baseline: parent.children[0].baseline
                            text: row.ticket !== "" ? qsTr("%1 min").arg(row.serviceMin) : ""
                            color: row.level > 0 ? root.levelColour(row.level) : "#c8d0da"
                            font.family: root.cjk; font.pixelSize: 24 * root.unit
                        }
                    }
                    Text {
                        // Wraps rather than cut (English is longer); a tile has room for two lines.
                        width: parent.width
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        text: row.word !== "" ? root.levelIcon(row.level) + " " + root.windowWord(row.word)
                              : qsTr("Served %1 · mean %2 min").arg(row.servedToday).arg(row.meanServiceMin >= 0 ? row.meanServiceMin.toFixed(1) : "–")
                        color: row.word !== "" ? root.levelColour(row.level) : "#9aa5b1"
                        font.family: root.cjk; font.pixelSize: 22 * root.unit; font.bold: row.word !== ""
                    }
                }
            }
        }
    }



    // ---- what a signed-in manager may do beyond the alerts ----
    Rectangle {
        id: manageMenu
        objectName: "manageMenu"
        visible: false
        z: 10
        x: 32 * root.unit
        y: bar.height + 4 * root.unit
        width: menuColumn.implicitWidth + 24 * root.unit
        height: menuColumn.implicitHeight + 24 * root.unit
        radius: 10 * root.unit
        color: "#18212d"
        border.color: "#3d4a5c"
        border.width: 2 * root.unit
        Connections {
            target: root.desk
            function onChanged() { if (!root.desk.signedIn) manageMenu.visible = false }
        }
        Column {
            id: menuColumn
            anchors.centerIn: parent
            spacing: 10 * root.unit
            TouchButton {
                objectName: "thresholdsButton"
                visible: root.desk.signedIn
                text: qsTr("Thresholds")
                tint: "#3d4a5c"
                onTapped: { manageMenu.visible = false; thresholdsPage.visible = true }
            }
            TouchButton {
                objectName: "complaintButton"
                visible: root.desk.signedIn
                text: qsTr("Complaint")
                tint: "#3d4a5c"
                onTapped: { manageMenu.visible = false; complaintPage.open() }
            }
            TouchButton {
                objectName: "reportsButton"
                visible: root.desk.signedIn && root.desk.role === "head"
                text: qsTr("Reports")
                tint: "#3d4a5c"
                onTapped: { manageMenu.visible = false; reportsPage.show("week") }
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
            Text { text: qsTr("Today"); color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
            Text {
                text: glance.g.serviceLevel !== undefined && glance.g.serviceLevel >= 0 ? glance.g.serviceLevel + "%" : "—"
                color: glance.g.serviceLevel >= 80 ? "#3ddc84" : (glance.g.serviceLevel >= 60 ? "#f5a524" : "#e5484d")
                font.family: root.cjk; font.pixelSize: 56 * root.unit; font.bold: true
            }
            Text { text: qsTr("called within target"); color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 18 * root.unit }
            Text {
                width: parent.width
                wrapMode: Text.Wrap
                text: qsTr("Served %1 · waiting %2 · serving %3").arg(root.status.served).arg(root.status.waiting).arg(root.status.serving)
                color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 22 * root.unit; font.bold: true
            }
            Text {
                width: parent.width
                wrapMode: Text.Wrap
                visible: root.status.forecastServing !== ""
                text: qsTr("Wait figures: %1").arg(root.status.forecastServing)
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
                text: qsTr("No calls yet today")
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
                text: qsTr("target %1 min · bars: mean / longest wait").arg(glance.g.targetMin)
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
                    id: categoryRow
                    anchors { left: parent.left; right: parent.right; leftMargin: 18 * root.unit; rightMargin: 14 * root.unit; verticalCenter: parent.verticalCenter }
                    spacing: 18 * root.unit
                    Text { id: categoryCode; text: modelData.code; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 54 * root.unit; font.bold: true }
                    Column {
                        anchors.verticalCenter: parent.verticalCenter
                        width: categoryRow.width - categoryCode.width - categoryRow.spacing
                        Text { text: root.pick(modelData.nameZh, modelData.nameEn); color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                        Text {
                            // Shrinks to fit rather than run past the tile (English is longer).
                            width: parent.width
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 16 * root.unit
                            text: qsTr("%1 waiting · longest %2 min · new ticket %3 · target %4 min").arg(modelData.waiting)
                                  .arg(modelData.longestWaitMin).arg(modelData.forecastMin >= 0 ? qsTr("~%1 min").arg(modelData.forecastMin) : "—")
                                  .arg(modelData.targetMin)
                            color: modelData.level > 0 ? root.levelColour(modelData.level) : "#e8edf3"
                            font.family: root.cjk; font.pixelSize: 26 * root.unit; font.bold: true
                        }
                    }
                }
            }
        }

        Text {
            text: root.status.alerts.length === 0 ? qsTr("✓ No alerts") : qsTr("Alerts (%1)").arg(root.status.alerts.length)
            color: root.status.alerts.length === 0 ? "#3ddc84" : "#e8edf3"
            font.family: root.cjk; font.pixelSize: 30 * root.unit; font.bold: true
        }
        // Most urgent first; as many as fit, the rest a swipe away (and all in the incident log).
        ListView {
            id: alertList
            objectName: "alertList"
            width: parent.width
            height: parent.height - y
            clip: true
            spacing: 12 * root.unit
            model: root.status.alertRows
            delegate: Rectangle {
                required property var row
                required property int index
                width: alertList.width
                height: alertText.implicitHeight + 20 * root.unit
                radius: 10 * root.unit
                color: "#1b2430"
                border.width: 5 * root.unit
                border.color: root.levelColour(row.level)
                Column {
                    id: alertText
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 * root.unit }
                    spacing: 2 * root.unit
                    Text {
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: root.levelIcon(row.level) + " " + (row.level >= 2 ? qsTr("ALARM") : qsTr("WARNING")) + " · "
                              + row.sinceText + (row.timeLeftMin >= 0 ? " · " + qsTr("%1 min left").arg(row.timeLeftMin) : "")
                        color: root.levelColour(row.level); font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true
                    }
                    Text { width: parent.width; wrapMode: Text.Wrap; text: root.pick(row.messageZh, row.messageEn); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 24 * root.unit }
                    Text { width: parent.width; wrapMode: Text.Wrap; text: "➜ " + root.pick(row.actionZh, row.actionEn); color: "#ffd166"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                    Row {
                        visible: row.actionable && (root.desk.signedIn || row.acknowledgedBy !== "")
                        spacing: 12 * root.unit
                        topPadding: 6 * root.unit
                        Text {
                            anchors.verticalCenter: parent.verticalCenter
                            visible: row.acknowledgedBy !== ""
                            text: qsTr("✓ acknowledged by %1").arg(row.acknowledgedBy)
                            color: "#3ddc84"; font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true
                        }
                        TouchButton {
                            objectName: "acknowledge:" + row.key
                            visible: root.desk.signedIn && row.acknowledgedBy === ""
                            text: qsTr("Acknowledge")
                            onTapped: root.desk.acknowledge(row.key)
                        }
                        TouchButton {
                            objectName: "resolve:" + row.key
                            visible: root.desk.signedIn
                            text: qsTr("Resolve…")
                            tint: "#2f855a"
                            onTapped: resolver.open(row)
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
        function kindWord(kind) { return kind === "dispenser" ? qsTr("Dispenser") : (kind === "keypad" ? qsTr("Keypad") : qsTr("Unknown device")) }
        function statusWord(s) {
            return s === "OK" ? qsTr("OK", "device status") : s === "PAPER_LOW" ? qsTr("paper low") : s === "PAPER_OUT" ? qsTr("PAPER OUT")
                 : s === "JAM" ? qsTr("JAM") : s === "COVER_OPEN" ? qsTr("COVER OPEN") : ""
        }
        Column {
            anchors { fill: parent; margins: 40 * root.unit }
            spacing: 16 * root.unit
            Row {
                spacing: 24 * root.unit
                Text { text: qsTr("Device health"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "devicesClose"; text: qsTr("Back"); tint: "#3d4a5c"; onTapped: devicesPage.visible = false }
            }
            Text {
                visible: root.status.ports.length === 0
                text: qsTr("No serial ports configured")
                color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 26 * root.unit
            }
            Repeater {
                model: root.status.ports
                delegate: Column {
                    required property var modelData
                    width: parent.width
                    spacing: 6 * root.unit
                    Text {
                        text: (modelData.up ? "● " : "◆ ") + qsTr("Port %1").arg(modelData.port) + " · " + (modelData.up ? qsTr("up") : qsTr("DOWN: %1").arg(modelData.reason))
                              + " · " + qsTr("frames %1 · bad %2 · reconnects %3").arg(modelData.frames).arg(modelData.bad).arg(modelData.reconnects)
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
                                Text { width: 200 * root.unit; text: modelData.online ? qsTr("● online") : qsTr("◆ OFFLINE"); color: modelData.online ? "#3ddc84" : "#e5484d"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                                Text { width: 260 * root.unit; text: qsTr("last %1").arg(modelData.lastText); color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                                Text { width: 520 * root.unit; text: qsTr("frames %1 · resent %2 · refused %3").arg(modelData.frames).arg(modelData.resends).arg(modelData.refused); color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
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
        // The search is a proxy over the incident model: a changed or new incident updates its row in place, so
        // the list keeps its place and the result its rows.
        readonly property var shown: root.status.incidentSearch
        function stateWord(s) {
            return s === "raised" ? qsTr("open") : s === "acknowledged" ? qsTr("acknowledged") : s === "resolved" ? qsTr("resolved")
                 : s === "cleared" ? qsTr("cleared") : s === "escalated" ? qsTr("escalated") : s
        }
        Column {
            id: incidentsHeader
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 * root.unit }
            spacing: 16 * root.unit
            Row {
                spacing: 24 * root.unit
                Text { text: qsTr("Today's incidents"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "incidentsClose"; text: qsTr("Back"); tint: "#3d4a5c"; onTapped: incidentsPage.visible = false }
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
                        onTextChanged: root.status.incidentSearch.text = text
                        Text { visible: incidentSearch.text === ""; text: qsTr("Search (A042, window 3, offline …)"); color: "#5d6b7c"; font: incidentSearch.font }
                    }
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: incidentsPage.shown.count + " / " + root.status.incidentRows.count
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
                required property var row
                width: incidentList.width
                height: incidentRow.implicitHeight + 20 * root.unit
                radius: 8 * root.unit
                color: "#18212d"
                border.width: 3 * root.unit
                border.color: row.severity === "alarm" ? "#e5484d" : (row.severity === "warning" ? "#f5a524" : "#3d4a5c")
                Row {
                    id: incidentRow
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 * root.unit }
                    spacing: 20 * root.unit
                    Text { width: 90 * root.unit; text: row.timeText; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 24 * root.unit; font.bold: true }
                    Column {
                        width: parent.width - 480 * root.unit
                        Text { width: parent.width; wrapMode: Text.Wrap; text: root.pick(row.messageZh, row.messageEn); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
                    }
                    Text {
                        width: 330 * root.unit
                        wrapMode: Text.Wrap
                        text: incidentsPage.stateWord(row.state) + " " + row.stateText
                        color: row.state === "raised" || row.state === "escalated" ? "#f5a524" : "#3ddc84"
                        font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true
                    }
                }
            }
        }
    }


    // ---- thresholds per category (a signed-in manager; each change is recorded with who) ----
    Rectangle {
        id: thresholdsPage
        objectName: "thresholdsPage"
        anchors.fill: parent
        visible: false
        color: "#0b111a"
        // The categories as they were when the page opened (or last saved): the list must not be rebuilt under a
        // manager's fingers by the once-a-second update.
        property var shown: []
        onVisibleChanged: if (visible) shown = root.status.categories
        MouseArea { anchors.fill: parent }
        component Stepper: Row {
            id: stepper
            property string label
            property int value
            spacing: 10 * root.unit
            Text { anchors.verticalCenter: parent.verticalCenter; width: 120 * root.unit; text: stepper.label; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 22 * root.unit }
            TouchButton { objectName: stepper.objectName + ":minus"; implicitWidth: 64 * root.unit; text: "−"; tint: "#3d4a5c"; onTapped: stepper.value = Math.max(1, stepper.value - 1) }
            Text { anchors.verticalCenter: parent.verticalCenter; width: 90 * root.unit; horizontalAlignment: Text.AlignHCenter; text: qsTr("%1 min").arg(stepper.value); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 28 * root.unit; font.bold: true }
            TouchButton { objectName: stepper.objectName + ":plus"; implicitWidth: 64 * root.unit; text: "+"; tint: "#3d4a5c"; onTapped: stepper.value = Math.min(600, stepper.value + 1) }
        }
        Column {
            anchors { fill: parent; margins: 40 * root.unit }
            spacing: 24 * root.unit
            Row {
                spacing: 24 * root.unit
                Text { text: qsTr("Wait thresholds"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "thresholdsClose"; text: qsTr("Back"); tint: "#3d4a5c"; onTapped: thresholdsPage.visible = false }
            }
            Text {
                width: parent.width
                wrapMode: Text.Wrap
                text: root.desk.messageZh !== "" ? root.pick(root.desk.messageZh, root.desk.messageEn)
                      : qsTr("Target: the service level's goal. Warning: a long-wait alert. Limit: a breach. Changes apply at once and are recorded with your name.")
                color: root.desk.messageZh !== "" ? "#f5a524" : "#9aa5b1"; font.family: root.cjk; font.pixelSize: 22 * root.unit
            }
            Repeater {
                model: thresholdsPage.shown
                delegate: Rectangle {
                    required property var modelData
                    width: parent.width
                    height: 110 * root.unit
                    radius: 10 * root.unit
                    color: "#18212d"
                    Row {
                        anchors { left: parent.left; leftMargin: 20 * root.unit; verticalCenter: parent.verticalCenter }
                        spacing: 36 * root.unit
                        Text { anchors.verticalCenter: parent.verticalCenter; width: 260 * root.unit; text: modelData.code + " " + root.pick(modelData.nameZh, modelData.nameEn); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 30 * root.unit; font.bold: true }
                        Stepper { id: target; objectName: "target:" + modelData.code; anchors.verticalCenter: parent.verticalCenter; label: qsTr("Target"); value: modelData.targetMin }
                        Stepper { id: warning; objectName: "warning:" + modelData.code; anchors.verticalCenter: parent.verticalCenter; label: qsTr("Warning"); value: modelData.warningMin }
                        Stepper { id: limit; objectName: "limit:" + modelData.code; anchors.verticalCenter: parent.verticalCenter; label: qsTr("Limit"); value: modelData.limitMin }
                        TouchButton {
                            objectName: "saveThresholds:" + modelData.code
                            anchors.verticalCenter: parent.verticalCenter
                            text: qsTr("Save")
                            tint: "#2f855a"
                            enabled: target.value !== modelData.targetMin || warning.value !== modelData.warningMin || limit.value !== modelData.limitMin
                            onTapped: if (root.desk.setThresholds(modelData.code, target.value, warning.value, limit.value)) thresholdsPage.shown = root.status.categories
                        }
                    }
                }
            }
        }
    }



    // ---- record a complaint heard at the branch: whoever is signed in owns it ----
    Rectangle {
        id: complaintPage
        objectName: "complaintPage"
        anchors.fill: parent
        visible: false
        color: "#0b111a"
        property string channel: "on_site"
        property string cause: "long_wait"
        property string outcome: ""
        function open() {
            channel = "on_site"; cause = "long_wait"; outcome = ""
            complaintTicket.text = ""; complaintSummary.text = ""; complaintContact.text = ""
            visible = true
        }
        readonly property var channels: [["on_site", qsTr("On site")], ["comment_book", qsTr("Comment book")], ["letter", qsTr("Letter")],
                                          ["phone", qsTr("Phone")], ["head_office", qsTr("From head office")], ["regulator", qsTr("From the regulator")]]
        readonly property var causes: [["long_wait", qsTr("Long wait")], ["staff_attitude", qsTr("Staff attitude")], ["operation_error", qsTr("Operation error")],
                                        ["equipment", qsTr("Equipment")], ["policy", qsTr("Policy")], ["other", qsTr("Other")]]
        MouseArea { anchors.fill: parent }
        component Field: Rectangle {
            id: field
            property alias text: input.text
            property string hint
            property alias input: input
            width: 900 * root.unit
            height: 60 * root.unit
            radius: 8 * root.unit
            color: "#0f1620"
            border.color: "#3d4a5c"
            TextInput {
                id: input
                anchors { fill: parent; margins: 14 * root.unit }
                color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 26 * root.unit
                clip: true
                Text { visible: input.text === ""; text: field.hint; color: "#5d6b7c"; font: input.font }
            }
        }
        Column {
            anchors { fill: parent; margins: 40 * root.unit }
            spacing: 16 * root.unit
            Row {
                spacing: 24 * root.unit
                Text { text: qsTr("Record a complaint"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "complaintClose"; text: qsTr("Back"); tint: "#3d4a5c"; onTapped: complaintPage.visible = false }
            }
            Text {
                text: qsTr("Received by %1, who owns it until it is answered").arg(root.desk.who)
                color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 22 * root.unit
            }
            Text { text: qsTr("How it came"); color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 24 * root.unit }
            Flow {
                width: parent.width
                spacing: 10 * root.unit
                Repeater {
                    model: complaintPage.channels
                    delegate: TouchButton {
                        required property var modelData
                        objectName: "channel:" + modelData[0]
                        text: modelData[1]
                        tint: complaintPage.channel === modelData[0] ? "#2b6cb0" : "#3d4a5c"
                        onTapped: complaintPage.channel = modelData[0]
                    }
                }
            }
            Text { text: qsTr("What it is about"); color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 24 * root.unit }
            Flow {
                width: parent.width
                spacing: 10 * root.unit
                Repeater {
                    model: complaintPage.causes
                    delegate: TouchButton {
                        required property var modelData
                        objectName: "cause:" + modelData[0]
                        text: modelData[1]
                        tint: complaintPage.cause === modelData[0] ? "#2b6cb0" : "#3d4a5c"
                        onTapped: complaintPage.cause = modelData[0]
                    }
                }
            }
            Field { id: complaintTicket; objectName: "complaintTicket"; hint: qsTr("Ticket (optional), e.g. A042") }
            Field { id: complaintSummary; objectName: "complaintSummary"; hint: qsTr("What the customer said") }
            Field { id: complaintContact; objectName: "complaintContact"; hint: qsTr("Contact (optional; kept private)") }
            Row {
                spacing: 16 * root.unit
                TouchButton {
                    objectName: "complaintSave"
                    text: qsTr("Save")
                    tint: "#2f855a"
                    enabled: complaintSummary.text.trim() !== ""
                    onTapped: {
                        const r = root.desk.recordComplaint({channel: complaintPage.channel, cause: complaintPage.cause,
                                                             ticket: complaintTicket.text, summary: complaintSummary.text,
                                                             contact: complaintContact.text})
                        complaintPage.outcome = r.ok ? qsTr("Complaint %1 recorded: answer by %2").arg(r.id).arg(r.dueDay)
                                                     : root.pick(r.whyZh, r.whyEn)
                    }
                }
                Text {
                    objectName: "complaintOutcome"
                    anchors.verticalCenter: parent.verticalCenter
                    text: complaintPage.outcome
                    color: "#ffd166"; font.family: root.cjk; font.pixelSize: 26 * root.unit; font.bold: true
                }
            }
        }
    }

    // ---- reports for the branch head: a week or a month beside the previous one ----
    Rectangle {
        id: reportsPage
        objectName: "reportsPage"
        anchors.fill: parent
        visible: false
        color: "#0b111a"
        property var result: ({})
        property string range: "week"
        // Built on the kiosk's report thread: the screen goes on drawing meanwhile.
        function show(r) {
            range = r
            result = ({whyZh: "正在生成报表…", whyEn: "Building the report…"})
            root.desk.requestReport(r)
            visible = true
        }
        Connections {
            target: root.desk
            function onReportReady(r, res) { if (r === reportsPage.range) reportsPage.result = res }
        }
        MouseArea { anchors.fill: parent }
        readonly property var dayNames: [qsTr("Mon"), qsTr("Tue"), qsTr("Wed"), qsTr("Thu"), qsTr("Fri"), qsTr("Sat"), qsTr("Sun")]
        Column {
            anchors { fill: parent; margins: 36 * root.unit }
            spacing: 18 * root.unit
            Row {
                spacing: 18 * root.unit
                Text { anchors.verticalCenter: parent.verticalCenter; text: qsTr("Reports"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 40 * root.unit; font.bold: true }
                TouchButton { objectName: "reportWeek"; text: qsTr("Last 7 days"); tint: reportsPage.range === "week" ? "#2b6cb0" : "#3d4a5c"; onTapped: reportsPage.show("week") }
                TouchButton { objectName: "reportMonth"; text: qsTr("This month"); tint: reportsPage.range === "month" ? "#2b6cb0" : "#3d4a5c"; onTapped: reportsPage.show("month") }
                TouchButton { objectName: "reportLastMonth"; text: qsTr("Last month"); tint: reportsPage.range === "last_month" ? "#2b6cb0" : "#3d4a5c"; onTapped: reportsPage.show("last_month") }
                TouchButton { objectName: "reportsClose"; text: qsTr("Back"); tint: "#3d4a5c"; onTapped: reportsPage.visible = false }
            }
            Text {
                objectName: "reportPeriod"
                text: reportsPage.result.ok ? qsTr("%1 – %2, beside %3 onwards (in brackets)").arg(reportsPage.result.from).arg(reportsPage.result.to).arg(reportsPage.result.previousFrom)
                                          : (reportsPage.result.whyZh !== undefined ? root.pick(reportsPage.result.whyZh, reportsPage.result.whyEn) : "")
                color: reportsPage.result.ok ? "#9aa5b1" : "#f5a524"; font.family: root.cjk; font.pixelSize: 24 * root.unit
            }
            Row {
                visible: reportsPage.result.ok === true
                spacing: 36 * root.unit
                // Categories: a bar per category for the share called within target, this period and (light) the last.
                Column {
                    spacing: 10 * root.unit
                    Text { text: qsTr("Called within target"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 28 * root.unit; font.bold: true }
                    Repeater {
                        model: reportsPage.result.ok ? reportsPage.result.categories : []
                        delegate: Column {
                            required property var modelData
                            spacing: 2 * root.unit
                            Text {
                                text: (modelData.code === "*" ? qsTr("All") : modelData.code + " " + root.pick(modelData.nameZh, modelData.nameEn))
                                      + "  " + qsTr("%1 tickets (%2) · mean wait %3 min (%4) · p90 %5 min").arg(modelData.issued).arg(modelData.prevIssued)
                                        .arg(modelData.meanWaitMin.toFixed(1)).arg(modelData.prevMeanWaitMin.toFixed(1)).arg(modelData.p90WaitMin.toFixed(1))
                                color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 20 * root.unit
                            }
                            Row {
                                spacing: 8 * root.unit
                                Rectangle { width: 700 * root.unit * modelData.withinTarget / 100; height: 22 * root.unit; color: modelData.withinTarget >= 80 ? "#3ddc84" : modelData.withinTarget >= 60 ? "#f5a524" : "#e5484d" }
                                Text { anchors.verticalCenter: parent.verticalCenter; text: modelData.withinTarget.toFixed(0) + "%"; color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 20 * root.unit; font.bold: true }
                            }
                            Row {
                                spacing: 8 * root.unit
                                Rectangle { width: 700 * root.unit * modelData.prevWithinTarget / 100; height: 10 * root.unit; color: "#5d6b7c" }
                                Text { anchors.verticalCenter: parent.verticalCenter; text: "(" + modelData.prevWithinTarget.toFixed(0) + "%)"; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 16 * root.unit }
                            }
                        }
                    }
                }
                // Waits by weekday and hour.
                Column {
                    spacing: 4 * root.unit
                    Text { text: qsTr("Mean wait by weekday and hour (min)"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 28 * root.unit; font.bold: true }
                    Row {
                        Item { width: 60 * root.unit; height: 26 * root.unit }
                        Repeater {
                            model: 14
                            delegate: Text { required property int index; width: 52 * root.unit; horizontalAlignment: Text.AlignHCenter; text: index + 7; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 16 * root.unit }
                        }
                    }
                    Repeater {
                        model: reportsPage.result.ok ? reportsPage.result.heat : []
                        delegate: Row {
                            required property var modelData
                            required property int index
                            Text { width: 60 * root.unit; text: reportsPage.dayNames[index]; color: "#9aa5b1"; font.family: root.cjk; font.pixelSize: 18 * root.unit }
                            Repeater {
                                model: modelData
                                delegate: Rectangle {
                                    required property var modelData
                                    width: 50 * root.unit; height: 36 * root.unit
                                    color: modelData < 0 ? "#18212d" : modelData <= 15 ? "#276749" : modelData <= 30 ? "#975a16" : "#9b2c2c"
                                    Text { anchors.centerIn: parent; visible: modelData >= 0; text: Math.round(modelData); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 16 * root.unit }
                                }
                            }
                        }
                    }
                    Item { width: 1; height: 16 * root.unit }
                    Text {
                        text: reportsPage.result.ok ? qsTr("Complaints: %1 · after a wait alert %2 · answered on time %3, late %4 · open %5")
                                                      .arg(reportsPage.result.complaints.count).arg(reportsPage.result.complaints.afterWaitAlert)
                                                      .arg(reportsPage.result.complaints.answeredOnTime).arg(reportsPage.result.complaints.answeredLate)
                                                      .arg(reportsPage.result.complaints.open) : ""
                        color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 22 * root.unit
                    }
                    Repeater {
                        model: reportsPage.result.ok ? reportsPage.result.incidents.slice(0, 6) : []
                        delegate: Text {
                            required property var modelData
                            text: qsTr("%1: %2 incidents, %3 never acknowledged, %4 escalated").arg(modelData.kind).arg(modelData.count).arg(modelData.neverAcknowledged).arg(modelData.escalated)
                            color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 18 * root.unit
                        }
                    }
                }
            }
            Column {
                visible: reportsPage.result.ok === true
                spacing: 4 * root.unit
                Text { text: qsTr("Windows"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 28 * root.unit; font.bold: true }
                Repeater {
                    model: reportsPage.result.ok ? reportsPage.result.windows : []
                    delegate: Text {
                        required property var modelData
                        text: qsTr("Window %1: served %2 · mean service %3 min · walk %4 s · open %5 h · paused %6 h · idle while waited for %7 h")
                              .arg(modelData.number).arg(modelData.served).arg(modelData.meanServiceMin.toFixed(1)).arg(Math.round(modelData.meanWalkS))
                              .arg(modelData.openH.toFixed(1)).arg(modelData.pausedH.toFixed(1)).arg(modelData.idleWaitingH.toFixed(2))
                        color: "#c8d0da"; font.family: root.cjk; font.pixelSize: 19 * root.unit
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
                Text { text: qsTr("Manager sign-in"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 36 * root.unit; font.bold: true }
                Flow {
                    width: parent.width
                    spacing: 12 * root.unit
                    Repeater {
                        model: root.desk.staff
                        delegate: TouchButton {
                            required property var modelData
                            objectName: "staff:" + modelData.name
                            text: modelData.name + "\n" + (modelData.role === "head" ? qsTr("branch head") : qsTr("lobby manager"))
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
                                text: modelData === "OK" ? qsTr("OK") : modelData
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
                            text: keypad.name === "" ? qsTr("Tap your name first") : keypad.name
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
                            text: root.pick(root.desk.messageZh, root.desk.messageEn)
                            color: root.desk.keypadLocked ? "#e5484d" : "#f5a524"; font.family: root.cjk; font.pixelSize: 24 * root.unit
                        }
                        TouchButton { objectName: "keypadCancel"; text: qsTr("Cancel"); tint: "#3d4a5c"; onTapped: keypad.visible = false }
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
                Text { text: qsTr("What was done"); color: "#e8edf3"; font.family: root.cjk; font.pixelSize: 34 * root.unit; font.bold: true }
                Text {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: resolver.alert ? root.pick(resolver.alert.messageZh, resolver.alert.messageEn) : ""
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
                            text: root.pick(modelData.zh, modelData.en)
                            tint: "#2f855a"
                            onTapped: resolver.done(root.pick(modelData.zh, modelData.en))
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
                            Text { visible: typed.text === "" && !typed.activeFocus; text: qsTr("Or type a note"); color: "#5d6b7c"; font: typed.font }
                        }
                    }
                    TouchButton { objectName: "resolveTyped"; text: qsTr("Save"); enabled: typed.text.trim() !== ""; onTapped: resolver.done(typed.text) }
                    TouchButton { text: qsTr("Cancel"); tint: "#3d4a5c"; onTapped: resolver.visible = false }
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

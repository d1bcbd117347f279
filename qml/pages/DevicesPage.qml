// Device health: every serial link and every device heard on it, with its frames, resends and refusals.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "devicesPage"
    required property LobbyStatus status
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    color: Theme.page
    MouseArea { anchors.fill: parent }

    function kindWord(kind: string): string {
        return kind === "dispenser" ? qsTr("Dispenser") : (kind === "keypad" ? qsTr("Keypad") : qsTr("Unknown device"))
    }
    function statusWord(s: string): string {
        return s === "OK" ? qsTr("OK", "device status") : s === "PAPER_LOW" ? qsTr("paper low") : s === "PAPER_OUT" ? qsTr("PAPER OUT")
             : s === "JAM" ? qsTr("JAM") : s === "COVER_OPEN" ? qsTr("COVER OPEN") : ""
    }

    ScrollPage {
        id: scroller
        anchors { fill: parent; margins: 40 * page.u }
        contentHeight: content.implicitHeight
        Column {
            id: content
            width: scroller.width
            spacing: Theme.gap * page.u
            PageHeader { title: qsTr("Device health"); backName: "devicesClose"; onBack: page.back() }
            ScreenText {
                visible: page.status.ports.length === 0
                text: qsTr("No serial ports configured")
                color: Theme.textMuted
                size: 26
            }
            Repeater {
                model: page.status.ports
                delegate: Column {
                    id: port
                    required property var modelData
                    width: content.width
                    spacing: 6 * page.u
                    ScreenText {
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: (port.modelData.up ? "● " : "◆ ") + qsTr("Port %1").arg(port.modelData.port) + " · "
                              + (port.modelData.up ? qsTr("up") : qsTr("DOWN: %1").arg(port.modelData.reason)) + " · "
                              + qsTr("frames %1 · bad %2 · reconnects %3").arg(port.modelData.frames).arg(port.modelData.bad).arg(port.modelData.reconnects)
                        color: port.modelData.up ? Theme.good : Theme.alarm
                        size: 28
                        font.bold: true
                    }
                    Repeater {
                        model: port.modelData.devices
                        delegate: Rectangle {
                            id: device
                            required property var modelData
                            width: port.width
                            height: deviceRow.implicitHeight + 16 * page.u
                            radius: 8 * page.u
                            color: Theme.panel
                            border.width: modelData.online ? 0 : 4 * page.u
                            border.color: Theme.alarm
                            Flow {
                                id: deviceRow
                                anchors { left: parent.left; right: parent.right; leftMargin: 18 * page.u; rightMargin: 18 * page.u; verticalCenter: parent.verticalCenter }
                                spacing: 28 * page.u
                                ScreenText { text: page.kindWord(device.modelData.kind) + " " + device.modelData.address; size: Theme.label; font.bold: true }
                                ScreenText {
                                    text: device.modelData.online ? qsTr("● online") : qsTr("◆ OFFLINE")
                                    color: device.modelData.online ? Theme.good : Theme.alarm
                                    size: Theme.label
                                    font.bold: true
                                }
                                ScreenText { text: qsTr("last %1").arg(device.modelData.lastText); color: Theme.textSoft }
                                ScreenText {
                                    text: qsTr("frames %1 · resent %2 · refused %3").arg(device.modelData.frames).arg(device.modelData.resends).arg(device.modelData.refused)
                                    color: Theme.textSoft
                                }
                                ScreenText {
                                    text: page.statusWord(device.modelData.status)
                                    color: device.modelData.status === "OK" ? Theme.good : (device.modelData.status === "PAPER_LOW" ? Theme.warning : Theme.alarm)
                                    font.bold: true
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// Resolve an alert: what was done, from presets (a note can also be typed on a keyboard). Closes when the kiosk
// has recorded it; the card then leaves the panel.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import LobbyWatch

Popup {
    id: dialog
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(parent ? parent.width : 1920, parent ? parent.height : 1080)
    property var alert: null
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(1100 * u, (parent ? parent.width : 1920) - 40 * u)
    modal: true
    closePolicy: Popup.CloseOnEscape
    padding: 32 * u
    Overlay.modal: Rectangle { color: Theme.scrim }
    background: Rectangle { radius: 16 * dialog.u; color: Theme.panel; border.color: Theme.line; border.width: 2 * dialog.u }

    function openFor(a: var) { alert = a; typed.text = ""; open() }
    function done(note: string) {
        if (alert && desk.resolve(alert.key, note)) close()
    }
    function pick(zh: string, en: string): string { return language.english ? en : zh }

    Column {
        width: dialog.availableWidth
        id: column
        objectName: "resolver"
        spacing: Theme.gap * dialog.u
        ScreenText { text: qsTr("What was done"); size: 34; font.bold: true }
        ScreenText {
            width: parent.width
            wrapMode: Text.Wrap
            text: dialog.alert ? dialog.pick(dialog.alert.messageZh, dialog.alert.messageEn) : ""
            color: Theme.textSoft
            size: Theme.label
        }
        Flow {
            width: parent.width
            spacing: 12 * dialog.u
            Repeater {
                model: dialog.desk.presets
                delegate: TouchButton {
                    required property var modelData
                    required property int index
                    objectName: "preset:" + index
                    width: (column.width - 12 * dialog.u) / 2
                    implicitHeight: 76 * dialog.u
                    text: dialog.pick(modelData.zh, modelData.en)
                    tint: Theme.buttonGo
                    onTapped: dialog.done(dialog.pick(modelData.zh, modelData.en))
                }
            }
        }
        Flow {
            width: parent.width
            spacing: 12 * dialog.u
            Field { id: typed; objectName: "resolveNote"; width: Math.min(760 * dialog.u, column.width); maximumLength: 200; hint: qsTr("Or type a note") }
            TouchButton { objectName: "resolveTyped"; text: qsTr("Save"); enabled: typed.text.trim() !== ""; onTapped: dialog.done(typed.text) }
            TouchButton { objectName: "resolveCancel"; text: qsTr("Cancel"); tint: Theme.button; onTapped: dialog.close() }
        }
    }
}

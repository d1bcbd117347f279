// Sign-in: pick your name, type your PIN. The kiosk decides (hashes, tries left, lockout); the keypad says what
// happened after each try.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import LobbyWatch

Popup {
    id: dialog
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(parent ? parent.width : 1920, parent ? parent.height : 1080)
    property string name: ""
    property string pin: ""
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(980 * u, (parent ? parent.width : 1920) - 40 * u)
    modal: true
    closePolicy: Popup.CloseOnEscape
    padding: 32 * u
    Overlay.modal: Rectangle { color: Theme.scrim }
    background: Rectangle { radius: 16 * dialog.u; color: Theme.panel; border.color: Theme.line; border.width: 2 * dialog.u }

    function openFor() { name = desk.staff.length === 1 ? desk.staff[0].name : ""; pin = ""; open() }
    function press(key: string) {
        if (key === "⌫") pin = pin.slice(0, -1)
        else if (key === "OK") {
            if (desk.signIn(name, pin)) close()
            pin = ""
        } else if (pin.length < 8) pin += key
    }

    Column {
        width: dialog.availableWidth
        objectName: "keypad"
        spacing: 20 * dialog.u
        ScreenText { text: qsTr("Manager sign-in"); size: 36; font.bold: true }
        Flow {
            width: parent.width
            spacing: 12 * dialog.u
            Repeater {
                model: dialog.desk.staff
                delegate: TouchButton {
                    required property var modelData
                    objectName: "staff:" + modelData.name
                    text: modelData.name + "\n" + (modelData.role === "head" ? qsTr("branch head") : qsTr("lobby manager"))
                    tint: dialog.name === modelData.name ? Theme.buttonPrimary : Theme.button
                    onTapped: { dialog.name = modelData.name; dialog.pin = "" }
                }
            }
        }
        Flow {
            width: parent.width
            spacing: 40 * dialog.u
            Grid {
                columns: 3
                spacing: 12 * dialog.u
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: TouchButton {
                        required property string modelData
                        objectName: "key:" + modelData
                        implicitWidth: 120 * dialog.u
                        implicitHeight: 90 * dialog.u
                        text: modelData === "OK" ? qsTr("OK") : modelData
                        enabled: !dialog.desk.keypadLocked && dialog.name !== "" && (modelData !== "OK" || dialog.pin.length >= 4)
                        tint: modelData === "OK" ? Theme.buttonGo : Theme.button
                        onTapped: dialog.press(modelData)
                    }
                }
            }
            Column {
                width: Math.min(440 * dialog.u, parent.width)
                spacing: 18 * dialog.u
                ScreenText {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: dialog.name === "" ? qsTr("Tap your name first") : dialog.name
                    size: 30
                    font.bold: true
                }
                ScreenText {
                    objectName: "pinDots"
                    text: dialog.pin.length > 0 ? "●".repeat(dialog.pin.length) : "PIN"
                    color: dialog.pin.length > 0 ? Theme.text : Theme.textFaint
                    size: 48
                }
                ScreenText {
                    objectName: "keypadMessage"
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: dialog.language.english ? dialog.desk.messageEn : dialog.desk.messageZh
                    color: dialog.desk.keypadLocked ? Theme.alarm : Theme.warning
                    size: Theme.label
                }
                TouchButton { objectName: "keypadCancel"; text: qsTr("Cancel"); tint: Theme.button; onTapped: dialog.close() }
            }
        }
    }
}

// The customer's complaint receipt on the screen, dark on white like the printed one, large enough to be
// photographed with a phone: number, who handles it, the day they will hear back by, the branch's complaint
// hotline and service phone. The printed receipt: `lobbywatch complaint receipt ID`.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import LobbyWatch

Popup {
    id: dialog
    required property Language language
    readonly property real u: Theme.scaleFor(parent ? parent.width : 1920, parent ? parent.height : 1080)
    property var receipt: ({})
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(1000 * u, (parent ? parent.width : 1920) - 40 * u)
    modal: true
    closePolicy: Popup.CloseOnEscape
    padding: 40 * u
    Overlay.modal: Rectangle { color: Theme.scrim }
    background: Rectangle { radius: 12 * dialog.u; color: "#ffffff"; border.color: Theme.line; border.width: 2 * dialog.u }

    function openFor(r: var) { receipt = r; open() }
    readonly property bool ok: receipt.ok === true
    readonly property var lines: ok ? [
        [qsTr("Complaint No."), String(receipt.id)],
        [qsTr("Received"), receipt.receivedDay],
        [qsTr("Handled by"), receipt.owner],
        [qsTr("You will hear back by"), receipt.replyBy],
        [qsTr("Complaint hotline"), receipt.hotline !== "" ? receipt.hotline : qsTr("(not set: [branch] complaint_hotline)")],
        [qsTr("Service phone"), receipt.servicePhone !== "" ? receipt.servicePhone : qsTr("(not set: [branch] service_phone)")]
    ] : []

    Column {
        id: column
        objectName: "complaintReceipt"
        width: dialog.availableWidth
        spacing: Theme.gap * dialog.u
        ScreenText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("Complaint receipt")
            color: "#111111"
            size: Theme.title
            font.bold: true
        }
        ScreenText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            visible: text !== ""
            text: dialog.ok ? dialog.receipt.branch : (dialog.language.english ? dialog.receipt.whyEn || "" : dialog.receipt.whyZh || "")
            color: "#333333"
            size: Theme.label
        }
        Repeater {
            model: dialog.lines
            delegate: Row {
                id: line
                required property var modelData
                required property int index
                width: column.width
                spacing: 20 * dialog.u
                ScreenText {
                    width: column.width * 0.42
                    wrapMode: Text.Wrap
                    text: line.modelData[0]
                    color: "#444444"
                    size: Theme.heading
                }
                ScreenText {
                    objectName: "receiptValue:" + line.index
                    width: column.width * 0.58 - line.spacing
                    wrapMode: Text.Wrap
                    text: line.modelData[1]
                    color: "#111111"
                    size: Theme.heading
                    font.bold: true
                }
            }
        }
        ScreenText {
            width: parent.width
            wrapMode: Text.Wrap
            visible: dialog.ok
            text: qsTr("Please keep this receipt (a photo will do) and quote the complaint number.")
            color: "#333333"
            size: Theme.body
        }
        TouchButton { objectName: "receiptClose"; text: qsTr("Close"); tint: Theme.button; onTapped: dialog.close() }
    }
}

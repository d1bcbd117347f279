// What a signed-in manager may do beyond the alerts: thresholds, a complaint, the open complaints,
// lobby incidents, a ticket's timeline; the branch head also reports.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import LobbyWatch

Popup {
    id: menu
    required property Desk desk
    readonly property real u: Theme.scaleFor(parent ? parent.width : 1920, parent ? parent.height : 1080)
    signal thresholds()
    signal complaint()
    signal complaints()
    signal floor()
    signal ticket()
    signal reports()
    padding: 12 * u
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
    background: Rectangle { radius: 10 * menu.u; color: Theme.panel; border.color: Theme.line; border.width: 2 * menu.u }
    contentItem: Column {
        objectName: "manageMenu"
        spacing: 10 * menu.u
        TouchButton {
            objectName: "thresholdsButton"
            visible: menu.desk.signedIn
            text: qsTr("Thresholds")
            tint: Theme.button
            onTapped: { menu.close(); menu.thresholds() }
        }
        TouchButton {
            objectName: "complaintButton"
            visible: menu.desk.signedIn
            text: qsTr("Complaint")
            tint: Theme.button
            onTapped: { menu.close(); menu.complaint() }
        }
        TouchButton {
            objectName: "complaintsButton"
            visible: menu.desk.signedIn
            text: qsTr("Open complaints")
            tint: Theme.button
            onTapped: { menu.close(); menu.complaints() }
        }
        TouchButton {
            objectName: "floorButton"
            visible: menu.desk.signedIn
            text: qsTr("Lobby incidents")
            tint: Theme.button
            onTapped: { menu.close(); menu.floor() }
        }
        TouchButton {
            objectName: "ticketButton"
            visible: menu.desk.signedIn
            text: qsTr("Ticket lookup")
            tint: Theme.button
            onTapped: { menu.close(); menu.ticket() }
        }
        TouchButton {
            objectName: "reportsButton"
            visible: menu.desk.signedIn && menu.desk.role === "head"
            text: qsTr("Reports")
            tint: Theme.button
            onTapped: { menu.close(); menu.reports() }
        }
    }
}

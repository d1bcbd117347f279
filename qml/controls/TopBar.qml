// The manager's top bar: the title, the way to the devices, the manager's menu and the incident log on the left;
// the clock, sign-in and the language on the right. The title gives way when the buttons need the room.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: bar
    required property LobbyStatus status
    required property Desk desk
    required property Language language
    property bool menuOpen: false
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal devices()
    signal incidents()
    signal manage()
    signal signIn()
    height: 96 * u
    color: Theme.panel

    Row {
        id: barLeft
        objectName: "barLeft"
        anchors { left: parent.left; leftMargin: 32 * bar.u; verticalCenter: parent.verticalCenter }
        spacing: 20 * bar.u
        ScreenText {
            anchors.verticalCenter: parent.verticalCenter
            // What the buttons leave, down to nothing on a small screen in the longer language.
            width: Math.max(0, Math.min(implicitWidth, barRight.x - barLeft.x - 40 * bar.u - buttons.width - barLeft.spacing))
            visible: width > 60 * bar.u
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 12
            text: qsTr("LobbyWatch lobby")
            size: 44
            font.bold: true
        }
        Row {
            id: buttons
            anchors.verticalCenter: parent.verticalCenter
            spacing: 20 * bar.u
            TouchButton {
                objectName: "devicesButton"
                // The links' state in a word as well as a colour: a port down turns the button red and says so.
                text: bar.status.linksUp || bar.status.ports.length === 0 ? qsTr("Devices") : qsTr("◆ LINK DOWN")
                tint: bar.status.linksUp || bar.status.ports.length === 0 ? Theme.button : Theme.buttonDanger
                onTapped: bar.devices()
            }
            TouchButton {
                objectName: "manageButton"
                visible: bar.desk.signedIn
                text: qsTr("Manage ▾")
                tint: bar.menuOpen ? Theme.buttonPrimary : Theme.button
                onTapped: bar.manage()
            }
            TouchButton {
                objectName: "incidentsButton"
                text: qsTr("Incident log")
                tint: Theme.button
                onTapped: bar.incidents()
            }
        }
    }
    Row {
        id: barRight
        objectName: "barRight"
        anchors { right: parent.right; rightMargin: 32 * bar.u; verticalCenter: parent.verticalCenter }
        spacing: 24 * bar.u
        ScreenText {
            objectName: "clock"
            anchors.verticalCenter: parent.verticalCenter
            text: bar.status.clockText
            size: 52
            font.bold: true
        }
        TouchButton {
            objectName: "signInButton"
            text: bar.desk.signedIn ? qsTr("%1 · Sign out").arg(bar.desk.who) : qsTr("Sign in")
            tint: bar.desk.signedIn ? Theme.button : Theme.buttonPrimary
            onTapped: bar.desk.signedIn ? bar.desk.signOut() : bar.signIn()
        }
        TouchButton {
            objectName: "languageButton"
            implicitWidth: 110 * bar.u
            text: bar.language.english ? "中文" : "English"
            tint: Theme.button
            onTapped: bar.language.set(bar.language.english ? "zh_CN" : "en")
        }
    }
}

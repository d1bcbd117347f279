// The lobby manager's screen: windows, queues with forecasts, and the alerts with what to do; a signed-in manager
// acknowledges and resolves them. Read from six metres: big numbers, a word and an icon beside every colour.
// The top bar stays; the pages below it are a stack (the dashboard at the bottom), the dialogs are popups.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import LobbyWatch

Window {
    id: root
    required property LobbyStatus status
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(width, height)
    width: 1920
    height: 1080
    visible: true
    color: Theme.window
    title: qsTr("LobbyWatch lobby")

    // Shows `page` over the dashboard (the dashboard itself: back to it).
    function show(page: Item) {
        stack.pop(null)
        if (page !== dashboard) stack.push(page)
    }

    // A page by name, for the screenshots: "" (the dashboard), "devices", "incidents" or "keypad".
    function showPage(name: string): bool {
        keypad.close()
        if (name === "") show(dashboard)
        else if (name === "devices") show(devicesPage)
        else if (name === "incidents") { incidentsPage.reset(); show(incidentsPage) }
        else if (name === "keypad") { show(dashboard); keypad.openFor() }
        else return false
        return true
    }

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        status: root.status
        desk: root.desk
        language: root.language
        menuOpen: manageMenu.opened
        onDevices: root.show(devicesPage)
        onIncidents: { incidentsPage.reset(); root.show(incidentsPage) }
        onManage: manageMenu.opened ? manageMenu.close() : manageMenu.open()
        onSignIn: keypad.openFor()
    }

    StackView {
        id: stack
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom }
        initialItem: dashboard
        // Pages change at once: a kiosk has no time for slides, and a tap must show its result in the next frame.
        pushEnter: Transition {}
        pushExit: Transition {}
        popEnter: Transition {}
        popExit: Transition {}
        replaceEnter: Transition {}
        replaceExit: Transition {}
    }

    DashboardPage {
        id: dashboard
        status: root.status
        desk: root.desk
        language: root.language
        onResolve: (row) => resolver.openFor(row)
    }
    DevicesPage { id: devicesPage; visible: false; status: root.status; onBack: root.show(dashboard) }
    IncidentsPage { id: incidentsPage; visible: false; status: root.status; language: root.language; onBack: root.show(dashboard) }
    ThresholdsPage { id: thresholdsPage; visible: false; status: root.status; desk: root.desk; language: root.language; onBack: root.show(dashboard) }
    ComplaintPage {
        id: complaintPage
        visible: false
        desk: root.desk
        language: root.language
        onBack: root.show(dashboard)
        onShowReceipt: (receipt) => receiptDialog.openFor(receipt)
    }
    ComplaintsPage {
        id: complaintsPage
        visible: false
        desk: root.desk
        language: root.language
        onBack: root.show(dashboard)
        onShowReceipt: (receipt) => receiptDialog.openFor(receipt)
    }
    FloorPage { id: floorPage; visible: false; desk: root.desk; language: root.language; onBack: root.show(dashboard) }
    TicketPage { id: ticketPage; visible: false; desk: root.desk; language: root.language; onBack: root.show(dashboard) }
    ReportsPage { id: reportsPage; visible: false; desk: root.desk; language: root.language; onBack: root.show(dashboard) }

    ManageMenu {
        id: manageMenu
        desk: root.desk
        x: 32 * root.u
        y: bar.height + 4 * root.u
        onThresholds: { thresholdsPage.reset(); root.show(thresholdsPage) }
        onComplaint: { complaintPage.reset(); root.show(complaintPage) }
        onComplaints: { complaintsPage.reset(); root.show(complaintsPage) }
        onFloor: { floorPage.reset(); root.show(floorPage) }
        onTicket: { ticketPage.reset(); root.show(ticketPage) }
        onReports: { reportsPage.load("week"); root.show(reportsPage) }
    }
    SignInDialog { id: keypad; desk: root.desk; language: root.language }
    ResolveDialog { id: resolver; desk: root.desk; language: root.language }
    ComplaintReceiptDialog { id: receiptDialog; language: root.language }

    // Signed out (by hand or idle): the pages only a signed-in manager may use close.
    Connections {
        target: root.desk
        function onChanged() {
            if (root.desk.signedIn) return
            manageMenu.close()
            resolver.close()
            receiptDialog.close()
            if (stack.currentItem === thresholdsPage || stack.currentItem === complaintPage || stack.currentItem === reportsPage
                    || stack.currentItem === complaintsPage || stack.currentItem === floorPage || stack.currentItem === ticketPage)
                root.show(dashboard)
        }
    }

    // The touch screen's keyboard (digits, letters, Chinese by Pinyin) for the field being typed in: below the
    // field where there is room, else above it.
    TouchKeyboard {
        id: touchKeyboard
        target: root.activeFocusItem as TextInput
        z: 500
        width: Math.min(1560 * root.u, root.width - 40 * root.u)
        x: (root.width - width) / 2
        y: {
            if (!target) return root.height - height
            const p = target.mapToItem(root.contentItem, 0, 0)
            const below = p.y + target.height + 12 * root.u
            return below + height <= root.height ? below : Math.max(0, p.y - height - 12 * root.u)
        }
    }

    // Any touch on the screen keeps a signed-in manager's session; it does not take the touch.
    MouseArea {
        anchors.fill: parent
        z: 1000
        onPressed: (mouse) => { root.desk.touch(); mouse.accepted = false }
    }
}

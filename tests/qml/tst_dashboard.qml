// The manager's screen on the real kiosk: the long-wait alarm shows with what to do; signing in through the
// on-screen keypad; acknowledging and resolving the alarm with a preset note by tapping, as a manager would.
import QtQuick
import QtTest
import LobbyWatch

TestCase {
    id: test
    name: "Dashboard"
    when: windowShown

    Component {
        id: dashboard
        Main { status: kioskStatus; desk: kioskDesk; language: kioskLanguage; width: 1920; height: 1080 }
    }

    function findNamed(item, name) {
        if (!item) return null
        if (item.objectName === name) return item
        const kids = item.children !== undefined ? item.children : []
        for (let i = 0; i < kids.length; ++i) {
            const found = findNamed(kids[i], name)
            if (found) return found
        }
        return null
    }
    // Is the item named so on the screen? (A closed dialog's items are out of the window altogether.)
    function shown(root, name) {
        const item = findNamed(root.contentItem, name)
        return item !== null && item.visible
    }
    function tap(root, name) {
        wait(30)  // let what the last tap opened be laid out (positioners place their children at polish time)
        const item = findNamed(root.contentItem, name)
        verify(item !== null, "no item named " + name)
        verify(item.visible, name + " is not visible")
        mouseClick(item)
    }
    // A new window: shown and laid out at its full size before anything is tapped or grabbed.
    function openDashboard() {
        const root = createTemporaryObject(dashboard, test)
        verify(root !== null)
        tryVerify(() => root.contentItem.width === 1920 && root.contentItem.height === 1080, 5000, "the window is laid out")
        waitForRendering(root.contentItem)
        return root
    }
    function save(root, file) {
        if (testTmp !== "") grabImage(root.contentItem).save(testTmp + "/" + file)
    }

    function test_signInAcknowledgeResolve() {
        const root = openDashboard()
        tryVerify(() => kioskStatus.alerts.some(a => a.key.indexOf("waits|") === 0), 10000,
                  "the long-wait alarm reached the screen")
        const alert = kioskStatus.alerts.find(a => a.key.indexOf("waits|") === 0)
        // Signed out: no acknowledge button.
        verify(findNamed(root.contentItem, "acknowledge:" + alert.key) === null
               || !findNamed(root.contentItem, "acknowledge:" + alert.key).visible)

        tap(root, "signInButton")
        verify(findNamed(root.contentItem, "keypad").visible)
        tap(root, "staff:王芳")
        for (const d of ["1", "1", "1", "1"]) tap(root, "key:" + d)
        tap(root, "key:OK")
        compare(kioskDesk.signedIn, false)
        verify(findNamed(root.contentItem, "keypadMessage").text.indexOf("4") >= 0, "says how many tries are left")
        for (const d of ["2", "5", "8", "0"]) tap(root, "key:" + d)
        save(root, "keypad.png")
        tap(root, "key:OK")
        compare(kioskDesk.signedIn, true)
        compare(kioskDesk.who, "王芳")
        verify(!shown(root, "keypad"))

        tryVerify(() => findNamed(root.contentItem, "acknowledge:" + alert.key) !== null
                        && findNamed(root.contentItem, "acknowledge:" + alert.key).visible, 3000)
        save(root, "signed-in.png")
        tap(root, "acknowledge:" + alert.key)
        tryVerify(() => kioskStatus.alerts.find(a => a.key === alert.key).acknowledgedBy === "王芳", 3000)
        // The card shows it: who took it and when, and its Acknowledge button is gone.
        tryVerify(() => {
            const said = findNamed(root.contentItem, "acknowledged:" + alert.key)
            return said !== null && said.visible && said.text.indexOf("王芳") >= 0 && /10:3[0-9]/.test(said.text)
        }, 3000, "the card says who acknowledged it and when")
        verify(!shown(root, "acknowledge:" + alert.key))
        tap(root, "resolve:" + alert.key)
        verify(findNamed(root.contentItem, "resolver").visible)
        save(root, "resolve.png")
        tap(root, "preset:0")
        verify(!shown(root, "resolver"))
        tryVerify(() => kioskStatus.alerts.find(a => a.key === alert.key) === undefined, 3000, "resolved: off the panel")

        // Thresholds: a signed-in manager steps category V's limit up by one minute and saves.
        tap(root, "manageButton")
        tap(root, "thresholdsButton")
        verify(findNamed(root.contentItem, "thresholdsPage").visible)
        const v = kioskStatus.categories.find(c => c.code === "V")
        tap(root, "limit:V:plus")
        wait(1500)  // a second's update comes and goes: the pending change stays on the page
        compare(findNamed(root.contentItem, "limit:V").value, v.limitMin + 1)
        save(root, "thresholds.png")
        tap(root, "saveThresholds:V")
        tryVerify(() => kioskStatus.categories.find(c => c.code === "V").limitMin === v.limitMin + 1, 3000)
        // The tap shows what it did.
        verify(findNamed(root.contentItem, "thresholdsMessage").text.indexOf("已保存") >= 0)
        tap(root, "thresholdsClose")

        tap(root, "signInButton")  // now "sign out"
        compare(kioskDesk.signedIn, false)
        verify(!shown(root, "thresholdsButton"))
    }

    // A window paused for FAULT (or OTHER) says so on its tile, in the screen's language (it said nothing when the
    // screen looked for the words ERROR and BUSINESS, which no keypad sends).
    function test_pausedWindowSaysWhy() {
        const root = openDashboard()
        tryVerify(() => findNamed(root.contentItem, "pauseReason:2") !== null, 5000, "window 2's tile")
        const reason = findNamed(root.contentItem, "pauseReason:2")
        verify(reason.visible)
        compare(reason.text, "故障")
        kioskLanguage.set("en")
        compare(reason.text, "fault")
        kioskLanguage.set("zh_CN")
        compare(kioskStatus.windows.find(w => w.number === 2).pauseReason, "FAULT")
    }

    function test_glanceDevicesAndIncidentLog() {
        const root = openDashboard()
        // Today at a glance: A000 was called after 20 min against a 15-min target.
        tryVerify(() => kioskStatus.glance.calls === 1, 5000)
        compare(kioskStatus.glance.serviceLevel, 0)
        compare(kioskStatus.glance.buckets.length, 1)
        compare(kioskStatus.glance.buckets[0].timeText, "09:00")
        verify(findNamed(root.contentItem, "glance").visible)
        // Each category's own target: V's 10 min and A and B's 15, each line at its height, its label beside
        // the chart, never over the bars.
        const chart = findNamed(root.contentItem, "glanceChart")
        const lineV = findNamed(root.contentItem, "targetLine:10"), lineAB = findNamed(root.contentItem, "targetLine:15")
        verify(lineV !== null && lineAB !== null, "a line for each target")
        verify(lineAB.y < lineV.y, "15 min is drawn above 10 min")
        for (const name of ["target:V", "target:A B"]) {
            const label = findNamed(root.contentItem, name)
            verify(label !== null && label.visible, name)
            verify(label.mapToItem(root.contentItem, 0, 0).x >= chart.mapToItem(root.contentItem, chart.width, 0).x,
                   name + " is beside the chart, not on the bars")
        }
        compare(findNamed(root.contentItem, "target:V").text, "V：目标 10 分钟")

        tap(root, "devicesButton")
        verify(findNamed(root.contentItem, "devicesPage").visible)
        save(root, "devices.png")
        tap(root, "devicesClose")
        verify(!shown(root, "devicesPage"))

        // Both of today's incidents (window 1 not calling, A001's wait): each reaches the screen within a second
        // of its row being written on the log's thread, the second possibly a publish after the first.
        tryVerify(() => kioskStatus.incidents.some(r => (r.messageZh + r.messageEn + r.subject).indexOf("A001") >= 0),
                  10000, "today's incidents reach the screen")
        tap(root, "incidentsButton")
        const page = findNamed(root.contentItem, "incidentsPage")
        verify(page.visible)
        const list = findNamed(root.contentItem, "incidentList")
        compare(list.count, kioskStatus.incidents.length)
        const search = findNamed(root.contentItem, "incidentSearch")
        search.text = "A001"
        verify(list.count >= 1)
        for (let i = 0; i < page.shown.count; ++i) {
            const r = page.shown.get(i)
            verify((r.messageZh + r.messageEn + r.subject).indexOf("A001") >= 0)
        }
        save(root, "incidents.png")
        search.text = "no such thing"
        compare(list.count, 0)
        tap(root, "incidentsClose")
    }

    function test_languageSwitchAtRuntime() {
        const root = openDashboard()
        tryVerify(() => kioskStatus.alerts.length > 0, 10000)
        compare(kioskLanguage.code, "zh_CN")
        const signIn = findNamed(root.contentItem, "signInButton")
        compare(signIn.text, "登录")
        save(root, "manager-zh_CN.png")
        tap(root, "languageButton")
        compare(kioskLanguage.code, "en")
        compare(signIn.text, "Sign in")
        compare(findNamed(root.contentItem, "languageButton").text, "中文")
        waitForRendering(root.contentItem)
        save(root, "manager-en.png")
        tap(root, "languageButton")
        compare(kioskLanguage.code, "zh_CN")
        compare(signIn.text, "登录")
    }

    function test_reportsForTheBranchHeadOnly() {
        const root = openDashboard()
        // A manager has no reports button, and the desk refuses them.
        tap(root, "signInButton")
        tap(root, "staff:王芳")
        for (const d of ["2", "5", "8", "0"]) tap(root, "key:" + d)
        tap(root, "key:OK")
        compare(kioskDesk.role, "manager")
        tap(root, "manageButton")
        verify(findNamed(root.contentItem, "thresholdsButton").visible)
        verify(!shown(root, "reportsButton"))
        compare(kioskDesk.report("week").ok, false)
        tap(root, "signInButton")  // sign out
        // The branch head opens them.
        tap(root, "signInButton")
        tap(root, "staff:Zhao Lei")
        for (const d of ["7", "3", "9", "1"]) tap(root, "key:" + d)
        tap(root, "key:OK")
        compare(kioskDesk.role, "head")
        // Every button the head has, in the longer language: the top bar must still hold them.
        kioskLanguage.set("en")
        waitForRendering(root.contentItem)
        save(root, "head-en.png")
        const left = findNamed(root.contentItem, "barLeft")
        const right = findNamed(root.contentItem, "barRight")
        const leftEnd = left.mapToItem(root.contentItem, left.width, 0).x
        const rightStart = right.mapToItem(root.contentItem, 0, 0).x
        verify(leftEnd + 20 < rightStart, "the left group ends at " + leftEnd + ", the right one starts at " + rightStart)
        kioskLanguage.set("zh_CN")
        tap(root, "manageButton")
        tap(root, "reportsButton")
        const page = findNamed(root.contentItem, "reportsPage")
        verify(page.visible)
        tryVerify(() => page.result.ok === true, 10000, "the report came back from the report thread")
        compare(page.result.to, "2026-03-02")
        const all = page.result.categories.find(c => c.code === "*")
        compare(all.issued, 2)          // A000 and A001 today
        compare(all.withinTarget, 0)    // A000 waited 20 minutes against 15
        waitForRendering(root.contentItem)
        save(root, "reports.png")
        tap(root, "reportsClose")
        tap(root, "signInButton")
    }

    function test_recordAComplaintOnTheKiosk() {
        const root = openDashboard()
        verify(!shown(root, "complaintButton"))  // signed out: no form
        tap(root, "signInButton")
        tap(root, "staff:王芳")
        for (const d of ["2", "5", "8", "0"]) tap(root, "key:" + d)
        tap(root, "key:OK")
        tap(root, "manageButton")
        tap(root, "complaintButton")
        verify(findNamed(root.contentItem, "complaintPage").visible)
        tap(root, "channel:comment_book")
        tap(root, "cause:long_wait")
        findNamed(root.contentItem, "complaintTicket").text = "a001"
        findNamed(root.contentItem, "complaintSummary").text = "等了 40 分钟没人解释"
        findNamed(root.contentItem, "complaintContact").text = "138 0000 0000"
        waitForRendering(root.contentItem)
        save(root, "complaint.png")
        tap(root, "complaintSave")
        const outcome = findNamed(root.contentItem, "complaintOutcome").text
        verify(outcome.indexOf("已登记") >= 0, outcome)
        verify(outcome.indexOf("2026-03-05") >= 0, outcome)  // Monday 2 March + 3 working days
        // Save tapped again: the same complaint, not a second one.
        const before = kioskDesk.recordComplaint({channel: "comment_book", cause: "long_wait", ticket: "a001",
                                                  summary: "等了 40 分钟没人解释", contact: "138 0000 0000"})
        verify(before.ok && before.repeat, JSON.stringify(before))
        // A ticket never issued today is refused.
        const never = kioskDesk.recordComplaint({channel: "on_site", cause: "long_wait", ticket: "Z999", summary: "y"})
        verify(!never.ok && never.whyEn.indexOf("not issued") >= 0, JSON.stringify(never))
        // Without a summary it is refused with the reason.
        const refused = kioskDesk.recordComplaint({channel: "on_site", cause: "long_wait", summary: ""})
        verify(!refused.ok)
        tap(root, "complaintClose")
        tap(root, "signInButton")
        const signedOut = kioskDesk.recordComplaint({channel: "on_site", cause: "long_wait", summary: "x"})
        verify(!signedOut.ok)
    }
}

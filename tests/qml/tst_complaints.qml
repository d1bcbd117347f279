// The complaints page on the real kiosk, by tapping: a complaint recorded on the kiosk shows its receipt on the
// screen (hotline and service phone); on the page of open complaints the manager agrees a date (Save tapped twice:
// one step) and hands it over to the branch head, who accepts it, investigates, replies, resolves, plans and
// records the follow-up, and closes it; each step in the log once, with who.
import QtQuick
import QtTest
import LobbyWatch

TestCase {
    id: test
    name: "Complaints"
    when: windowShown

    Component {
        id: screen
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
    function named(root, name) {
        // Popups live on the overlay, outside contentItem's children.
        return findNamed(root.contentItem, name) || findNamed(root.contentItem.parent, name)
    }
    function shown(root, name) {
        const item = named(root, name)
        return item !== null && item.visible
    }
    // Taps the item named so; on the complaint's scrolling detail, scrolled into view first.
    function tap(root, name) {
        wait(30)
        const item = named(root, name)
        verify(item !== null, "no item named " + name)
        verify(item.visible, name + " is not visible")
        const scroll = findNamed(root.contentItem, "complaintScroll")
        if (scroll && scroll.visible && isInside(item, scroll.contentItem)) {
            const y = item.mapToItem(scroll.contentItem, 0, 0).y
            scroll.contentY = Math.max(0, Math.min(y - 20, scroll.contentHeight - scroll.height))
            wait(30)
        }
        mouseClick(item)
    }
    function isInside(item, ancestor) {
        for (let p = item; p; p = p.parent) if (p === ancestor) return true
        return false
    }
    function type(root, name, text) {
        const field = named(root, name)
        verify(field !== null && field.visible, name)
        field.text = text
    }
    function signIn(root, who, pin) {
        tap(root, "signInButton")
        tap(root, "staff:" + who)
        for (const d of pin) tap(root, "key:" + d)
        tap(root, "key:OK")
        compare(kioskDesk.who, who)
    }
    function openComplaints(root) {
        tap(root, "manageButton")
        tap(root, "complaintsButton")
        verify(shown(root, "complaintsPage"))
    }
    function version(id) { return kioskDesk.complaints.row(id).version }
    // A step by tapping: choose it, fill its particulars (`fill`), Save; the outcome must say it was saved.
    function step(root, id, action, fill) {
        tap(root, "step:" + action)
        verify(shown(root, "stepForm"))
        if (fill) fill()
        const before = version(id)
        tap(root, "stepSave")
        const outcome = named(root, "stepOutcome")
        verify(outcome.visible && outcome.text.indexOf("已保存") === 0, action + ": " + outcome.text)
        if (kioskDesk.complaints.row(id).id !== undefined) compare(version(id), before + 1)
    }

    function test_complaintsPageByTapping() {
        const root = createTemporaryObject(screen, test)
        tryVerify(() => root.contentItem.width === 1920, 5000)
        waitForRendering(root.contentItem)
        signIn(root, "王芳", "2580")

        // Recorded on the kiosk: its receipt on the screen, to be photographed.
        tap(root, "manageButton")
        tap(root, "complaintButton")
        type(root, "complaintSummary", "柜员态度冷淡，业务办理出错")
        tap(root, "cause:staff_attitude")
        tap(root, "complaintSave")
        verify(named(root, "complaintOutcome").text.indexOf("已登记") >= 0)
        tap(root, "complaintReceiptShow")
        verify(shown(root, "complaintReceipt"))
        const id = Number(named(root, "receiptValue:0").text)
        verify(id > 0)
        compare(named(root, "receiptValue:2").text, "王芳")
        compare(named(root, "receiptValue:3").text, "2026-03-05")
        compare(named(root, "receiptValue:4").text, "95588")
        compare(named(root, "receiptValue:5").text, "010-6688 9900")
        if (testTmp !== "") grabImage(root.contentItem).save(testTmp + "/complaint-receipt.png")
        tap(root, "receiptClose")
        verify(!shown(root, "complaintReceipt"))
        tap(root, "complaintClose")

        // The open complaints: this one with its clocks; the same-day answer is due today.
        openComplaints(root)
        tryVerify(() => named(root, "complaint:" + id) !== null, 3000, "the complaint is on the list")
        tap(root, "complaint:" + id)
        verify(shown(root, "complaintDetail"))
        const clocks = kioskDesk.complaints.row(id).clocks
        compare(clocks[0].state, "due_today")
        verify(!shown(root, "step:close"), "a complaint just received cannot be closed")
        compare(version(id), 0)

        // A date agreed; Save tapped twice records one step.
        step(root, id, "agree", () => type(root, "stepDate", "2026-03-04"))
        tap(root, "stepSave")
        compare(version(id), 1)
        compare(kioskDesk.complaints.row(id).replyBy, "2026-03-04")
        compare(kioskDesk.complaints.row(id).state, "agreed")
        // The same step sent again as the screen showed it: recorded once.
        const again = kioskDesk.complaints.step(id, 0, "agree", {date: "2026-03-04"})
        verify(again.ok && again.repeat, JSON.stringify(again))
        compare(version(id), 1)

        // Handed over to the branch head: it waits for him; she may only escalate it now.
        step(root, id, "hand_over", () => { tap(root, "recipient:Zhao Lei"); type(root, "stepText", "涉及柜员处理，超出大堂经理权限") })
        compare(kioskDesk.complaints.row(id).pendingOwner, "Zhao Lei")
        verify(!shown(root, "step:investigate"))
        verify(shown(root, "step:escalate"))
        tap(root, "complaintsClose")
        tap(root, "signInButton")  // sign out

        // The branch head takes it through to the end.
        signIn(root, "Zhao Lei", "7391")
        openComplaints(root)
        tryVerify(() => named(root, "complaint:" + id) !== null, 3000)
        tap(root, "complaint:" + id)
        step(root, id, "accept", null)
        compare(kioskDesk.complaints.row(id).owner, "Zhao Lei")
        step(root, id, "investigate", () => {
            type(root, "stepText", "调阅录像：柜员未按规程操作")
            tap(root, "fault:yes")
            type(root, "stepResponsible", "个人业务部 柜员 3 号")
            tap(root, "apology")
            type(root, "stepRemedy", "当面致歉，重新办理")
        })
        step(root, id, "reply", () => { type(root, "stepText", "已向客户说明调查结果并致歉"); tap(root, "satisfied:yes") })
        step(root, id, "resolve", () => type(root, "stepText", "业务已重新办理，柜员已培训"))
        step(root, id, "plan_follow_up", () => type(root, "stepDate", "2026-03-09"))
        step(root, id, "follow_up", () => { type(root, "stepText", "电话回访，客户满意"); tap(root, "satisfied:yes") })
        if (testTmp !== "") grabImage(root.contentItem).save(testTmp + "/complaints-page.png")
        step(root, id, "close", null)
        tryVerify(() => named(root, "complaint:" + id) === null, 3000, "closed: off the list of open complaints")
        tap(root, "complaintsClose")
        tap(root, "signInButton")
    }

    // A step the state machine refuses says why on the page and records nothing.
    function test_refusedStepSaysWhy() {
        const root = createTemporaryObject(screen, test)
        tryVerify(() => root.contentItem.width === 1920, 5000)
        signIn(root, "王芳", "2580")
        const r = kioskDesk.recordComplaint({channel: "phone", cause: "policy", summary: "收费标准不清楚"})
        verify(r.ok)
        openComplaints(root)
        tryVerify(() => named(root, "complaint:" + r.id) !== null, 3000)
        tap(root, "complaint:" + r.id)
        tap(root, "step:investigate")
        tap(root, "stepSave")  // no notes, no answer on fault
        const outcome = named(root, "stepOutcome")
        verify(outcome.visible && outcome.text.indexOf("未保存") === 0, outcome.text)
        compare(version(r.id), 0)
        // In English.
        kioskLanguage.set("en")
        tap(root, "stepSave")
        verify(outcome.text.indexOf("Not saved") === 0, outcome.text)
        kioskLanguage.set("zh_CN")
        tap(root, "complaintsClose")
        tap(root, "signInButton")
    }
}

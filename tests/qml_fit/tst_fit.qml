// Every visible text of every page fits: on the manager's screen at 1366x768, 1920x1080 and 3840x2160 and on the
// public board at those and at 1080x1920 (portrait), in Chinese and in English, over a busy payday lobby.
// A text fails when it is cut (clipped or elided with a number in it), runs past its own box, its container (the
// nearest filled or bordered rectangle, or the page) or the window, or overlaps another text.
import QtQuick
import QtTest
import LobbyWatch

TestCase {
    id: test
    name: "Fit"
    when: windowShown

    Component {
        id: managerComponent
        Main { status: kioskStatus; desk: kioskDesk; language: kioskLanguage }
    }
    Component {
        id: boardComponent
        PublicBoard { status: kioskStatus; language: kioskLanguage }
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
    function tap(win, name) {
        wait(30)
        const item = findNamed(win.contentItem, name)
        verify(item !== null, "no item named " + name)
        verify(item.visible, name + " is not visible")
        mouseClick(item)
    }

    // Where a text's glyphs are, in window coordinates: its content box placed by its alignment.
    function paintedRect(t, win) {
        const w = t.contentWidth, h = t.contentHeight
        const innerW = t.width - t.leftPadding - t.rightPadding, innerH = t.height - t.topPadding - t.bottomPadding
        let x = t.leftPadding, y = t.topPadding
        if (t.horizontalAlignment === Text.AlignRight) x += innerW - w
        else if (t.horizontalAlignment === Text.AlignHCenter) x += (innerW - w) / 2
        if (t.verticalAlignment === Text.AlignBottom) y += innerH - h
        else if (t.verticalAlignment === Text.AlignVCenter) y += (innerH - h) / 2
        const p = t.mapToItem(win.contentItem, x, y)
        return { x: p.x, y: p.y, w: w, h: h }
    }
    function itemRect(item, win) {
        const p = item.mapToItem(win.contentItem, 0, 0)
        return { x: p.x, y: p.y, w: item.width, h: item.height }
    }
    function inside(r, box) {
        const tol = 1
        return r.x >= box.x - tol && r.y >= box.y - tol && r.x + r.w <= box.x + box.w + tol && r.y + r.h <= box.y + box.h + tol
    }
    function apart(a, b) {
        const tol = 1
        return a.x + a.w <= b.x + tol || b.x + b.w <= a.x + tol || a.y + a.h <= b.y + tol || b.y + b.h <= a.y + tol
    }
    function shownOpacity(item) {
        let o = 1
        for (let p = item; p; p = p.parent) o *= p.opacity
        return o
    }
    // The box a text must stay in: the nearest filled or bordered rectangle, clipping item or the page itself.
    function containerOf(t, pageRoot) {
        for (let p = t.parent; p; p = p.parent) {
            if (p === pageRoot) return p
            if (p.clip) return p
            if (p instanceof Rectangle && (p.color.a > 0 || p.border.width > 0)) return p
        }
        return pageRoot
    }
    function isWithin(item, ancestor) {
        for (let p = item; p; p = p.parent) if (p === ancestor) return true
        return false
    }
    function describe(t) {
        const name = t.objectName !== "" ? " [" + t.objectName + "]" : ""
        return "\"" + String(t.text).replace(/\n/g, " ").substring(0, 70) + "\"" + name
    }

    // All problems of the texts under pageRoot, as lines of a report.
    function problems(win, pageRoot, where) {
        const texts = []
        const walk = (item) => {
            if (!item.visible || item.opacity === 0) return
            if (item instanceof Text && String(item.text).trim() !== "" && shownOpacity(item) > 0.05) texts.push(item)
            for (let i = 0; i < item.children.length; ++i) walk(item.children[i])
        }
        walk(pageRoot)
        const out = []
        const screen = { x: 0, y: 0, w: win.width, h: win.height }
        const shown = []
        for (const t of texts) {
            const r = paintedRect(t, win)
            // Inside a clipping item (a list): wholly outside is not shown at all; partly outside is cut, unless
            // the list says that more follow.
            let hidden = false, cut = null
            for (let p = t.parent; p && p !== win.contentItem; p = p.parent) {
                if (!p.clip) continue
                const c = itemRect(p, win)
                // Under the list's "more below" line: covered by the sign that more follows.
                if (p.moreHint && p.moreHint.visible && !isWithin(t, p.moreHint) && !apart(r, itemRect(p.moreHint, win))) hidden = true
                if (!inside(r, c)) {
                    if (apart(r, c)) hidden = true
                    else if (!(p.moreHint && p.moreHint.visible)) cut = p
                }
            }
            if (hidden) continue
            if (cut) out.push(where + ": cut by the edge of " + (cut.objectName || "a list") + ": " + describe(t))
            if (!inside(r, screen)) out.push(where + ": off the screen at " + Math.round(r.x) + "," + Math.round(r.y) + ": " + describe(t))
            if (t.contentWidth > t.width + 1 || t.contentHeight > t.height + 1)
                out.push(where + ": runs past its own box (" + Math.round(t.contentWidth) + "x" + Math.round(t.contentHeight) + " in "
                         + Math.round(t.width) + "x" + Math.round(t.height) + "): " + describe(t))
            if (t.truncated && t.elide === Text.ElideNone) out.push(where + ": cut after " + t.maximumLineCount + " lines: " + describe(t))
            if (t.truncated && t.elide !== Text.ElideNone && /[0-9]/.test(t.text)) out.push(where + ": elided with a number in it: " + describe(t))
            const box = containerOf(t, pageRoot)
            if (!cut && !inside(r, itemRect(box, win)))
                out.push(where + ": runs out of its container (" + (box.objectName || "a rectangle") + "): " + describe(t))
            shown.push({ t: t, r: r })
        }
        for (let i = 0; i < shown.length; ++i)
            for (let j = i + 1; j < shown.length; ++j)
                if (!apart(shown[i].r, shown[j].r)) out.push(where + ": " + describe(shown[i].t) + " overlaps " + describe(shown[j].t))
        return out
    }

    // What was checked, for a person to look at (LW_FIT_SHOTS=1 in the environment).
    function shoot(win, name) {
        if (testTmp !== "" && fitShots) grabImage(win.contentItem).save(testTmp + "/" + name + ".png")
    }
    function settle(win) {
        wait(60)
        waitForRendering(win.contentItem)
        wait(60)
    }
    function make(component, w, h) {
        const win = component.createObject(test, { width: w, height: h })
        verify(win !== null)
        tryVerify(() => win.contentItem.width === w && win.contentItem.height === h, 5000, "the window is laid out at " + w + "x" + h)
        settle(win)
        return win
    }

    // The manager's pages: how to open each and the item that is the page (null: the whole screen).
    readonly property var managerPages: [
        { name: "main", open: [], root: "" },
        { name: "menu", open: ["manageButton"], root: "manageMenu" },
        { name: "devices", open: ["devicesButton"], root: "devicesPage" },
        { name: "incidents", open: ["incidentsButton"], root: "incidentsPage" },
        { name: "thresholds", open: ["manageButton", "thresholdsButton"], root: "thresholdsPage" },
        { name: "complaint", open: ["manageButton", "complaintButton"], root: "complaintPage" },
        { name: "reports", open: ["manageButton", "reportsButton"], root: "reportsPage" },
        { name: "reports-region", open: ["manageButton", "reportsButton", "reportRegion"], root: "reportsPage" },
        { name: "complaints", open: ["manageButton", "complaintsButton", "complaint:1", "step:investigate", "fault:yes"], root: "complaintsPage" },
        { name: "complaint-steps", open: ["manageButton", "complaintsButton", "complaint:1", "step:hand_over"], root: "complaintsPage" },
        { name: "receipt", open: ["manageButton", "complaintsButton", "complaint:1", "complaintReceiptButton"], root: "complaintReceipt" },
        { name: "floor", open: ["manageButton", "floorButton"], root: "floorPage" },
        { name: "ticket", open: ["manageButton", "ticketButton", "type:ticketLabel=A042", "ticketLookUp"], root: "ticketPage" },
        { name: "keyboard", open: ["manageButton", "complaintButton", "complaintSummary", "kb:t", "kb:o", "kb:u", "kb:s", "kb:u"],
          root: "touchKeyboard" },
        { name: "resolve", open: ["resolve:"], root: "resolver" },
        { name: "keypad", open: ["signInButton"], root: "keypad", signedOut: true },
    ]

    function checkManager(w, h) {
        let found = []
        for (const lang of ["zh_CN", "en"]) {
            verify(kioskLanguage.set(lang))
            for (const page of managerPages) {
                if (page.signedOut) kioskDesk.signOut()
                else if (!kioskDesk.signedIn) verify(kioskDesk.signIn("赵磊 Zhao Lei", "7391"), "the branch head signs in")
                const win = make(managerComponent, w, h)
                for (let name of page.open) {
                    if (name.startsWith("type:")) {
                        const [field, text] = name.slice(5).split("=")
                        findNamed(win.contentItem, field).text = text
                        continue
                    }
                    if (name === "resolve:") name += kioskStatus.alerts.find(a => a.actionable).key  // a complaint's card has none
                    tap(win, name)
                    settle(win)
                }
                const root = page.root === "" ? win.contentItem : findNamed(win.contentItem, page.root)
                verify(root !== null && root.visible, page.root + " is open")
                // The report is built on the kiosk's report thread: its figures, not the "building" line, are checked.
                if (page.name === "reports" || page.name === "reports-region") {
                    tryVerify(() => root.result.ok === true, 15000, "the report came back from the report thread")
                    if (page.name === "reports-region")
                        tryVerify(() => root.result.region !== undefined && root.result.region.ok === true, 15000, "the region's figures came")
                    settle(win)
                }
                found = found.concat(problems(win, root, w + "x" + h + " " + lang + " " + page.name))
                shoot(win, "manager-" + page.name + "-" + lang + "-" + w + "x" + h)
                win.destroy()
                wait(0)
            }
        }
        kioskDesk.signOut()
        kioskLanguage.set("zh_CN")
        return found
    }

    function checkBoard(w, h) {
        let found = []
        for (const lang of ["zh_CN", "en"]) {
            verify(kioskLanguage.set(lang))
            const win = make(boardComponent, w, h)
            found = found.concat(problems(win, win.contentItem, w + "x" + h + " " + lang + " board"))
            // The newest call readable from 10 m on a 55-inch screen (Theme.callPixels: 10.2% of the short side).
            const hero = findNamed(win.contentItem, "heroText")
            const lineHeight = hero.contentHeight / hero.lineCount
            if (lineHeight < Theme.callPixels(w, h))
                found.push(w + "x" + h + " " + lang + " board: the newest call's lines are " + Math.round(lineHeight)
                           + " px, under the " + Theme.callPixels(w, h) + " px readable from 10 m")
            // What each open window serves now: window 5 has just called A510.
            const five = findNamed(win.contentItem, "serving:5")
            if (!five || five.text !== "A510") found.push(w + "x" + h + " " + lang + " board: window 5 does not show A510")
            shoot(win, "public-" + lang + "-" + w + "x" + h)
            win.destroy()
            wait(0)
        }
        kioskLanguage.set("zh_CN")
        return found
    }

    function initTestCase() {
        // Complaints and a lobby incident with the longest texts they take, by the branch head.
        verify(kioskDesk.signIn("赵磊 Zhao Lei", "7391"))
        const c = kioskDesk.recordComplaint({channel: "comment_book", cause: "long_wait", ticket: "A042",
            summary: "等候超过一小时，三个窗口暂停却无人解释，叫号后走到窗口又被告知需要重新取号，要求书面答复并道歉"})
        verify(c.ok && c.id === 1, JSON.stringify(c))
        verify(kioskDesk.complaints.step(1, 0, "agree", {date: "2026-03-04"}).ok)
        verify(kioskDesk.recordComplaint({channel: "phone", cause: "mis_selling", summary: "理财产品风险未说明"}).ok)
        const f = kioskDesk.floor.open("customer_unwell", "一位老年客户在等候区头晕，已扶到休息区并联系家属，120 已在路上")
        verify(f.ok, JSON.stringify(f))
        for (const s of ["listen_calm", "apologise", "act_fast"]) verify(kioskDesk.floor.tick(f.id, s, "").ok)
        verify(kioskDesk.floor.link(f.id, 1).ok)
        verify(kioskDesk.floor.open("machine_fault", "2 号 ATM 吞卡").ok)
        kioskDesk.signOut()
        tryVerify(() => kioskStatus.alerts.length >= 4, 15000, "the busy lobby's alerts are on the panel")
        tryVerify(() => kioskStatus.calls.length > 0 && kioskStatus.calls[0].ticket === "A510", 5000, "A510 is the newest call")
    }

    function test_manager_data() {
        return [{ tag: "1366x768", w: 1366, h: 768 }, { tag: "1920x1080", w: 1920, h: 1080 }, { tag: "3840x2160", w: 3840, h: 2160 }]
    }
    function test_manager(data) {
        const found = checkManager(data.w, data.h)
        for (const f of found) console.warn(f)
        verify(found.length === 0, found.length + " problems:\n" + found.slice(0, 60).join("\n"))
    }

    function test_board_data() {
        return [{ tag: "1366x768", w: 1366, h: 768 }, { tag: "1920x1080", w: 1920, h: 1080 }, { tag: "3840x2160", w: 3840, h: 2160 },
                { tag: "1080x1920", w: 1080, h: 1920 }]
    }
    function test_board(data) {
        const found = checkBoard(data.w, data.h)
        for (const f of found) console.warn(f)
        verify(found.length === 0, found.length + " problems:\n" + found.slice(0, 60).join("\n"))
    }
}

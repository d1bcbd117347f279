// Chinese on the touch screen, by tapping: a field of the complaint form takes the keyboard; "tousu" typed on it
// offers 投诉, which a tap puts into the field; digits and English go in as typed; ⌫ takes back a letter, then a
// character; Done lets go of the field and the keyboard goes away.
import QtQuick
import QtTest
import LobbyWatch

TestCase {
    id: test
    name: "Pinyin"
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
    function tap(root, name) {
        wait(30)
        const item = findNamed(root.contentItem, name)
        verify(item !== null, "no item named " + name)
        verify(item.visible, name + " is not visible")
        mouseClick(item)
    }

    function test_tousuByTapping() {
        const root = createTemporaryObject(screen, test)
        tryVerify(() => root.contentItem.width === 1920, 5000)
        waitForRendering(root.contentItem)
        const keyboard = findNamed(root.contentItem, "touchKeyboard")
        verify(!keyboard.visible, "no field is being typed in")
        tap(root, "signInButton")
        tap(root, "staff:王芳")
        for (const d of ["2", "5", "8", "0"]) tap(root, "key:" + d)
        tap(root, "key:OK")
        tap(root, "manageButton")
        tap(root, "complaintButton")
        const summary = findNamed(root.contentItem, "complaintSummary")
        tap(root, "complaintSummary")  // the field takes the keyboard
        tryVerify(() => keyboard.visible, 2000, "the keyboard comes up for the field")
        for (const ch of "tousu") tap(root, "kb:" + ch)
        compare(findNamed(root.contentItem, "pinyinLetters").text, "tousu")
        tryVerify(() => findNamed(root.contentItem, "candidate:投诉") !== null, 2000, "投诉 is offered for tousu")
        tap(root, "candidate:投诉")
        compare(summary.text, "投诉")
        verify(!findNamed(root.contentItem, "pinyinLetters").visible, "the letters start again")
        // Digits go in as typed; a wrong letter is taken back, then a character of the field.
        for (const ch of "40") tap(root, "kb:" + ch)
        compare(summary.text, "投诉40")
        tap(root, "kb:f")
        tap(root, "kb:back")
        compare(summary.text, "投诉40")
        tap(root, "kb:back")
        compare(summary.text, "投诉4")
        // A phrase: "dengle" and space takes the first candidate.
        for (const ch of "fenzhong") tap(root, "kb:" + ch)
        tryVerify(() => findNamed(root.contentItem, "candidate:分钟") !== null, 2000, "分钟 is offered for fenzhong")
        tap(root, "candidate:分钟")
        compare(summary.text, "投诉4分钟")
        // English as typed.
        tap(root, "kb:lang")
        for (const ch of "ok") tap(root, "kb:" + ch)
        compare(summary.text, "投诉4分钟ok")
        if (testTmp !== "") grabImage(root.contentItem).save(testTmp + "/pinyin.png")
        tap(root, "kb:done")
        tryVerify(() => !keyboard.visible, 2000, "Done: the keyboard goes away")
        tap(root, "complaintClose")
        tap(root, "signInButton")
    }
}

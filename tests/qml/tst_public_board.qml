// The public board on the real kiosk: the last call and the wait for a new ticket per category, in Chinese by
// default and in English after the switch; no controls at all.
import QtQuick
import QtTest
import LobbyWatch

TestCase {
    id: test
    name: "PublicBoard"
    when: windowShown

    Component {
        id: boardComponent
        PublicBoard { status: kioskStatus; language: kioskLanguage; width: 1920; height: 1080 }
    }

    function findNamed(item, name) {
        if (!item) return null
        if (item.objectName === name) return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = findNamed(item.children[i], name)
            if (found) return found
        }
        return null
    }
    function countMouseAreas(item) {
        let n = item instanceof MouseArea ? 1 : 0
        for (let i = 0; i < item.children.length; ++i) n += countMouseAreas(item.children[i])
        return n
    }

    function cleanup() { kioskLanguage.set("zh_CN") }

    function test_board_in_both_languages() {
        const board = createTemporaryObject(boardComponent, test)
        verify(board !== null)
        tryVerify(() => board.contentItem.width === 1920, 5000)
        tryVerify(() => kioskStatus.categories.length === 3, 5000)
        // The last call in the log (A000 to window 1, before the kiosk started) is on the board.
        compare(findNamed(board.contentItem, "heroText").text, "请 A000 号到 1 号窗口")
        tryVerify(() => findNamed(board.contentItem, "wait:A") !== null
                        && findNamed(board.contentItem, "wait:A").text.indexOf("人在等") >= 0, 5000)
        waitForRendering(board.contentItem)
        if (testTmp !== "") grabImage(board.contentItem).save(testTmp + "/public-zh_CN.png")

        verify(kioskLanguage.set("en"))
        // Too long for one line at the readable size: two even lines, the window number on the second.
        const hero = findNamed(board.contentItem, "heroText")
        compare(hero.text.replace("\n", " "), "Ticket A000, please go to window 1")
        verify(hero.text.indexOf("\n") > 0)
        // Readable from 10 m on a 55-inch screen: at least 110 px a line on a 1080-line screen.
        compare(Theme.callPixels(1920, 1080), 111)
        verify(hero.contentHeight / hero.lineCount >= 110, "line height " + hero.contentHeight / hero.lineCount)
        // What each open window serves now: window 1 is open and free.
        verify(findNamed(board.contentItem, "serving:1") !== null)
        verify(findNamed(board.contentItem, "wait:A").text.indexOf("waiting") >= 0)
        waitForRendering(board.contentItem)
        if (testTmp !== "") grabImage(board.contentItem).save(testTmp + "/public-en.png")
        verify(!kioskLanguage.set("fr"))
        compare(kioskLanguage.code, "en")
        compare(countMouseAreas(board.contentItem), 0)  // nothing to press on the customers' screen
    }
}

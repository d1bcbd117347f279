// The incident log keeps its place: scrolled down with an incident selected, a step on an incident and a new one on
// top move neither the rows in view nor the selection, with and without a search. The kiosk hands the page its
// incidents through LobbyStatus::setIncidents (incidentFeed); a model rebuilt instead of updated in place fails here.
import QtQuick
import QtTest
import LobbyWatch

TestCase {
    id: test
    name: "IncidentLog"
    when: windowShown

    // A kiosk window of its own (a TestCase is not shown), the smallest size the screens fit.
    Component {
        id: pageComponent
        Window {
            width: 1366
            height: 768
            visible: true
            IncidentsPage { anchors.fill: parent; status: incidentFeed.status; language: kioskLanguage }
        }
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
    // The incident whose row is at the top of what the list shows.
    function topId(list) {
        const i = list.indexAt(20, list.contentY + 5)
        return i < 0 ? -1 : list.model.get(i).id
    }
    function selectedId(list) { return list.currentIndex < 0 ? -1 : list.model.get(list.currentIndex).id }

    // Opens the page over `n` incidents, scrolls to the row `scrollTo` and taps the row `pick` (indices in the list).
    function openScrolled(n, search, scrollTo, pick) {
        incidentFeed.fill(n)
        const window = createTemporaryObject(pageComponent, test)
        verify(window !== null)
        tryVerify(() => window.contentItem.width === 1366, 5000, "the window is laid out")
        const list = findNamed(window.contentItem, "incidentList")
        if (search !== "") findNamed(window.contentItem, "incidentSearch").text = search
        tryVerify(() => list.count > scrollTo + 5, 3000, "the list is filled")
        // Scrolled down to that row (as a swipe would leave it), at rest.
        list.positionViewAtIndex(scrollTo, ListView.Beginning)
        waitForRendering(list)
        const row = list.itemAtIndex(pick)
        verify(row !== null, "row " + pick + " is laid out")
        mouseClick(row)
        compare(list.currentIndex, pick)
        verify(list.currentItem.selected)
        return list
    }
    function checkKept(list, top, selected, contentY) {
        waitForRendering(list)
        compare(topId(list), top, "the same incident heads the view")
        compare(selectedId(list), selected, "the same incident is selected")
        verify(list.currentItem !== null && list.currentItem.selected)
        // Within a pixel: a row whose text changed may be laid out a fraction taller.
        verify(Math.abs(list.contentY - list.originY - contentY) < 1, "the view did not jump: " + (list.contentY - list.originY) + " vs " + contentY)
    }

    function test_placeKeptThroughChanges() {
        const list = openScrolled(300, "", 150, 152)
        const top = topId(list), picked = selectedId(list)
        const y = list.contentY - list.originY
        verify(top > 0 && picked > 0 && y > 0)

        incidentFeed.step(picked, "acknowledged")  // the selected one changes
        checkKept(list, top, picked, y)
        compare(list.currentItem.row.state, "acknowledged")
        incidentFeed.step(top - 2, "cleared")      // one in view changes
        checkKept(list, top, picked, y)
        incidentFeed.add(false)                    // a new one on top, far above the view
        compare(list.count, 301)
        waitForRendering(list)
        compare(topId(list), top, "the same incident heads the view")
        compare(selectedId(list), picked, "the same incident is selected")
        verify(list.currentItem.selected)
    }

    function test_searchKeepsItsRowsAndPlace() {
        // "offline": every third incident (ids 3, 6, …), 100 of 300.
        const list = openScrolled(300, "offline", 40, 42)
        compare(list.count, 100)
        const top = topId(list), picked = selectedId(list)
        verify(top % 3 === 0 && picked % 3 === 0)
        const y = list.contentY - list.originY

        incidentFeed.step(picked, "resolved")
        checkKept(list, top, picked, y)
        compare(list.count, 100)
        incidentFeed.add(false)                    // not an offline one: not in the result, nothing moves
        checkKept(list, top, picked, y)
        compare(list.count, 100)
        incidentFeed.add(true)                     // an offline one: on top of the result, the view stays
        compare(list.count, 101)
        waitForRendering(list)
        compare(topId(list), top, "the same incident heads the view")
        compare(selectedId(list), picked, "the same incident is selected")
        compare(list.model.get(0).kind, "device_offline")
    }
}

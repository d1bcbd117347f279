// The manager's main page: the windows as tiles and today at a glance on the left; the queues and the alerts,
// most urgent first, on the right. Alerts that do not fit whole are a swipe away, and the list says so.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Item {
    id: page
    objectName: "dashboard"
    required property LobbyStatus status
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal resolve(var row)

    Flow {
        id: tiles
        objectName: "tiles"
        anchors { left: parent.left; top: parent.top; bottom: glance.top; margins: Theme.margin * page.u }
        width: parent.width * 0.56
        spacing: Theme.gap * page.u
        // As many columns as make the tiles' type biggest (4 for a dozen windows, 8 for forty).
        readonly property int columns: {
            const n = Math.max(1, page.status.windows.length)
            let best = 4, bestScale = 0
            for (let c = 4; c <= 12; ++c) {
                const r = Math.ceil(n / c)
                const w = (width - (c - 1) * spacing) / c, h = (height - (r - 1) * spacing) / r
                const scale = Math.min(w / 257, h / 250)  // WindowTile.designWidth, designHeight
                if (scale > bestScale + 0.001) { best = c; bestScale = scale }
            }
            return best
        }
        readonly property int rows: Math.max(1, Math.ceil(page.status.windows.length / columns))
        Repeater {
            model: page.status.windowRows
            delegate: WindowTile {
                language: page.language
                width: (tiles.width - (tiles.columns - 1) * tiles.spacing) / tiles.columns
                height: Math.min(300 * page.u, (tiles.height - (tiles.rows - 1) * tiles.spacing) / tiles.rows)
            }
        }
    }

    DayGlance {
        id: glance
        objectName: "glance"
        anchors { left: parent.left; bottom: parent.bottom; margins: Theme.margin * page.u }
        width: tiles.width
        height: 250 * page.u
        status: page.status
    }

    Column {
        id: side
        anchors { left: tiles.right; right: parent.right; top: parent.top; bottom: parent.bottom; margins: Theme.margin * page.u }
        spacing: Theme.gap * page.u
        Repeater {
            model: page.status.categories
            delegate: CategoryCard { width: side.width; language: page.language }
        }
        ScreenText {
            id: alertsTitle
            text: page.status.alerts.length === 0 ? qsTr("✓ No alerts") : qsTr("Alerts (%1)").arg(page.status.alerts.length)
            color: page.status.alerts.length === 0 ? Theme.good : Theme.text
            size: Theme.heading
            font.bold: true
        }
        WholeRowList {
            id: alertList
            objectName: "alertList"
            width: parent.width
            height: side.height - y
            spacing: 12 * page.u
            model: page.status.alertRows
            delegate: AlertCard {
                width: alertList.width
                desk: page.desk
                language: page.language
                onResolve: (row) => page.resolve(row)
            }
        }
    }
}

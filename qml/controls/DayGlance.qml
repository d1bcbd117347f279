// Today at a glance: the share called within target, the day's counts, and the waits through the day by half
// hour (the mean solid, the longest light) against each category's own target, a line per target with its
// label beside the chart, never on the bars.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: glance
    required property LobbyStatus status
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    readonly property var g: status.glance
    readonly property var buckets: g.buckets !== undefined ? g.buckets : []
    readonly property real topMin: g.scaleMin !== undefined ? g.scaleMin : 30
    // One line per distinct target, with the categories it belongs to: [{min, codes}], strictest first.
    readonly property var targets: {
        const byMin = {}
        for (const c of status.categories) (byMin[c.targetMin] = byMin[c.targetMin] || []).push(c.code)
        return Object.keys(byMin).map(m => ({ min: Number(m), codes: byMin[m].join(" ") })).sort((a, b) => a.min - b.min)
    }
    readonly property real strictest: targets.length > 0 ? targets[0].min : (g.targetMin !== undefined ? g.targetMin : 10)
    readonly property real loosest: targets.length > 0 ? targets[targets.length - 1].min : strictest
    radius: 10 * u
    color: Theme.panel

    Column {
        id: figures
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 18 * glance.u }
        width: 300 * glance.u
        spacing: 2 * glance.u
        ScreenText { text: qsTr("Today"); color: Theme.textMuted }
        ScreenText {
            objectName: "serviceLevel"
            text: glance.g.serviceLevel !== undefined && glance.g.serviceLevel >= 0 ? glance.g.serviceLevel + "%" : "—"
            color: Theme.shareColour(glance.g.serviceLevel)
            size: Theme.figure
            font.bold: true
        }
        ScreenText { width: parent.width; wrapMode: Text.Wrap; text: qsTr("called within target"); color: Theme.textSoft; size: Theme.small }
        ScreenText {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("Served %1 · waiting %2 · serving %3").arg(glance.status.served).arg(glance.status.waiting).arg(glance.status.serving)
            size: 20
            font.bold: true
        }
    }

    ScreenText {
        id: legend
        anchors { left: chart.left; top: parent.top; topMargin: 10 * glance.u }
        width: chart.width + gutter.width
        elide: Text.ElideRight
        text: qsTr("Waits through the day: bars mean, light bars longest")
        color: Theme.textMuted
        size: 16
    }

    Item {
        id: chart
        objectName: "glanceChart"
        anchors { left: figures.right; right: gutter.left; top: legend.bottom; bottom: parent.bottom
                  leftMargin: 12 * glance.u; topMargin: 6 * glance.u; bottomMargin: 30 * glance.u }
        readonly property real step: width / Math.max(glance.buckets.length, 12)
        function yOf(minutes: real): real { return height - Math.min(1, minutes / glance.topMin) * height }
        ScreenText {
            visible: glance.buckets.length === 0
            anchors.centerIn: parent
            text: qsTr("No calls yet today")
            color: Theme.textFaint
        }
        Repeater {
            model: glance.buckets
            delegate: Item {
                id: bucket
                required property var modelData
                required property int index
                x: index * chart.step
                width: chart.step
                height: chart.height
                Rectangle {
                    anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter }
                    width: parent.width * 0.7
                    height: chart.height - chart.yOf(bucket.modelData.maxWaitMin)
                    color: Theme.barEmpty
                }
                Rectangle {
                    anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter }
                    width: parent.width * 0.7
                    height: chart.height - chart.yOf(bucket.modelData.meanWaitMin)
                    color: bucket.modelData.meanWaitMin <= glance.strictest ? Theme.good
                           : (bucket.modelData.meanWaitMin <= glance.loosest ? Theme.warning : Theme.alarm)
                }
                ScreenText {
                    // Every second half hour, and only where the label has room.
                    visible: bucket.index % 2 === 0 && chart.step * 2 >= implicitWidth + 4 * glance.u
                    anchors { top: parent.bottom; topMargin: 4 * glance.u; horizontalCenter: parent.horizontalCenter }
                    text: bucket.modelData.timeText
                    color: Theme.textMuted
                    size: 15
                }
            }
        }
        // Each category's target, as a dashed line across the strip.
        Repeater {
            model: glance.buckets.length > 0 ? glance.targets : []
            delegate: Row {
                id: targetLine
                required property var modelData
                objectName: "targetLine:" + modelData.min
                y: chart.yOf(modelData.min) - height / 2
                spacing: 6 * glance.u
                Repeater {
                    model: Math.max(0, Math.ceil(chart.width / (16 * glance.u)))
                    delegate: Rectangle { width: 10 * glance.u; height: 2 * glance.u; color: Theme.highlight }
                }
            }
        }
    }
    // The targets' labels beside the chart, pushed apart when two targets are close.
    Item {
        id: gutter
        anchors { right: parent.right; top: chart.top; bottom: chart.bottom; rightMargin: 12 * glance.u }
        width: 150 * glance.u
        Repeater {
            id: labels
            model: glance.buckets.length > 0 ? glance.targets : []
            delegate: ScreenText {
                required property var modelData
                required property int index
                objectName: "target:" + modelData.codes
                readonly property real wanted: chart.yOf(modelData.min) - implicitHeight / 2
                // Below the previous label when it would overlap it.
                y: index === 0 ? Math.max(0, wanted) : Math.max(wanted, (labels.itemAt(index - 1) ? labels.itemAt(index - 1).y + implicitHeight : 0))
                x: 4 * glance.u
                width: gutter.width - 4 * glance.u
                wrapMode: Text.Wrap
                text: qsTr("%1: target %2 min").arg(modelData.codes).arg(modelData.min)
                color: Theme.highlight
                size: 16
            }
        }
    }
}

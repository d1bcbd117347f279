// Reports for the branch head: the last 7 days, this month or last month, each beside the period before.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "reportsPage"
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    color: Theme.page
    MouseArea { anchors.fill: parent }
    property var result: ({})
    property string range: "week"
    // The branch beside its region's average, from the central database (offered only when [central] is set).
    property bool beside: false
    // Built on the kiosk's report thread: the screen goes on drawing meanwhile (the region's figures follow).
    function load(r: string) {
        range = r
        result = ({whyZh: "正在生成报表…", whyEn: "Building the report…"})
        if (beside && desk.regionAvailable) desk.requestReportBesideRegion(r)
        else desk.requestReport(r)
    }
    function figure(key: string, v): string {
        if (v === undefined || v === null) return "—"
        if (key === "withinTarget") return v.toFixed(0) + "%"
        if (key === "servedPerBranch") return Math.round(v).toString()
        if (key === "complaintsPer10000") return v.toFixed(1)
        return v.toFixed(1)
    }
    // The branch's own figure from its report (shown even when the region's cannot be had).
    function ownFigure(key: string) {
        if (result.ok !== true) return null
        const all = result.categories[result.categories.length - 1]
        if (key === "servedPerBranch") return all.served
        if (all.served === 0) return null
        if (key === "meanWaitMin") return all.meanWaitMin
        if (key === "p90WaitMin") return all.p90WaitMin
        if (key === "withinTarget") return all.withinTarget
        return 10000 * result.complaints.count / all.served
    }
    function figureName(key: string): string {
        if (key === "servedPerBranch") return qsTr("Served per branch")
        if (key === "meanWaitMin") return qsTr("Mean wait (min)")
        if (key === "p90WaitMin") return qsTr("p90 wait (min)")
        if (key === "withinTarget") return qsTr("Called within target")
        return qsTr("Complaints per 10,000 served")
    }
    readonly property var regionRows: ["servedPerBranch", "meanWaitMin", "p90WaitMin", "withinTarget", "complaintsPer10000"]
    Connections {
        target: page.desk
        function onReportReady(r, res) { if (r === page.range) page.result = res }
    }

    ScrollPage {
        id: scroller
        anchors { fill: parent; margins: 36 * page.u }
        contentHeight: content.implicitHeight
        Column {
            id: content
            width: scroller.width
            spacing: 18 * page.u
            Flow {
                width: parent.width
                spacing: 18 * page.u
                ScreenText { height: back.height; verticalAlignment: Text.AlignVCenter; text: qsTr("Reports"); size: Theme.title; font.bold: true }
                TouchButton { objectName: "reportWeek"; text: qsTr("Last 7 days"); tint: page.range === "week" ? Theme.buttonPrimary : Theme.button; onTapped: page.load("week") }
                TouchButton { objectName: "reportMonth"; text: qsTr("This month"); tint: page.range === "month" ? Theme.buttonPrimary : Theme.button; onTapped: page.load("month") }
                TouchButton { objectName: "reportLastMonth"; text: qsTr("Last month"); tint: page.range === "last_month" ? Theme.buttonPrimary : Theme.button; onTapped: page.load("last_month") }
                TouchButton {
                    objectName: "reportRegion"
                    visible: page.desk.regionAvailable
                    text: qsTr("Beside the region's average")
                    tint: page.beside ? Theme.buttonPrimary : Theme.button
                    onTapped: { page.beside = !page.beside; page.load(page.range) }
                }
                TouchButton { id: back; objectName: "reportsClose"; text: qsTr("Back"); tint: Theme.button; onTapped: page.back() }
            }
            ScreenText {
                objectName: "reportPeriod"
                width: parent.width
                wrapMode: Text.Wrap
                text: page.result.ok ? qsTr("%1 – %2, beside %3 onwards (in brackets)").arg(page.result.from).arg(page.result.to).arg(page.result.previousFrom)
                                     : (page.result.whyZh !== undefined ? (page.language.english ? page.result.whyEn : page.result.whyZh) : "")
                color: page.result.ok ? Theme.textMuted : Theme.warning
                size: Theme.label
            }
            // The branch and its region side by side: the region's report over its branches for the same days.
            Column {
                id: region
                objectName: "reportRegionFigures"
                visible: page.beside && page.desk.regionAvailable && page.result.ok === true
                readonly property var answer: page.result.region !== undefined ? page.result.region : ({pending: true})
                readonly property real labelWidth: Math.min(420 * page.u, width * 0.46)
                readonly property real valueWidth: Math.min(220 * page.u, (width - labelWidth) / 2)
                width: parent.width
                spacing: 4 * page.u
                ScreenText {
                    objectName: "reportRegionNote"
                    width: parent.width
                    wrapMode: Text.Wrap
                    visible: region.answer.ok !== true
                    text: region.answer.pending === true ? qsTr("Region figures: asking the central database…")
                                                         : ((page.language.english ? region.answer.whyEn : region.answer.whyZh) || "")
                    color: region.answer.pending === true ? Theme.textMuted : Theme.warning
                    size: Theme.label
                }
                Row {
                    ScreenText { width: region.labelWidth; text: ""; size: 20 }
                    ScreenText { width: region.valueWidth; horizontalAlignment: Text.AlignRight; wrapMode: Text.Wrap; text: qsTr("This branch"); size: 20; font.bold: true }
                    ScreenText {
                        width: region.valueWidth
                        horizontalAlignment: Text.AlignRight
                        wrapMode: Text.Wrap
                        text: region.answer.ok === true ? qsTr("Region %1 (%2 branches)").arg(region.answer.region).arg(region.answer.branches) : qsTr("Region")
                        size: 20
                        font.bold: true
                    }
                }
                Repeater {
                    model: page.regionRows
                    delegate: Row {
                        id: figureRow
                        required property string modelData
                        required property int index
                        readonly property var row: region.answer.ok === true ? region.answer.rows[index] : ({})
                        ScreenText { width: region.labelWidth; wrapMode: Text.Wrap; text: page.figureName(figureRow.modelData); color: Theme.textSoft; size: 20 }
                        ScreenText {
                            objectName: "regionBranch:" + figureRow.modelData
                            width: region.valueWidth
                            horizontalAlignment: Text.AlignRight
                            text: page.figure(figureRow.modelData, region.answer.ok === true ? figureRow.row.branch : page.ownFigure(figureRow.modelData))
                            size: 20
                            font.bold: true
                        }
                        ScreenText {
                            objectName: "regionAverage:" + figureRow.modelData
                            width: region.valueWidth
                            horizontalAlignment: Text.AlignRight
                            text: page.figure(figureRow.modelData, figureRow.row.region)
                            size: 20
                        }
                    }
                }
            }
            Flow {
                visible: page.result.ok === true
                width: parent.width
                spacing: 36 * page.u
                ReportShares { width: Math.min(content.width, 900 * page.u); result: page.result; language: page.language }
                Column {
                    width: Math.min(content.width, 800 * page.u)
                    spacing: 4 * page.u
                    ReportHeat { width: parent.width; result: page.result }
                    Item { width: 1; height: Theme.gap * page.u }
                    ScreenText {
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: page.result.ok ? qsTr("Complaints: %1 · after a wait alert %2 · answered on time %3, late %4 · open %5")
                                               .arg(page.result.complaints.count).arg(page.result.complaints.afterWaitAlert)
                                               .arg(page.result.complaints.answeredOnTime).arg(page.result.complaints.answeredLate)
                                               .arg(page.result.complaints.open) : ""
                    }
                    Repeater {
                        model: page.result.ok ? page.result.incidents.slice(0, 6) : []
                        delegate: ScreenText {
                            required property var modelData
                            width: parent.width
                            wrapMode: Text.Wrap
                            text: qsTr("%1: %2 incidents, %3 never acknowledged, %4 escalated").arg(modelData.kind).arg(modelData.count)
                                  .arg(modelData.neverAcknowledged).arg(modelData.escalated)
                            color: Theme.textSoft
                            size: Theme.small
                        }
                    }
                }
            }
            Column {
                visible: page.result.ok === true
                width: parent.width
                spacing: 4 * page.u
                ScreenText { text: qsTr("Windows"); size: 28; font.bold: true }
                Repeater {
                    model: page.result.ok ? page.result.windows : []
                    delegate: ScreenText {
                        required property var modelData
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: qsTr("Window %1: served %2 · mean service %3 min · walk %4 s · open %5 h · paused %6 h · idle while waited for %7 h")
                              .arg(modelData.number).arg(modelData.served).arg(modelData.meanServiceMin.toFixed(1)).arg(Math.round(modelData.meanWalkS))
                              .arg(modelData.openH.toFixed(1)).arg(modelData.pausedH.toFixed(1)).arg(modelData.idleWaitingH.toFixed(2))
                              + (modelData.queueJumps > 0 ? " · " + qsTr("%n call(s) out of turn", "", modelData.queueJumps) : "")
                        color: Theme.textSoft
                        size: 19
                    }
                }
            }
        }
    }
}

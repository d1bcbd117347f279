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
    // Built on the kiosk's report thread: the screen goes on drawing meanwhile.
    function load(r: string) {
        range = r
        result = ({whyZh: "正在生成报表…", whyEn: "Building the report…"})
        desk.requestReport(r)
    }
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

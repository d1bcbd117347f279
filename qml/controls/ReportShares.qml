// The report's share called within target per category: a bar for this period and a thin one for the last.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Column {
    id: shares
    required property var result
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    spacing: 10 * u
    ScreenText { text: qsTr("Called within target"); size: 28; font.bold: true }
    Repeater {
        model: shares.result.ok ? shares.result.categories : []
        delegate: Column {
            id: category
            required property var modelData
            width: shares.width
            spacing: 2 * shares.u
            ScreenText {
                width: parent.width
                wrapMode: Text.Wrap
                text: (category.modelData.code === "*" ? qsTr("All")
                       : category.modelData.code + " " + (shares.language.english ? category.modelData.nameEn : category.modelData.nameZh))
                      + "  " + qsTr("%1 tickets (%2) · mean wait %3 min (%4) · p90 %5 min").arg(category.modelData.issued).arg(category.modelData.prevIssued)
                        .arg(category.modelData.meanWaitMin.toFixed(1)).arg(category.modelData.prevMeanWaitMin.toFixed(1)).arg(category.modelData.p90WaitMin.toFixed(1))
                color: Theme.textSoft
                size: 20
            }
            Row {
                spacing: 8 * shares.u
                Rectangle {
                    width: Math.max(1, (shares.width - 90 * shares.u) * category.modelData.withinTarget / 100)
                    height: 22 * shares.u
                    color: Theme.shareColour(category.modelData.withinTarget)
                }
                ScreenText { anchors.verticalCenter: parent.verticalCenter; text: category.modelData.withinTarget.toFixed(0) + "%"; size: 20; font.bold: true }
            }
            Row {
                spacing: 8 * shares.u
                Rectangle { width: Math.max(1, (shares.width - 90 * shares.u) * category.modelData.prevWithinTarget / 100); height: 10 * shares.u; color: Theme.textFaint }
                ScreenText { anchors.verticalCenter: parent.verticalCenter; text: "(" + category.modelData.prevWithinTarget.toFixed(0) + "%)"; color: Theme.textMuted; size: 16 }
            }
        }
    }
}

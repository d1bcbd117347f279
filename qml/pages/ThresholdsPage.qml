// Wait thresholds per category, for a signed-in manager: each change applies at once and is recorded with who.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: page
    objectName: "thresholdsPage"
    required property LobbyStatus status
    required property Desk desk
    required property Language language
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    signal back()
    color: Theme.page
    MouseArea { anchors.fill: parent }
    // The categories as they were when the page opened (or last saved): the list must not be rebuilt under a
    // manager's fingers by the once-a-second update.
    property var shown: []
    property string saved: ""   // what the last save did, in the screen's language
    function reset() { shown = status.categories; saved = "" }

    Column {
        anchors { fill: parent; margins: 40 * page.u }
        spacing: Theme.margin * page.u
        PageHeader { title: qsTr("Wait thresholds"); backName: "thresholdsClose"; onBack: page.back() }
        ScreenText {
            objectName: "thresholdsMessage"
            width: parent.width
            wrapMode: Text.Wrap
            text: page.desk.messageZh !== "" ? (page.language.english ? page.desk.messageEn : page.desk.messageZh)
                  : page.saved !== "" ? page.saved
                  : qsTr("Target: the service level's goal. Warning: a long-wait alert. Limit: a breach. Changes apply at once and are recorded with your name.")
            color: page.desk.messageZh !== "" ? Theme.warning : (page.saved !== "" ? Theme.good : Theme.textMuted)
        }
        Repeater {
            model: page.shown
            delegate: Rectangle {
                id: category
                required property var modelData
                width: parent.width
                height: steppers.implicitHeight + 28 * page.u
                radius: Theme.radius * page.u
                color: Theme.panel
                Flow {
                    id: steppers
                    anchors { left: parent.left; right: parent.right; leftMargin: 20 * page.u; rightMargin: 20 * page.u; verticalCenter: parent.verticalCenter }
                    spacing: 36 * page.u
                    ScreenText {
                        height: target.height
                        verticalAlignment: Text.AlignVCenter
                        width: Math.max(implicitWidth, 240 * page.u)
                        text: category.modelData.code + " " + (page.language.english ? category.modelData.nameEn : category.modelData.nameZh)
                        size: Theme.heading
                        font.bold: true
                    }
                    Stepper { id: target; objectName: "target:" + category.modelData.code; label: qsTr("Target"); value: category.modelData.targetMin }
                    Stepper { id: warning; objectName: "warning:" + category.modelData.code; label: qsTr("Warning"); value: category.modelData.warningMin }
                    Stepper { id: limit; objectName: "limit:" + category.modelData.code; label: qsTr("Limit"); value: category.modelData.limitMin }
                    TouchButton {
                        objectName: "saveThresholds:" + category.modelData.code
                        text: qsTr("Save")
                        tint: Theme.buttonGo
                        enabled: target.value !== category.modelData.targetMin || warning.value !== category.modelData.warningMin
                                 || limit.value !== category.modelData.limitMin
                        onTapped: {
                            if (!page.desk.setThresholds(category.modelData.code, target.value, warning.value, limit.value)) return
                            page.saved = qsTr("Saved: %1 target %2 min, warning %3 min, limit %4 min")
                                         .arg(category.modelData.code).arg(target.value).arg(warning.value).arg(limit.value)
                            page.shown = page.status.categories
                        }
                    }
                }
            }
        }
    }
}

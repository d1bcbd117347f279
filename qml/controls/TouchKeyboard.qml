// The touch screen's keyboard for the field being typed in: digits, letters, and Chinese by Pinyin (letters in, the
// words they spell out as candidates above the keys: "tousu" offers 投诉). It never takes the field's focus, so the
// field keeps its cursor; "Done" lets go of the field and the keyboard goes away.
pragma ComponentBehavior: Bound
import QtQuick
import LobbyWatch

Rectangle {
    id: keyboard
    objectName: "touchKeyboard"
    // The field typed into (a TextInput), null: none.
    property Item target: null
    property bool chinese: true
    readonly property real u: Theme.scaleFor(Window.width, Window.height)
    visible: target !== null
    height: column.implicitHeight + 24 * u
    color: Theme.panel
    border.color: Theme.line
    border.width: 2 * u
    radius: 10 * u
    // A tap on the keyboard is not a tap on what lies under it.
    MouseArea { anchors.fill: parent }

    PinyinInput { id: pinyin }
    onTargetChanged: pinyin.clear()

    function put(text: string) {
        if (!target || text === "") return
        const t = target as TextInput
        if (t) t.insert(t.cursorPosition, text)
    }
    function key(ch: string) {
        if (chinese && /^[a-z']$/.test(ch) && pinyin.available) pinyin.type(ch)
        else {
            if (pinyin.letters !== "") put(pinyin.choose(0) || pinyin.letters)
            pinyin.clear()
            put(ch)
        }
    }
    function back() {
        if (pinyin.backspace()) return
        const t = target as TextInput
        if (t && t.cursorPosition > 0) t.remove(t.cursorPosition - 1, t.cursorPosition)
    }
    function space() {
        // With letters typed, space takes the first candidate (as Pinyin keyboards do); else a space.
        if (pinyin.letters !== "") put(pinyin.choose(0))
        else put(" ")
    }

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 * keyboard.u }
        spacing: 8 * keyboard.u
        // The letters typed so far and the words they spell.
        Flow {
            width: parent.width
            spacing: 8 * keyboard.u
            visible: pinyin.letters !== ""
            ScreenText { objectName: "pinyinLetters"; text: pinyin.letters; color: Theme.highlight; size: Theme.label; font.bold: true }
            Repeater {
                model: pinyin.candidates
                delegate: TouchButton {
                    required property string modelData
                    required property int index
                    objectName: "candidate:" + modelData
                    text: modelData
                    tint: index === 0 ? Theme.buttonPrimary : Theme.button
                    onTapped: keyboard.put(pinyin.choose(index))
                }
            }
        }
        Repeater {
            model: ["1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm-.:"]
            delegate: Row {
                id: keyRow
                required property string modelData
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: 8 * keyboard.u
                Repeater {
                    model: keyRow.modelData.split("")
                    delegate: TouchButton {
                        required property string modelData
                        objectName: "kb:" + modelData
                        implicitWidth: 96 * keyboard.u
                        text: modelData
                        tint: Theme.button
                        onTapped: keyboard.key(modelData)
                    }
                }
            }
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 8 * keyboard.u
            TouchButton {
                objectName: "kb:lang"
                implicitWidth: 200 * keyboard.u
                text: keyboard.chinese ? "中 / EN" : "EN / 中"
                tint: keyboard.chinese ? Theme.buttonPrimary : Theme.button
                visible: pinyin.available
                onTapped: { pinyin.clear(); keyboard.chinese = !keyboard.chinese }
            }
            TouchButton { objectName: "kb:space"; implicitWidth: 420 * keyboard.u; text: qsTr("Space"); tint: Theme.button; onTapped: keyboard.space() }
            TouchButton { objectName: "kb:back"; implicitWidth: 160 * keyboard.u; text: "⌫"; tint: Theme.button; onTapped: keyboard.back() }
            TouchButton {
                objectName: "kb:done"
                implicitWidth: 200 * keyboard.u
                text: qsTr("Done")
                tint: Theme.buttonGo
                onTapped: {
                    if (pinyin.letters !== "") keyboard.put(pinyin.choose(0))
                    if (keyboard.target) keyboard.target.focus = false
                }
            }
        }
    }
}

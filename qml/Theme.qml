// The screens' colours, type and sizes in one place. Sizes are design pixels at 1920x1080; a page multiplies
// them by its window's scale (`Theme.scaleFor`), so a 1366x768 and a 3840x2160 screen show the same layout.
pragma Singleton
pragma ComponentBehavior: Bound
import QtQuick

QtObject {
    // Type: one family with Chinese and Latin glyphs.
    readonly property string font: "Noto Sans CJK SC"

    // The manager's screen.
    readonly property color window: "#10161f"
    readonly property color page: "#0b111a"
    readonly property color panel: "#18212d"
    readonly property color tile: "#1b2430"
    readonly property color tileClosed: "#141a22"
    readonly property color field: "#0f1620"
    readonly property color line: "#3d4a5c"
    readonly property color barEmpty: "#2b3645"
    readonly property color scrim: "#e6000000"

    readonly property color text: "#e8edf3"
    readonly property color textSoft: "#c8d0da"
    readonly property color textMuted: "#9aa5b1"
    readonly property color textFaint: "#5d6b7c"
    readonly property color textOff: "#7d8896"
    readonly property color buttonText: "#ffffff"

    readonly property color good: "#3ddc84"
    readonly property color warning: "#f5a524"
    readonly property color alarm: "#e5484d"
    readonly property color highlight: "#ffd166"

    readonly property color button: "#3d4a5c"
    readonly property color buttonPrimary: "#2b6cb0"
    readonly property color buttonGo: "#2f855a"
    readonly property color buttonDanger: "#c53030"
    readonly property color heatGood: "#276749"
    readonly property color heatWarning: "#975a16"
    readonly property color heatAlarm: "#9b2c2c"

    // The public board.
    readonly property color boardBackground: "#0b1a2e"
    readonly property color boardPanel: "#12345a"
    readonly property color boardMuted: "#9fb3c8"
    readonly property color boardFooter: "#0f2742"
    readonly property color boardNotice: "#5a1e1e"

    // An alert level (0 ok, 1 warning, 2 alarm) as a colour and an icon: never a colour alone.
    function levelColour(level: int): color { return level >= 2 ? alarm : (level === 1 ? warning : barEmpty) }
    function levelIcon(level: int): string { return level >= 2 ? "◆" : (level === 1 ? "⚠" : "") }
    function shareColour(percent: real): color { return percent >= 80 ? good : (percent >= 60 ? warning : alarm) }

    // Design pixels to real ones for a window of w x h: the layout is drawn for 1920x1080 (or 1080x1920 upright).
    function scaleFor(w: real, h: real): real {
        if (w <= 0 || h <= 0) return 1
        return w >= h ? Math.min(w / 1920, h / 1080) : Math.min(w / 1080, h / 1920)
    }

    // The public board's newest call must be readable from 10 m on a 55-inch screen. A 55-inch 16:9 panel is
    // 685 mm along its short side, whatever its resolution. Letters 50 mm tall read from 10 m (1:200, the usual
    // signage figure for a comfortable read); Noto Sans CJK's capitals are 0.72 of the em and its ideographs 0.88,
    // so the em must be 70 mm: 10.2% of the short side, 110 px on a 1080-line screen, 220 px on a 2160-line one.
    readonly property real callEmPerShortSide: 0.102
    function callPixels(w: real, h: real): real { return Math.ceil(callEmPerShortSide * Math.min(w, h)) }

    // Text sizes (design pixels).
    readonly property int small: 18
    readonly property int body: 22
    readonly property int label: 24
    readonly property int heading: 30
    readonly property int title: 40
    readonly property int figure: 54

    // Spacing and shapes (design pixels).
    readonly property int gap: 16
    readonly property int margin: 24
    readonly property int radius: 10
    readonly property int buttonHeight: 64
}

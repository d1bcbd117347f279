// The PDFs' text layer mended: radicals in the ToUnicode maps back to the ideographs drawn (see PdfText.h).
#include "app/PdfText.h"

#include <QFile>
#include <QFont>
#include <QRawFont>

#include <map>
#include <vector>
#include <mutex>

namespace lw::app {

namespace {

bool isRadical(char32_t c) { return c >= 0x2E80 && c <= 0x2FDF; }

// Radical -> the ideograph of the same glyph in Noto Sans CJK SC (the papers' CJK font), computed once.
const std::map<char32_t, char32_t>& radicalMap() {
    static std::map<char32_t, char32_t> map;
    static std::once_flag once;
    std::call_once(once, [] {
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPixelSize(64);
        const QRawFont raw = QRawFont::fromFont(font);
        if (!raw.isValid()) return;
        // Every unified ideograph (the main block and extension A), first come first kept.
        QString ideographs;
        std::vector<char32_t> codes;
        for (char32_t c = 0x3400; c <= 0x9FFF; ++c) {
            if (c > 0x4DBF && c < 0x4E00) continue;
            ideographs += QChar(static_cast<char16_t>(c));
            codes.push_back(c);
        }
        const QList<quint32> glyphs = raw.glyphIndexesForString(ideographs);
        std::map<quint32, char32_t> byGlyph;
        for (qsizetype i = 0; i < glyphs.size() && i < static_cast<qsizetype>(codes.size()); ++i)
            if (glyphs[i] != 0) byGlyph.emplace(glyphs[i], codes[static_cast<std::size_t>(i)]);
        QString radicals;
        std::vector<char32_t> radicalCodes;
        for (char32_t r = 0x2E80; r <= 0x2FDF; ++r) {
            radicals += QChar(static_cast<char16_t>(r));
            radicalCodes.push_back(r);
        }
        const QList<quint32> radicalGlyphs = raw.glyphIndexesForString(radicals);
        for (qsizetype i = 0; i < radicalGlyphs.size() && i < static_cast<qsizetype>(radicalCodes.size()); ++i) {
            auto it = byGlyph.find(radicalGlyphs[i]);
            if (radicalGlyphs[i] != 0 && it != byGlyph.end()) map[radicalCodes[static_cast<std::size_t>(i)]] = it->second;
        }
    });
    return map;
}

}  // namespace

char32_t ideographOfRadical(char32_t radical) {
    if (!isRadical(radical)) return 0;
    const auto& map = radicalMap();
    auto it = map.find(radical);
    return it == map.end() ? 0 : it->second;
}

bool mendCjkText(const QString& path, QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray pdf = file.readAll();
    file.close();
    bool changed = false;
    // Each map's destinations: bfrange lines "<from> <to> <dest>" or "<from> <to> [<dest> ...]", bfchar lines
    // "<code> <dest>". The first one or two hex strings of a line are the glyph codes, the rest code points.
    for (const char* kind : {"bfrange", "bfchar"}) {
        const QByteArray begin = QByteArray("begin") + kind, end = QByteArray("end") + kind;
        for (qsizetype at = pdf.indexOf(begin); at >= 0; at = pdf.indexOf(begin, at + 1)) {
            const qsizetype stop = pdf.indexOf(end, at);
            if (stop < 0) break;
            qsizetype line = pdf.indexOf('\n', at);
            while (line >= 0 && line < stop) {
                const qsizetype next = pdf.indexOf('\n', line + 1);
                const qsizetype lineEnd = next < 0 || next > stop ? stop : next;
                // The hex strings of the line: glyph codes first (two for a range, one for a char), then code points.
                std::vector<std::pair<qsizetype, qsizetype>> hex;  // position after '<', length
                for (qsizetype i = line; i < lineEnd; ++i) {
                    if (pdf[i] != '<') continue;
                    const qsizetype close = pdf.indexOf('>', i);
                    if (close < 0 || close > lineEnd) break;
                    hex.push_back({i + 1, close - i - 1});
                    i = close;
                }
                const std::size_t codes = kind[2] == 'r' ? 2 : 1;
                const bool array = pdf.mid(line, lineEnd - line).contains('[');
                // A range's single destination counts up over its glyphs: mended only when the range is one glyph.
                const bool countsUp = codes == 2 && !array && hex.size() == 3 &&
                                      pdf.mid(hex[0].first, hex[0].second) != pdf.mid(hex[1].first, hex[1].second);
                for (std::size_t k = codes; k < hex.size() && !countsUp; ++k) {
                    if (hex[k].second != 4) continue;
                    bool ok = false;
                    const auto cp = static_cast<char32_t>(pdf.mid(hex[k].first, 4).toUInt(&ok, 16));
                    if (const char32_t ideograph = ok ? ideographOfRadical(cp) : 0) {
                        pdf.replace(hex[k].first, 4, QByteArray::number(static_cast<uint>(ideograph), 16).toUpper().rightJustified(4, '0'));
                        changed = true;
                    }
                }
                line = next;
            }
            at = stop;
        }
    }
    if (!changed) return true;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(pdf) != pdf.size() || !file.flush()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace lw::app

// The text layer of the PDFs the kiosk writes (forms, receipt, report), made to say what was drawn. Qt's PDF writer
// gives each glyph, in the font's ToUnicode map, the lowest code point the font maps to it; Noto Sans CJK draws many
// ideographs with the glyph of a Kangxi or CJK radical, so the PDF said ⽤ (U+2F64) for 用, ⼾ for 户 and ⻔ for 门:
// pdftotext, copy and paste and a search in the PDF got radicals (NFKC folds back some, not 户 or 门).
#pragma once

#include <QString>

namespace lw::app {

// Rewrites, in every ToUnicode map of the PDF at `path`, each radical code point (U+2E80..U+2FDF) to the unified
// ideograph the CJK font draws with the same glyph. Each is four hex digits for four, so no offset in the file
// moves. False with `error` when the file cannot be read or written; true (unchanged) when there is nothing to mend.
bool mendCjkText(const QString& path, QString& error);

// The ideograph the CJK font draws with the glyph of radical `radical` (0 when none or not a radical).
char32_t ideographOfRadical(char32_t radical);

}  // namespace lw::app

// The papers' text layer says the ideographs drawn: Noto Sans CJK draws 用, 户, 门, 入, 日 and 金 with the glyphs of
// radicals, and Qt named each shared glyph by its lowest code point (pdftotext gave ⽤⼾ for 用户 and ⻔ for 门).
#include "app/ComplaintPdf.h"
#include "app/PdfText.h"
#include "CatchRun.h"
#include "StoreFixture.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QGuiApplication>
#include <QProcess>

using namespace lw;

TEST_CASE("the receipt's text layer: 用户 and 门 as drawn, not their radicals; no offset in the file moved") {
    CHECK(app::ideographOfRadical(0x2F64) == U'用');
    CHECK(app::ideographOfRadical(0x2F3E) == U'户');
    CHECK(app::ideographOfRadical(0x2ED4) == U'门');
    CHECK(app::ideographOfRadical(U'用') == 0);  // not a radical
    complaint::Complaint c;
    c.id = 7;
    c.receivedDay = "2026-03-02";
    c.owner = "用户门户 入日金";
    std::vector<complaint::Step> steps;
    kiosk::BranchConfig branch{"金门支行", "110105-023", "95588", "010-6688 9900", "110105-023", ""};
    app::ComplaintPaper paper{c, steps, branch, 480, "2026-03-05"};
    const QString pdf = test::freshPath("pdf_text") + ".pdf";
    QString error;
    REQUIRE(app::writeComplaintReceipt(paper, app::ReceiptPaper::A6, pdf, error));
    QProcess p;
    p.start("pdftotext", {"-layout", pdf, "-"});
    REQUIRE(p.waitForFinished(30'000));
    REQUIRE(p.exitCode() == 0);
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    INFO(text.toStdString());
    CHECK(text.contains(QStringLiteral("用户门户 入日金")));
    CHECK(text.contains(QStringLiteral("金门支行")));
    for (const QChar ch : text) CHECK_FALSE((ch.unicode() >= 0x2E80 && ch.unicode() <= 0x2FDF));
    // The mended file is still a PDF a reader opens whole (its cross-reference offsets stand).
    QProcess info;
    info.start("pdfinfo", {pdf});
    REQUIRE(info.waitForFinished(30'000));
    CHECK(info.exitCode() == 0);
    CHECK(QString::fromUtf8(info.readAllStandardError()).trimmed().isEmpty());
}

// Fonts and the PDF writer need a QGuiApplication, for the whole run (its own main, with Catch2 from lw_catch_impl).
int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    return test::runCatch(argc, argv);
}

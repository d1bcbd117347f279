// Decoding a file to UTF-8 as it is read.
#include "app/cli/DecodedFile.h"

#include <QString>

namespace lw::app {

DecodingBuffer::DecodingBuffer(std::istream& raw, const char* encoding)
    : raw_(raw), decoder_(encoding), chunk_(64 * 1024, '\0') {}

DecodingBuffer::int_type DecodingBuffer::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    out_.clear();
    while (out_.empty()) {
        raw_.read(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
        const auto n = raw_.gcount();
        if (n <= 0) return traits_type::eof();
        const QString text = decoder_.decode(QByteArrayView(chunk_.data(), static_cast<qsizetype>(n)));
        out_ = text.toUtf8().toStdString();
    }
    setg(out_.data(), out_.data(), out_.data() + out_.size());
    return traits_type::to_int_type(*gptr());
}

}  // namespace lw::app

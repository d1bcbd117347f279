// A file read as UTF-8 whatever its encoding: a stream buffer that decodes chunk by chunk (memory stays bounded).
#pragma once

#include <QStringDecoder>

#include <fstream>
#include <streambuf>
#include <string>

namespace lw::app {

class DecodingBuffer : public std::streambuf {
public:
    // `encoding`: a name QStringDecoder knows (through ICU on Debian's Qt): "GB18030", "GBK", ...
    DecodingBuffer(std::istream& raw, const char* encoding);
    bool valid() const { return decoder_.isValid(); }
    bool hadErrors() const { return decoder_.hasError(); }

protected:
    int_type underflow() override;

private:
    std::istream& raw_;
    QStringDecoder decoder_;
    std::string chunk_;
    std::string out_;
};

}  // namespace lw::app

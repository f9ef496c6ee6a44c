/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-segment-check.h"

#include "ns3/header.h"

#include <algorithm>
#include <array>
#include <vector>

namespace ns3
{

bool
TcpHeaderIsWellFormed(Ptr<const Packet> segment)
{
    constexpr uint32_t kMinimumHeader = 20;
    if (!segment || segment->GetSize() < kMinimumHeader)
    {
        return false;
    }
    std::array<uint8_t, kMinimumHeader> header{};
    segment->CopyData(header.data(), header.size());
    uint32_t dataOffset = (header[12] >> 4) * 4u;
    return dataOffset >= kMinimumHeader && dataOffset <= segment->GetSize();
}

namespace
{
constexpr uint8_t kEol = 0;
constexpr uint8_t kNop = 1;

/// The length Linux requires of a known option kind (0: variable or unknown).
uint8_t
RequiredLength(uint8_t kind)
{
    switch (kind)
    {
    case 2: // MSS
        return 4;
    case 3: // window scale
        return 3;
    case 4: // SACK permitted
        return 2;
    case 8: // timestamps
        return 10;
    default:
        return 0;
    }
}

/// Header bytes as they are: puts a rewritten TCP header back in front of the payload.
class RawTcpHeaderBytes : public Header
{
  public:
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::TcpRstRawTcpHeaderBytes").SetParent<Header>();
        return tid;
    }

    explicit RawTcpHeaderBytes(std::vector<uint8_t> bytes = {})
        : m_bytes(std::move(bytes))
    {
    }

    TypeId
    GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    void
    Print(std::ostream& os) const override
    {
        os << "TCP header, " << m_bytes.size() << " bytes";
    }

    uint32_t
    GetSerializedSize() const override
    {
        return m_bytes.size();
    }

    void
    Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes.data(), m_bytes.size());
    }

    uint32_t
    Deserialize(Buffer::Iterator start) override
    {
        start.Read(m_bytes.data(), m_bytes.size());
        return m_bytes.size();
    }

  private:
    std::vector<uint8_t> m_bytes; //!< the header
};
} // namespace

bool
SanitizeTcpOptions(uint8_t* options, uint32_t length)
{
    bool malformed = false;
    // From \p from on Linux reads nothing more: NOPs, because ns-3 sizes a header from the
    // options it keeps and would take padding after an EOL for payload.
    auto stop = [options, length](uint32_t from)
    {
        for (uint32_t k = from; k < length; ++k)
        {
            options[k] = kNop;
        }
    };
    uint32_t i = 0;
    while (i < length)
    {
        uint8_t kind = options[i];
        if (kind == kEol)
        {
            // EOLs that only pad the last word (what every stack sends) stay: ns-3 sizes the
            // header as the data offset says, and NOPs would cost an option object each.
            bool padding =
                ((i + 3) & ~3U) == length &&
                std::all_of(options + i, options + length, [](uint8_t b) { return b == kEol; });
            if (!padding)
            {
                stop(i);
            }
            break;
        }
        if (kind == kNop)
        {
            ++i;
            continue;
        }
        uint32_t size = i + 1 < length ? options[i + 1] : 0;
        if (size < 2 || size > length - i)
        {
            malformed = true; // silly or partial option: Linux stops parsing here
            stop(i);
            break;
        }
        uint8_t required = RequiredLength(kind);
        bool known = required != 0 ? size == required
                                   : kind == 5 && size >= 10 && (size - 2) % 8 == 0; // SACK
        if (!known)
        {
            malformed = true; // Linux ignores it
            std::fill(options + i, options + i + size, kNop);
        }
        i += size;
    }
    return malformed;
}

bool
MakeTcpOptionsParsable(Ptr<Packet> segment)
{
    std::array<uint8_t, 13> fixed{};
    segment->CopyData(fixed.data(), fixed.size());
    uint32_t headerLength = (fixed[12] >> 4) * 4u;
    std::vector<uint8_t> header(headerLength);
    segment->CopyData(header.data(), headerLength);
    std::vector<uint8_t> original = header;
    bool malformed = SanitizeTcpOptions(header.data() + 20, headerLength - 20);
    if (header != original)
    {
        segment->RemoveAtStart(headerLength);
        segment->AddHeader(RawTcpHeaderBytes(std::move(header)));
    }
    return malformed;
}

uint8_t
PeekTcpFlags(Ptr<const Packet> segment)
{
    std::array<uint8_t, 14> header{};
    segment->CopyData(header.data(), header.size());
    return header[13];
}

TcpSegmentNumbers
PeekTcpNumbers(Ptr<const Packet> segment)
{
    std::array<uint8_t, 14> header{};
    segment->CopyData(header.data(), header.size());
    auto word = [&header](int at)
    {
        return (uint32_t{header[at]} << 24) | (uint32_t{header[at + 1]} << 16) |
               (uint32_t{header[at + 2]} << 8) | uint32_t{header[at + 3]};
    };
    TcpSegmentNumbers numbers;
    numbers.sourcePort = static_cast<uint16_t>((header[0] << 8) | header[1]);
    numbers.destinationPort = static_cast<uint16_t>((header[2] << 8) | header[3]);
    numbers.seq = SequenceNumber32(word(4));
    numbers.ack = SequenceNumber32(word(8));
    numbers.flags = header[13];
    numbers.payloadSize = segment->GetSize() - (header[12] >> 4) * 4u;
    return numbers;
}

TcpHeader
PeekTcpHeaderWithoutOptions(Ptr<const Packet> segment)
{
    std::array<uint8_t, 20> bytes{};
    segment->CopyData(bytes.data(), bytes.size());
    auto half = [&bytes](int at)
    { return static_cast<uint16_t>((bytes[at] << 8) | bytes[at + 1]); };
    auto word = [&half](int at) { return (uint32_t{half(at)} << 16) | half(at + 2); };
    TcpHeader header;
    header.SetSourcePort(half(0));
    header.SetDestinationPort(half(2));
    header.SetSequenceNumber(SequenceNumber32(word(4)));
    header.SetAckNumber(SequenceNumber32(word(8)));
    header.SetFlags(bytes[13]);
    header.SetWindowSize(half(14));
    header.SetUrgentPointer(half(18));
    return header;
}

} // namespace ns3

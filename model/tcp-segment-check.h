/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_SEGMENT_CHECK_H
#define TCP_SEGMENT_CHECK_H

#include "ns3/packet.h"
#include "ns3/sequence-number.h"
#include "ns3/tcp-header.h"

namespace ns3
{

/// Flags that say nothing to the state machine (PSH, URG, CWR, ECE): masked off before
/// comparing a segment's flags.
constexpr uint8_t TCP_STATELESS_FLAGS =
    TcpHeader::PSH | TcpHeader::URG | TcpHeader::CWR | TcpHeader::ECE;

/**
 * \ingroup tcp-rst
 * \brief Whether a TCP segment's header can be parsed at all, checked on the raw bytes before
 * any TcpHeader is deserialized from them.
 *
 * Linux tcp_v4_rcv(): a segment shorter than 20 bytes, with a data offset below 5 words, or
 * with a data offset reaching past its end, is dropped and counted in TcpInErrs.
 *
 * \param segment the TCP segment (header first)
 * \return true when the header is well formed
 */
bool TcpHeaderIsWellFormed(Ptr<const Packet> segment);

/**
 * \ingroup tcp-rst
 * \brief The flags byte of a well-formed TCP segment, read without deserializing its header
 * (which allocates its options): the cheap test of the per-segment fast path.
 * \param segment the TCP segment (header first, at least 14 bytes)
 * \return the flags (TcpHeader::SYN, ACK, RST ...)
 */
uint8_t PeekTcpFlags(Ptr<const Packet> segment);

/**
 * \ingroup tcp-rst
 * \brief The fixed fields the fast path needs, read without deserializing the header.
 */
struct TcpSegmentNumbers
{
    uint16_t sourcePort{0};      //!< source port
    uint16_t destinationPort{0}; //!< destination port
    SequenceNumber32 seq;        //!< SEG.SEQ
    SequenceNumber32 ack;        //!< SEG.ACK
    uint8_t flags{0};            //!< the flags byte
    uint32_t payloadSize{0};     //!< bytes after the header (options included in the header)
};

/**
 * \param segment a well-formed TCP segment (header first)
 * \return its ports, sequence and acknowledgment numbers, flags and payload size
 */
TcpSegmentNumbers PeekTcpNumbers(Ptr<const Packet> segment);

/**
 * \ingroup tcp-rst
 * \brief A segment's TCP header without its options: ports, numbers, flags, window, urgent
 * pointer, read from the fixed 20 bytes. TcpHeader::Deserialize() also builds
 * an object per option, which costs several times more; use this where options are not read.
 * \param segment a well-formed TCP segment (TcpHeaderIsWellFormed)
 * \return its header, with no options
 */
TcpHeader PeekTcpHeaderWithoutOptions(Ptr<const Packet> segment);

/**
 * \ingroup tcp-rst
 * \brief Rewrite a TCP options area the way Linux tcp_parse_options() reads it, so that ns-3's
 * TcpHeader parser (which aborts or loops forever on some malformed options) only meets
 * options it survives, with the meaning Linux gives them.
 *
 * Linux stops parsing at EOL, at an option whose length byte is missing, below 2 or past the
 * end ("silly" or partial options). It ignores a known option whose length is not the one it
 * must have, and any option it does not know. All of these become NOPs (also the padding after
 * an EOL: ns-3 sizes a header from the options it keeps, and took such padding for payload).
 * MSS (4), window scale (3), SACK-permitted (2), SACK (2 + 8n, n >= 1) and timestamps (10)
 * with their exact lengths are kept.
 *
 * \param options the options bytes (after the 20-byte fixed header)
 * \param length how many
 * \return true when an option was malformed (an EOL and its padding are not)
 */
bool SanitizeTcpOptions(uint8_t* options, uint32_t length);

/**
 * \ingroup tcp-rst
 * \brief Apply SanitizeTcpOptions() to a well-formed segment in place (header bytes replaced
 * when they change, payload and packet tags kept).
 * \param segment a segment for which TcpHeaderIsWellFormed() holds
 * \return true when an option was malformed
 */
bool MakeTcpOptionsParsable(Ptr<Packet> segment);

} // namespace ns3

#endif /* TCP_SEGMENT_CHECK_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-reset-shapes.h"

namespace ns3
{

uint32_t
SegmentLength(const TcpHeader& header, uint32_t payloadSize)
{
    uint32_t length = payloadSize;
    length += (header.GetFlags() & TcpHeader::SYN) ? 1 : 0;
    length += (header.GetFlags() & TcpHeader::FIN) ? 1 : 0;
    return length;
}

namespace
{
TcpHeader
ReplyHeader(const TcpHeader& offending)
{
    TcpHeader reply;
    reply.SetSourcePort(offending.GetDestinationPort());
    reply.SetDestinationPort(offending.GetSourcePort());
    reply.SetWindowSize(0);
    return reply;
}
} // namespace

TcpHeader
NoSocketResetShape(const TcpHeader& offending, uint32_t payloadSize)
{
    TcpHeader reply = ReplyHeader(offending);
    if (offending.GetFlags() & TcpHeader::ACK)
    {
        reply.SetFlags(TcpHeader::RST);
        reply.SetSequenceNumber(offending.GetAckNumber());
    }
    else
    {
        reply.SetFlags(TcpHeader::RST | TcpHeader::ACK);
        reply.SetSequenceNumber(SequenceNumber32(0));
        reply.SetAckNumber(offending.GetSequenceNumber() + SegmentLength(offending, payloadSize));
    }
    return reply;
}

TcpHeader
StockNoSocketResetShape(const TcpHeader& offending)
{
    TcpHeader reply; // window left at TcpHeader's default (65535), as ns-3 3.37 sends it
    reply.SetSourcePort(offending.GetDestinationPort());
    reply.SetDestinationPort(offending.GetSourcePort());
    if (offending.GetFlags() & TcpHeader::ACK)
    {
        reply.SetFlags(TcpHeader::RST);
        reply.SetSequenceNumber(offending.GetAckNumber());
    }
    else
    {
        reply.SetFlags(TcpHeader::RST | TcpHeader::ACK);
        reply.SetSequenceNumber(SequenceNumber32(0));
        reply.SetAckNumber(offending.GetSequenceNumber() + SequenceNumber32(1));
    }
    return reply;
}

TcpHeader
ActiveResetShape(SequenceNumber32 sndNxt,
                 SequenceNumber32 rcvNxt,
                 uint16_t window,
                 uint16_t localPort,
                 uint16_t peerPort)
{
    TcpHeader reset;
    reset.SetFlags(TcpHeader::RST | TcpHeader::ACK);
    reset.SetSequenceNumber(sndNxt);
    reset.SetAckNumber(rcvNxt);
    reset.SetWindowSize(window);
    reset.SetSourcePort(localPort);
    reset.SetDestinationPort(peerPort);
    return reset;
}

} // namespace ns3

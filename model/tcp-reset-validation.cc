/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-reset-validation.h"

namespace ns3
{

namespace
{
bool
InWindow(SequenceNumber32 rcvNxt, uint32_t rcvWnd, SequenceNumber32 segSeq)
{
    if (rcvWnd == 0)
    {
        return segSeq == rcvNxt;
    }
    return segSeq >= rcvNxt && segSeq < rcvNxt + rcvWnd;
}
} // namespace

bool
SegmentTouchesWindow(SequenceNumber32 seq,
                     SequenceNumber32 endSeq,
                     SequenceNumber32 windowStart,
                     SequenceNumber32 windowEnd)
{
    if (seq == windowStart)
    {
        return true;
    }
    if (endSeq > windowStart && seq < windowEnd)
    {
        return true;
    }
    return seq == windowEnd && seq == endSeq;
}

bool
SegmentAcceptable(SequenceNumber32 seq,
                  SequenceNumber32 endSeq,
                  SequenceNumber32 rcvNxt,
                  uint32_t rcvWnd)
{
    return !(endSeq < rcvNxt) && !(seq > rcvNxt + SequenceNumber32(rcvWnd));
}

bool
SynSentAckAcceptable(SequenceNumber32 iss, SequenceNumber32 segAck)
{
    return segAck == iss + SequenceNumber32(1);
}

RstCheck
CheckRstRfc5961(SequenceNumber32 rcvNxt,
                uint32_t rcvWnd,
                SequenceNumber32 segSeq,
                bool peerFinReceived)
{
    if (segSeq == rcvNxt || (peerFinReceived && segSeq + SequenceNumber32(1) == rcvNxt))
    {
        return RstCheck::ACCEPT;
    }
    return InWindow(rcvNxt, rcvWnd, segSeq) ? RstCheck::CHALLENGE_ACK : RstCheck::DROP;
}

RstCheck
CheckRstRfc793(SequenceNumber32 rcvNxt, uint32_t rcvWnd, SequenceNumber32 segSeq)
{
    return InWindow(rcvNxt, rcvWnd, segSeq) ? RstCheck::ACCEPT : RstCheck::DROP;
}

} // namespace ns3

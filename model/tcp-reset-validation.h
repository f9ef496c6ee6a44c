/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RESET_VALIDATION_H
#define TCP_RESET_VALIDATION_H

#include "ns3/sequence-number.h"

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Verdict on a received reset.
 */
enum class RstCheck
{
    ACCEPT,        //!< the connection is reset
    CHALLENGE_ACK, //!< answer with an ACK, keep the connection
    DROP,          //!< ignore it
};

// Linux tcp_rcv_synsent_state_process() / RFC 9293 3.10.7.3: in SYN_SENT an ACK is acceptable
// only if SND.UNA < SEG.ACK <= SND.NXT, i.e. it acknowledges our SYN.
/**
 * \ingroup tcp-rst
 * \param iss our initial sequence number (SND.UNA in SYN_SENT)
 * \param segAck the segment's acknowledgment number
 * \return true when SEG.ACK == ISS + 1 (SND.NXT right after the SYN)
 */
bool SynSentAckAcceptable(SequenceNumber32 iss, SequenceNumber32 segAck);

/**
 * \ingroup tcp-rst
 * \brief Linux tcp_in_window() (tcp_check_req()): the segment [seq, endSeq) touches
 * [windowStart, windowEnd].
 * \param seq SEG.SEQ \param endSeq SEG.SEQ + SEG.LEN \param windowStart RCV.NXT
 * \param windowEnd RCV.NXT + RCV.WND
 * \return true when it does
 */
bool SegmentTouchesWindow(SequenceNumber32 seq,
                          SequenceNumber32 endSeq,
                          SequenceNumber32 windowStart,
                          SequenceNumber32 windowEnd);

/**
 * \ingroup tcp-rst
 * \brief Linux tcp_sequence() (tcp_validate_incoming()): the segment ends at or after RCV.NXT
 * and starts at or before RCV.NXT + RCV.WND (RCV.WUP taken as RCV.NXT).
 * \param seq SEG.SEQ \param endSeq SEG.SEQ + SEG.LEN \param rcvNxt RCV.NXT
 * \param rcvWnd RCV.WND
 * \return true when the segment is acceptable
 */
bool SegmentAcceptable(SequenceNumber32 seq,
                       SequenceNumber32 endSeq,
                       SequenceNumber32 rcvNxt,
                       uint32_t rcvWnd);

// RFC 5961 section 3.2 as Linux tcp_validate_incoming() applies it: a RST resets only when
// SEG.SEQ == RCV.NXT (or RCV.NXT - 1 once the peer's FIN was received, tcp_reset_check());
// another in-window RST earns a challenge ACK; the rest are dropped.
/**
 * \ingroup tcp-rst
 * \param rcvNxt RCV.NXT
 * \param rcvWnd receive window in bytes
 * \param segSeq the reset's sequence number
 * \param peerFinReceived the connection is in CLOSE_WAIT, LAST_ACK or CLOSING
 * \return the verdict
 */
RstCheck CheckRstRfc5961(SequenceNumber32 rcvNxt,
                         uint32_t rcvWnd,
                         SequenceNumber32 segSeq,
                         bool peerFinReceived = false);

// RFC 793 page 37 / RFC 9293 3.10.7.4 without RFC 5961: a RST is valid if its sequence number
// is in the window (RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND, or == RCV.NXT when RCV.WND is 0).
/**
 * \ingroup tcp-rst
 * \param rcvNxt RCV.NXT
 * \param rcvWnd receive window in bytes
 * \param segSeq the reset's sequence number
 * \return ACCEPT or DROP
 */
RstCheck CheckRstRfc793(SequenceNumber32 rcvNxt, uint32_t rcvWnd, SequenceNumber32 segSeq);

} // namespace ns3

#endif /* TCP_RESET_VALIDATION_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RESET_SHAPES_H
#define TCP_RESET_SHAPES_H

#include "ns3/tcp-header.h"

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The reset answering a segment that found no usable connection, shaped like Linux
 * tcp_v4_send_reset(): if the segment carried an ACK, `R` with seq = SEG.ACK; otherwise `R.`
 * with seq 0 and ack = SEG.SEQ + SEG.LEN (+1 for SYN, +1 for FIN). Window 0, no options.
 *
 * \param offending the segment being answered (ports are swapped into the reply)
 * \param payloadSize its payload length in bytes
 * \return the reset header
 */
TcpHeader NoSocketResetShape(const TcpHeader& offending, uint32_t payloadSize);

/**
 * \ingroup tcp-rst
 * \brief The same reply as stock ns-3 3.37 builds it (TcpL4Protocol::NoEndPointsFound()):
 * without an ACK on the segment the reply acks SEG.SEQ + 1, whatever the segment carried, and
 * the window field is TcpHeader's default, 65535.
 * Kept so that the "Stock" policy reproduces ns-3 exactly.
 *
 * \param offending the segment being answered
 * \return the reset header
 */
TcpHeader StockNoSocketResetShape(const TcpHeader& offending);

/**
 * \ingroup tcp-rst
 * \brief An active reset from a live connection, shaped like Linux tcp_send_active_reset():
 * `R.` with seq = SND.NXT, ack = RCV.NXT and the connection's receive window. The caller adds
 * the options the connection uses (Linux adds the timestamp option).
 *
 * \param sndNxt SND.NXT of the connection
 * \param rcvNxt RCV.NXT of the connection
 * \param window advertised window field
 * \param localPort source port
 * \param peerPort destination port
 * \return the reset header
 */
TcpHeader ActiveResetShape(SequenceNumber32 sndNxt,
                           SequenceNumber32 rcvNxt,
                           uint16_t window,
                           uint16_t localPort,
                           uint16_t peerPort);

/**
 * \ingroup tcp-rst
 * \param header a TCP header
 * \param payloadSize payload length
 * \return SEG.LEN as RFC 9293 counts it: payload plus one for SYN and one for FIN
 */
uint32_t SegmentLength(const TcpHeader& header, uint32_t payloadSize);

} // namespace ns3

#endif /* TCP_RESET_SHAPES_H */

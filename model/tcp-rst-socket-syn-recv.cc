/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket in SYN_RCVD: resets reaching a half-open connection.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

namespace ns3
{

// Linux tcp_check_req(): an in-window RST frees the request silently (TcpAttemptFails); the
// application never saw the connection.
TcpRstSocket::Handled
TcpRstSocket::OnSynRcvdReset(const Segment& s)
{
    if (CheckRstRfc793(GetRcvNxt(), GetRcvWnd(), s.header.GetSequenceNumber()) != RstCheck::ACCEPT)
    {
        NotifyResetReceived(s, RstDisposition::OUT_OF_WINDOW);
        return Handled::YES;
    }
    NotifyResetReceived(s, RstDisposition::HALF_OPEN_FREED);
    m_rstTcp->GetCounters().Increment(TcpStat::AttemptFails);
    m_closeNotified = true; // the application never saw this connection
    CloseAndNotify();
    return Handled::YES;
}

} // namespace ns3

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NO_SOCKET_CASE_H
#define NO_SOCKET_CASE_H

#include "rst-case.h"

#include "ns3/tcp-rst-socket.h"

#include <map>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief First half of seed case 4: segments reaching a host that has no such connection.
 *
 * Two connections are open when the client host loses its TCP state without a segment on the
 * wire (TcpRstL4Protocol::DiscardAllSockets()); a listener then takes the second one's port.
 * The server's data on the first connection meets no socket (`R seq=SEG.ACK`, NO_SOCKET, as in
 * Linux capture 04c), on the second the listener (`R seq=SEG.ACK`, TCP_FLAGS, as in 04c2); the
 * server's connections end as reset (ECONNRESET). Last, crafted segments to unbound ports: one
 * with 20 bytes and no ACK is answered `R.` seq=0 ack=SEG.SEQ+20 (the payload counts), a pure
 * ACK is answered `R` seq=SEG.ACK.
 */
class NoSocketCase : public RstCase
{
  public:
    NoSocketCase();
    void AddOptions(CommandLine& cmd) override;
    void Validate() const override;
    Time GetDuration() const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

    uint32_t m_serverBytes{1000}; //!< bytes the server sends after the client lost its state
    uint32_t m_craftedBytes{20};  //!< payload of the crafted segment without ACK

  private:
    std::map<uint16_t, Ptr<TcpRstSocket>> m_accepted; //!< server sockets by client port
    std::map<uint16_t, bool> m_serverReset;           //!< server saw its connection reset
    Ptr<TcpRstSocket> m_listener;                     //!< server listener
    Ptr<TcpRstSocket> m_clientListener;               //!< listener on the client after the wipe
    std::vector<Ptr<TcpRstSocket>> m_clients;         //!< client sockets
    SequenceNumber32 m_craftedSeq{1000};              //!< seq of the crafted segment
};

} // namespace ns3

#endif /* NO_SOCKET_CASE_H */

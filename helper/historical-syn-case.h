/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HISTORICAL_SYN_CASE_H
#define HISTORICAL_SYN_CASE_H

#include "rst-case.h"

#include "ns3/tcp-rst-socket.h"

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 1: an old duplicate SYN reaches the server before the client's own SYN.
 *
 * As in the Linux capture 01-historical-syn: the client's first SYN is lost, an old SYN of
 * the same 4-tuple with a lower ISN and an older timestamp arrives, the server answers it with
 * a SYN-ACK acking the old ISN, the client (SYN_SENT) answers `R seq=SEG.ACK`, the server frees
 * the half-open connection silently, the client re-sends its SYN TCP_TIMEOUT_MIN later and the
 * handshake completes; data then flows.
 */
class HistoricalSynCase : public RstCase
{
  public:
    HistoricalSynCase();
    void AddOptions(CommandLine& cmd) override;
    void Validate() const override;
    Time GetDuration() const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

    uint32_t m_isnOffset{10};          //!< the old SYN's ISN is this much below the client's
    Time m_oldSynAt{MilliSeconds(48)}; //!< when the old SYN is sent, after connect()
    Time m_tsAge{MilliSeconds(100)};   //!< how much older its timestamp is
    uint32_t m_dataBytes{100};         //!< bytes the client sends once connected

  private:
    Ptr<TcpRstSocket> m_client;   //!< the connecting socket
    Ptr<TcpRstSocket> m_listener; //!< the server's listener
    bool m_connected{false};      //!< connect() succeeded
    bool m_connectFailed{false};  //!< connect() failed
    uint32_t m_accepted{0};       //!< connections the server accepted
    uint32_t m_received{0};       //!< bytes the server read
    bool m_serverClosed{false};   //!< the server called close()
};

} // namespace ns3

#endif /* HISTORICAL_SYN_CASE_H */

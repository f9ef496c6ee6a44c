/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TIME_WAIT_CASE_H
#define TIME_WAIT_CASE_H

#include "ns3/close-path-case.h"
#include "ns3/tcp-time-wait.h"

#include <map>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Base of the seed case 7 scenarios, as the Linux captures 07*: the client sends 50
 * bytes, the server answers 100 and closes first, the client reads EOF and closes, so the
 * **server** holds TIME_WAIT (RCV.NXT = the client's FIN + 1, SND.NXT = its own FIN + 1).
 * OnTimeWait() then runs once the server's timewait entry exists.
 */
class TimeWaitCase : public ClosePathCase
{
  protected:
    using ClosePathCase::ClosePathCase;

    /// \param ctx the scenario \param conn the server now holds TIME_WAIT for it
    /// \param tw the server's entry (a copy, taken now)
    virtual void OnTimeWait(CaseContext& ctx, Connection& conn, const TcpTimeWaitState& tw) = 0;

    /// \param ctx the scenario \param port a client port \return the server's entry, or nullptr
    static const TcpTimeWaitState* ServerTimeWait(const CaseContext& ctx, uint16_t port);
    /// \param port a client port \return the server's entry when TIME_WAIT began
    const TcpTimeWaitState* TimeWaitAtStart(uint16_t port) const;

    void OnEstablished(CaseContext& ctx, Connection& conn) override;
    void OnRead(CaseContext& ctx, Connection& conn, bool client, uint32_t bytes) override;
    void OnEof(CaseContext& ctx, Connection& conn, bool client) override;

  private:
    /// \param ctx the scenario \param conn the connection \param tries checks so far
    void WaitForTimeWait(CaseContext& ctx, Connection& conn, uint32_t tries);

    std::map<uint16_t, TcpTimeWaitState> m_started; //!< entries when TIME_WAIT began
};

} // namespace ns3

#endif /* TIME_WAIT_CASE_H */

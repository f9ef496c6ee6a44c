/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NO_LISTEN_CASE_H
#define NO_LISTEN_CASE_H

#include "rst-case.h"

#include "ns3/tcp-rst-socket.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 11: bind() without listen(), and a port nobody bound.
 *
 * As in the Linux capture 11-bind-no-listen: both SYNs are answered with `R.` seq 0,
 * ack = ISN + 1 (the socket that is only bound is invisible), and each connect() fails at once
 * with ECONNREFUSED.
 */
class NoListenCase : public RstCase
{
  public:
    NoListenCase();
    void AddOptions(CommandLine& cmd) override;
    void Validate() const override;
    Time GetDuration() const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

    uint16_t m_boundPort{5000};   //!< port bound without listen()
    uint16_t m_unboundPort{5999}; //!< port nobody bound

  private:
    /// One connect() attempt.
    struct Attempt
    {
        uint16_t port{0};         //!< destination port
        Ptr<TcpRstSocket> socket; //!< the socket
        Time started;             //!< connect() time
        Time failed{Time::Max()}; //!< when the failure was reported
        bool connected{false};    //!< connect succeeded (must not)
    };

    Ptr<TcpRstSocket> m_bound;       //!< the bound socket
    std::vector<Attempt> m_attempts; //!< both attempts
};

} // namespace ns3

#endif /* NO_LISTEN_CASE_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PEER_FAILURE_CASE_H
#define PEER_FAILURE_CASE_H

#include "ns3/rst-case.h"
#include "ns3/tcp-rst-host-lifecycle.h"

#include <map>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The ground of the peer-failure cases, as the Linux lab sets it up (captures 04*):
 * the server listens on port 5000; clients connect at 1 s from chosen ports and send 10
 * bytes; once the server has read them from every client, OnConnected() schedules the
 * case's trigger. CrashClient() and RebootClient() are the lab's crash: the client host's
 * TCP goes silent and loses its connections (TcpRstHostLifecycle), and the router drops what
 * is sent to or by it meanwhile (so the ladder marks it LOST, as the lab's did).
 */
class PeerFailureCase : public RstCase
{
  public:
    /// One connection.
    struct Connection
    {
        uint16_t clientPort{0};                                        //!< the client's port
        Ptr<TcpRstSocket> client;                                      //!< its socket on the client
        Ptr<TcpRstSocket> server;                                      //!< the accepted socket
        uint32_t read{0};                                              //!< bytes the server read
        TcpRstSocket::SocketError serverError{TcpRstSocket::NO_ERROR}; //!< server's SO_ERROR
        Time serverErrorAt{Time::Max()};                               //!< when it ended with it
    };

    /// The server socket's keepalive (TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT), as the
    /// captures set it.
    struct Keepalive
    {
        Time idle{Seconds(3)};     //!< TCP_KEEPIDLE
        Time interval{Seconds(1)}; //!< TCP_KEEPINTVL
        uint32_t probes{3};        //!< TCP_KEEPCNT

        /// \param options where to declare --idle, --interval, --probes
        void AddOptions(CaseOptions& options);
        /// \throws std::invalid_argument naming the parameter out of its range
        void Validate() const;
        /// \param socket switch it on there \param ctx for the ladder note
        void Apply(Ptr<TcpRstSocket> socket, const CaseContext& ctx) const;
    };

  protected:
    /**
     * \param name run name \param title one line \param expected the expected reset
     * \param clientPorts one connection per port
     */
    PeerFailureCase(std::string name,
                    std::string title,
                    std::string expected,
                    std::vector<uint16_t> clientPorts);

    void Schedule(CaseContext& ctx) final;

    /// \param ctx the scenario: every connection carried its 10 bytes, now
    virtual void OnConnected(CaseContext& ctx) = 0;

    /// \param listener the server's listener, before it listens (e.g. RcvBufSize)
    virtual void ConfigureListener(Ptr<TcpRstSocket> listener);

    /// \param ctx the scenario \param after from now
    void CrashClient(CaseContext& ctx, Time after);
    /// \param ctx the scenario \param after from now \param restart run after the boot
    void RebootClient(CaseContext& ctx, Time after, std::function<void()> restart = nullptr);

    /// \param port a client port \return its connection
    Connection& Get(uint16_t port);
    /// \param port a client port \return its connection
    const Connection& Get(uint16_t port) const;

    /// \return true once OnConnected() ran
    bool Connected() const;

    /// \param result the result \param port a client port \param fromClient direction
    /// \return the segments of that connection that way, after OnConnected()
    std::vector<const LadderSegment*> SegmentsAfterConnected(const CaseResult& result,
                                                             uint16_t port,
                                                             bool fromClient) const;

    static constexpr uint16_t SERVER_PORT = 5000; //!< the server's port

  private:
    std::map<uint16_t, Connection> m_connections; //!< by client port
    Ptr<TcpRstSocket> m_listener;                 //!< the server's listener
    TcpRstHostLifecycle m_hosts;                  //!< crashes and reboots
    std::shared_ptr<bool> m_clientDown;           //!< the router drops client traffic
    Time m_connectedAt{Time::Max()};              //!< when OnConnected() ran
};

} // namespace ns3

#endif /* PEER_FAILURE_CASE_H */

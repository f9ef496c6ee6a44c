/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CLOSE_PATH_CASE_H
#define CLOSE_PATH_CASE_H

#include "ns3/rst-case.h"

#include <functional>
#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Base of the close-path cases (seed cases 2, 3, 7, 9, 10): connections from fixed
 * client ports to one listener, each scripted from the moment both ends are connected, with
 * what each application saw (bytes read, EOF, the error of a reset, what send() returned).
 */
class ClosePathCase : public RstCase
{
  public:
    /// One connection and what its two applications saw.
    struct Connection
    {
        uint16_t clientPort{0};   //!< the client's port
        Ptr<TcpRstSocket> client; //!< the client's socket
        Ptr<TcpRstSocket> server; //!< the accepted socket
        bool serverReads{true};   //!< the server reads what arrives (false: leaves it queued)
        uint32_t serverRead{0};   //!< bytes the server read
        uint32_t clientRead{0};   //!< bytes the client read
        bool clientEof{false};    //!< the client read EOF (the server's FIN)
        bool serverEof{false};    //!< the server read EOF (the client's FIN)
        TcpRstSocket::SocketError clientError{TcpRstSocket::NO_ERROR}; //!< client's SO_ERROR
        TcpRstSocket::SocketError serverError{TcpRstSocket::NO_ERROR}; //!< server's SO_ERROR
        Time establishedAt{Time::Max()};                               //!< both ends connected
    };

  protected:
    /**
     * \param name run name \param title one line \param expected the expected resets
     * \param clientPorts one connection per port, connecting 100 ms apart from 1 s on
     */
    ClosePathCase(std::string name,
                  std::string title,
                  std::string expected,
                  std::vector<uint16_t> clientPorts);

    void Schedule(CaseContext& ctx) final;

    /// \param ctx the scenario \param conn both ends of it are connected, now
    virtual void OnEstablished(CaseContext& ctx, Connection& conn) = 0;
    /// \param ctx the scenario: before anything connects (filters, attributes)
    virtual void Prepare(CaseContext& ctx);
    /// \param ctx the scenario \param conn the connection \param client whose application
    /// just read EOF (the peer's FIN)
    virtual void OnEof(CaseContext& ctx, Connection& conn, bool client);
    /// \param ctx the scenario \param conn the connection \param client whose application
    /// \param bytes what it just read
    virtual void OnRead(CaseContext& ctx, Connection& conn, bool client, uint32_t bytes);
    /// \param port a client port \return when it connects (default: 1 s + 100 ms per index)
    virtual Time ConnectAt(std::size_t index) const;

    /// \param port a client port \return its connection
    Connection& Get(uint16_t port);
    /// \param port a client port \return its connection
    const Connection& Get(uint16_t port) const;

    /**
     * \param ctx the scenario \param conn the connection \param fromClient who sends
     * \param bytes how many \param after from now
     */
    void SendLater(
        CaseContext& ctx, Connection& conn, bool fromClient, uint32_t bytes, Time after) const;
    /// \param ctx the scenario \param conn the connection \param fromClient who closes
    /// \param after from now \param what e.g. "close()" or "shutdown(SHUT_RDWR)" (for the note)
    /// \param action the call
    void CallLater(CaseContext& ctx,
                   Connection& conn,
                   bool fromClient,
                   Time after,
                   const std::string& what,
                   std::function<void(Ptr<TcpRstSocket>)> action) const;
    /// \param ctx the scenario \param conn the connection \param fromClient whose application
    /// reads what is queued now, and notes what recv() returns
    void ReadNow(CaseContext& ctx, Connection& conn, bool fromClient);

    /**
     * \param result the result \param port the connection \param fromClient direction
     * \param after only segments sent after this time
     * \return the segments of that connection that way (injected ones excluded)
     */
    static std::vector<const LadderSegment*> Segments(const CaseResult& result,
                                                      uint16_t port,
                                                      bool fromClient,
                                                      Time after = Time(0));
    /**
     * \param result the result \param port a connection \param from a time
     * \return true when a segment injected for that connection at or after \p from was lost
     */
    static bool InjectedLost(const CaseResult& result, uint16_t port, Time from);

    static constexpr uint16_t SERVER_PORT = 5000; //!< the server's port

  private:
    void Connect(CaseContext& ctx, Connection& conn);
    void Accepted(CaseContext& ctx, Ptr<TcpRstSocket> socket, uint16_t port);
    void MaybeEstablished(CaseContext& ctx, Connection& conn);

    std::map<uint16_t, Connection> m_connections; //!< by client port
    std::vector<uint16_t> m_order;                //!< the ports in connect order
    Ptr<TcpRstSocket> m_listener;                 //!< the server's listener
};

} // namespace ns3

#endif /* CLOSE_PATH_CASE_H */

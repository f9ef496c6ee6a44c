/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ACCEPT_SERVER_H
#define TCP_ACCEPT_SERVER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class Packet;
class Socket;
class TcpRstSocket;

/**
 * \ingroup tcp-rst
 * \brief A server that calls accept() at a given rate, or never, and reads what its
 * connections receive, or not: the application behind a full accept queue.
 *
 * It listens on a tcp-rst node with the Backlog attribute and AutoAccept off, so completed
 * connections wait in the listener's accept queue (policy ListenQueues). It accepts the oldest
 * one, then waits 1/AcceptRate before the next accept(); an accept() that finds the queue empty
 * blocks until a connection completes, as a blocking accept() does. With Accepting false it
 * never accepts: the queue fills and the listener overflows. With Read false accepted
 * connections are never read, so their receive windows close.
 */
class TcpAcceptServer : public Application
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    TcpAcceptServer();
    ~TcpAcceptServer() override;

    /// \return the listening socket (nullptr before the application starts)
    Ptr<TcpRstSocket> GetListener() const;
    /// \return the connections accepted so far, in accept order
    const std::vector<Ptr<TcpRstSocket>>& GetAccepted() const;
    /// \return bytes read from all connections
    uint64_t GetTotalRx() const;

    /**
     * TracedCallback signature for Accept.
     * \param socket the accepted connection \param from the peer
     */
    typedef void (*AcceptTracedCallback)(Ptr<const TcpRstSocket> socket, const Address& from);

  private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    void AcceptOne();
    void QueueLengthChanged(uint32_t before, uint32_t after);
    void Accepted(Ptr<Socket> socket, const Address& from);
    void Read(Ptr<Socket> socket);

    Address m_local;                           //!< Local: address and port to listen on
    int32_t m_backlog{128};                    //!< Backlog
    double m_acceptRate{10};                   //!< AcceptRate: accept() calls per second
    bool m_accepting{true};                    //!< Accepting: false never accepts
    bool m_read{true};                         //!< Read: read accepted connections
    Ptr<TcpRstSocket> m_listener;              //!< the listener
    std::vector<Ptr<TcpRstSocket>> m_accepted; //!< accepted connections
    EventId m_nextAccept;                      //!< the next accept() call
    bool m_blocked{false};                     //!< accept() waits for a connection
    uint64_t m_totalRx{0};                     //!< bytes read
    TracedCallback<Ptr<const TcpRstSocket>, const Address&> m_acceptTrace; //!< Accept
    TracedCallback<Ptr<const Packet>, const Address&> m_rxTrace;           //!< Rx
    TracedCallback<uint32_t, uint32_t> m_queueTrace;                       //!< AcceptQueueLength
};

} // namespace ns3

#endif /* TCP_ACCEPT_SERVER_H */

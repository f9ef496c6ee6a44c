/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CONNECTION_STATE_DRIVER_H
#define CONNECTION_STATE_DRIVER_H

#include "ns3/address.h"
#include "ns3/node.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What an application saw on one socket (its callbacks).
 */
struct AppView
{
    bool connected{false};     //!< connect succeeded
    bool connectFailed{false}; //!< connect failed
    bool normalClose{false};   //!< NotifyNormalClose
    bool errorClose{false};    //!< NotifyErrorClose
};

/**
 * \ingroup tcp-rst
 * \brief Brings connections from a client host to a server host into any TCP state, for the
 * state x event tests and the fuzz driver.
 *
 * Each connection goes from its own client port (firstClientPort + i) to the server's port.
 * Once connected the client sends 100 bytes and the server 200 (so RCV.NXT and SND.NXT are not
 * 1 on either side); closes are shutdown(SHUT_WR), so the applications keep their sockets. The
 * states that need a lost segment get it from the drop filters given (on the path from the
 * client and from the server).
 */
class ConnectionStateDriver
{
  public:
    /// One connection.
    struct Connection
    {
        uint16_t clientPort{0};     //!< the client's port
        Ptr<TcpRstSocket> client;   //!< client socket
        Ptr<TcpRstSocket> server;   //!< server connection socket (accepted, or SYN_RCVD)
        AppView clientApp;          //!< client application
        AppView serverApp;          //!< server application
        bool subjectIsClient{true}; //!< which socket Bring() brought into the state
    };

    static constexpr uint32_t kClientBytes = 100; //!< data the client sends once connected
    static constexpr uint32_t kServerBytes = 200; //!< data the server sends once connected

    /**
     * \param client client host
     * \param server server host
     * \param serverAddress the server's Ipv4Address or Ipv6Address
     * \param serverPort the listening port
     * \param fromClient drop filter on the way from the client to the server
     * \param fromServer drop filter on the way from the server to the client
     */
    ConnectionStateDriver(Ptr<Node> client,
                          Ptr<Node> server,
                          const Address& serverAddress,
                          uint16_t serverPort,
                          Ptr<TcpSegmentFilter> fromClient,
                          Ptr<TcpSegmentFilter> fromServer);

    /**
     * \brief Create the connections' client sockets (before Bring(), e.g. to set attributes).
     * \param count how many connections
     * \param firstClientPort the first one's client port
     */
    void Create(uint32_t count, uint16_t firstClientPort);

    /// \param reads false: applications leave received data unread (before Bring())
    /// \param client whose application
    void SetReading(bool client, bool reads);

    /**
     * \brief Run the simulation until every connection's subject is in \p state:
     * ESTABLISHED (side chosen), CLOSE_WAIT and LAST_ACK (server), FIN_WAIT_1, FIN_WAIT_2,
     * CLOSING and TIME_WAIT (client), SYN_SENT (client), SYN_RCVD (server).
     * \param state the state
     * \param subjectIsClient for ESTABLISHED, which side is the subject
     * \throws std::invalid_argument for a state it cannot reach
     * \throws std::runtime_error naming the state a connection ended up in instead
     */
    void Bring(TcpSocket::TcpStates_t state, bool subjectIsClient = false);

    /// \return the connections
    std::vector<Connection>& GetConnections();

    /// \param c a connection \return the socket Bring() brought into its state
    static Ptr<TcpRstSocket> Subject(const Connection& c);

    /// \param time how long to let the simulation run
    static void RunFor(Time time);

  private:
    void Listen();
    void ConnectAll();
    void ExchangeData();
    void Watch(Ptr<TcpRstSocket> socket, AppView* view, bool client);

    Ptr<Node> m_clientNode;                //!< client host
    Ptr<Node> m_serverNode;                //!< server host
    Address m_serverAddress;               //!< server IP address
    uint16_t m_serverPort;                 //!< server port
    Ptr<TcpSegmentFilter> m_fromClient;    //!< filter from the client
    Ptr<TcpSegmentFilter> m_fromServer;    //!< filter from the server
    Ptr<TcpRstSocket> m_listener;          //!< the listener
    std::vector<Connection> m_connections; //!< the connections
    bool m_clientReads{true};              //!< client applications drain their sockets
    bool m_serverReads{true};              //!< server applications drain their sockets
};

} // namespace ns3

#endif /* CONNECTION_STATE_DRIVER_H */

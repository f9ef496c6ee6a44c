/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_CONNECTION_HARNESS_H
#define TCP_RST_CONNECTION_HARNESS_H

#include "case-test-util.h"

#include "ns3/connection-state-driver.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"

#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/// IP version of a harness connection.
enum class Ip
{
    V4,
    V6,
};

/**
 * A state x event harness in the spirit of ns-3's TcpGeneralTest: one connection from the
 * client (port 40100) to the server (port 5000) over client — router — server, IPv4 or IPv6,
 * brought into any TCP state, then hit with a crafted segment or an application call. A test
 * then states the segments it expects (ladder lines, seq/ack relative to the ISNs), the state,
 * the counters, the reason and the application's error.
 *
 * Once connected, the client sends 100 bytes and the server 200 bytes (so RCV.NXT and SND.NXT
 * are not 1 on either side); closes are shutdown(SHUT_WR) (ShutdownSend()), so the
 * applications keep their sockets and can still call Close().
 */
class ConnectionHarness
{
  public:
    /// Which socket Bring() targets.
    enum class Side
    {
        CLIENT,
        SERVER,
    };

    static constexpr uint16_t kClientPort = 40100; //!< the client's port
    static constexpr uint16_t kServerPort = 5000;  //!< the server's port

    /**
     * \param rst the helper (configure it before)
     * \param ip IPv4 or IPv6
     */
    ConnectionHarness(TcpRstHelper& rst, Ip ip);

    /**
     * \brief Make the applications leave received data unread (e.g. to close with unread
     * data); call before Bring().
     * \param side whose application stops reading
     */
    void StopReading(Side side);

    /**
     * \brief Run the simulation until the subject socket is in \p state:
     * ESTABLISHED (side chosen), CLOSE_WAIT and LAST_ACK (server), FIN_WAIT_1, FIN_WAIT_2,
     * CLOSING and TIME_WAIT (client), SYN_SENT (client), SYN_RCVD (server).
     * \param state the state
     * \param side for ESTABLISHED, which side is the subject
     */
    void Bring(TcpSocket::TcpStates_t state, Side side = Side::SERVER);

    /// \return the socket Bring() brought into its state
    Ptr<TcpRstSocket> Subject() const;
    /// \return the client's socket
    Ptr<TcpRstSocket> Client() const;
    /// \return the server's connection socket (accepted, or in SYN_RCVD)
    Ptr<TcpRstSocket> Server() const;
    /// \return the subject's TCP
    Ptr<TcpRstL4Protocol> SubjectTcp() const;
    /// \return what the subject's application saw
    const AppView& SubjectApp() const;

    /**
     * \brief Inject, from the peer's host, a segment to the subject with seq = subject's
     * RCV.NXT + seqOffset and ack = subject's SND.NXT + ackOffset (computed when sent), then
     * let the network settle.
     * \param flags TCP flags
     * \param seqOffset offset from RCV.NXT
     * \param ackOffset offset from SND.NXT
     * \param window the window field
     */
    void Inject(uint8_t flags, int32_t seqOffset, int32_t ackOffset = 0, uint16_t window = 64240);

    /**
     * \brief As Inject(), but sent \p after from now (the numbers taken then), without
     * running the simulation.
     * \param after delay \param flags TCP flags \param seqOffset offset from RCV.NXT
     * \param ackOffset offset from SND.NXT
     */
    void InjectAt(Time after, uint8_t flags, int32_t seqOffset, int32_t ackOffset = 0);

    /**
     * \brief Drop segments from the client on their way (e.g. to lose data after Bring()).
     * \param predicate which segments
     * \param first index of the first matching segment dropped
     * \param count how many
     */
    void DropFromClient(SegmentPredicate predicate, uint32_t first, uint32_t count);
    /// As DropFromClient(), for segments from the server.
    void DropFromServer(SegmentPredicate predicate, uint32_t first, uint32_t count);
    /// \return every segment recorded since the harness was built
    std::vector<LadderSegment> AllLadderSegments() const;

    /// \param time how long to let the simulation run
    void RunFor(Time time);

    /// \return ladder lines ("C>S RA 101 201") of the segments sent since the last Bring()
    std::vector<std::string> NewSegments() const;
    /// \return the ladder's segments sent since the last Bring()
    std::vector<LadderSegment> NewLadderSegments() const;

    /// \return resets received since the last Bring(), with their dispositions
    std::vector<TcpResetEvent> NewResetsReceived() const;
    /// \return resets sent since the last Bring()
    std::vector<TcpResetEvent> NewResetsSent() const;

    /// \return "C" when the subject is the client, else "S"
    std::string SubjectLetter() const;

    CaseTopology topology; //!< the hosts

  private:
    /// Schedule an injection (Inject(), InjectAt()).
    void ScheduleInjection(
        Time after, uint8_t flags, int32_t seqOffset, int32_t ackOffset, uint16_t window);
    /// \return the one connection
    const ConnectionStateDriver::Connection& Connection() const;

    Ip m_ip;                                         //!< IP version
    std::unique_ptr<TcpLadderRecorder> m_ladder;     //!< client and server devices
    Ptr<TcpSegmentFilter> m_fromClient;              //!< router, segments from the client
    Ptr<TcpSegmentFilter> m_fromServer;              //!< router, segments from the server
    std::unique_ptr<ConnectionStateDriver> m_driver; //!< brings the connection into a state
    std::vector<TcpResetEvent> m_resets;             //!< every reset sent or received
    std::size_t m_segmentMark{0};                    //!< ladder size at the end of Bring()
    std::size_t m_resetMark{0};                      //!< m_resets size at the end of Bring()
};

/// \param ip an IP version \return "Ipv4" or "Ipv6" (test name suffix)
std::string IpName(const ::testing::TestParamInfo<Ip>& ip);

} // namespace test
} // namespace ns3

#endif

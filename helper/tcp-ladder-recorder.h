/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_LADDER_RECORDER_H
#define TCP_LADDER_RECORDER_H

#include "ns3/address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/rst-reason.h"
#include "ns3/tcp-header.h"

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief One segment of a ladder, with seq/ack relative to each side's ISN as in the Linux
 * ground-truth ladders.
 */
struct LadderSegment
{
    Time time;                       //!< when the sender's device sent it
    bool fromClient{true};           //!< C>S (true) or S>C
    uint16_t clientPort{0};          //!< the connection, by client port
    std::string flags;               //!< "S", "SA", "A", "FA", "R", "RA", "PA" ...
    int64_t seq{0};                  //!< relative sequence number (absolute if seqAbsolute)
    bool seqAbsolute{false};         //!< no ISN known yet for the sender
    std::optional<int64_t> ack;      //!< relative ack (absent without ACK flag)
    bool ackAbsolute{false};         //!< no ISN known yet for the acked side
    uint16_t window{0};              //!< raw window field
    uint32_t length{0};              //!< payload bytes
    bool lost{false};                //!< dropped on the way (TcpSegmentFilter)
    bool injected{false};            //!< crafted by TcpSegmentInjector
    std::optional<RstReason> reason; //!< reason of a reset sent by tcp-rst
    std::string options;             //!< options, e.g. "mss=1460,sackOK,ws=7 ts=1000/0"
    TcpHeader header;                //!< the raw header

    /// \return "C>S R 1 -" style summary: direction, flags, seq, ack (+ " LOST")
    std::string Summary() const;
};

/**
 * \ingroup tcp-rst
 * \brief Records the TCP segments a client and a server host send (their devices' MacTx) and
 * writes the ladder: one line per segment, time in ms, direction, flags, seq/ack relative to
 * each side's ISN, window, length, options, LOST marks and the reason on reset lines, plus
 * '#' lines for application events.
 */
class TcpLadderRecorder
{
  public:
    /**
     * \param name ladder name (first line)
     * \param client client host address
     * \param server server host address
     */
    TcpLadderRecorder(std::string name, const Address& client, const Address& server);

    /**
     * \brief Record what a host sends on this device.
     * \param device a host's point-to-point device
     */
    void Watch(Ptr<NetDevice> device);

    /// \param isLost tells whether a copy (0, 1 ... in sending order) of a packet uid was
    /// dropped on the way (TCP retransmits a segment as a copy with the same uid)
    void SetLossOracle(std::function<bool(uint64_t, uint32_t)> isLost);

    /// \param text an application or script event, recorded at the current time
    void Note(const std::string& text);

    /// \return the segments, in order, relative numbers computed
    std::vector<LadderSegment> GetSegments() const;

    /// \param os where to write the ladder
    void Write(std::ostream& os) const;

  private:
    void OnTransmit(Ptr<const Packet> packet);

    /// A raw record.
    struct Raw
    {
        Time time;                          //!< time
        Address source;                     //!< IP source
        TcpHeader header;                   //!< header
        uint32_t payloadSize;               //!< payload bytes
        uint64_t uid;                       //!< packet uid
        uint32_t copy;                      //!< which copy of that uid (retransmissions)
        std::optional<RstReason> tagReason; //!< reason tag
    };

    /// A '#' line.
    struct NoteLine
    {
        Time time;        //!< time
        std::string text; //!< text
    };

    std::vector<LadderSegment> Resolve(std::vector<NoteLine>* isnNotes) const;

    std::string m_name;                               //!< ladder name
    Address m_client;                                 //!< client address (IPv4 or IPv6)
    Address m_server;                                 //!< server address
    std::vector<Raw> m_raw;                           //!< recorded segments
    std::vector<NoteLine> m_notes;                    //!< '#' lines
    std::function<bool(uint64_t, uint32_t)> m_isLost; //!< loss oracle
    std::map<uint64_t, uint32_t> m_copiesSent;        //!< copies recorded per uid
};

} // namespace ns3

#endif /* TCP_LADDER_RECORDER_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_FUZZER_H
#define TCP_RST_FUZZER_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief How a fuzz run is made.
 */
struct FuzzOptions
{
    uint64_t count{50000};               //!< crafted segments in all, spread over the situations
    uint32_t seed{1};                    //!< ns-3 RNG seed (the same seed gives the same run)
    bool stock{false};                   //!< every policy Stock (to see what stock ns-3 does)
    uint32_t connections{64};            //!< connections fuzzed at once in one simulation
    uint32_t rounds{100};                //!< segments per connection before a fresh batch
    uint32_t timeLimitSeconds{0};        //!< per situation; 0 = none (a hang is then not caught)
    std::vector<std::string> situations; //!< which ones; empty = all (Situations())
};

/**
 * \ingroup tcp-rst
 * \brief What the segments sent to one socket situation did.
 */
struct FuzzReport
{
    std::string situation;       //!< e.g. "ESTABLISHED", "LISTEN", "UNBOUND"
    uint64_t sent{0};            //!< crafted segments sent
    uint64_t killsExactRst{0};   //!< connections ended by a RST with the exact sequence number
    uint64_t killsInexactRst{0}; //!< ... by any other RST
    uint64_t killsNonRst{0};     //!< ... by a segment without RST
    uint64_t notAsLinux{0};      //!< endings Linux would not have had (see the doc's table)
    uint64_t resetsSent{0};      //!< resets the fuzzed host sent
    std::string failure;         //!< crash or hang (signal, message), empty when none
};

/**
 * \ingroup tcp-rst
 * \brief Sends random crafted segments — all 256 flag combinations, sequence and
 * acknowledgment numbers at and around the window edges, random payloads, valid and malformed
 * options and headers — to connections in every state (LISTEN ... TIME_WAIT), to a socket
 * bound but not listening and to a port nobody bound, and counts what ends a connection.
 *
 * Every situation runs in a child process (fork), so a crash or a hang (with
 * FuzzOptions::timeLimitSeconds) is reported for that situation instead of ending the run.
 * A connection "ends" when its socket leaves its state for CLOSED (a listener: leaves LISTEN);
 * the segment sent to it just before is the cause. "Not as Linux" counts endings outside what
 * Linux does itself: an exact RST (RCV.NXT, or RCV.NXT-1 after the peer's FIN; in SYN_SENT a
 * RST acking the SYN), in SYN_RCVD an in-window RST or SYN (tcp_check_req()), in LAST_ACK the
 * ACK of our FIN.
 */
class TcpRstFuzzer
{
  public:
    /**
     * \param options how
     * \return one report per situation
     */
    static std::vector<FuzzReport> Run(const FuzzOptions& options);

    /**
     * \param reports the reports
     * \param os where to print the table
     */
    static void Print(const std::vector<FuzzReport>& reports, std::ostream& os);

    /// \return the situations, in run order
    static std::vector<std::string> Situations();

    /**
     * \brief Fuzz one situation in this process.
     * \param situation one of Situations()
     * \param segments how many segments
     * \param options seed, stock, batch sizes
     * \return the report
     */
    static FuzzReport RunSituation(const std::string& situation,
                                   uint64_t segments,
                                   const FuzzOptions& options);
};

} // namespace ns3

#endif /* TCP_RST_FUZZER_H */

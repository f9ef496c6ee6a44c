/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_BENCH_H
#define TCP_RST_BENCH_H

#include <cstdint>

namespace ns3
{
namespace bench
{

/// The stacks a benchmark compares.
enum Stack
{
    NS3,           //!< ns-3's own TCP (InternetStackHelper, TcpSocketBase)
    TCP_RST_STOCK, //!< tcp-rst with every policy Stock
    TCP_RST_LINUX, //!< tcp-rst as Linux (its defaults)
    TCP_RST_SCAN,  //!< tcp-rst as Linux with FastDemux off (ns-3's endpoint scan)
};

/// \param clients spoofed SYNs of the flood \brief registers SynFlood/<stack>
void RegisterSynFlood(uint32_t clients);
/// \param connections concurrent connections to one server \brief registers Demux/<stack>
void RegisterDemux(uint32_t connections);
/// \return the process's peak resident memory in MiB
double PeakResidentMiB();

} // namespace bench
} // namespace ns3

#endif /* TCP_RST_BENCH_H */

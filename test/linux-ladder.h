/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_LINUX_LADDER_H
#define TCP_RST_LINUX_LADDER_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * The segments of a Linux reference ladder (test/data/linux/NAME.txt) in the form
 * LadderSegment::Summary() prints ("C>S RA abs:0 1", "S>C A 1 101 len=100 LOST"), so a test
 * can compare the model's ladder with Linux's line by line.
 *
 * \param name file name without .txt, e.g. "01-historical-syn"
 * \param withPsh keep the PSH flag (false drops it, to compare with the Ns3 host profile, which
 * never sets it) \return the lines, in capture order
 */
std::vector<std::string> LinuxLadder(const std::string& name, bool withPsh = true);

/**
 * \brief As LinuxLadder(), with the raw window and the options other than timestamps, as
 * WithWindow() prints the model's: "S>C SA 0 1 win=65160 mss=1460,sackOK,ws=10".
 * \param name file name without .txt
 * \return the lines
 */
std::vector<std::string> LinuxLadderWithWindows(const std::string& name);

/**
 * \brief As LinuxLadderWithWindows(), one connection of a ladder with a `conn` column.
 * \param name file name without .txt \param clientPort the connection (its client port)
 * \return the lines
 */
std::vector<std::string> LinuxConnectionWithWindows(const std::string& name, uint16_t clientPort);

/// \param name ladder \param withPsh keep PSH \param withWindows add window and options
/// \param clientPort only this connection (0: all) \return the lines
std::vector<std::string> ReadLinuxLadder(const std::string& name,
                                         bool withPsh,
                                         bool withWindows,
                                         uint16_t clientPort = 0);

} // namespace test
} // namespace ns3

#endif

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 6: third ACK lost, SYN-ACK retries run out, later data is reset
//
//   ./tcp-rst run synack-retries                   (or build/tcp-rst-synack-retries)
//   build/tcp-rst-synack-retries --PrintHelp       (the case's parameters, the link: --delay --rate
//   --loss) build/tcp-rst-synack-retries --out=results/synack-retries  (client.pcap, server.pcap,
//   resets.csv, ladder.txt ...) build/tcp-rst-synack-retries --stock           (stock ns-3
//   behaviour, for comparison)
//
// The scenario itself is helper/cases/synack-retries-case.cc; prints the ladder, the checks and the
// verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "synack-retries");
}

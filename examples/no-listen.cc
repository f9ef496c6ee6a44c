/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Reproduces the "no-listen" case: seed case 11, SYN to a port bound without listen().
//
//   ./tcp-rst run no-listen                      (or build/tcp-rst-no-listen)
//   build/tcp-rst-no-listen --out=results/no-listen --PrintHelp
//   build/tcp-rst-no-listen --stock              (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/no-listen-case.cc; prints the ladder, the checks and the verdict,
// and with --out writes client.pcap, server.pcap, resets.csv and ladder.txt.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "no-listen");
}

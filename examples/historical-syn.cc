/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Reproduces the "historical-syn" case: seed case 1, an old duplicate SYN reaches the server first.
//
//   ./tcp-rst run historical-syn                      (or build/tcp-rst-historical-syn)
//   build/tcp-rst-historical-syn --out=results/historical-syn --PrintHelp
//   build/tcp-rst-historical-syn --stock              (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/historical-syn-case.cc; prints the ladder, the checks and the
// verdict, and with --out writes client.pcap, server.pcap, resets.csv and ladder.txt.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "historical-syn");
}

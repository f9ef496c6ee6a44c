/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Reproduces the "no-socket" case: seed case 4 (first half), segments reaching a host without the
// connection.
//
//   ./tcp-rst run no-socket                      (or build/tcp-rst-no-socket)
//   build/tcp-rst-no-socket --out=results/no-socket --PrintHelp
//   build/tcp-rst-no-socket --stock              (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/no-socket-case.cc; prints the ladder, the checks and the verdict,
// and with --out writes client.pcap, server.pcap, resets.csv and ladder.txt.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "no-socket");
}

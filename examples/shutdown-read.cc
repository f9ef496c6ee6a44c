/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 10: data after shutdown(SHUT_RD) / close()
//
//   ./tcp-rst run shutdown-read                   (or build/tcp-rst-shutdown-read)
//   build/tcp-rst-shutdown-read --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-shutdown-read --out=results/shutdown-read
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-shutdown-read --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/shutdown-read-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "shutdown-read");
}

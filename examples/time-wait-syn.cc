/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 7: SYNs reaching TIME_WAIT (reuse with ISN+65537; old SYN rejected)
//
//   ./tcp-rst run time-wait-syn                   (or build/tcp-rst-time-wait-syn)
//   build/tcp-rst-time-wait-syn --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-time-wait-syn --out=results/time-wait-syn
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-time-wait-syn --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/time-wait-syn-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "time-wait-syn");
}

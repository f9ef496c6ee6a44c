/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 7: a reset reaching TIME_WAIT, Rfc1337 false and true
//
//   ./tcp-rst run time-wait-rst                   (or build/tcp-rst-time-wait-rst)
//   build/tcp-rst-time-wait-rst --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-time-wait-rst --out=results/time-wait-rst
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-time-wait-rst --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/time-wait-rst-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "time-wait-rst");
}

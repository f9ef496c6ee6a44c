/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 2: no TIME_WAIT (MaxTwBuckets 0, then ss -K), final ACK lost
//
//   ./tcp-rst run no-time-wait                   (or build/tcp-rst-no-time-wait)
//   build/tcp-rst-no-time-wait --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-no-time-wait --out=results/no-time-wait
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-no-time-wait --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/no-time-wait-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "no-time-wait");
}

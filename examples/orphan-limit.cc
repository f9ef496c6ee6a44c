/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 9: too many orphans: FIN then R. at close, R. at the timer
//
//   ./tcp-rst run orphan-limit                   (or build/tcp-rst-orphan-limit)
//   build/tcp-rst-orphan-limit --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-orphan-limit --out=results/orphan-limit
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-orphan-limit --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/orphan-limit-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "orphan-limit");
}

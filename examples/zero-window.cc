/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 5: zero-window probes answered for ever, or unanswered until ETIMEDOUT
//
//   ./tcp-rst run zero-window                   (or build/tcp-rst-zero-window)
//   build/tcp-rst-zero-window --PrintHelp       (the case's parameters, the link: --delay --rate
//   --loss) build/tcp-rst-zero-window --out=results/zero-window  (client.pcap, server.pcap,
//   resets.csv, ladder.txt ...) build/tcp-rst-zero-window --stock           (stock ns-3 behaviour,
//   for comparison)
//
// The scenario itself is helper/cases/zero-window-case.cc; prints the ladder, the checks and the
// verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "zero-window");
}

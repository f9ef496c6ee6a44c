/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 4: blind in-window resets and SYNs against RFC 5961, RFC 793, stock
//
//   ./tcp-rst run blind-rst                   (or build/tcp-rst-blind-rst)
//   build/tcp-rst-blind-rst --PrintHelp       (the case's parameters, the link: --delay --rate
//   --loss) build/tcp-rst-blind-rst --out=results/blind-rst  (client.pcap, server.pcap, resets.csv,
//   ladder.txt ...) build/tcp-rst-blind-rst --stock           (stock ns-3 behaviour, for
//   comparison)
//
// The scenario itself is helper/cases/blind-rst-case.cc; prints the ladder, the checks and the
// verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "blind-rst");
}

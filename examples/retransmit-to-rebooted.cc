/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 4: retransmissions reach a rebooted peer (free port, listener)
//
//   ./tcp-rst run retransmit-to-rebooted                   (or
//   build/tcp-rst-retransmit-to-rebooted) build/tcp-rst-retransmit-to-rebooted --PrintHelp (the
//   case's parameters, the link: --delay --rate --loss) build/tcp-rst-retransmit-to-rebooted
//   --out=results/retransmit-to-rebooted  (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-retransmit-to-rebooted --stock           (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/retransmit-to-rebooted-case.cc; prints the ladder, the checks
// and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "retransmit-to-rebooted");
}

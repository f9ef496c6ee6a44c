/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 4: keepalive probes to a peer that stays down
//
//   ./tcp-rst run keepalive-timeout                   (or build/tcp-rst-keepalive-timeout)
//   build/tcp-rst-keepalive-timeout --PrintHelp       (the case's parameters, the link: --delay
//   --rate --loss) build/tcp-rst-keepalive-timeout --out=results/keepalive-timeout  (client.pcap,
//   server.pcap, resets.csv, ladder.txt ...) build/tcp-rst-keepalive-timeout --stock (stock ns-3
//   behaviour, for comparison)
//
// The scenario itself is helper/cases/keepalive-timeout-case.cc; prints the ladder, the checks and
// the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "keepalive-timeout");
}

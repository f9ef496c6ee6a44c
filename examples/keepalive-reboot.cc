/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 4: a keepalive probe reaches a rebooted peer
//
//   ./tcp-rst run keepalive-reboot                   (or build/tcp-rst-keepalive-reboot)
//   build/tcp-rst-keepalive-reboot --PrintHelp       (the case's parameters, the link: --delay
//   --rate --loss) build/tcp-rst-keepalive-reboot --out=results/keepalive-reboot  (client.pcap,
//   server.pcap, resets.csv, ladder.txt ...) build/tcp-rst-keepalive-reboot --stock (stock ns-3
//   behaviour, for comparison)
//
// The scenario itself is helper/cases/keepalive-reboot-case.cc; prints the ladder, the checks and
// the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "keepalive-reboot");
}

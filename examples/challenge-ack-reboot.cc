/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 4: a rebooted client's SYN meets its old connection (RFC 5961)
//
//   ./tcp-rst run challenge-ack-reboot                   (or build/tcp-rst-challenge-ack-reboot)
//   build/tcp-rst-challenge-ack-reboot --PrintHelp       (the case's parameters, the link: --delay
//   --rate --loss) build/tcp-rst-challenge-ack-reboot --out=results/challenge-ack-reboot
//   (client.pcap, server.pcap, resets.csv, ladder.txt ...) build/tcp-rst-challenge-ack-reboot
//   --stock           (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/challenge-ack-reboot-case.cc; prints the ladder, the checks
// and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "challenge-ack-reboot");
}

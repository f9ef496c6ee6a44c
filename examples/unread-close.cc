/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 3: close() with unread data: a reset instead of a FIN
//
//   ./tcp-rst run unread-close                   (or build/tcp-rst-unread-close)
//   build/tcp-rst-unread-close --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-unread-close --out=results/unread-close
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-unread-close --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/abortive-close-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "unread-close");
}

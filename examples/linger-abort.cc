/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 3: SO_LINGER {on, 0} then close(): a reset instead of a FIN
//
//   ./tcp-rst run linger-abort                   (or build/tcp-rst-linger-abort)
//   build/tcp-rst-linger-abort --PrintHelp
//       (the case's parameters; the link: --delay --rate --loss)
//   build/tcp-rst-linger-abort --out=results/linger-abort
//       (client.pcap, server.pcap, resets.csv, ladder.txt ...)
//   build/tcp-rst-linger-abort --stock   (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/abortive-close-case.cc;
// prints the ladder, the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "linger-abort");
}

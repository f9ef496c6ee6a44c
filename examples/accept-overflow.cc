/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// seed case 8: SYN queue and accept queue overflow, tcp_abort_on_overflow 0 and 1
//
//   ./tcp-rst run accept-overflow                   (or build/tcp-rst-accept-overflow)
//   build/tcp-rst-accept-overflow --PrintHelp       (the case's parameters: --backlog --clients
//   --acceptRate --read --hosts ...; the link: --delay --rate --loss)
//   build/tcp-rst-accept-overflow --out=results/accept-overflow  (pcaps, resets.csv, ladder.txt,
//   clients.txt: every client's outcome)
//   build/tcp-rst-accept-overflow --stock           (stock ns-3 behaviour, for comparison)
//
// The scenario itself is helper/cases/accept-overflow-case.cc; prints the per-client report,
// the checks and the verdict.

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv, "accept-overflow");
}

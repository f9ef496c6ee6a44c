/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The case runner behind './tcp-rst run CASE', './tcp-rst demo' and './tcp-rst list'.
//
//   tcp-rst-run --list
//   tcp-rst-run --demo [--out=DIR] [--stock]
//   tcp-rst-run --case=NAME [--out=DIR] [--stock] [case options] [--ns3::Type::Attr=value]

#include "ns3/rst-case-cli.h"

int
main(int argc, char* argv[])
{
    return ns3::RunCaseCommandLine(argc, argv);
}

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Blind in-window injection (the sweep examples/sweeps/blind-injection.toml runs it):
//   build/tcp-rst-blind-injection --stack=Rfc793 --attackRate=10000 --RngRun=2
// prints each injected segment's outcome and the share of connections a blind RST sweep
// resets, and writes metrics.csv and records.csv into the working directory (--out=DIR
// elsewhere); --PrintHelp lists the parameters. The experiment is
// helper/experiments/blind-injection-experiment.cc.

#include "ns3/rst-experiment.h"

int
main(int argc, char* argv[])
{
    return ns3::RunExperimentCommandLine(argc, argv, "blind-injection");
}

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Accept-queue overflow under load (the sweep examples/sweeps/accept-queue.toml runs it):
//   build/tcp-rst-accept-load --connRate=800 --backlog=5 --abortOnOverflow=1 --RngRun=3
// prints the metrics and writes metrics.csv and records.csv (one row per connection) into the
// working directory (--out=DIR elsewhere); --PrintHelp lists the parameters. The experiment
// is helper/experiments/accept-load-experiment.cc.

#include "ns3/rst-experiment.h"

int
main(int argc, char* argv[])
{
    return ns3::RunExperimentCommandLine(argc, argv, "accept-load");
}

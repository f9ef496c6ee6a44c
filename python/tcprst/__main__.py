# SPDX-License-Identifier: GPL-2.0-only
"""python3 -m tcprst sweep SPEC [--jobs N] [--scheduler ADDRESS] [--retry-failed]
[--no-progress] [--no-plots] [--figures DIR]   (what ./tcp-rst sweep runs)"""

import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tcp-rst sweep",
                                     description="Run a tcp-rst sweep spec (TOML).")
    sub = parser.add_subparsers(dest="command", required=True)
    sweep = sub.add_parser("sweep", help="run a sweep spec")
    sweep.add_argument("spec", help="the TOML spec, e.g. examples/sweeps/accept-queue.toml")
    sweep.add_argument("--jobs", type=int, default=None,
                       help="processes in parallel on this machine, >= 1 (default: cores)")
    sweep.add_argument("--scheduler", default=None,
                       help="a Dask scheduler address, e.g. tcp://10.0.0.1:8786")
    sweep.add_argument("--retry-failed", action="store_true",
                       help="run the runs that failed before again")
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar")
    sweep.add_argument("--no-plots", action="store_true", help="no figures or tables")
    sweep.add_argument("--figures", default=None,
                       help="also write the figures and tables into this folder")
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error(f"--jobs: {args.jobs} is not a number of processes >= 1")

    from .spec import SpecError
    from .sweep import run_sweep

    try:
        report = run_sweep(args.spec, jobs=args.jobs, scheduler=args.scheduler,
                           retry_failed=args.retry_failed, progress=not args.no_progress,
                           plots=not args.no_plots, figures_dir=args.figures)
    except (SpecError, ValueError) as e:
        print(f"tcp-rst sweep: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tcp-rst sweep: interrupted; the runs that finished are stored, run the same "
              "command again to resume", file=sys.stderr)
        return 130
    print(report.summary())
    for path in report.figures + report.tables:
        print(f"written: {path}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Parse doc/tcp-rst.rst with docutils and fail on any warning or error.

Sphinx-only constructs of the ns-3 manual (the ``replace.txt`` include, ``highlight``) are
stood in for, since ns-3 builds the manual with Sphinx and its own substitutions.
Usage: check-rst.py FILE.rst
"""
import sys

import docutils.core


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace(".. include:: replace.txt", ".. |ns3| replace:: ns-3")
    text = text.replace(".. highlight:: cpp", "")
    problems = []

    class Collect:
        def write(self, message):
            if message.strip():
                problems.append(message.strip())

    docutils.core.publish_string(
        text,
        writer_name="null",
        settings_overrides={"report_level": 2, "halt_level": 5, "warning_stream": Collect()},
    )
    for problem in problems:
        print(f"{path}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

# SPDX-License-Identifier: GPL-2.0-only
"""The sweep's SQLite store: one row per run, keyed by the hash of everything that decides its
result, committed as each run ends, so an interrupted sweep resumes where it stopped and a
finished one runs nothing again."""

import json
import sqlite3
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    key TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    params TEXT NOT NULL,
    rng_run INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    result TEXT,
    stderr TEXT,
    wall_s REAL,
    finished REAL NOT NULL
)
"""


class RunStore:
    """Results of a sweep's runs, by key."""

    def __init__(self, path):
        self.path = str(path)
        self._db = sqlite3.connect(self.path)
        self._db.execute(SCHEMA)
        self._db.commit()

    def close(self):
        self._db.close()

    def status(self, key):
        row = self._db.execute("SELECT status FROM runs WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key, scenario, params, rng_run, outcome):
        """Record one run: outcome is run_point()'s dict (status, result or stderr, wall_s)."""
        self._db.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, scenario, json.dumps(params, sort_keys=True), rng_run, outcome["status"],
             json.dumps(outcome.get("result")), outcome.get("stderr", ""),
             outcome.get("wall_s"), time.time()))
        self._db.commit()

    def get(self, key):
        """(status, result dict or None, stderr) of a run, or None when it has not run."""
        row = self._db.execute("SELECT status, result, stderr FROM runs WHERE key = ?",
                               (key,)).fetchone()
        if row is None:
            return None
        return row[0], json.loads(row[1]) if row[1] else None, row[2] or ""

"""Progress and summary on the terminal (rich); silent when output is not a terminal."""
from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from etl.load.runs import RunCounts


class RunDisplay:
    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.console = Console(stderr=True)
        self.live = not quiet and sys.stderr.isatty()
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self):
        if self.live:
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TimeElapsedColumn(), console=self.console, transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("reading", total=None)
        return self

    def __exit__(self, *exc):
        if self._progress:
            self._progress.__exit__(*exc)

    def update(self, c: RunCounts) -> None:
        if self._progress:
            self._progress.update(self._task, description=(
                f"read {c.read:,} · new {c.inserted:,} · updated {c.updated:,} · "
                f"unchanged {c.unchanged:,} · errors {c.errors:,}"))

    def summary(self, result) -> None:
        c = result.counts
        for msg in c.error_messages[:50]:
            print(f"Error: {msg}", file=sys.stderr)
        if len(c.error_messages) > 50:
            print(f"... and {len(c.error_messages) - 50} more errors (see load_errors)",
                  file=sys.stderr)
        if self.quiet:
            return
        print(f"run {result.run_id} {result.status}: {c.read:,} articles read, "
              f"{c.inserted:,} new, {c.updated:,} updated, {c.unchanged:,} unchanged, "
              f"{c.errors:,} errors", file=sys.stderr)

"""Every command has help with an example, and the README mentions it."""
from __future__ import annotations

import click

from conftest import ROOT
from etl.cli import cli


def _commands(group: click.Group, prefix: str = "newsetl"):
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full)


def test_every_command_has_help_with_an_example_and_a_readme_entry():
    readme = (ROOT / "README.md").read_text()
    for full, cmd in _commands(cli):
        assert cmd.help, f"{full} has no help"
        assert "Example:" in cmd.help, f"{full} help has no example"
        assert full in readme, f"README does not mention `{full}`"

"""The ``graphmap`` command line: a thin layer over the library.

Each command lives in its own module of this package and calls one library function; a
`GraphmapError` becomes one clean message on standard error and exit code 2 (bad input or usage),
anything else is a bug and shows its traceback. A command's module is loaded when the command is
asked for (`COMMAND_MODULES`), so that ``graphmap import`` does not start by loading the analysis,
the reports and the Neo4j driver.
"""

from __future__ import annotations

import importlib
import sys

import click

from graphmap import __version__
from graphmap.exceptions import GraphmapError

__all__ = ["main", "cli", "COMMAND_MODULES"]

#: Each command and the module of this package that defines it (with ``@cli.command``).
COMMAND_MODULES = {
    "analyze": "analyze", "validate": "analyze", "sample": "analyze", "generate": "analyze",
    "import": "imports",
    "neo4j": "neo4j",
    "paths": "plan", "plan": "plan", "whatif": "plan", "diff": "plan",
    "report": "report",
}


class _GraphmapGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(f"graphmap.cli.{COMMAND_MODULES[cmd_name]}")  # registers its commands
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GraphmapError as err:
            click.echo(f"graphmap: {err}", err=True)
            ctx.exit(2)


@click.group(cls=_GraphmapGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="graphmap")
def cli() -> None:
    """Relationship maps for account teams: uncovered stakeholders, overloaded heroes and weak links."""


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and of ``python -m graphmap``."""
    from graphmap.memory_pages import disable_transparent_huge_pages

    disable_transparent_huge_pages()  # large imports and analyses spend a third less time (see the module)
    cli.main(args=argv, prog_name="graphmap")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``graphmap`` command line: a thin layer over the library.

Each command lives in its own module of this package and calls one library function; a
`GraphmapError` becomes one clean message on standard error and exit code 2 (bad input or usage),
anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import sys

import click

from graphmap import __version__
from graphmap.exceptions import GraphmapError

__all__ = ["main", "cli"]


class _GraphmapGroup(click.Group):
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


def _register() -> None:
    # One line per command module, so that each capability stays in its own file.
    from graphmap.cli import analyze  # noqa: F401
    from graphmap.cli import imports  # noqa: F401
    from graphmap.cli import neo4j  # noqa: F401
    from graphmap.cli import plan  # noqa: F401
    from graphmap.cli import report  # noqa: F401


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and of ``python -m graphmap``."""
    from graphmap.memory_pages import disable_transparent_huge_pages

    disable_transparent_huge_pages()  # large imports and analyses spend a third less time (see the module)
    cli.main(args=argv, prog_name="graphmap")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Corner: turn a folder of JSON content into an offline-first, installable web app."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import click

from corner import report
from corner.commands import build as building
from corner.commands import review as reviewing
from corner.commands import validate as validating
from corner.errors import InternalError

HERE = Path(__file__).resolve().parent

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default=HERE / "content",
    show_default="content/",
    help="Folder holding site.json, sections/ and resources/.",
)
out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=HERE / "dist",
    show_default="dist/",
    help="Folder to write the site into (a rebuild there writes only what changed).",
)
base_url_option = click.option(
    "--base-url",
    default="/",
    show_default=True,
    help="Path the app is served under, e.g. /corner/ for https://example.org/corner/.",
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(report.FORMATS),
    default="text",
    show_default=True,
    help="text: file:line:col: $.path: message; github: GitHub Actions annotations; "
    "json: a list of objects, for tools.",
)
previous_option = click.option(
    "--previous",
    type=click.Path(path_type=Path),
    default=None,
    show_default="the one in --out",
    help="The previous published build to compare with: its content-manifest.json (e.g. the "
    "live site's) or its folder.",
)


class Commands(click.Group):
    """The command group. An exception no command expects is a bug: it ends with one clean line
    saying so and how to see its traceback (-v shows it)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if isinstance(error, OSError) and error.errno == errno.EPIPE:
                raise  # the reader went away (| head): click ends quietly
            raise InternalError(error, verbose=ctx.params.get("verbose", False)) from error


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-v", "--verbose", is_flag=True, help="Log each step (and show tracebacks of internal errors)."
)
def cli(verbose: bool) -> None:
    """Build the Corner offline web app from JSON content.

    \b
    Typical use:
      python build.py validate              check content/ and list every problem
      python build.py check-links           check that every source link still answers
      python build.py review                list facts due for re-checking against their source
      python build.py build                 write the app into dist/
      python build.py serve                 live preview at http://127.0.0.1:8000/
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@cli.command()
@content_option
@strict_option
@format_option
def validate(content_dir: Path, strict: bool, fmt: str) -> None:
    """Check every content file and report every problem at once.

    Problems are printed as file:line:column: $.json.path: message; the exit
    status is 1 if there is any error (or, with --strict, any warning).

    \b
    Example:
      python build.py validate --content content/
      python build.py validate --format github    in a GitHub Actions workflow
    """
    validating.validate(content_dir, strict, fmt)


@cli.command("check-links")
@content_option
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 300),
    default=10,
    show_default=True,
    help="Seconds to wait for each connection and answer.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 100),
    default=16,
    show_default=True,
    help="Requests at once (at most 4 on any one host).",
)
@strict_option
@format_option
def check_links(
    content_dir: Path, timeout: float, concurrency: int, strict: bool, fmt: str
) -> None:
    """Check that every web address in the content still answers, and say where each broken one
    is used.

    Each address is asked once (HEAD, or GET where HEAD is refused), following
    redirects. Errors: 404, 410 and other 4xx, 5xx after retries, timeouts, DNS,
    connection and TLS failures. Warnings: redirects, with the address they lead to.

    \b
    Example:
      python build.py check-links --timeout 5
    """
    # Imported here: its HTTP client would cost every other command about 0.1 s at start.
    from corner.commands import check_links as link_checking

    link_checking.check_links(content_dir, timeout, concurrency, strict, fmt)


@cli.command()
@content_option
@click.option(
    "--older-than",
    type=reviewing.LimitType(),
    default=None,
    help="Age at which a fact is due: 365d, 12m or 1y. "
    "[default: site.json review_after_days, else 365d]",
)
@strict_option
@format_option
def review(content_dir: Path, older_than: reviewing.Limit | None, strict: bool, fmt: str) -> None:
    """List every as_of date older than a limit, oldest first: facts to re-check against their
    source.

    A month (2025-09) counts from its last day, a year (2014) from 31 December.

    \b
    Example:
      python build.py review --older-than 12m
    """
    reviewing.review(content_dir, older_than, strict, fmt)


@cli.command()
@content_option
@out_option
@base_url_option
@strict_option
@previous_option
def build(
    content_dir: Path, out_dir: Path, base_url: str, strict: bool, previous: Path | None
) -> None:
    """Validate the content, then write the whole app (pages, search index, service worker).

    Nothing is written unless the content is valid; a rebuild writes only
    what changed, the service worker last, so a browser never installs a
    mixture of two builds, even from one that failed halfway.
    What's new and the update prompt compare with the previous published
    build: the one in --out, or the one --previous names.

    \b
    Example:
      python build.py build --out dist/ --base-url /corner/
      python build.py build --previous live-site/content-manifest.json
    """
    building.build_and_report(content_dir, out_dir, base_url, strict, previous)


@cli.command()
@content_option
@base_url_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on: 0.0.0.0 opens the preview to phones on the same network.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    default=None,
    show_default="dist/ if it holds a build",
    help="The published build What's new compares with: its content-manifest.json or its folder.",
)
@click.option(
    "--built",
    type=click.Path(path_type=Path),
    default=None,
    help="Instead of the preview, serve a finished build (such as dist/) as a host "
    "would: offline use works.",
)
def serve(
    content_dir: Path,
    base_url: str,
    host: str,
    port: int,
    previous: Path | None,
    built: Path | None,
) -> None:
    """Live preview: build into a folder of its own, serve it, rebuild on every save.

    Open pages reload by themselves after each save to the content,
    templates/, pwa/ or schema/; a content mistake is shown in the terminal
    and on every page, over the last good preview. The preview is never
    written into dist/: publish with `build`.

    \b
    Example:
      python build.py serve --port 8080
      python build.py serve --host 0.0.0.0      open it from a phone on the same network
      python build.py serve --built dist/       try the published build, offline included
    """
    # Imported here: the preview's file watcher (watchfiles) would cost every other command
    # about 45 ms at start.
    from corner.commands import serve as serving

    serving.serve(content_dir, base_url, host, port, previous, published=HERE / "dist", built=built)


if __name__ == "__main__":
    cli()

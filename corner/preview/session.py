"""A live preview session: build into a folder of its own (builder.py), serve it (server.py),
rebuild on every save."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from ..content.known import forget
from ..content.schema import SCHEMA_DIR, forget_schemas
from ..errors import CornerError
from ..server import serve_in_background
from ..site.assets import PWA_DIR
from ..site.pages import TEMPLATE_DIR
from .builder import Outcome, PreviewBuilder
from .server import ReloadChannel, open_preview_server

# watchfiles waits this long after a change for more (an editor saving several files, or writing
# one in steps), and at most DEBOUNCE_MS in all, before the rebuild starts.
STEP_MS = 50
DEBOUNCE_MS = 1600


class PreviewSession:
    """The preview of content_dir at http://host:port{base_url}, built into folder (by default a
    temporary folder, removed at the end): never into dist/ or any folder a build publishes."""

    def __init__(
        self,
        content_dir: Path,
        base_url: str,
        previous: dict | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        folder: Path | None = None,
    ):
        if not content_dir.is_dir():
            raise CornerError(f"content folder not found: {content_dir}")
        self.content_dir = content_dir
        self.own_folder = folder is None
        self.folder = Path(tempfile.mkdtemp(prefix="corner-preview-")) if folder is None else folder
        self.builder = PreviewBuilder(content_dir, self.folder, base_url, previous)
        self.channel = ReloadChannel()
        try:
            self.server = open_preview_server(self.folder, base_url, host, port, self.channel)
        except CornerError:
            self._remove_folder()
            raise
        self.stopping = threading.Event()
        self.serving = False
        # One build at a time: two at once (the watcher's and a caller's) would stage the same files
        # under the same names, and one of them fails with FileNotFoundError.
        self.building = threading.Lock()

    @property
    def address(self) -> tuple[str, int]:
        return self.server.server_address[:2]

    def watched(self) -> list[Path]:
        """What a preview is made of: the content, and the templates, browser files and schemas."""
        return [self.content_dir, TEMPLATE_DIR, PWA_DIR, SCHEMA_DIR]

    def rebuild(self, changed: Iterable[Path] = ()) -> Outcome:
        """Build again and tell every open page: reload, or show the problems."""
        with self.building:
            if any(Path(path).is_relative_to(SCHEMA_DIR) for path in changed):
                forget_schemas()
            forget(changed)  # read again even where a save left a file's size and times the same
            outcome = self.builder.rebuild()
            self.channel.publish(outcome.build, outcome.problems)
            return outcome

    def start(self) -> None:
        serve_in_background(self.server)
        self.serving = True

    def watch(
        self,
        report: Callable[[Outcome, list[Path]], None],
        step_ms: int = STEP_MS,
        debounce_ms: int = DEBOUNCE_MS,
        ready: Callable[[], None] = lambda: None,
    ) -> None:
        """Rebuild after each save until stop() (or Ctrl+C, raised as KeyboardInterrupt)."""
        changes = watchfiles.watch(
            *self.watched(),
            step=step_ms,
            debounce=debounce_ms,
            stop_event=self.stopping,
            yield_on_timeout=True,
            rust_timeout=200,
        )
        for batch in changes:
            # The watcher is up (and, from then on, checking every 200 ms whether to stop).
            if not batch:
                ready()
                continue
            changed = sorted({Path(path) for _, path in batch})
            report(self.rebuild(changed), changed)

    def stop(self) -> None:
        """End watch(), close every page's channel and the server, and remove the preview folder."""
        self.stopping.set()
        self.channel.close()
        if self.serving:
            self.server.shutdown()  # waits for serve_forever() to end: only once it has begun
        self.server.server_close()
        self._remove_folder()

    def _remove_folder(self) -> None:
        if self.own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

"""The live preview (`python build.py serve`, commands/serve.py): rebuilt on every save.

    builder.py  build into the preview's folder: only what changed is written; a failed build
                leaves the last good one in place
    server.py   serve that folder as server.py serves a build, plus the reload channel
    session.py  the two together, and the watcher that rebuilds on every save

The preview runs steps 1 and 2 of the build (content/, site/) in its own process and keeps what
it can between builds (compiled templates, entries' parts); it never writes dist/.
"""

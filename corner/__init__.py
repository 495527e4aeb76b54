"""Corner: turn a folder of JSON content into an offline-first, installable web app.

The build is three steps, one folder each, run in this order by commands/build.py:

    content/    1. load content/ and check it: every problem at once, nothing built from errors
    site/       2. make every file of the site in memory, {path: bytes}; the service worker last
    output/     3. compress the text files, write everything beside the output, swap it in

The commands (build.py, the command line, parses options and calls one function of each):

    commands/   validate, check_links (+ check_links_http), review, build, serve
    preview/    the live preview `serve` runs: rebuild on every save, reload every open page
    server.py   a finished build served as a web host serves it (`serve --built`, the tests)

Shared by all of them:

    errors.py    the one error root: an expected failure prints a message, never a traceback
    report.py    problems printed as text, GitHub annotations or JSON
    parallel.py  the long loops (rendering, compressing) spread over every core
    words.py     how search reads text, for the index and for checking synonyms.json
    security.py  the Content-Security-Policy and headers every page and answer carries

The browser side is pwa/ (copied into the build by site/assets.py), the pages' HTML templates/,
the content's rules schema/.
"""

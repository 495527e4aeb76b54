"""The commands, one module each; build.py (the command line) calls one function of each.

validate.py          step 1 alone: every problem of the content
check_links.py       step 1, then every web address asked (check_links_http.py)
review.py            step 1, then every fact whose as_of date is older than a limit
build.py             steps 1, 2 and 3: the whole build into --out
serve.py             the live preview (preview/), or a finished build served (server.py)
"""

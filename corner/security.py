"""The security policy every page and every answer carries, written once.

site/pages.py puts CONTENT_SECURITY_POLICY in each page's <meta>; server.py (serve, and the tests'
server) sends SECURITY_HEADERS with every answer; deploy/nginx.conf sends the same headers
(tests/e2e/test_nginx.py compares them).
"""

from __future__ import annotations

# The same policy is sent as a header by the dev server and deploy configs; the meta tag keeps
# it in force on static hosts that cannot set headers (all but frame-ancestors, which only the
# header can carry: see SECURITY_HEADERS). Trusted Types: no string is ever written
# to a DOM sink that runs code (innerHTML, script src, eval…), and a script URL is only made by
# the one policy named here (pwa/lifecycle.js), for the service worker and the search worker:
# Chromium, Firefox and Safari refuse to start either from a plain string under
# `trusted-types 'none'`.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; require-trusted-types-for 'script'; trusted-types corner"
)

# Powerful features the app never uses, denied to it and to anything that might get into it (the
# names Chromium knows: it warns about others). Copying a phone number (the Copy buttons) is the
# one it uses.
UNUSED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "clipboard-read",
    "compute-pressure",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "local-network-access",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "speaker-selection",
    "storage-access",
    "sync-xhr",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = (
    ", ".join(f"{feature}=()" for feature in UNUSED_FEATURES) + ", clipboard-write=(self)"
)

# Every answer's headers, as a deployment should send them (deploy/nginx.conf sends the same).
SECURITY_HEADERS = {
    # frame-ancestors works only as a header: a policy in <meta> must ignore it (CSP Level 3,
    # https://www.w3.org/TR/CSP3/#directive-frame-ancestors and #meta-element). The rest is
    # each page's <meta> policy too.
    "Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",  # a linked site is not told which entry an officer read
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    # No other site's window keeps a handle on the app's, nor embeds its files or pages.
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}

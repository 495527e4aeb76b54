"""Corner: turn a folder of JSON content into an offline-first, installable web app."""

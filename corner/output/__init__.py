"""Step 3 of the build: write the site made in memory, all at once or not at all.

    compress.py  gzip and Brotli copies of the text files, for servers that send them as they are
    write.py     files into a folder beside the output, then swapped into place; unchanged files
                 of the last build kept (hard-linked), not rewritten
    swap.py      the new folder in the output's place in one step (renameat2 on Linux)

The only step that touches the output folder, and the last: a failed build leaves it as it was.
"""

"""Step 3 of the build: write the site made in memory into the output folder.

    compress.py  gzip and Brotli copies of the text files, for servers that send them as they are
    write.py     a first build beside the output, then moved into place; a rebuild in place, only
                 what changed, each file whole, the service worker last (the guarantee is there)
    swap.py      the first build in the output's place in one step (renameat2 on Linux)

The only step that touches the output folder, and the last: nothing is written from invalid
content.
"""

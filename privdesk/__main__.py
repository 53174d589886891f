"""`python -m privdesk` is the same as the `privdesk` command (and the frozen build's entry)."""

import multiprocessing
import sys

from privdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the import pipeline may start a worker process
    sys.exit(main())

"""`python -m privdesk` is the same as the `privdesk` command."""

import sys

from privdesk.cli import main

sys.exit(main())

"""``python -m smallstate ...``: the same as the ``smallstate`` console script."""

import sys

from smallstate.cli import main

sys.exit(main())

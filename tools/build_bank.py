"""Rebuild the hashed learner bank from ``instructor/exercises/*.yaml`` (no Makefile needed).

    .venv/bin/python tools/build_bank.py           # write smallstate/exercises/bank/LNN.json
    .venv/bin/python tools/build_bank.py --check   # exit 1 if the bank is out of date

Same as ``python -m smallstate.instructor bank [--check]``.
"""

from __future__ import annotations

import sys

from smallstate.instructor import main

if __name__ == "__main__":
    sys.exit(main(["bank", *sys.argv[1:]]))

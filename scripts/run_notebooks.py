#!/usr/bin/env python3
"""Run the notebooks and render the site: see `python scripts/run_notebooks.py --help`."""

import sys

if __name__ == "__main__":
    try:
        from prequel.pipeline.cli import main  # imports take a few seconds: Ctrl-C here is an interrupt too

        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: the previous output is untouched", file=sys.stderr)
        sys.exit(130)

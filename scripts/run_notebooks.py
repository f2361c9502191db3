#!/usr/bin/env python3
"""Run the notebooks and render the site: see `python scripts/run_notebooks.py --help`."""

import sys

from prequel.pipeline.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""The pipeline around the notebooks: command line, execution, output folders, site, scenarios, compare, README."""

import sys

# nbformat validates notebooks with jsonschema, which compiles a grammar for the "iri" string format at
# import when rfc3987-syntax is installed (JupyterLab's jupyter-events needs it): about 0.7 s of every
# runner process, more under load. No notebook schema uses that format, so the pipeline goes without it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

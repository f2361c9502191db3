"""The pipeline around the notebooks: command line, execution, output folders, site, scenarios, compare, README."""

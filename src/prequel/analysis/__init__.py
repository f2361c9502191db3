"""The analysis library: the four analyses of the article and their charts."""

"""Presentation shared by every notebook: chart style, tables, Markdown and published results."""

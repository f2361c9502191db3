"""prequel: rerunnable analysis of the article 'Runway Bets $860M That AI Video Is Just a Prequel'."""

__version__ = "0.1.0"

#: The date the research in data/ was gathered: the default ``as_of`` of every notebook.
SNAPSHOT_DATE = "2026-11-24"
#: The date of the TechCrunch Equity episode the article reports on (its reference date).
ARTICLE_DATE = "2026-04-29"

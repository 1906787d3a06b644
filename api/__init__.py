"""truerole's HTTP API: a thin FastAPI layer over the ``classifier`` library."""

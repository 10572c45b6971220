"""`vanban serve`: the clerk's desk, a local web app over the batch store (see app.py)."""

from .app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]

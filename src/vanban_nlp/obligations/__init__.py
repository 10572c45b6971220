"""Obligations (who must do what, by when, how often) and the tasks built from them."""

from .build import find_obligations

__all__ = ["find_obligations"]

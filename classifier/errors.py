"""Every error truerole raises on purpose, in one place.

All derive from :class:`TrueRoleError`, so a caller can catch the whole family
with one clause and still tell a bad data file from a bad model file::

    TrueRoleError
    ├── DataError          a labelled or input file is unreadable or invalid
    │   └── ColumnError    a column is missing or would be overwritten
    └── ModelFileError     a model file is missing, foreign, tampered or unsafe
"""

from __future__ import annotations


class TrueRoleError(Exception):
    """Base class of every error truerole raises on purpose."""


class DataError(TrueRoleError, ValueError):
    """A data file cannot be used; the message names the file, row and problem."""


class ColumnError(DataError):
    """A needed column is missing, or an output column would overwrite an input one."""


class ModelFileError(TrueRoleError):
    """A model file cannot be loaded safely; nothing in it was run."""

"""truerole: what job is this posting really for?

The public surface is small on purpose; everything else is private detail::

    import pandas as pd
    from classifier import load_model

    model = load_model("models/truerole.skops")
    [prediction] = model.explain(pd.DataFrame({"title": ["Product Owner"], "description": ["..."]}))
    prediction.role, prediction.role_confidence, prediction.title_mismatch

``train`` fits a model on labelled postings, ``classify_file`` classifies a
whole CSV/JSON Lines/Parquet file, and every error raised on purpose derives
from ``TrueRoleError`` (see :mod:`classifier.errors`).
"""

__version__ = "0.2.0"

# Imported after __version__, which some of these modules read from here.
from classifier.batch import classify_file
from classifier.errors import ColumnError, DataError, ModelFileError, TrueRoleError
from classifier.model import Evidence, Prediction, TrueRoleClassifier
from classifier.persistence import load_model, save_model
from classifier.train import train

__all__ = [
    "ColumnError",
    "DataError",
    "Evidence",
    "ModelFileError",
    "Prediction",
    "TrueRoleClassifier",
    "TrueRoleError",
    "__version__",
    "classify_file",
    "load_model",
    "save_model",
    "train",
]

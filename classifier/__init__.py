"""truerole: what job is this posting really for?

The public surface is small on purpose; everything else is private detail::

    from classifier import load_model, train
    model = load_model("models/truerole.skops")
    [prediction] = model.explain(pd.DataFrame({"title": [...], "description": [...]}))
"""

__version__ = "0.2.0"

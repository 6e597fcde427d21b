"""Column-at-a-time parsing for the shapes most rows share, before the per-row normalisers."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from graphcrm.ingest.normalise.dates import parse_datetime
from graphcrm.ingest.normalise.text import InvalidValue

# Formats tried on a sample of a column; the first that reads every sampled cell is used for the
# whole column in one vectorised pass. Cells it cannot read keep their text, so the per-row
# parser still sees them (and rejects them with a reason, or reads another format).
COLUMN_FORMATS = ("%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y",
                  "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d", "%m/%d/%Y %H:%M")


def datetime_column(values: pd.Series) -> pd.Series:
    """Parse a text column of dates in one pass where it has one format; return objects.

    Parsed cells become naive datetimes equal to what ``parse_datetime`` gives for them;
    blank cells stay blank (None or NaN); cells in another shape stay as text.
    """
    present = values.dropna()
    if present.empty:
        return values
    sample = present.head(20).tolist()
    for fmt in COLUMN_FORMATS:
        try:
            expected = [parse_datetime(v) for v in sample]
        except InvalidValue:
            return values
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            trial = pd.to_datetime(pd.Series(sample), format=fmt, errors="coerce")
        if trial.isna().any() or [t.to_pydatetime() for t in trial] != expected:
            continue
        # each distinct cell once (exports repeat dates), then the results spread back by code
        codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
        parsed = pd.to_datetime(pd.Series(uniques, dtype=object), format=fmt, errors="coerce")
        ok = parsed.notna().to_numpy()
        cells = np.asarray(uniques, dtype=object).copy()
        cells[ok] = np.asarray(parsed[ok].dt.to_pydatetime(), dtype=object)  # plain datetimes
        out = values.astype(object).to_numpy(copy=True)
        present = codes >= 0
        out[present] = cells[codes[present]]
        return pd.Series(out, index=values.index, dtype=object, name=values.name)
    return values

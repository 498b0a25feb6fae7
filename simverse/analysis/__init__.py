"""simverse.analysis — stored runs as pandas DataFrames and networkx graphs, read-only.

* :mod:`~simverse.analysis.runs`     :class:`RunSet` and :func:`open_runs` (``simverse.open``)
* :mod:`~simverse.analysis.tables`   one table of one or more runs as a DataFrame
* :mod:`~simverse.analysis.graphs`   who-told-whom and place networks
* :mod:`~simverse.analysis.readonly` opening a database without changing it
"""

from simverse.analysis.readonly import NotARunDatabase
from simverse.analysis.runs import RunSet, open_runs

__all__ = ["NotARunDatabase", "RunSet", "open_runs"]

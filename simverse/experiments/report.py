"""A sweep's report: per-cell metrics and per-step series as tables, and one offline HTML page.

``write_report(results_db, out_dir)`` reads ``sweep_cells`` and writes::

    out_dir/cells.csv, cells.parquet     one row per cell: sweep, setting, grid values, seed,
                                         status, run_id, error, wall_s and every metric
    out_dir/series.csv, series.parquet   one row per (cell, step): the per-step series
    out_dir/report.html                  plots: each metric per setting (mean, std error
                                         bars, every seed as a dot) and each series per
                                         step (mean line, min-max band across seeds)

The HTML embeds the plotly.js bundle once (no CDN: it opens offline); every label that
came from a config or a run is escaped.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import select

from simverse.experiments.sweep_config import setting_label
from simverse.store.run_store import RunStore, db_url
from simverse.store.sweep_models import SweepCellRow

CELL_COLUMNS = ("sweep", "setting", "seed", "status", "run_id", "wall_s", "error", "cell_key")
SERIES_COLUMNS = ("sweep", "setting", "seed", "run_id", "step")


@dataclass
class SweepTables:
    """A sweep database's cells and series as data frames, plus the metric and series names."""

    cells: pd.DataFrame
    series: pd.DataFrame
    metrics: list[str]
    series_names: list[str]
    grid_paths: list[str]


def load_tables(results_db: str | Path, sweep: str | None = None) -> SweepTables:
    """Read every cell (of ``sweep``, or all sweeps in the database) into data frames."""
    store = RunStore(db_url(results_db))
    try:
        with store.session() as session:
            stmt = select(SweepCellRow).order_by(SweepCellRow.id)
            if sweep is not None:
                stmt = stmt.where(SweepCellRow.sweep == sweep)
            rows = list(session.scalars(stmt))
    finally:
        store.close()
    if not rows:
        raise LookupError(f"{results_db}: no sweep cells" + (f" for sweep {sweep!r}" if sweep else ""))
    grid_paths = sorted({path for r in rows for path in r.setting})
    metrics: list[str] = []
    series_names: list[str] = []
    cells, steps = [], []
    for row in rows:
        label = setting_label(row.setting)
        record: dict[str, Any] = {
            "sweep": row.sweep, "setting": label, "seed": row.seed, "status": row.status, "run_id": row.run_id,
            "wall_s": row.wall_s, "error": row.error, "cell_key": row.cell_key,
        }
        for path in grid_paths:
            record[path] = _scalar(row.setting.get(path))
        for name, value in (row.metrics or {}).items():
            if name not in metrics:
                metrics.append(name)
            record[name] = value
        cells.append(record)
        for point in row.series or []:
            for name in point:
                if name != "step" and name not in series_names:
                    series_names.append(name)
            steps.append({"sweep": row.sweep, "setting": label, "seed": row.seed, "run_id": row.run_id, **point})
    cell_frame = pd.DataFrame(cells)
    for name in metrics:
        cell_frame[name] = pd.to_numeric(cell_frame[name], errors="coerce")
    series_frame = pd.DataFrame(steps, columns=[*SERIES_COLUMNS, *series_names]) if steps else pd.DataFrame(
        columns=[*SERIES_COLUMNS, *series_names])
    for name in series_names:
        series_frame[name] = pd.to_numeric(series_frame[name], errors="coerce")
    return SweepTables(cell_frame, series_frame, metrics, series_names, grid_paths)


def write_report(results_db: str | Path, out_dir: str | Path, sweep: str | None = None) -> dict[str, Path]:
    """Write the CSV, Parquet and HTML files described in the module docstring; returns their paths."""
    tables = load_tables(results_db, sweep)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "cells_csv": out / "cells.csv", "cells_parquet": out / "cells.parquet",
        "series_csv": out / "series.csv", "series_parquet": out / "series.parquet", "html": out / "report.html",
    }
    tables.cells.to_csv(paths["cells_csv"], index=False)
    tables.cells.to_parquet(paths["cells_parquet"], index=False)
    tables.series.to_csv(paths["series_csv"], index=False)
    tables.series.to_parquet(paths["series_parquet"], index=False)
    paths["html"].write_text(render_html(tables, str(results_db)), encoding="utf-8")
    return paths


def render_html(tables: SweepTables, source: str) -> str:
    """The report page: summary, failed cells, a plot per metric and per series."""
    finished = tables.cells[tables.cells["status"] == "finished"]
    failed = tables.cells[tables.cells["status"] == "failed"]
    sweeps = ", ".join(sorted(tables.cells["sweep"].unique()))
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>sweep report: {html.escape(sweeps)}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}pre{white-space:pre-wrap}</style>",
        "</head><body>",
        f"<h1>Sweep report: {html.escape(sweeps)}</h1>",
        f"<p>Results database: <code>{html.escape(source)}</code>. Cells: {len(tables.cells)} "
        f"({len(finished)} finished, {len(failed)} failed, {len(tables.cells) - len(finished) - len(failed)} other)."
        " Metrics are defined in <code>simverse/experiments/metrics.py</code>.</p>",
        _summary_table(finished, tables.metrics),
    ]
    if len(failed):
        parts.append("<h2>Failed cells</h2><table><tr><th>setting</th><th>seed</th><th>error</th></tr>")
        for _, row in failed.iterrows():
            error = str(row["error"] or "").strip().splitlines()
            parts.append(f"<tr><td>{html.escape(row['setting'])}</td><td>{row['seed']}</td>"
                         f"<td><pre>{html.escape(error[0] if error else '')}</pre></td></tr>")
        parts.append("</table>")
    include_js: bool | str = True
    parts.append("<h2>Metrics per setting (mean ± std across seeds; dots are seeds)</h2>")
    for name in tables.metrics:
        if finished[name].notna().any():
            parts.append(_figure_html(_metric_figure(finished, name), include_js))
            include_js = False
    parts.append("<h2>Per-step series (mean across seeds; band: min–max)</h2>")
    for name in tables.series_names:
        if tables.series[name].notna().any():
            parts.append(_figure_html(_series_figure(tables.series, name), include_js))
            include_js = False
    parts.append("</body></html>")
    return "\n".join(parts)


def _summary_table(frame: pd.DataFrame, metrics: list[str]) -> str:
    headline = [m for m in metrics if "[" not in m and frame[m].notna().any()] if len(frame) else []
    if not headline:
        return "<p>No finished cells.</p>"
    grouped = frame.groupby("setting", sort=False)[headline].mean()
    head = "".join(f"<th>{html.escape(m)}</th>" for m in headline)
    rows = [f"<table><tr><th>setting (mean over seeds)</th>{head}</tr>"]
    for setting, values in grouped.iterrows():
        cells = "".join(f"<td>{_fmt(v)}</td>" for v in values)
        rows.append(f"<tr><td>{html.escape(str(setting))}</td>{cells}</tr>")
    rows.append("</table>")
    return "".join(rows)


def _metric_figure(frame: pd.DataFrame, name: str) -> go.Figure:
    stats = frame.groupby("setting", sort=False)[name].agg(["mean", "std", "min", "max"]).reset_index()
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=stats["setting"], y=stats["mean"], mode="markers", name="mean ± std", marker={"size": 12},
        error_y={"type": "data", "array": stats["std"].fillna(0.0)},
    ))
    figure.add_trace(go.Scatter(
        x=frame["setting"], y=frame[name], mode="markers", name="seeds", marker={"size": 6, "opacity": 0.5},
        text=[f"seed {s}" for s in frame["seed"]],
    ))
    figure.update_layout(title=name, height=360, xaxis_title="setting", yaxis_title=name, margin={"t": 40})
    return figure


def _series_figure(frame: pd.DataFrame, name: str) -> go.Figure:
    figure = go.Figure()
    for setting, group in frame.groupby("setting", sort=False):
        stats = group.groupby("step")[name].agg(["mean", "min", "max"]).reset_index()
        steps = list(stats["step"])
        figure.add_trace(go.Scatter(
            x=steps + steps[::-1], y=list(stats["max"]) + list(stats["min"])[::-1], fill="toself",
            opacity=0.2, line={"width": 0}, showlegend=False, hoverinfo="skip", name=f"{setting} band",
        ))
        figure.add_trace(go.Scatter(x=steps, y=stats["mean"], mode="lines", name=str(setting)))
    figure.update_layout(title=name, height=360, xaxis_title="step", yaxis_title=name, margin={"t": 40})
    return figure


def _figure_html(figure: go.Figure, include_js: bool | str) -> str:
    return figure.to_html(full_html=False, include_plotlyjs=include_js)


def _scalar(value: Any) -> Any:
    """Grid values as table cells: lists and tables become JSON text."""
    return json.dumps(value, sort_keys=True) if isinstance(value, list | dict) else value


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{value:.3g}" if isinstance(value, float) else html.escape(str(value))

"""The account map as a Plotly figure, for the HTML report: our members on the left, their stakeholders
on the right, one line per connection point coloured by its health.

The HTML report takes any function of the shape `AccountFigure` (for instance the app's richer
``graphmap.viz.figures.account_map_figure``); this one is its built-in default, drawn from the
account's `CoverageMatrix` alone so that it costs nothing more than the matrix the report already has.
"""

from __future__ import annotations

import html
from typing import Callable

import plotly.graph_objects as go

from graphmap.analysis.findings import Findings
from graphmap.model.accountmap import AccountMap
from graphmap.report.matrix import CoverageMatrix

__all__ = ["AccountFigure", "STATUS_COLOURS", "relationship_figure"]

#: A figure of one account: ``figure(amap, findings, account_id)``.
AccountFigure = Callable[[AccountMap, Findings, str], go.Figure]

#: Line colours by connection status (the report's legend and matrix use the same hues).
STATUS_COLOURS = {"healthy": "#2e7d32", "stale": "#e0a800", "weak": "#c62828"}
_LINES = {"healthy": ("solid", 3.0), "stale": ("dash", 2.0), "weak": ("dot", 2.0)}
_STATUS_LABELS = {"healthy": "healthy", "stale": "stale (no recent contact)", "weak": "weak (low strength)"}
_MEMBER = "#1f3864"
_COVERED = "#2e7d32"
_UNCOVERED = "#c62828"


def _plain(text: str) -> str:
    """Text Plotly shows as written: it reads tags such as <b> and <a href> in labels, but decodes entities."""
    return html.escape(str(text), quote=False)


def _rows_y(count: int, total: int) -> list[float]:
    # Spread `count` nodes over the height that `total` rows need, centred, top to bottom.
    offset = (total - count) / 2
    return [total - 1 - offset - i for i in range(count)]


def relationship_figure(matrix: CoverageMatrix, width: int = 700) -> go.Figure:
    """The account's relationship map: members (left) connected to stakeholders (right).

    Stakeholders are ordered key first, then by influence; their marker size follows influence, a
    diamond marks a key stakeholder and red marks one nobody covers. The quarterback's marker is a star.

    Examples
    --------
    >>> import graphmap
    >>> from graphmap.report.matrix import coverage_matrices
    >>> amap = graphmap.read_map(graphmap.write_sample_map(__import__("tempfile").mkdtemp() + "/s"))
    >>> found = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF, accounts=["acc-vela"])
    >>> figure = relationship_figure(next(coverage_matrices(amap, found)))
    >>> sorted(trace.name for trace in figure.data if trace.name)[:3]
    ['healthy', 'our team', 'stakeholders']
    """
    rows = max(len(matrix.members), len(matrix.stakeholders), 1)
    member_y = _rows_y(len(matrix.members), rows)
    stake_y = _rows_y(len(matrix.stakeholders), rows)
    figure = go.Figure()

    for status in ("weak", "stale", "healthy"):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for (s, m), cell in matrix.cells.items():
            if cell.status == status:
                xs += [0.0, 1.0, None]
                ys += [member_y[m], stake_y[s], None]
        dash, line_width = _LINES[status]
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=_STATUS_LABELS[status].split(" (")[0],
                                    legendgroup=status, hoverinfo="skip", showlegend=bool(xs),
                                    legendrank={"healthy": 1, "stale": 2, "weak": 3}[status],
                                    line={"color": STATUS_COLOURS[status], "width": line_width, "dash": dash}))

    members = matrix.members
    figure.add_trace(go.Scatter(
        x=[0.0] * len(members), y=member_y, mode="markers+text", name="our team", showlegend=False,
        text=[_plain(m.name) for m in members], textposition="middle left",
        marker={"size": 16, "color": [_MEMBER if m.on_team else "#7f8fa6" for m in members],
                "symbol": ["star" if m.quarterback else "circle" for m in members],
                "line": {"color": "white", "width": 1}},
        customdata=[[_plain(m.role.replace("_", " ")), "quarterback" if m.quarterback else
                     ("on the team" if m.on_team else "outside the team")] for m in members],
        hovertemplate="<b>%{text}</b><br>%{customdata[0]}, %{customdata[1]}<extra></extra>"))

    stakes = matrix.stakeholders
    figure.add_trace(go.Scatter(
        x=[1.0] * len(stakes), y=stake_y, mode="markers+text", name="stakeholders", showlegend=False,
        text=[_plain(s.name) for s in stakes], textposition="middle right",
        marker={"size": [8 + 3 * s.influence for s in stakes],
                "color": [_COVERED if s.covered else _UNCOVERED for s in stakes],
                "symbol": ["diamond" if s.key else "circle" for s in stakes],
                "line": {"color": "white", "width": 1}},
        customdata=[[_plain(s.role.replace("_", " ")), _plain(s.title), s.influence,
                     "covered" if s.covered else "UNCOVERED", "key" if s.key else "not key"] for s in stakes],
        hovertemplate=("<b>%{text}</b><br>%{customdata[1]}<br>%{customdata[0]}, influence %{customdata[2]} "
                       "(%{customdata[4]})<br>%{customdata[3]}<extra></extra>")))

    figure.update_layout(
        width=width, height=90 + 46 * rows, margin={"l": 10, "r": 10, "t": 36, "b": 10},
        paper_bgcolor="white", plot_bgcolor="white", dragmode=False, hovermode="closest",
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 12},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.0, "yanchor": "bottom"},
        xaxis={"visible": False, "range": [-0.8, 1.8], "fixedrange": True},
        yaxis={"visible": False, "range": [-0.7, rows - 0.3], "fixedrange": True},
    )
    return figure

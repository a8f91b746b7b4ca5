"""Figures of maps and findings (Plotly): layouts in `layouts`, figures in `figures`. No Streamlit here."""

from __future__ import annotations

from graphmap.viz.figures import account_map_figure, account_people, portfolio_risk_figure
from graphmap.viz.layouts import force_layout, team_to_team_layout

__all__ = ["account_map_figure", "account_people", "force_layout", "portfolio_risk_figure", "team_to_team_layout"]

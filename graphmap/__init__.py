"""graphmap: relationship maps for business-to-business account teams.

People are nodes, connection points are edges; the analysis finds uncovered stakeholders,
overloaded heroes and weak links (DESIGN.md §4). The public API::

    amap = graphmap.read_map("data/sample")
    findings = graphmap.analyze(amap, as_of=datetime.date(2026, 11, 27))
"""

from __future__ import annotations

__version__ = "0.1.0"

from graphmap.analysis import analyze
from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.exceptions import GraphmapError, MapError, MapValidationError
from graphmap.mapfolder import read_map, write_map
from graphmap.model import Account, AccountMap, Connection, Person, TeamMembership, account_graph
from graphmap.sample import SAMPLE_AS_OF, write_sample_map
from graphmap.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "Account", "AccountFindings", "AccountMap", "Connection", "DEFAULT_SETTINGS", "Findings", "GraphmapError",
    "MapError", "MapValidationError", "Person", "SAMPLE_AS_OF", "Settings", "TeamMembership", "__version__",
    "account_graph", "analyze", "read_map", "write_map", "write_sample_map",
]

"""graphmap: relationship maps for business-to-business account teams.

People are nodes, connection points are edges; the analysis finds uncovered stakeholders,
overloaded heroes and weak links (DESIGN.md §4). The public API::

    amap = graphmap.read_map("data/sample")
    findings = graphmap.analyze(amap, as_of=datetime.date(2026, 11, 27))

The names below are loaded when first used (PEP 562), so that a command which needs one part of
the library (an import of a CRM export, say) does not pay for loading the analysis too.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_EXPORTS = {
    "analyze": "graphmap.analysis",
    "AccountFindings": "graphmap.analysis.findings",
    "Findings": "graphmap.analysis.findings",
    "GraphmapError": "graphmap.exceptions",
    "MapError": "graphmap.exceptions",
    "MapValidationError": "graphmap.exceptions",
    "read_map": "graphmap.mapfolder",
    "write_map": "graphmap.mapfolder",
    "Account": "graphmap.model",
    "AccountMap": "graphmap.model",
    "Connection": "graphmap.model",
    "Person": "graphmap.model",
    "TeamMembership": "graphmap.model",
    "account_graph": "graphmap.model",
    "SAMPLE_AS_OF": "graphmap.sample",
    "write_sample_map": "graphmap.sample",
    "DEFAULT_SETTINGS": "graphmap.settings",
    "Settings": "graphmap.settings",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from graphmap.analysis import analyze
    from graphmap.analysis.findings import AccountFindings, Findings
    from graphmap.exceptions import GraphmapError, MapError, MapValidationError
    from graphmap.mapfolder import read_map, write_map
    from graphmap.model import Account, AccountMap, Connection, Person, TeamMembership, account_graph
    from graphmap.sample import SAMPLE_AS_OF, write_sample_map
    from graphmap.settings import DEFAULT_SETTINGS, Settings


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graphmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # loaded once; later look-ups do not come here
    return value


def __dir__() -> list[str]:
    return __all__

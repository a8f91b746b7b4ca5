"""Contact imports: Salesforce, HubSpot, LinkedIn and activity logs into the canonical map (docs/imports.md).

One module per profile (`salesforce`, `hubspot`, `linkedin`, `activities`, `canonical`), profile
detection (`detect`), file reading (`readers`), title rules (`titles`), merging (`merge`), and the
entry point `import_files`, which returns an `ImportReport`.
"""

from graphmap.imports.importer import import_files
from graphmap.imports.records import ERROR_FILE, FileReport, ImportReport
from graphmap.imports.merge import MergeCounts
from graphmap.imports.titles import TITLE_RULES, role_from_title

__all__ = ["ERROR_FILE", "FileReport", "ImportReport", "MergeCounts", "TITLE_RULES", "import_files",
           "role_from_title"]

"""What every printed page carries whatever the report: the protective marking, the
build that drew it and the page number, in one footer.

The handover sheet paints it on every page, and any other printout (the audit report)
calls the same `footer_html`, so a page found on its own in a ward office says what it
holds, how to dispose of it, which version of MSCC Desk printed it and where it belongs
in the set. The cells are styled by the report's style sheet (`td.marking`, `td.build`,
`td.page`).
"""

from __future__ import annotations

import html

from ..version import version_line

MARKING = "OFFICIAL-SENSITIVE: contains personal information — dispose of as confidential waste"


def footer_html(page: int, pages: int, marking: str = MARKING) -> str:
    """One footer row for page `page` of `pages`; lay it out at the page's width."""
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="marking">{html.escape(marking, quote=False)}</td>'
        f'<td class="build" align="center">{html.escape(version_line(), quote=False)}</td>'
        f'<td class="page" align="right">Page {page} of {pages}</td></tr></table>'
    )

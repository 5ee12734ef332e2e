"""The service audit's reading: the cases of a period as frozen rows, and the figures.

Not the audit trail (`store.audit`): this is what the MSCC lead reports (measures,
intervals, breaches, deprivation). `read` fetches the rows in one read-only transaction
with a fixed number of set-based queries; `domain.service_audit.compute` turns them into
the one `ServiceAudit` every output is drawn from.

Import from here (`from mscc_desk.store.service_audit import load_service_audit`).
"""

from .exports import EXPORT_ACTION, record_export
from .read import audit_cases, load_service_audit

__all__ = ["EXPORT_ACTION", "audit_cases", "load_service_audit", "record_export"]

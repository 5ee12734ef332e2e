"""Printed outputs: the handover sheet (and audit measures), HTML laid out by QTextDocument
and painted to a printer or a PDF, so the paper and the screen come from one code path."""

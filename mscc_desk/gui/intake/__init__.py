"""Taking a call: the form, its fields and messages, the live triage panel, the known patient."""

"""Words for the keys of the pathway file, so messages read as the window does.

The pathway file names checklist fields by key only (`performed_at`); every refusal and
every screen shows them the same way (`Performed at`), so one function makes the words.
"""

from __future__ import annotations

_ACRONYMS = {"mri": "MRI", "ppi": "PPI", "sins": "SINS", "mscc": "MSCC", "ot": "OT"}


def field_label(key: str) -> str:
    """`performed_at` -> `Performed at`, `dose_mg` -> `Dose (mg)`: the file has keys only."""
    words = [_ACRONYMS.get(w, w) for w in key.strip().split("_") if w]
    if len(words) > 1 and words[-1] == "mg":
        words[-2:] = [f"{words[-2]} (mg)"]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def option_label(value: str) -> str:
    words = value.replace("_", " ")
    return words[:1].upper() + words[1:]

"""The shipped pathway file, the checks on a hand-edited one, and the domain's purity."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mscc_desk.domain.pathway import (
    STATUSES,
    ChecklistRule,
    ClockRule,
    Pathway,
    PathwayError,
    Rule,
    load_pathway,
)
from mscc_desk.domain.resources import package_dir, resource_path

SHIPPED = resource_path("pathway", "ng234.toml")
PACKAGE = package_dir()
PROJECT_ROOT = PACKAGE.parent


def all_rules(p: Pathway) -> tuple[Rule | ClockRule | ChecklistRule, ...]:
    return (*p.triage, *p.immobilisation, *p.actions, *p.clocks, *p.checklist)


def test_shipped_file_loads() -> None:
    p = load_pathway(SHIPPED)
    assert p.version == "ng234-2023.4"
    assert p.title.strip()
    assert set(p.categories) == {
        "emergency",
        "urgent_advice",
        "oncology_referral",
        "safety_net",
        "outside_pathway",
    }
    assert set(p.contacts) == {"immediately", "within_24h", "urgent_oncology_referral", "none"}
    assert load_pathway().version == "ng234-2023.4"  # the default path is the shipped file


def test_every_pathway_row_has_its_rule() -> None:
    p = load_pathway(SHIPPED)
    assert {"T1", "T2", "T3", "T4", "T5", "T6"} <= {r.key for r in p.triage}
    assert {"I1", "I2"} <= {r.key for r in p.immobilisation}
    # The lists end with a catch-all, so every person gets an answer.
    assert not p.immobilisation[-1].when.choices and not p.immobilisation[-1].when.flags


def test_every_rule_has_a_status_and_a_reference() -> None:
    p = load_pathway(SHIPPED)
    rules = all_rules(p)
    assert len(rules) > 20
    for rule in rules:
        assert rule.status in STATUSES, rule.key
        assert rule.ref.strip(), rule.key
    assert set(STATUSES) == {"seed", "QS56", "local"}


def test_every_local_rule_says_local_in_its_reference() -> None:
    p = load_pathway(SHIPPED)
    local = [r for r in all_rules(p) if r.status == "local"]
    assert local, "the shipped file has local policies (T4, dexamethasone, SINS ...)"
    for rule in local:
        assert "local" in rule.ref.lower(), rule.key


def test_feature_lists_match_pathway_section_1() -> None:
    p = load_pathway(SHIPPED)
    assert set(p.feature_keys("pain")) == {
        "severe_unremitting",
        "progressive",
        "mechanical",
        "straining",
        "nocturnal",
        "localised_tenderness",
        "claudication",
    }
    assert set(p.feature_keys("neuro")) == {
        "bladder_bowel_dysfunction",
        "gait_disturbance",
        "limb_weakness",
        "neurological_signs",
        "sensory_change",
        "radicular_pain",
    }
    assert set(p.feature_keys("cancer_status")) == {"past_or_current", "suspected", "none"}


def test_checklist_has_the_pathway_items() -> None:
    p = load_pathway(SHIPPED)
    keys = {item.key for item in p.checklist}
    assert {
        "mri",
        "immobilisation",
        "expert_review",
        "dexamethasone",
        "sins",
        "definitive_treatment",
    } <= keys
    assert p.checklist_rule("mri").meets == ("mri", "performed_at")
    assert p.checklist_rule("immobilisation").starts == ("expert_review", "started_at")
    treatment = p.checklist_rule("definitive_treatment")
    assert treatment.starts == ("radiotherapy", "decision_at")
    # QS56 st.6 is about radiotherapy: the clock needs the modality too.
    assert treatment.starts_if == {"modality": frozenset({"radiotherapy"})}
    assert treatment.starts_holds({"modality": "radiotherapy"})
    assert not treatment.starts_holds({"modality": "surgery"})
    assert not treatment.starts_holds({})
    assert p.checklist_rule("immobilisation").starts_if == {}
    assert p.checklist_rule("immobilisation").starts_holds({})
    with pytest.raises(KeyError):
        p.checklist_rule("no_such_item")


def test_every_clock_starts_from_a_known_instant() -> None:
    p = load_pathway(SHIPPED)
    checklist = {item.key: {f.key for f in item.fields} for item in p.checklist}
    for clock in p.clocks:
        assert clock.hours > 0, clock.key
        link = clock.from_checklist
        if link is None:
            assert clock.start in ("suspected_at", "immobilised_at"), clock.key
        else:
            item, fld = link
            assert fld in checklist[item], clock.key
    hours = {(c.key, c.hours) for c in p.clocks}
    assert {("mri", 24), ("mri", 168), ("coordinator_advice", 24), ("expert_review", 24)} <= hours
    assert ("radiotherapy", 24) in hours


# --- a hand-edited copy with a mistake is refused --------------------------------------------


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the edit must hit exactly one place: {old!r}"
    target = tmp_path / "edited.toml"
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


T1_WHEN = 'when = { cancer_status = ["past_or_current"], neuro = "any" }'


def test_an_unchanged_copy_loads(tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_pathway(copy).version == "ng234-2023.4"


def test_unknown_category_is_refused(tmp_path: Path) -> None:
    path = edited(
        tmp_path, 'key = "T1"\ncategory = "emergency"', 'key = "T1"\ncategory = "emergncy"'
    )
    with pytest.raises(PathwayError, match="emergncy"):
        load_pathway(path)


def test_unknown_boolean_fact_is_refused(tmp_path: Path) -> None:
    path = edited(
        tmp_path, T1_WHEN, 'when = { cancer_status = ["past_or_current"], neuro_signs = true }'
    )
    with pytest.raises(PathwayError, match="neuro_signs"):
        load_pathway(path)


def test_unknown_condition_is_refused(tmp_path: Path) -> None:
    path = edited(
        tmp_path, T1_WHEN, 'when = { cancer_status = ["past_or_current"], colour = "red" }'
    )
    with pytest.raises(PathwayError, match="colour"):
        load_pathway(path)


def test_unknown_choice_value_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, T1_WHEN, 'when = { cancer_status = ["past"], neuro = "any" }')
    with pytest.raises(PathwayError, match="past"):
        load_pathway(path)


def test_bad_presence_value_is_refused(tmp_path: Path) -> None:
    path = edited(
        tmp_path, T1_WHEN, 'when = { cancer_status = ["past_or_current"], neuro = "some" }'
    )
    with pytest.raises(PathwayError, match="neuro"):
        load_pathway(path)


def test_unknown_contact_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, 'contact = "within_24h"\n', 'contact = "within_12h"\n')
    with pytest.raises(PathwayError, match="within_12h"):
        load_pathway(path)


def test_missing_required_entry_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, 'version = "ng234-2023.4"\n', "")
    with pytest.raises(PathwayError):
        load_pathway(path)


def test_unparsable_or_missing_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("version = \n", encoding="utf-8")
    with pytest.raises(PathwayError):
        load_pathway(bad)
    with pytest.raises(PathwayError):
        load_pathway(tmp_path / "absent.toml")


def with_status(tmp_path: Path, section: str, key: str, status: str) -> Path:
    """A copy in which the rule `key` of `[[section]]` has another status."""
    text = SHIPPED.read_text(encoding="utf-8")
    table = text.index(f'[[{section}]]\nkey = "{key}"\n')
    line = text.index("\nstatus = ", table) + 1
    end = text.index("\n", line)
    assert text.find("[[", table + 2, line) == -1, "status line must be in the same table"
    target = tmp_path / "edited.toml"
    target.write_text(text[:line] + f'status = "{status}"' + text[end:], encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("triage", "T1"),
        ("immobilisation", "I2"),
        ("actions", "acute_spinal_pathway"),
        # The loader checks the status of triage, immobilisation and action rules only:
        # a clock or a checklist item with a status outside seed/QS56/local is accepted.
        ("clocks", "mri"),
        ("checklist", "sins"),
    ],
)
def test_bad_status_is_refused(tmp_path: Path, section: str, key: str) -> None:
    assert load_pathway(with_status(tmp_path, section, key, "local")).version  # the edit works
    with pytest.raises(PathwayError, match="guess"):
        load_pathway(with_status(tmp_path, section, key, "guess"))


def test_empty_reference_is_refused(tmp_path: Path) -> None:
    # PATHWAY.md: every rule the app applies must carry its reference.
    path = edited(
        tmp_path,
        'ref = "NG234 (BMJ Fig 2)"\nstatus = "seed"\n\n[[triage]]',
        'ref = ""\nstatus = "seed"\n\n[[triage]]',
    )
    with pytest.raises(PathwayError):
        load_pathway(path)


def test_clock_starting_from_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    # A typo in `from` would silently stop the 24-hour MRI clock from ever running.
    path = edited(
        tmp_path,
        'hours = 24\nfrom = "suspected_at"\nwhen = { suspected_mscc = true }',
        'hours = 24\nfrom = "suspectd_at"\nwhen = { suspected_mscc = true }',
    )
    with pytest.raises(PathwayError, match="suspectd_at"):
        load_pathway(path)


# The line itself (after a newline), not the example in the header comment.
RT_STARTS = (
    '\nstarts = { clock = "radiotherapy", field = "decision_at", '
    'if = { modality = "radiotherapy" } }'
)


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ('if = { modalty = "radiotherapy" }', "no field 'modalty'"),
        ('if = { modality = "radiotherapie" }', "'radiotherapie' is not one of its options"),
        ('if = { started_at = "radiotherapy" }', "not one of its options"),
        ("if = { modality = 1 }", "modality must be an option"),
        ('if = "radiotherapy"', "must be a table"),
        ('unless = { modality = "surgery" }', "unknown key"),
    ],
)
def test_a_bad_starts_condition_is_refused(tmp_path: Path, condition: str, problem: str) -> None:
    path = edited(
        tmp_path, RT_STARTS, RT_STARTS.replace('if = { modality = "radiotherapy" }', condition)
    )
    with pytest.raises(PathwayError, match=problem):
        load_pathway(path)


def test_a_starts_condition_may_list_options(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        RT_STARTS,
        RT_STARTS.replace('"radiotherapy" }', '["radiotherapy", "surgery"] }'),
    )
    rule = load_pathway(path).checklist_rule("definitive_treatment")
    assert rule.starts_if == {"modality": frozenset({"radiotherapy", "surgery"})}
    assert rule.starts_holds({"modality": "surgery"})
    assert not rule.starts_holds({"modality": "systemic"})


def test_meets_takes_no_condition(tmp_path: Path) -> None:
    old = 'meets = { clock = "radiotherapy", field = "started_at" }'
    path = edited(tmp_path, old, old.replace(" }", ', if = { modality = "radiotherapy" } }'))
    with pytest.raises(PathwayError, match="unknown key"):
        load_pathway(path)


# --- purity: the domain knows nothing of Qt, the database or the rest of the app ---------------


def imports_of(source: str, package: str) -> set[str]:
    """Absolute names of what a module in `package` imports, relative imports resolved.

    `from a.b import c` gives `a.b.c` (c may be a module or a name in a.b).
    """
    parts = package.split(".")
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def imported_modules(path: Path) -> set[str]:
    # For __init__.py too, the package is the directory the file is in.
    package = ".".join(path.relative_to(PROJECT_ROOT).parent.parts)
    return imports_of(path.read_text(encoding="utf-8"), package)


def modules_under(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (PACKAGE / pkg).rglob("*.py"))


def test_import_resolution_helper() -> None:
    source = (
        "import PySide6.QtCore\n"
        "from shiboken6 import isValid\n"
        "from . import clock\n"
        "from .errors import InputError\n"
        "from ..store import models\n"
        "from .. import gui\n"
        "def f():\n    import sqlalchemy as sa\n"
    )
    assert imports_of(source, "mscc_desk.domain") == {
        "PySide6.QtCore",
        "shiboken6.isValid",
        "mscc_desk.domain.clock",
        "mscc_desk.domain.errors.InputError",
        "mscc_desk.store.models",
        "mscc_desk.gui",
        "sqlalchemy",
    }
    names = imported_modules(PACKAGE / "domain" / "triage.py")
    assert "mscc_desk.domain.clock.parse_instant" in names
    assert "mscc_desk.domain.pathway.Pathway" in names


def test_domain_and_store_do_not_import_qt() -> None:
    files = modules_under("domain", "store")
    assert any(f.name == "triage.py" for f in files)
    for path in files:
        for name in imported_modules(path):
            root = name.split(".")[0]
            assert root not in ("PySide6", "shiboken6"), f"{path}: imports {name}"


def test_domain_imports_no_database_and_nothing_else_of_the_app() -> None:
    for path in modules_under("domain"):
        for name in imported_modules(path):
            root = name.split(".")[0]
            assert root not in ("sqlalchemy", "alembic", "psycopg"), f"{path}: imports {name}"
            if root == "mscc_desk":
                assert name == "mscc_desk.domain" or name.startswith("mscc_desk.domain."), (
                    f"{path}: imports {name}"
                )

"""Synthetic demo data: `mscc-desk demo --cases N [--seed S]`.

Every case is invented, but built the way the app builds a real one: the triage facts go
through the real `triage()` of the pathway file, so the category, the clocks and the
checklist of each case are exactly what the pathway gives. People are invented too: NHS
numbers come from the 999 test range (never issued to a patient) with valid Modulus 11
check digits, and telephone numbers from Ofcom's ranges reserved for drama.

Speed: rows are built as plain dicts and written with Core bulk inserts (executemany) in
one transaction, with ids assigned here (after the current `max(id)` of each table), so
20,000 cases take about 15 s on SQLite, and a second run appends after the first.

Determinism: one `random.Random(seed)` and the injected clock are the only sources of
randomness and time, so the same seed, clock and starting database give the same rows.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Table, func, insert, select, text

from ..domain.case_history import decide_category, merged_facts, more_pressing_advice
from ..domain.clock import LONDON, Clock, SystemClock, format_instant, london
from ..domain.deadlines import ClockSpec, checklist_clock, merge_clocks, running_clocks
from ..domain.nhs_number import check_digit
from ..domain.pathway import Pathway, default_pathway
from ..domain.scales import SINS_COMPONENTS, sins_score
from ..domain.triage import PAIN_FEATURES, CaseFacts, TriageResult, triage
from .audit import chain_digest, lock_chain
from .backup import _reset_sequences
from .clocks import assessment_columns
from .engine import Database
from .models import Base
from .row_digests import RowDigests, merge, model_table, row_digest
from .witness import apply, pending_update

T = TypeVar("T")

YEARS_OF_HISTORY = 3
OPEN_SHARE = 0.02
OPEN_MAX = 400
BATCH = 5000

DEMO_USERS = (
    ("demo.coordinator", "Alex Morgan (demo coordinator)", "coordinator"),
    ("demo.coordinator2", "Priya Shah (demo coordinator)", "coordinator"),
    ("demo.registrar", "Dr Tom Hughes (demo oncology registrar)", "registrar"),
    ("demo.registrar2", "Dr Ngozi Okafor (demo oncology registrar)", "registrar"),
)

# --------------------------------------------------------------------------- weights


class _W(Generic[T]):
    """A weighted choice, drawn from the one generator of the run."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.values = [v for v, _ in pairs]
        total = 0.0
        self.cum: list[float] = []
        for _, w in pairs:
            total += w
            self.cum.append(total)

    def pick(self, rng: random.Random) -> T:
        return rng.choices(self.values, cum_weights=self.cum)[0]


CLOSED_CATEGORIES = _W(  # escalations and overrides then bring emergencies to about 35 %
    [
        ("emergency", 33),
        ("urgent_advice", 37),
        ("oncology_referral", 10),
        ("safety_net", 11),
        ("outside_pathway", 9),
    ]
)
OPEN_CATEGORIES = _W(
    [
        ("emergency", 42),
        ("urgent_advice", 40),
        ("oncology_referral", 7),
        ("safety_net", 6),
        ("outside_pathway", 5),
    ]
)
PAIN_WEIGHTS = _W(
    [
        ("mechanical", 20),
        ("nocturnal", 18),
        ("progressive", 16),
        ("severe_unremitting", 14),
        ("localised_tenderness", 14),
        ("straining", 10),
        ("claudication", 8),
    ]
)
NEURO_WEIGHTS = _W(
    [
        ("limb_weakness", 30),
        ("gait_disturbance", 25),
        ("sensory_change", 20),
        ("bladder_bowel_dysfunction", 10),
        ("radicular_pain", 10),
        ("neurological_signs", 5),
    ]
)
PAIN_ON_MOVEMENT = _W([("none", 15), ("mild", 25), ("moderate", 35), ("severe", 25)])
PRIMARY_SITES = _W(
    [
        ("prostate", 20),
        ("breast", 18),
        ("lung", 18),
        ("myeloma", 10),
        ("unknown_primary", 7),
        ("kidney", 6),
        ("bowel", 6),
        ("lymphoma", 5),
        ("other", 10),
    ]
)
OTHER_SITES = (
    "oesophagus",
    "bladder",
    "melanoma",
    "thyroid",
    "sarcoma",
    "head and neck",
    "cervix",
    "pancreas",
    "stomach",
    "mesothelioma",
)
HISTOLOGY = {
    "breast": (
        "invasive ductal carcinoma, ER positive",
        "invasive lobular carcinoma",
        "triple-negative carcinoma",
    ),
    "prostate": (
        "adenocarcinoma, Gleason 4+4",
        "adenocarcinoma, Gleason 4+5",
        "adenocarcinoma, Gleason 3+4",
    ),
    "lung": (
        "adenocarcinoma",
        "squamous cell carcinoma",
        "small cell carcinoma",
        "non-small cell carcinoma, NOS",
    ),
    "kidney": ("clear cell renal cell carcinoma", "papillary renal cell carcinoma"),
    "myeloma": ("IgG kappa myeloma", "IgA lambda myeloma", "light-chain myeloma"),
    "lymphoma": ("diffuse large B-cell lymphoma", "follicular lymphoma", "Hodgkin lymphoma"),
    "bowel": (
        "adenocarcinoma of the sigmoid colon",
        "rectal adenocarcinoma",
        "adenocarcinoma of the caecum",
    ),
    "unknown_primary": (
        "metastatic adenocarcinoma, primary not identified",
        "poorly differentiated carcinoma",
    ),
    "other": ("carcinoma", "adenocarcinoma", "squamous cell carcinoma", "sarcoma"),
}
SYSTEMIC = {
    "breast": ("letrozole", "letrozole and palbociclib", "capecitabine", "trastuzumab", "none"),
    "prostate": ("enzalutamide", "abiraterone", "docetaxel", "LHRH agonist", "none"),
    "lung": ("pembrolizumab", "carboplatin and pemetrexed", "osimertinib", "none"),
    "kidney": ("sunitinib", "nivolumab and ipilimumab", "cabozantinib", "none"),
    "myeloma": ("lenalidomide and dexamethasone", "daratumumab", "bortezomib", "none"),
    "lymphoma": ("R-CHOP", "rituximab maintenance", "none"),
    "bowel": ("FOLFOX", "capecitabine", "none"),
    "unknown_primary": ("none",),
    "other": ("none", "chemotherapy (see letters)", "immunotherapy"),
}
TEAMS = {
    "breast": "breast oncology",
    "prostate": "urology oncology",
    "lung": "lung oncology",
    "kidney": "renal oncology",
    "myeloma": "haematology",
    "lymphoma": "haematology",
    "bowel": "colorectal oncology",
    "unknown_primary": "acute oncology",
    "other": "clinical oncology",
}
PAIN_SITES = _W(
    [("thoracic", 55), ("lumbar", 25), ("cervical", 10), ("multiple", 8), ("sacral", 2)]
)
MOBILITY = _W([("independent", 70), ("with_aid", 20), ("chair", 7), ("bed", 3)])
MOBILITY_ORDER = ("independent", "with_aid", "chair", "bed")
FRANKEL_EMERGENCY = _W([("A", 3), ("B", 5), ("C", 15), ("D", 45), ("E", 32)])
FRANKEL = "ABCDE"
HOURS = (2, 1.5, 1.2, 1, 1, 1.2, 2, 3, 6, 8, 9, 9, 8, 8, 8, 8, 7, 6, 5, 4.5, 4, 3.5, 3, 2.5)
HOUR_WEIGHTS = _W(list(zip(range(24), HOURS, strict=True)))
IMD = _W([(d, w) for d, w in zip(range(1, 11), (13, 12, 11, 10, 10, 10, 9, 9, 8, 8), strict=True)])

REFERRAL_BY_CATEGORY = {
    "emergency": _W(
        [
            ("emergency_department", 35),
            ("inpatient_ward", 25),
            ("gp", 15),
            ("other_hospital", 10),
            ("community_team", 5),
            ("hospice", 5),
            ("patient_or_carer", 3),
            ("other", 2),
        ]
    ),
    "urgent_advice": _W(
        [
            ("gp", 35),
            ("emergency_department", 15),
            ("inpatient_ward", 15),
            ("community_team", 12),
            ("other_hospital", 10),
            ("patient_or_carer", 6),
            ("hospice", 5),
            ("other", 2),
        ]
    ),
    "other": _W(
        [
            ("gp", 40),
            ("emergency_department", 15),
            ("inpatient_ward", 12),
            ("community_team", 8),
            ("other_hospital", 8),
            ("patient_or_carer", 12),
            ("hospice", 2),
            ("other", 3),
        ]
    ),
}
CALLER_ROLES = {
    "gp": ("GP", "GP", "GP registrar", "practice nurse"),
    "emergency_department": (
        "FY2 doctor",
        "ED registrar",
        "ED consultant",
        "emergency nurse practitioner",
        "CT1 doctor",
    ),
    "inpatient_ward": (
        "FY1 doctor",
        "FY2 doctor",
        "CT2 doctor",
        "medical registrar",
        "ward sister",
        "staff nurse",
        "acute oncology nurse",
    ),
    "hospice": ("hospice doctor", "palliative care nurse specialist"),
    "community_team": ("district nurse", "Macmillan nurse", "community palliative care nurse"),
    "other_hospital": (
        "oncology registrar",
        "medical registrar",
        "acute oncology nurse",
        "spinal registrar",
    ),
    "patient_or_carer": ("patient", "daughter", "son", "wife", "husband", "partner"),
    "other": ("paramedic", "radiographer", "care home manager", "physiotherapist"),
}
DOCTOR_ROLES = frozenset(
    {
        "GP",
        "GP registrar",
        "FY1 doctor",
        "FY2 doctor",
        "CT1 doctor",
        "CT2 doctor",
        "ED registrar",
        "ED consultant",
        "medical registrar",
        "hospice doctor",
        "oncology registrar",
        "spinal registrar",
    }
)
HOSPITALS = (
    "Northgate General Hospital",
    "St Aidan's Hospital",
    "Riverside University Hospital",
    "Kingsmead Hospital",
    "Moorside District Hospital",
)
OTHER_HOSPITALS = ("Eastfield Hospital", "Harbourview Hospital", "Castlegate Infirmary")
TERTIARY = "Westbrook Royal Infirmary (regional spinal centre)"
PRACTICES = (
    "Beech Grove Medical Centre",
    "Castle Street Surgery",
    "Millbrook Health Centre",
    "Parkside Surgery",
    "The Valley Practice",
    "Oakwood Medical Practice",
    "Station Road Surgery",
    "Highfield Family Practice",
    "Brookside Health Centre",
    "Church Lane Surgery",
)
HOSPICES = ("St Brigid's Hospice", "Willow Bank Hospice", "Heathervale Hospice")
COMMUNITY = (
    "North locality district nursing team",
    "South locality district nursing team",
    "Community palliative care team",
)
WARDS = (
    "Ward 7 (oncology)",
    "Ward 12 (acute medical unit)",
    "Ward 21 (respiratory)",
    "Ward 3 (haematology)",
    "Ward 15 (care of the elderly)",
    "Ward 9 (surgical assessment)",
    "Ward 18 (urology)",
)
# Ofcom's numbers for drama: they reach nobody.
LANDLINES = (
    "0113 496 0{:03d}",
    "0114 496 0{:03d}",
    "0117 496 0{:03d}",
    "0121 496 0{:03d}",
    "0161 496 0{:03d}",
    "0191 498 0{:03d}",
    "020 7946 0{:03d}",
    "01632 960{:03d}",
)
MOBILE = "07700 900{:03d}"
POSTCODE_AREAS = (
    ("M", 40),
    ("SK", 17),
    ("OL", 16),
    ("BL", 9),
    ("WN", 8),
    ("WA", 16),
    ("CH", 66),
    ("LS", 29),
    ("BD", 24),
    ("HX", 7),
    ("S", 81),
    ("NG", 25),
    ("B", 99),
    ("L", 40),
    ("CW", 12),
    ("PR", 26),
    ("BB", 12),
    ("HU", 20),
    ("DN", 41),
    ("ST", 21),
)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

BREACH_REASONS = {
    "mri": _W(
        [
            ("mri_not_available", 45),
            ("transfer_delayed", 20),
            ("patient_declined", 15),
            ("other", 20),
        ]
    ),
    "coordinator_advice": _W([("other", 85), ("transfer_delayed", 15)]),
    "expert_review": _W([("other", 60), ("transfer_delayed", 30), ("patient_declined", 10)]),
    "radiotherapy": _W(
        [
            ("other", 40),
            ("transfer_delayed", 30),
            ("patient_declined", 15),
            ("mri_not_available", 15),
        ]
    ),
}
BREACH_NOTES = {
    "mri_not_available": (
        "MRI scanner down; transfer to the tertiary centre arranged.",
        "No out-of-hours radiographer; scanned first thing in the morning.",
        "Local MRI list full; scan added as an emergency the next day.",
        "Patient has a pacemaker that is not MRI conditional; CT myelogram arranged.",
    ),
    "transfer_delayed": (
        "Waited for a flat-bed ambulance for the transfer.",
        "Bed at the tertiary centre not available until the next morning.",
        "Transport delayed by the ambulance service (high demand).",
    ),
    "patient_declined": (
        "Patient declined the scan (claustrophobia); reconsidered the next day with sedation.",
        "Patient chose to wait until family could be present.",
        "Patient declined further investigation; best supportive care discussed.",
    ),
    "other": (
        "Patient too unwell to lie flat for the scan; optimised first.",
        "Referral received late from the community; clock started at first contact.",
        "Needed an anaesthetist for sedation; delayed by theatre emergencies.",
        "Expert clinician not reachable overnight; reviewed on the morning round.",
    ),
}
CLOSE_REASONS = {
    "mscc_confirmed": (
        "MSCC confirmed; radiotherapy completed and discharged home with community support.",
        "MSCC confirmed; surgical decompression and stabilisation, then rehabilitation.",
        "MSCC confirmed; best supportive care, transferred to the hospice.",
        "MSCC confirmed; treatment started and care handed over to the oncology team.",
    ),
    "spinal_metastases_without_mscc": (
        "Spinal metastases without cord compression; palliative radiotherapy planned by oncology.",
        "Spinal metastases without MSCC; safety-net advice given and oncology follow-up arranged.",
        "Spinal metastases, no cord compression; systemic treatment changed by the oncologist.",
    ),
    "not_metastatic": (
        "MRI: no spinal metastases (degenerative change); safety-net advice given.",
        "No evidence of metastatic disease; back to GP care with safety-net advice.",
        "Osteoporotic collapse, not metastatic; referred to the fracture liaison service.",
    ),
    "other": (
        "Referred for urgent oncology assessment; MSCC pathway episode closed.",
        "Not an MSCC pathway case; advised the local acute spinal pathway.",
        "Patient died before investigation was completed.",
        "Advice given; no further coordinator involvement needed.",
    ),
    None: (
        "Safety-net advice given; no further action by the coordinator.",
        "Outside the MSCC pathway; call recorded and advice given.",
    ),
}

# --------------------------------------------------------------------------- names

_F_BRIT = (
    "Margaret Patricia Susan Linda Janet Christine Elizabeth Anne Mary Jean Barbara Carol "
    "Helen Sarah Karen Julie Joanne Claire Amanda Nicola Rachel Emma Lisa Michelle Deborah "
    "Sandra Pauline Valerie Brenda Doreen Sheila Maureen Irene Eileen Gwen Siobhan Aoife "
    "Fiona Morag Catriona Bronwen Rhiannon Siân Kathleen Dawn Tracey Donna Gemma Kirsty "
    "Hannah Laura Sophie Charlotte Lucy Joan Sylvia Hazel Wendy Alison Lorraine Beverley"
).split()
_M_BRIT = (
    "John David Michael Peter Robert Stephen Paul Christopher Andrew Mark Richard Ian Alan "
    "Brian Keith Colin Graham Kevin Gary Trevor Derek Roy Kenneth Geoffrey Malcolm Gareth "
    "Dafydd Rhys Owen Hamish Callum Alasdair Seamus Declan Patrick Ciarán Daniel James "
    "Thomas Matthew Simon Neil Darren Lee Craig Wayne Stuart Barry Terence Dennis Raymond "
    "Anthony Philip Martin Gordon Frank George William"
).split()
_FAM_BRIT = (
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood "
    "Turner Martin Cooper Hill Ward Morris Moore Clark King Baker Harrison Morgan Allen "
    "James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly "
    "Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Marshall "
    "Anderson Simpson Ellis Adams Wilkinson Foster Chapman Powell Webb Rogers Gray Mason "
    "Hunt Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell "
    "Barker Fisher Stevens Jenkins Murray Dixon Harvey MacDonald MacLeod Fraser Stewart "
    "Reid Ross O'Brien O'Connor O'Neill Byrne Doyle Gallagher McCarthy Pritchard "
    "Llewellyn Ap-Rhys Smith-Jones"
).split()
_F_SASIAN = (
    "Fatima Ayesha Nasreen Shabana Parveen Priya Sunita Anjali Harpreet Manjit Rukhsana "
    "Salma Shazia Nusrat Kiran Meena Asha Geeta Rani Jaswinder"
).split()
_M_SASIAN = (
    "Mohammed Muhammad Imran Tariq Asif Shahid Raj Sanjay Rajesh Anil Vikram Gurpreet "
    "Harjit Kuldip Sukhdev Abdul Nadeem Mahesh Arjun Zahid"
).split()
_FAM_SASIAN = (
    "Patel Khan Singh Begum Ahmed Rahman Akhtar Chaudhry Iqbal Mahmood Sharma Gill Sandhu "
    "Dhillon Mistry Shah Desai Joshi Hussain Ali Uddin Miah Islam Bibi Kumar"
).split()
_F_BLACK = (
    "Grace Blessing Chiamaka Ngozi Abena Yetunde Marcia Beverley Janice Comfort Funmilayo "
    "Adwoa Precious Hyacinth Pearl"
).split()
_M_BLACK = (
    "Winston Delroy Clive Leroy Errol Chukwuemeka Oluwaseun Kwame Kofi Emeka Tunde Segun "
    "Desmond Everton Samuel"
).split()
_FAM_BLACK = (
    "Okafor Adeyemi Mensah Owusu Boateng Nwosu Okoro Campbell Francis Grant Williams "
    "Johnson Clarke Brown Adebayo Asante Oyelaran Thompson Richards Gordon"
).split()
_F_EEUR = "Agnieszka Katarzyna Joanna Magdalena Ewa Anna Irina Daiva Elena Oksana".split()
_M_EEUR = "Tomasz Piotr Krzysztof Marek Andrzej Pavel Jonas Mihai Vasile Dariusz".split()
_FAM_EEUR = (
    "Nowak Kowalczyk Wójcik Kaczmarek Mazur Krawczyk Zając Dudek Popescu Ionescu Horvat Novak"
).split()
_F_EASIA = "Mei Hui Ling Xiu Thi Lan Yuki Mai Hoa Jia".split()
_M_EASIA = "Wei Jian Minh Tuan Hao Kenji Ming Long Bao Jun".split()
_FAM_EASIA = "Chen Wang Li Zhang Nguyen Tran Wong Lam Cheung Pham Tanaka Liu".split()
_F_MED = "Nadia Leila Mariam Zainab Amira Elif Maria Giulia Sofia Eleni Ana Layla".split()
_M_MED = (
    "Ahmed Omar Yusuf Hassan Ali Mehmet Kemal Dimitrios Giorgos Giuseppe Marco Antonio José Luis"
).split()
_FAM_MED = (
    "Yilmaz Demir Papadopoulos Rossi Esposito Silva Santos Fernandes Haddad Mansour "
    "Georgiou Kaya Costa Russo Al-Sayed"
).split()

BACKGROUNDS = _W(
    [
        ((_F_BRIT, _M_BRIT, _FAM_BRIT), 74),
        ((_F_SASIAN, _M_SASIAN, _FAM_SASIAN), 9),
        ((_F_BLACK, _M_BLACK, _FAM_BLACK), 5),
        ((_F_EEUR, _M_EEUR, _FAM_EEUR), 4),
        ((_F_EASIA, _M_EASIA, _FAM_EASIA), 3),
        ((_F_MED, _M_MED, _FAM_MED), 5),
    ]
)
CONSULTANTS = (
    "Reynolds",
    "Achebe",
    "Lindqvist",
    "Chowdhury",
    "Fairbairn",
    "Osei",
    "Marchetti",
    "Whitlock",
    "Kapoor",
    "Donnelly",
    "Hargreaves",
    "Takahashi",
)

# --------------------------------------------------------------------------- drafts


@dataclass
class _FactsDraft:
    cancer_status: str
    pain: tuple[str, ...]
    neuro: tuple[str, ...]
    no_evidence: bool = False
    instability: bool = False
    pain_on_movement: str = "none"
    immobilise: bool = False


@dataclass
class _Deadline:
    spec: ClockSpec
    met_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    breach_reason: str | None = None
    breach_note: str | None = None
    met_by: str | None = None


@dataclass
class _Item:
    key: str
    updated_at: datetime
    state: str = "pending"
    data: dict[str, Any] = field(default_factory=dict)
    done_at: datetime | None = None
    note: str | None = None

    def done(self, at: datetime, **data: Any) -> None:
        self.state = "done"
        self.done_at = at
        self.data.update(data)
        self.updated_at = max(self.updated_at, at)

    def fill(self, at: datetime, **data: Any) -> None:
        self.data.update(data)
        self.updated_at = max(self.updated_at, at)


@dataclass
class _Call:
    received_at: datetime
    recorded_at: datetime
    facts: CaseFacts
    result: TriageResult
    follow_up: bool
    presentation: dict[str, Any]
    note: str
    event: dict[str, Any] | None = None  # call.follow_up detail, without the call id
    escalation: dict[str, Any] | None = None  # case.category_changed detail
    row: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Case:
    """One case, clinically complete; people and ids are added when rows are made."""

    seq: int
    calls: list[_Call]
    override: str | None
    override_reason: str | None
    category_computed: str
    category_rule: str
    immobilisation: str
    opened_at: datetime
    deadlines: list[_Deadline]
    items: dict[str, _Item]
    closed_at: datetime | None = None
    close_reason: str | None = None
    outcome: str | None = None
    ambulatory: str | None = None
    frankel_discharge: str | None = None
    updated_at: datetime | None = None
    next_contact_due: datetime | None = None
    mri_location: str | None = None
    stopped: list[ClockSpec] = field(default_factory=list)  # clocks that closing stopped

    @property
    def first(self) -> _Call:
        return self.calls[0]

    @property
    def category(self) -> str:
        return self.override or self.category_computed


@dataclass
class _Person:
    id: int
    sex: str
    given: str
    family: str
    dob: date
    site: str | None
    histology: str | None
    diagnosed_on: date | None
    busy_until: datetime | None  # None: a case of theirs is still open


@dataclass
class _Ids:
    next: dict[str, int]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


def _minute(instant: datetime) -> datetime:
    return instant.replace(second=0, microsecond=0)


def _iso(value: Any) -> Any:
    """Checklist data is stored as JSON, with instants in their ISO form (as the app does)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


# --------------------------------------------------------------------------- the builder


class _Builder:
    def __init__(self, rng: random.Random, now: datetime, pathway: Pathway) -> None:
        self.rng = rng
        self.now = now
        self.pathway = pathway
        self.start = now - timedelta(days=365 * YEARS_OF_HISTORY)
        self.seq = 0

    # ---- small draws

    def hours(self, lo: float, hi: float) -> timedelta:
        return timedelta(minutes=round(self.rng.uniform(lo * 60, hi * 60)))

    def minutes(self, lo: float, hi: float) -> timedelta:
        return timedelta(minutes=round(self.rng.uniform(lo, hi)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def features(self, weights: _W[str], k: int) -> tuple[str, ...]:
        chosen: list[str] = []
        while len(chosen) < k:
            value = weights.pick(self.rng)
            if value not in chosen:
                chosen.append(value)
        return tuple(chosen)

    def call_time(self, earliest: datetime, latest: datetime) -> datetime:
        """A time between the two, more often by day than by night (London wall time)."""
        span_days = max(0, (latest - earliest).days)
        for _ in range(5):
            day = (london(earliest) + timedelta(days=self.rng.randint(0, span_days))).date()
            local = datetime(
                day.year,
                day.month,
                day.day,
                HOUR_WEIGHTS.pick(self.rng),
                self.rng.randrange(60),
                tzinfo=LONDON,
            )
            instant = local.astimezone(UTC)
            if earliest <= instant <= latest:
                return instant
        return _minute(earliest + (latest - earliest) * self.rng.random())

    # ---- facts

    def facts_draft(self, target: str) -> _FactsDraft:
        rng = self.rng
        if target == "emergency":
            status = "past_or_current" if self.chance(0.9) else "suspected"
            neuro = self.features(NEURO_WEIGHTS, rng.choices((1, 2, 3, 4), (45, 35, 15, 5))[0])
            pain = self.features(PAIN_WEIGHTS, rng.randint(1, 4)) if self.chance(0.92) else ()
            instability = self.chance(0.3)
            pom = PAIN_ON_MOVEMENT.pick(rng)
            immobilise = self.chance(
                0.55 if instability else 0.15 if pom in ("moderate", "severe") else 0
            )
            return _FactsDraft(status, pain, neuro, False, instability, pom, immobilise)
        if target == "urgent_advice":
            pom = PAIN_ON_MOVEMENT.pick(rng)
            pain = self.features(PAIN_WEIGHTS, rng.randint(1, 4))
            immobilise = pom in ("moderate", "severe") and self.chance(0.1)
            return _FactsDraft("past_or_current", pain, (), False, False, pom, immobilise)
        if target == "oncology_referral":
            pain = self.features(PAIN_WEIGHTS, rng.randint(1, 3))
            return _FactsDraft("suspected", pain, (), pain_on_movement=PAIN_ON_MOVEMENT.pick(rng))
        if target == "safety_net":
            if self.chance(0.55):
                return _FactsDraft("past_or_current", (), ())
            pain = self.features(_W([("mechanical", 3), ("localised_tenderness", 1)]), 1)
            return _FactsDraft(
                "past_or_current", pain, (), no_evidence=True, pain_on_movement="mild"
            )
        # outside_pathway
        if self.chance(0.3):
            return _FactsDraft("suspected", (), ())
        pain = self.features(PAIN_WEIGHTS, rng.randint(1, 2)) if self.chance(0.8) else ()
        neuro = self.features(NEURO_WEIGHTS, 1) if self.chance(0.25) else ()
        return _FactsDraft("none", pain, neuro, pain_on_movement=PAIN_ON_MOVEMENT.pick(rng))

    def facts(
        self, fd: _FactsDraft, suspected_at: datetime, immobilised_at: datetime | None
    ) -> CaseFacts:
        return CaseFacts(
            cancer_status=fd.cancer_status,
            suspected_at=suspected_at,
            pain=frozenset(fd.pain),
            neuro=frozenset(fd.neuro),
            no_evidence_of_spinal_disease=fd.no_evidence,
            instability_signs=fd.instability,
            pain_on_movement=fd.pain_on_movement,
            immobilised_at=immobilised_at,
        )

    def presentation(self, facts: CaseFacts, at: datetime) -> dict[str, Any]:
        rng = self.rng
        neuro = facts.neuro
        before = MOBILITY.pick(rng)
        out: dict[str, Any] = {
            "pain_site": PAIN_SITES.pick(rng) if facts.pain else None,
            "pain_score": (
                rng.randint(4, 10) if "severe_unremitting" in facts.pain else rng.randint(2, 8)
            )
            if facts.pain
            else rng.randint(0, 3),
            "pain_onset": (at - timedelta(days=rng.randint(1, 60))).date() if facts.pain else None,
            "neuro_onset_at": None,
            "neuro_progressing": None,
            "power_left": 5,
            "power_right": 5,
            "sensory_level": None,
            "bladder": "normal",
            "bowel": "normal",
            "frankel": "E",
            "mobility_before": before,
            "mobility_now": before,
            "ecog": rng.choices((0, 1, 2, 3, 4), (15, 35, 30, 15, 5))[0],
        }
        if neuro:
            out["neuro_onset_at"] = _minute(at - self.hours(2, 24 * 10))
            out["neuro_progressing"] = rng.choice(("yes", "yes", "no", "unknown"))
            out["frankel"] = FRANKEL_EMERGENCY.pick(rng)
            if "limb_weakness" in neuro or out["frankel"] in "ABC":
                worst = {"A": 0, "B": 0, "C": 2, "D": 3, "E": 4}[out["frankel"]]
                out["power_left"] = rng.randint(worst, min(5, worst + 1))
                out["power_right"] = rng.randint(worst, 5)
            if "sensory_change" in neuro or out["frankel"] in "AB":
                out["sensory_level"] = (
                    f"T{rng.randint(4, 12)}" if self.chance(0.8) else f"L{rng.randint(1, 3)}"
                )
            if "bladder_bowel_dysfunction" in neuro:
                out["bladder"] = rng.choice(("retention", "incontinence", "catheterised"))
                out["bowel"] = rng.choice(("constipation", "incontinence", "normal"))
            elif self.chance(0.2):
                out["bowel"] = "constipation"
            worse = {"A": 3, "B": 3, "C": 2, "D": 1, "E": 0}[out["frankel"]]
            index = min(3, MOBILITY_ORDER.index(before) + worse)
            out["mobility_now"] = MOBILITY_ORDER[index]
        elif facts.pain and self.chance(0.2):
            out["mobility_now"] = MOBILITY_ORDER[min(3, MOBILITY_ORDER.index(before) + 1)]
        return out

    # ---- clocks

    def met(self, d: _Deadline, fate: str, not_before: datetime, reason_key: str) -> None:
        """Meet a clock in time or late (with a breach reason), or leave it unmet."""
        start, due = d.spec.starts_at, d.spec.due_at
        span = due - start
        if fate == "in_time":
            at = start + span * self.rng.uniform(0.1, 0.95)
        elif fate == "late":
            at = due + self.hours(0.5, max(1.0, span.total_seconds() / 3600 * 0.8))
        else:
            at = None
        if at is not None:
            d.met_at = _minute(max(at, not_before))
        if d.met_at is None or d.met_at > due:
            self.breach(d, reason_key)

    def breach(self, d: _Deadline, reason_key: str) -> None:
        weights = BREACH_REASONS.get(reason_key, BREACH_REASONS["coordinator_advice"])
        d.breach_reason = weights.pick(self.rng)
        d.breach_note = self.rng.choice(BREACH_NOTES[d.breach_reason])

    # ---- one case

    def new_case(
        self,
        calls: list[_Call],
        override: str | None,
        override_reason: str | None,
    ) -> _Case:
        first = calls[0]
        result = first.result
        self.seq += 1
        case = _Case(
            seq=self.seq,
            calls=calls,
            override=override,
            override_reason=override_reason,
            category_computed=result.category_rule.outcome,
            category_rule=result.category_rule.key,
            immobilisation=result.immobilisation,
            opened_at=first.recorded_at,
            deadlines=[_Deadline(spec) for spec in result.deadlines],
            items={k: _Item(k, first.recorded_at) for k in result.checklist},
        )
        return case

    def first_call(
        self, fd: _FactsDraft, received: datetime, suspected: datetime, override: str | None
    ) -> _Call:
        recorded = received + self.minutes(3, 25)
        if recorded > self.now:
            recorded = _minute(self.now) if _minute(self.now) >= received else received
        immobilised = None
        if fd.immobilise:
            window = min(recorded - suspected, timedelta(hours=3))
            immobilised = _minute(suspected + window * self.rng.random())
        facts = self.facts(fd, suspected, immobilised)
        result = triage(facts, self.pathway, override)
        return _Call(
            received_at=received,
            recorded_at=recorded,
            facts=facts,
            result=result,
            follow_up=False,
            presentation=self.presentation(facts, received),
            note=self.call_note(result.category),
        )

    def call_note(self, category: str) -> str:
        return self.rng.choice(CALL_NOTES[category])

    def follow_up(self, case: _Case, received: datetime, facts: CaseFacts | None = None) -> _Call:
        """A later call on the case, re-triaged as `record --case` does."""
        last = case.calls[-1]
        recorded = min(received + self.minutes(2, 15), max(received, _minute(self.now)))
        facts = facts or last.facts
        ranks = {k: c.rank for k, c in self.pathway.categories.items()}
        before = case.category
        # The desk's own rules (domain.case_history): every call's facts together, and an
        # override that holds only for the facts it was made on.
        merged = merged_facts([c.facts for c in case.calls], facts)
        fresh = triage(merged, self.pathway)
        decision = decide_category(
            self.pathway,
            computed_before=case.category_computed,
            override_before=case.override,
            computed_now=fresh.category_rule.outcome,
        )
        if decision.computed != case.category_computed:
            case.category_computed = decision.computed
            case.category_rule = fresh.category_rule.key
        if decision.lifted:
            case.override, case.override_reason = None, None
        target = decision.category
        result = triage(merged, self.pathway, case.override)
        escalated = ranks[target] < ranks[before]
        case.immobilisation = more_pressing_advice(case.immobilisation, result.immobilisation)
        running = running_clocks(
            ((d.spec, d.met_at, d.cancelled_at) for d in case.deadlines), escalated
        )
        changes = merge_clocks(running, result.deadlines)
        for change in changes:
            if change.action == "keep":
                continue
            if change.action == "tighten":
                for d in case.deadlines:
                    if (
                        d.spec.key == change.spec.key
                        and d.met_at is None
                        and d.cancelled_at is None
                    ):
                        d.cancelled_at = recorded
                        d.cancel_reason = (
                            f"replaced by a tighter clock after the call at {recorded}"
                        )
            case.deadlines.append(_Deadline(change.spec))
        if escalated:  # the escalation answers the clocks the new category no longer runs
            from_suspicion = {c.key for c in self.pathway.clocks if c.start == "suspected_at"}
            wanted = {c.key for c in result.deadlines}
            for d in case.deadlines:
                if d.met_at is None and d.cancelled_at is None and d.spec.key in from_suspicion:
                    if d.spec.key not in wanted:
                        d.met_at = recorded
                        d.met_by = f"escalated to {self.pathway.categories[target].label}"
                        if recorded > d.spec.due_at:  # breached before the escalation
                            self.breach(d, d.spec.key)
        for key in result.checklist:
            if key not in case.items:
                case.items[key] = _Item(key, recorded)
        call = _Call(
            received_at=received,
            recorded_at=recorded,
            facts=facts,
            result=result,
            follow_up=True,
            presentation=self.presentation(facts, received),
            note=self.rng.choice(FOLLOW_UP_NOTES),
            event={
                "category_before": before,
                "category_after": target,
                "escalated": escalated,
                "rule": result.category_rule.key,
                "clocks": [
                    {"action": c.action, **c.spec.to_json()} for c in changes if c.action != "keep"
                ],
            },
        )
        if escalated:
            call.escalation = {"from": before, "to": target, "rule": result.category_rule.key}
        case.calls.append(call)
        return call

    def open_clock(self, case: _Case, key: str) -> _Deadline | None:
        for d in case.deadlines:
            if d.spec.key == key and d.met_at is None and d.cancelled_at is None:
                return d
        return None

    # ---- closed cases

    def closed_case(self, target: str) -> _Case:
        for _ in range(50):
            received = self.call_time(self.start, self.now - timedelta(hours=2))
            case = self.closed_course(target, received)
            if case.closed_at is not None and case.closed_at <= self.now - timedelta(minutes=20):
                return case
        # Near "now" every course ends in the future: settle for one that started long ago.
        received = self.call_time(self.start, self.start + timedelta(days=300))
        return self.closed_course(target, received)

    def closed_course(self, target: str, received: datetime) -> _Case:
        rng = self.rng
        fd = self.facts_draft(target)
        override, reason = self.maybe_override(fd, target)
        roll = rng.random()
        if target == "urgent_advice" and roll < 0.03:
            suspected = received - self.hours(26, 60)  # the GP saw them days ago
        elif roll < 0.2:
            suspected = received - self.hours(1, 18)
        else:
            suspected = received
        first = self.first_call(fd, received, _minute(suspected), override)
        case = self.new_case([first], override, reason)
        opened = case.opened_at
        last = opened

        # Escalation: pain only at first, cord-compression features at a later call.
        mri = self.open_clock(case, "mri")
        if (
            case.category == "urgent_advice"
            and override is None
            and mri is not None
            and self.chance(0.05)
        ):
            at = opened + self.hours(20, 5 * 24)
            new = replace(  # cord-compression features now: MSCC first suspected at this call
                first.facts,
                suspected_at=_minute(at),
                neuro=frozenset(self.features(NEURO_WEIGHTS, rng.randint(1, 2))),
            )
            self.follow_up(case, _minute(at), new)
            last = case.calls[-1].recorded_at

        advice = self.open_clock(case, "coordinator_advice")
        if advice is not None:
            fate = "in_time" if advice.spec.due_at > opened else "late"
            advice.met_at = _minute(opened + self.minutes(0, 30))
            if fate == "late" or advice.met_at > advice.spec.due_at:
                self.breach(advice, "coordinator_advice")
        items = case.items
        last = max(last, self.initial_care(case, opened, closed=True))
        if advice is not None and advice.met_at is not None:
            last = max(last, advice.met_at)

        # Immobilisation advised but not yet started at the call: started from the checklist.
        imm = case.first.facts.immobilised_at
        if (
            imm is None
            and case.immobilisation in ("start_now", "consider")
            and "immobilisation" in items
        ):
            if self.chance(0.6 if case.immobilisation == "start_now" else 0.25):
                imm = _minute(opened + self.minutes(10, 150))
                items["immobilisation"].fill(imm, started_at=imm, position="supine, flat")
                if self.open_clock(case, "expert_review") is None:
                    spec = checklist_clock(self.pathway, "expert_review", imm)
                    case.deadlines.append(_Deadline(spec))
        review = self.open_clock(case, "expert_review")
        if review is not None:
            fate = rng.choices(("in_time", "late", "never"), (88, 9, 3))[0]
            self.met(review, fate, opened, "expert_review")
            if review.met_at is not None and "expert_review" in items:
                items["expert_review"].done(
                    review.met_at,
                    reviewer=rng.choice(
                        (
                            "spinal surgeon (on call)",
                            "specialist physiotherapist",
                            "clinical oncologist",
                        )
                    ),
                    reviewed_at=review.met_at,
                    advice=rng.choice(
                        (
                            "Stable on SINS; mobilise as pain allows.",
                            "Keep flat until MRI reviewed by spinal team.",
                            "Log-roll; sit up to 30 degrees if tolerated.",
                        )
                    ),
                )
                last = max(last, review.met_at)
            if "immobilisation" in items:
                started = review.spec.starts_at
                stop = (review.met_at or review.spec.due_at) + self.hours(2, 72)
                items["immobilisation"].done(
                    stop, started_at=started, position="supine, flat", stopped_at=stop
                )
                last = max(last, stop)

        # MRI.
        mri = self.open_clock(case, "mri")
        performed: datetime | None = None
        cord_compression = False
        if mri is not None:
            requested = _minute(mri.spec.starts_at + self.minutes(5, 180))
            requested = max(requested, opened)
            fate = rng.choices(("in_time", "late", "never"), (85, 11, 4))[0]
            self.met(mri, fate, requested + timedelta(minutes=30), "mri")
            performed = mri.met_at
            transfer = mri.breach_reason == "transfer_delayed" or self.chance(0.08)
            case.mri_location = TERTIARY if transfer else "local MRI"
            if "mri" in items:
                items["mri"].fill(requested, requested_at=requested, location=case.mri_location)
            if performed is not None:
                emergency = case.category == "emergency"
                cord_compression = self.chance(0.6 if emergency else 0.08)
                reported = _minute(performed + self.hours(0.5, 8))
                levels = self.levels()
                if "mri" in items:
                    items["mri"].done(
                        performed,
                        performed_at=performed,
                        reported_at=reported,
                        levels=levels,
                        cord_compression="yes" if cord_compression else "no",
                    )
                    items["mri"].updated_at = reported
                last = max(last, reported)
        self.outcome(case, performed is not None, cord_compression)

        # Definitive treatment.
        if case.outcome in ("mscc_confirmed", "spinal_metastases_without_mscc") and performed:
            last = self.treatment(case, last)
        self.after_care(case, last, closed=True)
        assert case.closed_at is not None

        # Follow-up calls, while the case was open.
        if case.category in ("emergency", "urgent_advice") and self.chance(0.2):
            after = case.calls[-1].recorded_at
            window = case.closed_at - timedelta(hours=1) - after
            if window > timedelta(hours=2):
                times = sorted(
                    _minute(after + window * rng.uniform(0.05, 1.0))
                    for _ in range(rng.choice((1, 1, 2)))
                )
                for at in times:
                    self.follow_up(case, at)

        # Closing stops every clock still running (`cases.close_case`).
        for d in case.deadlines:
            if d.met_at is None and d.cancelled_at is None:
                d.cancelled_at = case.closed_at
                d.cancel_reason = CLOSED_CLOCK_REASON
                case.stopped.append(d.spec)
                if d.breach_reason is None and d.spec.due_at < case.closed_at:
                    self.breach(d, d.spec.key)
        # What was not done is often marked "not applicable", with the reason.
        for item in case.items.values():
            if item.state == "pending" and self.chance(0.6):
                at = _minute(case.closed_at - self.minutes(0, 60))
                item.state = "not_applicable"
                item.done_at = max(at, item.updated_at)
                item.updated_at = item.done_at
                item.data[NA_REASON_KEY] = NA_REASONS.get(item.key, "Not needed for this person.")
        return case

    def maybe_override(self, fd: _FactsDraft, target: str) -> tuple[str | None, str | None]:
        if not self.chance(0.02):
            return None, None
        if target == "urgent_advice":
            return "emergency", self.rng.choice(
                (
                    "Clinical concern: rapidly worsening pain, unable to weight-bear.",
                    "Oncologist asks for emergency management: known epidural disease.",
                )
            )
        if target == "safety_net":
            return "urgent_advice", "Treating oncologist asks for advice within 24 hours."
        if target == "outside_pathway" and fd.neuro:
            return "emergency", "Lytic lesion on X-ray: strong suspicion of an undiagnosed cancer."
        return None, None

    def levels(self) -> str:
        region = self.rng.choices(("C", "T", "L"), (10, 65, 25))[0]
        top = {"C": 7, "T": 12, "L": 5}[region]
        a = self.rng.randint(1, top)
        b = min(top, a + self.rng.randint(0, 2))
        return f"{region}{a}" if a == b else f"{region}{a}–{region}{b}"

    def outcome(self, case: _Case, imaged: bool, cord_compression: bool) -> None:
        rng = self.rng
        category = case.category
        if cord_compression:
            outcome: str | None = "mscc_confirmed"
        elif imaged:
            weights = (60, 25, 15) if category == "emergency" else (45, 42, 13)
            outcome = rng.choices(
                ("spinal_metastases_without_mscc", "not_metastatic", "other"), weights
            )[0]
        elif category in ("emergency", "urgent_advice"):
            outcome = "other"
        elif category == "oncology_referral":
            outcome = rng.choices(
                ("other", "not_metastatic", "spinal_metastases_without_mscc"), (60, 25, 15)
            )[0]
        else:
            outcome = rng.choices(("not_metastatic", "other"), (40, 60))[0]
        case.outcome = outcome
        case.ambulatory = "yes" if self.chance(0.75) else "unknown"
        if category in ("emergency", "urgent_advice"):
            frankel = case.calls[-1].presentation["frankel"]
            index = FRANKEL.index(frankel)
            if outcome == "mscc_confirmed":
                index += rng.choices((1, 0, -1), (30, 55, 15))[0]
            index = max(0, min(4, index))
            case.frankel_discharge = FRANKEL[index]
            bedbound = case.first.presentation["mobility_before"] in ("chair", "bed")
            case.ambulatory = "yes" if index >= 3 and not bedbound else "no"

    def treatment(self, case: _Case, last: datetime) -> datetime:
        rng = self.rng
        items = case.items
        mri_item = items.get("mri")
        reported = last
        if mri_item is not None and isinstance(mri_item.data.get("reported_at"), datetime):
            reported = mri_item.data["reported_at"]
        if case.outcome == "mscc_confirmed":
            modality = rng.choices(
                ("radiotherapy", "surgery", "supportive", "systemic"), (68, 15, 12, 5)
            )[0]
        else:
            modality = rng.choices(("radiotherapy", "systemic", "supportive"), (50, 30, 20))[0]
        item = items.get("definitive_treatment")
        if modality == "radiotherapy":  # QS56 st.6: the only modality with a clock
            decision = _minute(reported + self.hours(1, 30))
            spec = checklist_clock(self.pathway, "radiotherapy", decision)
            d = _Deadline(spec)
            case.deadlines.append(d)
            fate = rng.choices(("in_time", "late", "never"), (90, 8, 2))[0]
            self.met(d, fate, decision + timedelta(hours=1), "radiotherapy")
            if item is not None:
                item.fill(decision, decision_at=decision, modality=modality)
                if d.met_at is not None:
                    item.done(d.met_at, started_at=d.met_at)
                else:
                    item.note = "Treatment not started: " + (d.breach_note or "see notes")
            return max(last, d.met_at or decision)
        started = _minute(
            reported + (self.hours(1, 24 * 10) if modality == "systemic" else self.hours(1, 12))
        )
        if item is not None:
            item.done(started, modality=modality, started_at=started)
        return max(last, started)

    def initial_care(self, case: _Case, opened: datetime, closed: bool) -> datetime:
        """What is usually done in the first hours: advice, analgesia, steroids, referral."""
        rng = self.rng
        items = case.items
        now = self.now
        latest = opened

        def when(lo: float, hi: float) -> datetime:
            nonlocal latest
            at = _minute(opened + self.minutes(lo, hi))
            at = at if closed else min(at, max(opened, _minute(now)))
            latest = max(latest, at)
            return at

        if "coordinator_assessment" in items:
            items["coordinator_assessment"].done(
                opened, assessed_at=opened, advice=rng.choice(ADVICE_TEXT[case.category])
            )
        if "analgesia" in items and (closed or self.chance(0.7)):
            at = when(10, 180)
            items["analgesia"].done(at, given_at=at, analgesia=rng.choice(ANALGESIA))
        if "dexamethasone" in items and (closed or self.chance(0.85)):
            at = when(10, 120)
            items["dexamethasone"].done(
                at, dose_mg=16 if self.chance(0.9) else 8, given_at=at, ppi="yes"
            )
        if "pain_assessment" in items and (closed or self.chance(0.5)):
            at = when(15, 240)
            items["pain_assessment"].done(
                at,
                severity=case.first.presentation["pain_score"],
                location=case.first.presentation["pain_site"] or "back",
                characteristics=", ".join(
                    self.pathway.features["pain"][k].split(" (")[0].lower()
                    for k in PAIN_FEATURES
                    if k in case.first.facts.pain
                )
                or "non-specific back pain",
                cause="suspected metastatic disease",
                deteriorated="yes" if self.chance(0.6) else "no",
                impact=rng.choice(PAIN_IMPACT),
            )
        if "oncology_referral" in items and (closed or self.chance(0.5)):
            at = when(10, 360)
            items["oncology_referral"].done(
                at, referred_to="urgent oncology clinic (NG12 pathway)", referred_at=at
            )
        if "information" in items and (closed or self.chance(0.4)):
            at = when(5, 120)
            items["information"].done(
                at, given_at=at, note="Told what to look out for and whom to call."
            )
        return latest

    def after_care(self, case: _Case, last: datetime, closed: bool) -> None:
        """Pain plan and review, SINS, rehabilitation, discharge; then closing."""
        rng = self.rng
        items = case.items
        opened = case.opened_at
        if "pain_plan" in items:
            at = _minute(opened + self.hours(1, 30))
            items["pain_plan"].done(
                at,
                options=sorted(
                    rng.sample(
                        [
                            "radiotherapy",
                            "corticosteroids",
                            "bisphosphonates",
                            "physical_therapy",
                            "bracing",
                        ],
                        2,
                    ),
                    key=PAIN_PLAN_OPTIONS.index,
                ),
                plan="Regular and breakthrough analgesia; review in 48 hours.",
            )
            last = max(last, at)
        if "pain_review" in items:
            at = _minute(opened + self.hours(24, 96))
            items["pain_review"].done(
                at, reviewed_at=at, effective="yes" if self.chance(0.75) else "no"
            )
            last = max(last, at)
        if "pain_referral" in items and self.chance(0.25):
            at = _minute(opened + self.hours(24, 120))
            items["pain_referral"].done(
                at, referred_to="specialist palliative care", referred_at=at
            )
            last = max(last, at)
        mri = items.get("mri")
        reported = mri.data.get("reported_at") if mri is not None else None
        if "sins" in items and isinstance(reported, datetime) and self.chance(0.7):
            at = _minute(reported + self.hours(1, 12))
            answers = {spec.key: rng.choice(list(spec.enum)).value for spec in SINS_COMPONENTS}
            total = sins_score(**answers).total
            items["sins"].done(at, sins={**answers, "total": total})
            last = max(last, at)
        if "rehabilitation" in items and self.chance(0.8):
            base = reported if isinstance(reported, datetime) else opened
            physio = _minute(base + self.hours(4, 40))
            ot = _minute(physio + self.hours(2, 72))
            items["rehabilitation"].done(ot, physiotherapy_at=physio, occupational_therapy_at=ot)
            last = max(last, ot)
        category = case.category
        if category == "emergency":
            discharged = last + self.hours(12, 24 * 12)
        elif category == "urgent_advice":
            discharged = last + self.hours(1, 24 * 3)
        elif category == "oncology_referral":
            discharged = last + self.hours(1, 24 * 3)
        elif category == "safety_net":
            discharged = last + self.hours(0.5, 36)
        else:
            discharged = last + self.hours(0.1, 12)
        discharged = _minute(discharged)
        if "discharge" in items:
            items["discharge"].done(
                discharged,
                planned_with=rng.choice(
                    (
                        "district nurses and social services",
                        "community palliative care team",
                        "GP and family",
                    )
                ),
                discharged_at=discharged,
            )
        closed_at = _minute(discharged + self.hours(0, 24))
        case.closed_at = closed_at
        case.close_reason = rng.choice(CLOSE_REASONS[case.outcome])
        case.updated_at = closed_at

    # ---- open cases

    def open_case(self, target: str, kind: str) -> _Case:
        rng = self.rng
        now = self.now
        fd = self.facts_draft(target)
        if target == "emergency":
            age = self.hours(0.5, 22) if kind == "soon" else self.hours(25, 50)
        elif target == "urgent_advice":
            if kind == "breached":
                age = self.hours(7.05 * 24, 9 * 24)
            elif self.chance(0.5):
                age = self.hours(1, 22)
            else:
                age = self.hours(5.6 * 24, 6.9 * 24)
        else:
            age = self.hours(0.5, 60)
        received = _minute(now - age)
        first = self.first_call(fd, received, received, None)
        case = self.new_case([first], None, None)
        opened = case.opened_at
        for d in case.deadlines:
            due, start = d.spec.due_at, d.spec.starts_at
            if d.spec.key == "coordinator_advice" and (due <= now or self.chance(0.6)):
                d.met_at = max(opened, _minute(min(now, opened + self.minutes(0, 30))))
            elif due > now:
                continue
            elif kind == "breached" and d.spec.key == "mri":
                if self.chance(0.4):
                    self.breach(d, "mri")
            else:
                at = start + (due - start) * rng.uniform(0.1, 0.9)
                d.met_at = _minute(min(max(at, opened), now))
        self.initial_care(case, opened, closed=False)
        items = case.items
        imm = first.facts.immobilised_at
        if imm is not None and "immobilisation" in items:
            items["immobilisation"].fill(imm, started_at=imm, position="supine, flat")
        for d in case.deadlines:
            if d.spec.key == "expert_review" and d.met_at is not None and "expert_review" in items:
                items["expert_review"].done(
                    d.met_at,
                    reviewer="spinal surgeon (on call)",
                    reviewed_at=d.met_at,
                    advice="Keep flat until the MRI is reported.",
                )
        if "mri" in items and self.chance(0.6):
            at = min(_minute(opened + self.minutes(5, 120)), max(opened, _minute(now)))
            items["mri"].fill(at, requested_at=at, location="local MRI")
        if self.chance(0.25) and now - opened > timedelta(minutes=30):
            at = _minute(opened + (now - opened) * rng.uniform(0.2, 0.9))
            self.follow_up(case, max(at, opened))
        if self.chance(0.4):
            case.next_contact_due = _minute(now + self.hours(0.5, 8))
        case.updated_at = max([case.calls[-1].recorded_at, *(i.updated_at for i in items.values())])
        return case


CLOSED_CLOCK_REASON = "case closed"  # as `cases.close_case` writes it
NA_REASON_KEY = "_na_reason"  # as `cases` keeps the reason an item is not applicable
NA_REASONS = {
    "pain_referral": "Pain controlled; no referral needed.",
    "sins": "No spinal metastases on imaging: nothing to score.",
    "rehabilitation": "Walking independently; therapy not needed.",
    "definitive_treatment": "No spinal disease needing treatment.",
    "mri": "Patient declined MRI after discussion.",
    "expert_review": "Immobilisation stopped before review was needed.",
    "immobilisation": "Not needed after assessment.",
    "discharge": "Not admitted.",
}
PAIN_PLAN_OPTIONS = [
    "physical_therapy",
    "bracing",
    "psychological_therapies",
    "systemic_anticancer_treatment",
    "bisphosphonates",
    "denosumab",
    "corticosteroids",
    "radiotherapy",
    "surgery",
]
ANALGESIA = (
    "Paracetamol 1 g QDS; oral morphine 10 mg PRN",
    "Oxycodone MR 10 mg BD; oxycodone IR 5 mg PRN",
    "Codeine 60 mg QDS; paracetamol 1 g QDS",
    "Morphine sulfate MR 20 mg BD; Oramorph 10 mg PRN; laxatives",
)
PAIN_IMPACT = (
    "Unable to sleep; off work.",
    "Struggling with stairs and self-care.",
    "Mostly in bed or chair because of pain.",
    "Managing at home with help from family.",
)
ADVICE_TEXT = {
    "emergency": (
        "Lie flat and log-roll; dexamethasone 16 mg now with PPI; MRI whole spine today.",
        "Keep flat pending MRI; analgesia; dexamethasone 16 mg; urgent MRI arranged.",
        "Suspected MSCC: steroids, analgesia, MRI within 24 h; call back with the result.",
    ),
    "urgent_advice": (
        "Whole-spine MRI within a week; regular analgesia; safety-net advice given.",
        "Analgesia optimised; MRI requested; call back at once if weakness or numbness.",
    ),
    "oncology_referral": ("Urgent oncology referral made; safety-net advice given.",),
    "safety_net": ("What to look out for explained; call back if symptoms change.",),
    "outside_pathway": ("Not an MSCC pathway case; advice given within the local pathway.",),
}
CALL_NOTES = {
    "emergency": (
        "New leg weakness since this morning; known metastatic disease.",
        "Unable to walk since yesterday; urinary retention on bladder scan.",
        "Increasing numbness in both legs; band-like chest pain.",
        "Fell at home, legs 'gave way'; thoracic back pain for three weeks.",
    ),
    "urgent_advice": (
        "Thoracic back pain for two weeks, worse at night; walking normally.",
        "New back pain, worse on coughing; no neurological symptoms.",
        "Progressive lumbar pain despite codeine; neurology intact.",
    ),
    "oncology_referral": (
        "Weight loss and new back pain; raised PSA awaiting urology.",
        "Lung mass on chest X-ray; now thoracic back pain.",
    ),
    "safety_net": (
        "Known breast cancer in remission; asking for advice about back ache.",
        "Mechanical low back pain after lifting; examined, no red flags.",
    ),
    "outside_pathway": (
        "Back pain, no history of cancer; advised the acute spinal pathway.",
        "Sciatica without cancer history; GP follow-up advised.",
    ),
}
FOLLOW_UP_NOTES = (
    "Update: MRI booked for this afternoon.",
    "Ward update: pain better controlled on regular morphine.",
    "GP chasing the MRI result.",
    "Daughter calling for an update.",
    "Update from the spinal team after review.",
    "Ward reports new difficulty passing urine.",
)


# --------------------------------------------------------------------------- people and rows


class _Rows:
    """Patients, callers and ids added in time order; every table as a list of row dicts."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        ids: _Ids,
        used_nhs: set[str],
        users: dict[str, int],
        names: dict[int, str],
    ) -> None:
        self.rng = rng
        self.names = names
        self.now = now
        self.ids = ids
        self.used_nhs = used_nhs
        self.coordinators = [users["demo.coordinator"], users["demo.coordinator2"]]
        self.registrars = [users["demo.registrar"], users["demo.registrar2"]]
        self.tables: dict[str, list[dict[str, Any]]] = {
            name: []
            for name in ("patient", "case", "call", "assessment", "checklist_item", "deadline")
        }
        self.events: list[tuple[datetime, int, dict[str, Any]]] = []
        self.people: list[_Person] = []
        self.calls: list[_Call] = []

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def on_duty(self, at: datetime) -> int:
        """The coordinator by day on weekdays; the registrar covers nights and weekends."""
        local = london(at)
        if local.weekday() < 5 and 8 <= local.hour < 20:
            return self.rng.choice(self.coordinators)
        return self.rng.choice(self.registrars)

    def event(self, at: datetime, **values: Any) -> None:
        self.events.append((at, len(self.events), values))

    # ---- people

    def nhs_number(self) -> str:
        while True:
            stem = f"999{self.rng.randrange(1_000_000):06d}"
            check = check_digit(stem)
            if check is None:
                continue
            number = f"{stem}{check}"
            if number not in self.used_nhs:
                self.used_nhs.add(number)
                return number

    def name(self, sex: str) -> tuple[str, str]:
        female, male, families = BACKGROUNDS.pick(self.rng)
        if self.chance(0.08):  # families are mixed
            female, male, _ = BACKGROUNDS.pick(self.rng)
        given = self.rng.choice(female if sex == "female" else male)
        family = self.rng.choice(families)
        if family == "Singh" and sex == "female":
            family = "Kaur"
        elif family in ("Begum", "Bibi") and sex == "male":
            family = "Miah"
        return given, family

    def postcode(self) -> str:
        area, top = POSTCODE_AREAS[self.rng.randrange(len(POSTCODE_AREAS))]
        letters = "".join(self.rng.choice(INWARD_LETTERS) for _ in range(2))
        return f"{area}{self.rng.randint(1, top)} {self.rng.randint(0, 9)}{letters}"

    def person(self, case: _Case) -> _Person:
        """An earlier demo patient with a new episode, or a new patient."""
        at = case.first.received_at
        status = case.first.facts.cancer_status
        if status == "past_or_current" and self.people and self.chance(0.07):
            for _ in range(3):
                p = self.people[self.rng.randrange(len(self.people))]
                free = p.busy_until is not None and p.busy_until + timedelta(days=14) < at
                if free and p.site is not None and (at.date() - p.dob).days < 97 * 365:
                    return p
        rng = self.rng
        site: str | None = None
        histology = None
        diagnosed = None
        if status == "past_or_current":
            site = PRIMARY_SITES.pick(rng)
            histology = rng.choice(HISTOLOGY[site])
            years = rng.uniform(0.05, 1) if self.chance(0.3) else rng.uniform(1, 12)
            diagnosed = (at - timedelta(days=round(365 * years))).date()
        elif status == "suspected" and self.chance(0.35):
            site = "unknown_primary"
        if site == "breast":
            sex = "female" if self.chance(0.99) else "male"
        elif site == "prostate":
            sex = "male"
        else:
            sex = "male" if self.chance(0.53) else "female"
        if site not in ("breast", "prostate") and self.chance(0.002):
            sex = "not_known"
        given, family = self.name(sex if sex != "not_known" else rng.choice(("female", "male")))
        age_years = rng.triangular(35, 95, 72)
        dob = (at - timedelta(days=round(age_years * 365.25))).date()
        person = _Person(
            id=self.ids.take("patient"),
            sex=sex,
            given=given,
            family=family,
            dob=dob,
            site=site,
            histology=histology,
            diagnosed_on=diagnosed,
            busy_until=None,
        )
        self.tables["patient"].append(
            {
                "id": person.id,
                "nhs_number": self.nhs_number() if self.chance(0.985) else None,
                "hospital_number": (
                    f"{rng.choice('HKMR')}{rng.randrange(1_000_000, 10_000_000)}"
                    if self.chance(0.75)
                    else None
                ),
                "family_name": family,
                "given_name": given,
                "date_of_birth": dob,
                "sex": sex,
                "postcode": self.postcode() if self.chance(0.92) else None,
                "imd_decile": IMD.pick(rng) if self.chance(0.9) else None,
                "created_at": case.opened_at,
            }
        )
        self.people.append(person)
        return person

    def caller(self, category: str, person: _Person) -> dict[str, Any]:
        rng = self.rng
        weights = REFERRAL_BY_CATEGORY.get(category, REFERRAL_BY_CATEGORY["other"])
        source = weights.pick(rng)
        role = rng.choice(CALLER_ROLES[source])
        organisation: str | None
        ward: str | None = None
        landline = rng.choice(LANDLINES).format(rng.randrange(1000))
        bleep = f"bleep {rng.randint(1000, 8999)}"
        if source == "gp":
            organisation, contact = rng.choice(PRACTICES), landline
        elif source == "emergency_department":
            organisation, ward = rng.choice(HOSPITALS), "Emergency department"
            contact = bleep if self.chance(0.7) else f"ext {rng.randint(20000, 69999)}"
        elif source == "inpatient_ward":
            organisation, ward, contact = rng.choice(HOSPITALS), rng.choice(WARDS), bleep
        elif source == "hospice":
            organisation, contact = rng.choice(HOSPICES), landline
        elif source == "community_team":
            organisation = rng.choice(COMMUNITY)
            contact = MOBILE.format(rng.randrange(1000))
        elif source == "other_hospital":
            organisation = rng.choice(OTHER_HOSPITALS)
            contact = f"switchboard {landline}, {bleep}"
        elif source == "patient_or_carer":
            organisation, contact = None, MOBILE.format(rng.randrange(1000))
        else:
            organisation, contact = (
                rng.choice(("North West Ambulance Service", "Radiology", "Care home")),
                landline,
            )
        if role == "patient":
            name = f"{person.given} {person.family}"
        elif source == "patient_or_carer":
            sex = (
                "female"
                if role in ("daughter", "wife")
                else "male"
                if role in ("son", "husband")
                else rng.choice(("female", "male"))
            )
            given, _ = self.name(sex)
            name = f"{given} {person.family}"
        else:
            given, family = self.name(rng.choice(("female", "male")))
            name = f"Dr {given} {family}" if role in DOCTOR_ROLES else f"{given} {family}"
        return {
            "caller_name": name,
            "caller_role": role,
            "caller_organisation": organisation,
            "caller_ward": ward,
            "caller_contact": contact,
            "referral_source": source,
        }

    # ---- one case's rows

    def add(self, case: _Case, pathway: Pathway) -> int:
        """The rows of one case (its calls are numbered later, in time order)."""
        rng = self.rng
        first = case.first
        person = self.person(case)
        person.busy_until = case.closed_at
        case_id = self.ids.take("case")
        closed_by = self.on_duty(case.closed_at) if case.closed_at else None
        status = first.facts.cancer_status
        site = person.site if status != "none" else None
        known = site is not None and status == "past_or_current"
        caller = self.caller(case.category, person)
        location, detail = self.location(caller)
        category = case.category
        self.tables["case"].append(
            {
                "id": case_id,
                "patient_id": person.id,
                "status": "closed" if case.closed_at else "open",
                "category_computed": case.category_computed,
                "category_rule": case.category_rule,
                "category_override": case.override,
                "override_reason": case.override_reason,
                "override_by_id": self.on_duty(first.received_at) if case.override else None,
                "override_at": case.opened_at if case.override else None,
                "immobilisation_advice": case.immobilisation,
                "pathway_version": first.result.pathway_version,
                "suspected_at": first.facts.suspected_at,
                "opened_at": case.opened_at,
                "updated_at": case.updated_at or case.opened_at,
                "closed_at": case.closed_at,
                "closed_by_id": closed_by,
                "close_reason": case.close_reason,
                "location": location,
                "location_detail": detail,
                "primary_site": site,
                "primary_site_other": rng.choice(OTHER_SITES) if site == "other" else None,
                "histology": person.histology if known else None,
                "diagnosed_on": person.diagnosed_on if known else None,
                "known_bone_metastases": (
                    rng.choices(("yes", "no", "unknown"), (45, 35, 20))[0]
                    if known
                    else "unknown"
                    if status == "suspected"
                    else None
                ),
                "previous_spinal_radiotherapy": (
                    f"{rng.choice(('8 Gy single fraction', '20 Gy in 5 fractions'))} to "
                    f"{self.levels_text()}"
                    if known and self.chance(0.08)
                    else None
                ),
                "systemic_treatment": rng.choice(SYSTEMIC[site]) if known and site else None,
                "treating_team": (
                    f"Dr {rng.choice(CONSULTANTS)}, {TEAMS[site]}" if known and site else None
                ),
                "escalation_plan": rng.choice(
                    (None, "Full escalation", "Ward-based care; not for ICU")
                ),
                "dnacpr": rng.choices(("yes", "no", "unknown"), (20, 55, 25))[0],
                "advice_given": self.advice(case),
                "advice_text": rng.choice(ADVICE_TEXT[category]),
                "plan": self.plan(case),
                "next_contact_due": case.next_contact_due,
                "outcome": case.outcome,
                "ambulatory_at_discharge": case.ambulatory,
                "frankel_at_discharge": case.frankel_discharge,
                "version": len(case.calls) + (1 if case.closed_at else 0),
            }
        )
        for call in case.calls:
            who = (
                caller if not call.follow_up or self.chance(0.5) else self.caller(category, person)
            )
            call.row = {
                "id": 0,  # assigned in time order, once every case is drafted
                "case_id": case_id,
                "received_at": call.received_at,
                "taken_by_id": self.on_duty(call.received_at),
                **who,
                "notes": call.note,
                "is_follow_up": call.follow_up,
            }
            self.calls.append(call)
        order = {item.key: i for i, item in enumerate(pathway.checklist)}
        for item in sorted(case.items.values(), key=lambda i: order[i.key]):
            self.tables["checklist_item"].append(
                {
                    "id": self.ids.take("checklist_item"),
                    "case_id": case_id,
                    "key": item.key,
                    "position": order[item.key],
                    "state": item.state,
                    "data": _iso(item.data),
                    "done_at": item.done_at,
                    "done_by_id": self.on_duty(item.done_at) if item.done_at else None,
                    "note": item.note,
                    "updated_at": item.updated_at,
                }
            )
        for d in case.deadlines:
            self.tables["deadline"].append(
                {
                    "id": self.ids.take("deadline"),
                    "case_id": case_id,
                    "key": d.spec.key,
                    "label": d.spec.label,
                    "ref": d.spec.ref,
                    "starts_at": d.spec.starts_at,
                    "due_at": d.spec.due_at,
                    "met_at": d.met_at,
                    "cancelled_at": d.cancelled_at,
                    "cancel_reason": d.cancel_reason,
                    "breach_reason": d.breach_reason,
                    "breach_note": d.breach_note,
                    "met_by": d.met_by,
                }
            )
        if case.closed_at is not None:
            self.event(
                case.closed_at,
                user_id=closed_by,
                case_id=case_id,
                action="case.closed",
                detail={  # the shape `cases.close_case` writes, which the case history reads
                    "before": {**dict.fromkeys(CLOSE_FIELDS), "status": "open"},
                    "after": {
                        "status": "closed",
                        "closed_at": format_instant(case.closed_at),
                        "closed_by": self.names.get(closed_by) if closed_by else None,
                        "close_reason": case.close_reason,
                        "outcome": case.outcome,
                        "ambulatory_at_discharge": case.ambulatory,
                        "frankel_at_discharge": case.frankel_discharge,
                    },
                    "clocks_stopped": [
                        {"clock": d.key, "label": d.label, "due": format_instant(d.due_at)}
                        for d in case.stopped
                    ],
                    "version": self.tables["case"][-1]["version"],
                    "demo": True,
                },
            )
        return case_id

    def advice(self, case: _Case) -> list[str]:
        given = ADVICE_ITEMS[case.category]
        if case.immobilisation == "not_indicated":
            given = [a for a in given if a != "immobilise"]
        if not case.first.facts.neuro:
            given = [a for a in given if a != "steroids"]
        return list(given)

    def levels_text(self) -> str:
        region = self.rng.choice(("T", "T", "L", "C"))
        a = self.rng.randint(1, 5)
        return f"{region}{a}–{region}{a + 2}"

    def location(self, caller: dict[str, Any]) -> tuple[str, str | None]:
        source = caller["referral_source"]
        if source == "emergency_department":
            return "emergency_department", caller["caller_organisation"]
        if source in ("inpatient_ward", "other_hospital"):
            ward = caller["caller_ward"] or self.rng.choice(WARDS)
            return "ward", f"{ward}, {caller['caller_organisation']}"
        if source == "hospice":
            return "hospice", caller["caller_organisation"]
        if source == "other":
            return self.rng.choice((("other", "care home"), ("home", None)))
        return "home", None

    def plan(self, case: _Case) -> list[str]:
        category = case.category
        if category == "emergency":
            plan = [
                "transfer" if case.mri_location == TERTIARY else "mri_locally",
                "clinical_oncology",
            ]
            if case.immobilisation == "start_now" or self.chance(0.3):
                plan.insert(1, "spinal_surgical_opinion")
            return plan
        if category == "urgent_advice":
            return ["mri_locally", "clinical_oncology"]
        if category == "oncology_referral":
            return ["clinical_oncology"]
        return ["safety_net_only"]

    # ---- ids in time order, then the audit trail

    def finish(self, cases: list[tuple[_Case, int]]) -> None:
        """Number the calls in time order; write assessments and the audit events."""
        self.calls.sort(key=lambda c: (c.received_at, c.row["case_id"]))
        for call in self.calls:
            call.row["id"] = self.ids.take("call")
            self.assessment(call)
        self.tables["call"] = [c.row for c in self.calls]
        for case, case_id in cases:
            first = case.first
            self.event(
                case.opened_at,
                user_id=first.row["taken_by_id"],
                case_id=case_id,
                action="case.opened",
                detail={
                    "call_id": first.row["id"],
                    "category": first.result.category,
                    "rule": first.result.category_rule.key,
                    "override": case.override,
                    "override_reason": case.override_reason,
                    "pathway_version": first.result.pathway_version,
                    "deadlines": [d.to_json() for d in first.result.deadlines],
                    "demo": True,
                },
            )
            for call in case.calls[1:]:
                assert call.event is not None
                self.event(
                    call.recorded_at,
                    user_id=call.row["taken_by_id"],
                    case_id=case_id,
                    action="call.follow_up",
                    detail={"call_id": call.row["id"], **call.event, "demo": True},
                )
                if call.escalation is not None:
                    self.event(
                        call.recorded_at,
                        user_id=call.row["taken_by_id"],
                        case_id=case_id,
                        action="case.category_changed",
                        detail={**call.escalation, "from_call": call.row["id"], "demo": True},
                    )

    def assessment(self, call: _Call) -> None:
        row: dict[str, Any] = {
            "id": self.ids.take("assessment"),
            "case_id": call.row["case_id"],
            "call_id": call.row["id"],
            "recorded_at": call.recorded_at,
            "recorded_by_id": call.row["taken_by_id"],
            **assessment_columns(call.facts),
            **call.presentation,
            "category": call.result.category_rule.outcome,
            "category_rule": call.result.category_rule.key,
            "pathway_version": call.result.pathway_version,
        }
        self.tables["assessment"].append(row)


CLOSE_FIELDS = (
    "status",
    "closed_at",
    "closed_by",
    "close_reason",
    "outcome",
    "ambulatory_at_discharge",
    "frankel_at_discharge",
)
ADVICE_ITEMS = {
    "emergency": ["immobilise", "analgesia", "steroids", "mri", "safety_net"],
    "urgent_advice": ["analgesia", "mri", "safety_net"],
    "oncology_referral": ["safety_net"],
    "safety_net": ["safety_net"],
    "outside_pathway": ["safety_net"],
}


# --------------------------------------------------------------------------- the database


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


TABLE_ORDER = ("user", "patient", "case", "call", "assessment", "checklist_item", "deadline")


def _insert(conn: Connection, name: str, rows: Sequence[dict[str, Any]]) -> None:
    table = _table(name)
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(table), list(rows[start : start + BATCH]))


def _next_ids(conn: Connection) -> _Ids:
    names = (*TABLE_ORDER, "audit_event")
    return _Ids(
        {name: (conn.scalar(select(func.max(_table(name).c.id))) or 0) + 1 for name in names}
    )


def _demo_users(
    conn: Connection, ids: _Ids, now: datetime
) -> tuple[dict[str, int], dict[int, str]]:
    """The demo users' ids (created on first use), and every user's display name."""
    user = _table("user")
    names: dict[int, str] = {
        uid: name for uid, name in conn.execute(select(user.c.id, user.c.display_name))
    }
    found = {
        name: uid
        for name, uid in conn.execute(
            select(user.c.username, user.c.id).where(
                user.c.username.in_([u[0] for u in DEMO_USERS])
            )
        )
    }
    rows = []
    for username, display, role in DEMO_USERS:
        if username not in found:
            found[username] = ids.take("user")
            names[found[username]] = display
            rows.append(
                {
                    "id": found[username],
                    "username": username,
                    "display_name": display,
                    "role": role,
                    "active": True,
                    "password_hash": None,
                    "created_at": now,
                }
            )
    _insert(conn, "user", rows)
    return found, names


def _written_digests(
    conn: Connection, first: dict[str, int]
) -> tuple[dict[int, RowDigests], RowDigests]:
    """The digests of the rows this run wrote (ids from `first` on), read back as stored:
    by case (a patient goes with the first case that wrote it), and the rest (users)."""
    by_case: dict[int, RowDigests] = {}
    patient_case: dict[int, int] = {}
    others: RowDigests = {}
    for name in ("case", *TABLE_ORDER[3:], "patient", "user"):
        tbl = model_table(name)
        result = conn.execute(
            select(tbl)
            .where(tbl.c.id >= first[name])
            .order_by(tbl.c.id)
            .execution_options(yield_per=2000)
        )
        for row in result:
            values = row._mapping
            if name == "case":
                case_id: int | None = values["id"]
                patient_case.setdefault(values["patient_id"], values["id"])
            elif name == "patient":
                case_id = patient_case.get(values["id"])
            else:
                case_id = values.get("case_id")
            target = others if case_id is None else by_case.setdefault(case_id, {})
            target.setdefault(name, {})[str(values["id"])] = row_digest(values)
    return by_case, others


def _audit_rows(
    conn: Connection,
    ids: _Ids,
    events: Iterable[tuple[datetime, int, dict[str, Any]]],
    written: tuple[dict[int, RowDigests], RowDigests],
    now: datetime,
) -> list[dict[str, Any]]:
    """Chain the events after the last one in the database, as `record_event` does.

    Each case's rows are recorded on that case's last event, as if the case had been
    written by the app; rows of no case (new demo users) on the run's last event.
    """
    by_case, others = written
    ordered = sorted(events, key=lambda e: (e[0], e[1]))
    if others and not ordered:
        ordered = [(now, 0, _users_event(others))]
    last_of_case = {values["case_id"]: i for i, (_, _, values) in enumerate(ordered)}
    audit = _table("audit_event")
    prev: str | None = conn.scalar(select(audit.c.hash).order_by(audit.c.id.desc()).limit(1))
    rows = []
    for i, (at, _, values) in enumerate(ordered):
        detail = json.loads(json.dumps(values["detail"], default=str))
        digests: RowDigests | None = None
        if last_of_case.get(values["case_id"]) == i and values["case_id"] in by_case:
            digests = by_case[values["case_id"]]
        if i == len(ordered) - 1 and others:
            digests = merge(dict(digests or {}), others)
        digest = chain_digest(
            prev,
            at=at,
            user_id=values["user_id"],
            case_id=values["case_id"],
            action=values["action"],
            detail=detail,
            rows=digests,
        )
        rows.append(
            {
                "id": ids.take("audit_event"),
                "at": at,
                "user_id": values["user_id"],
                "case_id": values["case_id"],
                "action": values["action"],
                "detail": detail,
                "prev_hash": prev,
                "hash": digest,
                "row_digests": digests,
            }
        )
        prev = digest
    return rows


def _users_event(users: RowDigests) -> dict[str, Any]:
    """The event for demo users created by a run that wrote no case."""
    return {
        "user_id": None,
        "case_id": None,
        "action": "demo.users",
        "detail": {"users": sorted(int(i) for i in users.get("user", {})), "demo": True},
    }


def open_count(cases: int) -> int:
    """About 2 % of the cases are still open: at least five (or all, if fewer), at most 400."""
    if cases <= 0:
        return 0
    return min(cases, OPEN_MAX, max(round(cases * OPEN_SHARE), min(cases, 5)))


def make_demo(db: Database, *, cases: int, seed: int, clock: Clock | None = None) -> dict[str, Any]:
    """Append `cases` synthetic cases (mostly closed, some open) and return a summary."""
    if cases < 0:
        raise ValueError("cases must not be negative")
    started = time.perf_counter()
    clock = clock or SystemClock()
    now = clock.now()
    pathway = default_pathway()
    rng = random.Random(seed)
    builder = _Builder(rng, now, pathway)

    n_open = open_count(cases)
    drafts: list[_Case] = []
    for j in range(n_open):
        if j < 2:
            target, kind = "emergency", ("soon", "breached")[j]
        else:
            target = OPEN_CATEGORIES.pick(rng)
            kind = "breached" if rng.random() < 0.22 else "soon"
        drafts.append(builder.open_case(target, kind))
    for _ in range(cases - n_open):
        drafts.append(builder.closed_case(CLOSED_CATEGORIES.pick(rng)))
    drafts.sort(key=lambda c: (c.first.received_at, c.seq))

    tables = [_table(name) for name in (*TABLE_ORDER, "audit_event")]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            lock_chain(conn)  # before the table locks, in the order record_event takes them
            for table in tables:
                conn.execute(text(f'LOCK TABLE "{table.name}" IN SHARE ROW EXCLUSIVE MODE'))
        ids = _next_ids(conn)
        first = dict(ids.next)
        users, names = _demo_users(conn, ids, now)
        patient = _table("patient")
        used = {
            n
            for n in conn.scalars(
                select(patient.c.nhs_number).where(patient.c.nhs_number.like("999%"))
            )
            if n
        }
        rows = _Rows(rng, now, ids, used, users, names)
        rows.finish([(case, rows.add(case, pathway)) for case in drafts])
        for name in TABLE_ORDER[1:]:
            _insert(conn, name, rows.tables[name])
        written = _written_digests(conn, first)
        _insert(conn, "audit_event", _audit_rows(conn, ids, rows.events, written, now))
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn, tables)
        update = pending_update(conn, db.url)
    apply(db.url, update)

    breached_open = sum(
        1
        for case in drafts
        if case.closed_at is None
        and any(
            d.met_at is None and d.cancelled_at is None and d.spec.due_at <= now
            for d in case.deadlines
        )
    )
    return {
        "cases": cases,
        "open": n_open,
        "closed": cases - n_open,
        "patients": len(rows.tables["patient"]),
        "calls": len(rows.tables["call"]),
        "breached_open": breached_open,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
    }

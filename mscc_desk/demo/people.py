"""Who: invented patients, their cancer, the people who call about them, and the demo staff.

NHS numbers come from the 999 test range (never issued to a patient) with valid Modulus
11 check digits; telephone numbers from Ofcom's ranges reserved for drama; names, places
and practices are made up, in the mix of a large English city.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from ..domain.nhs_number import check_digit
from .drafts import CaseDraft, Ids, Person
from .draws import Draws, Weights

DEMO_USERS = (
    ("demo.coordinator", "Alex Morgan (demo coordinator)", "coordinator"),
    ("demo.coordinator2", "Priya Shah (demo coordinator)", "coordinator"),
    ("demo.registrar", "Dr Tom Hughes (demo oncology registrar)", "registrar"),
    ("demo.registrar2", "Dr Ngozi Okafor (demo oncology registrar)", "registrar"),
)

PRIMARY_SITES = Weights(
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
IMD = Weights(
    [(d, w) for d, w in zip(range(1, 11), (13, 12, 11, 10, 10, 10, 9, 9, 8, 8), strict=True)]
)

REFERRAL_BY_CATEGORY = {
    "emergency": Weights(
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
    "urgent_advice": Weights(
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
    "other": Weights(
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

BACKGROUNDS = Weights(
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


class People(Draws):
    """Patients and callers, in the order cases are added; the patient rows as they are made."""

    def __init__(self, rng: random.Random, ids: Ids, used_nhs: set[str]) -> None:
        super().__init__(rng)
        self.ids = ids
        self.used_nhs = used_nhs  # NHS numbers already taken, in the database or this run
        self.rows: list[dict[str, Any]] = []  # the patient table
        self.known: list[Person] = []

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

    def person(self, case: CaseDraft) -> Person:
        """An earlier demo patient with a new episode, or a new patient."""
        at = case.first.received_at
        status = case.first.facts.cancer_status
        if status == "past_or_current" and self.known and self.chance(0.07):
            for _ in range(3):
                p = self.known[self.rng.randrange(len(self.known))]
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
        person = Person(
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
        self.rows.append(
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
        self.known.append(person)
        return person

    def caller(self, category: str, person: Person) -> dict[str, Any]:
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

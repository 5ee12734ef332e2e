"""What the clinical story draws from: how often each category, feature and fate comes up,
and the words coordinators write (advice, notes, breach and closing reasons).

The shares are set so that the demo looks like a year of a real MSCC service: about a
third emergencies, most calls by day, most clocks met in time, a few breaches with a
reason. Only the numbers live here; `story` decides what happens to each case.
"""

from __future__ import annotations

from .draws import Weights

CLOSED_CATEGORIES = Weights(  # escalations and overrides then bring emergencies to about 35 %
    [
        ("emergency", 33),
        ("urgent_advice", 37),
        ("oncology_referral", 10),
        ("safety_net", 11),
        ("outside_pathway", 9),
    ]
)
OPEN_CATEGORIES = Weights(
    [
        ("emergency", 42),
        ("urgent_advice", 40),
        ("oncology_referral", 7),
        ("safety_net", 6),
        ("outside_pathway", 5),
    ]
)
PAIN_WEIGHTS = Weights(
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
NEURO_WEIGHTS = Weights(
    [
        ("limb_weakness", 30),
        ("gait_disturbance", 25),
        ("sensory_change", 20),
        ("bladder_bowel_dysfunction", 10),
        ("radicular_pain", 10),
        ("neurological_signs", 5),
    ]
)
PAIN_ON_MOVEMENT = Weights([("none", 15), ("mild", 25), ("moderate", 35), ("severe", 25)])
PAIN_SITES = Weights(
    [("thoracic", 55), ("lumbar", 25), ("cervical", 10), ("multiple", 8), ("sacral", 2)]
)
MOBILITY = Weights([("independent", 70), ("with_aid", 20), ("chair", 7), ("bed", 3)])
MOBILITY_ORDER = ("independent", "with_aid", "chair", "bed")
FRANKEL_EMERGENCY = Weights([("A", 3), ("B", 5), ("C", 15), ("D", 45), ("E", 32)])
FRANKEL = "ABCDE"
HOURS = (2, 1.5, 1.2, 1, 1, 1.2, 2, 3, 6, 8, 9, 9, 8, 8, 8, 8, 7, 6, 5, 4.5, 4, 3.5, 3, 2.5)
HOUR_WEIGHTS = Weights(list(zip(range(24), HOURS, strict=True)))

BREACH_REASONS = {
    "mri": Weights(
        [
            ("mri_not_available", 45),
            ("transfer_delayed", 20),
            ("patient_declined", 15),
            ("other", 20),
        ]
    ),
    "coordinator_advice": Weights([("other", 85), ("transfer_delayed", 15)]),
    "expert_review": Weights([("other", 60), ("transfer_delayed", 30), ("patient_declined", 10)]),
    "radiotherapy": Weights(
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

ADVICE_ITEMS = {
    "emergency": ["immobilise", "analgesia", "steroids", "mri", "safety_net"],
    "urgent_advice": ["analgesia", "mri", "safety_net"],
    "oncology_referral": ["safety_net"],
    "safety_net": ["safety_net"],
    "outside_pathway": ["safety_net"],
}

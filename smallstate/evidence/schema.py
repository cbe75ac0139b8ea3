"""The evidence schema: every column, vocabulary, order and indicator name, defined once.

One row of an evidence table is one dated, sourced foreign-policy act of a small state
(``actor``) bearing on its relation with one great power (``target``). Every other module reads
these names from here: validation (:mod:`smallstate.evidence.validation`), the indicators, the
frameworks, the analyses, the plots and the widgets. The evidence resources of
``datasets/datapackage.json`` are checked against :func:`table_schema` by the test suite (and
rewritten from it by ``datasets/build/build_datapackage_schema.py``).

Examples
--------
>>> CASE_COLUMNS
('actor', 'target', 'scope', 'period')
>>> VOCABULARIES["stance"] == STANCES
True
>>> [f["name"] for f in table_schema()["fields"]] == list(ALL_COLUMNS)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "AIMED",
    "AIMED_RIVAL_STANCE",
    "ALL_COLUMNS",
    "CASE_COLUMNS",
    "CONTESTED",
    "COUNTERPART_CODES",
    "DERIVED_FROM",
    "DERIVED_STANCE",
    "DOMAINS",
    "DOMAIN_ORDER",
    "FICTIONAL_CODES",
    "FIELDS",
    "GREAT_POWERS",
    "HISTORICAL_CODES",
    "INDICATORS",
    "INTENSITIES",
    "INTENSITY_LABELS",
    "ISO_ALPHA3",
    "LEAD_POWER",
    "MOTIVES",
    "OPTIONAL_COLUMNS",
    "POOLABLE",
    "REQUIRED_COLUMNS",
    "RIVALS",
    "STANCES",
    "STANCE_ORDER",
    "STATE_CODES",
    "TEXT_OPTIONAL",
    "TEXT_REQUIRED",
    "TRUE_WORDS",
    "VOCABULARIES",
    "Field",
    "table_schema",
]

REQUIRED_COLUMNS: tuple[str, ...] = (
    "act_id",
    "actor",
    "target",
    "counterpart",
    "date",
    "domain",
    "stance",
    "intensity",
    "aimed_at_target",
    "source",
    "locator",
    "description",
)


OPTIONAL_COLUMNS: tuple[str, ...] = (
    "motive",
    "scope",
    "period",
    "contested",
    "note",
    "aimed_at_rivals",
)


ALL_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


DOMAINS: tuple[str, ...] = ("security", "economic", "diplomatic", "institutional")


STANCES: tuple[str, ...] = ("deference", "defiance", "diversification", "binding", "abstention")


AIMED: tuple[str, ...] = ("yes", "no", "unknown")


MOTIVES: tuple[str, ...] = ("gain", "security", "unknown")


CONTESTED: tuple[str, ...] = ("yes", "no")


#: Closed vocabularies: column -> allowed values (also the categories of the typed copy).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "domain": DOMAINS,
    "stance": STANCES,
    "aimed_at_target": AIMED,
    "aimed_at_rivals": AIMED,
    "motive": MOTIVES,
    "contested": CONTESTED,
}


#: Current ISO 3166-1 alpha-3 codes (249).
ISO_ALPHA3: frozenset[str] = frozenset(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
    BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR
    COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH
    ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL
    GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR
    JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR
    MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL
    NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY
    PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP
    SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
    UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
    """.split()  # noqa: SIM905
)


#: Withdrawn ISO codes of states that no longer exist (accepted for historical cases).
HISTORICAL_CODES: frozenset[str] = frozenset(
    {
        "SUN",  # Soviet Union
        "YUG",  # Yugoslavia
        "CSK",  # Czechoslovakia
        "DDR",  # German Democratic Republic
        "SCG",  # Serbia and Montenegro
        "ANT",  # Netherlands Antilles
        "BUR",  # Burma (before MMR)
        "TMP",  # East Timor (before TLS)
        "ZAR",  # Zaire (before COD)
    }
)


#: Codes of the course's fictional teaching states (ISO 3166-1 user-assigned range X.., which no
#: real country carries): Ruritania, a fictional great power and a fictional other power, used by
#: ``smallstate.widgets.strategy_builder``.
#: Ruritania (the small state), the Great Power and the Other Power of the exercises.
FICTIONAL_ACTOR, FICTIONAL_TARGET, FICTIONAL_OTHER = "XRU", "XGP", "XOP"
FICTIONAL_CODES: frozenset[str] = frozenset({FICTIONAL_ACTOR, FICTIONAL_TARGET, FICTIONAL_OTHER})


STATE_CODES: frozenset[str] = ISO_ALPHA3 | HISTORICAL_CODES | FICTIONAL_CODES


#: Known organisation and initiative codes for ``counterpart``.
COUNTERPART_CODES: frozenset[str] = frozenset(
    {
        "ASEAN", "ARF", "EAS", "APT", "ADMMPLUS", "AIIB", "BRI", "MSR", "SRF", "FOIP-US",
        "FOIP-JP", "FOIP-AU", "FOIP-IN", "AOIP", "QUAD", "NATO", "UN", "UNTAC", "MLC",
        "MEKONG-JP", "RCEP", "ACFTA", "WTO", "ASEM", "NAM",
    }
)  # fmt: skip


#: The great powers whose cases the course studies (both seeds' powers).
GREAT_POWERS: tuple[str, ...] = ("CHN", "JPN", "USA")

#: Counterpart -> the great power an act with it engages: the power itself, or the power that
#: leads the initiative (the one coding rule files the act under that power; see
#: datasets/README.md, "One coding rule").
LEAD_POWER: dict[str, str] = {
    "CHN": "CHN", "BRI": "CHN", "MSR": "CHN", "SRF": "CHN", "AIIB": "CHN", "MLC": "CHN",
    "JPN": "JPN", "FOIP-JP": "JPN", "MEKONG-JP": "JPN",
    "USA": "USA", "FOIP-US": "USA",
}  # fmt: skip

#: State -> the great powers it competes with, as the seeds read the rivalry (Samath 2020,
#: Executive Summary, point 2: strategic competition between the FOIP and the BRI; Leng 2016,
#: para. 11: Vietnam, Japan and the US as China's competitors). Vietnam is a rival of China but
#: not a case of its own.
RIVALS: dict[str, tuple[str, ...]] = {
    "CHN": ("JPN", "USA"),
    "JPN": ("CHN",),
    "USA": ("CHN",),
    "VNM": ("CHN",),
}

#: Stance towards a power -> the stance the same act takes towards that power's rivals
#: (engaging one side widens ties away from its rival). Defiance and abstention towards a
#: power say nothing by themselves about its rivals, so they derive no act.
DERIVED_STANCE: dict[str, str] = {"deference": "diversification", "binding": "diversification"}

#: The stance towards a rival instead, when the source says the act is aimed at it
#: (``aimed_at_rivals`` yes): cooperation with one power directed against its rival is
#: external balancing of that rival (Waltz 1979; the concept ``external_balancing``).
AIMED_RIVAL_STANCE = "defiance"

#: Column the library adds to derived acts: the ``act_id`` of the filed act they come from
#: (empty for filed acts). Never stored in a CSV.
DERIVED_FROM = "derived_from"


TEXT_REQUIRED = ("act_id", "source", "locator", "description")


TEXT_OPTIONAL = ("scope", "period", "note")

#: Intensity levels: 1 rhetorical or symbolic, 2 programmatic, 3 binding commitment.
INTENSITIES: tuple[int, ...] = (1, 2, 3)

#: Intensity level -> the name shown to learners.
INTENSITY_LABELS: dict[int, str] = {
    1: "1 rhetorical",
    2: "2 programmatic",
    3: "3 binding commitment",
}

#: A case is (actor, target, scope, period); an empty scope or period reads ``"all"``.
CASE_COLUMNS: tuple[str, ...] = ("actor", "target", "scope", "period")

#: Case columns that :func:`smallstate.profiles` may pool (merge) across.
POOLABLE: tuple[str, ...] = ("target", "scope", "period")

#: Intensity-weighted indicators with an ``ids_`` column, in output order (meanings in
#: :mod:`smallstate.indicators.profiles`).
INDICATORS: tuple[str, ...] = (
    "DEF", "DFY", "DFY_BASE", "RESTRAINT", "DIV", "BIND", "ABS", "EP", "LB", "ED", "DD", "IB",
    "RM", "RC", "DEF_GAIN", "DEF_SECURITY", "SEC_DEF", "SEC_DFY", "INT_BAL", "EXT_BAL",
    "DIV_SEC_AIMED",
)  # fmt: skip

#: Stances in the order the course draws them, from power acceptance to power rejection.
STANCE_ORDER: tuple[str, ...] = (
    "deference",
    "binding",
    "abstention",
    "diversification",
    "defiance",
)

#: Domains in the order the course draws them.
DOMAIN_ORDER: tuple[str, ...] = ("diplomatic", "economic", "institutional", "security")

#: Spellings read as "yes" in a flag column such as ``contested`` (after lower-casing).
TRUE_WORDS: frozenset[str] = frozenset({"yes", "true", "1", "y"})


@dataclass(frozen=True)
class Field:
    """One column of the evidence table, as the data package describes it."""

    name: str
    type: str
    required: bool = False
    pattern: str | None = None
    min_length: int | None = None
    unique: bool = False
    description: str = ""

    def as_table_schema(self) -> dict[str, Any]:
        """The column as a Frictionless Table Schema field."""
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if self.min_length is not None:
            constraints["minLength"] = self.min_length
        if self.name in VOCABULARIES:
            constraints["enum"] = list(VOCABULARIES[self.name])
        if self.name == "intensity":
            constraints["enum"] = list(INTENSITIES)
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        out["description"] = self.description
        if constraints:
            out["constraints"] = constraints
        return out


#: Every column, in table order: the required ones, then the optional ones.
FIELDS: tuple[Field, ...] = (
    Field(
        "act_id",
        "string",
        required=True,
        pattern="[A-Za-z0-9][A-Za-z0-9_.-]*",
        unique=True,
        description=("Unique id of the act (seed acts keep the ids of evidence_seeds.csv)."),
    ),
    Field(
        "actor",
        "string",
        required=True,
        pattern="[A-Z]{3}",
        description=("The small state acting: ISO 3166-1 alpha-3, upper case."),
    ),
    Field(
        "target",
        "string",
        required=True,
        pattern="[A-Z]{3}",
        description=("The great power the act bears on: ISO 3166-1 alpha-3, upper case."),
    ),
    Field(
        "counterpart",
        "string",
        required=True,
        pattern="[A-Z][A-Z0-9-]*",
        description=(
            "Who the act is directed at or done with: an alpha-3 code, or an upper-case organisation or initiative code (ASEAN, ARF, EAS, ADMMPLUS, AIIB, BRI, FOIP-US, FOIP-JP, UN, ...)."
        ),
    ),
    Field(
        "date",
        "string",
        required=True,
        pattern="\\d{4}(-\\d{2}(-\\d{2})?)?",
        description=("Date of the act: YYYY, YYYY-MM or YYYY-MM-DD."),
    ),
    Field("domain", "string", required=True, description=("Policy domain.")),
    Field(
        "stance",
        "string",
        required=True,
        description=("What the act does towards the target (coding rules in datasets/README.md)."),
    ),
    Field(
        "intensity",
        "integer",
        required=True,
        description=("1 rhetorical or symbolic, 2 programmatic, 3 binding commitment."),
    ),
    Field(
        "aimed_at_target",
        "string",
        required=True,
        description=(
            "Whether the source says (or the act plainly shows) that the act is directed at the target: yes, no, unknown."
        ),
    ),
    Field(
        "source",
        "string",
        required=True,
        pattern="[a-z][a-z0-9_]*",
        description=(
            "Bibliography key of the source (a key of datasets/references.bib, listed in bibliography.csv)."
        ),
    ),
    Field(
        "locator",
        "string",
        required=True,
        min_length=3,
        description=(
            "Where in the source: section heading in quotes plus paragraph ('..., para. N'), a paragraph alone for the Leng feature ('para. N'), or an article, page or part of a document."
        ),
    ),
    Field(
        "description", "string", required=True, description=("One line in the course's own words.")
    ),
    Field(
        "motive",
        "string",
        description=("Motive the source gives: gain, security, unknown (empty = not coded)."),
    ),
    Field(
        "scope",
        "string",
        description=("Scope label of the case (e.g. BRI, FOIP, ASEAN, bilateral); empty = all."),
    ),
    Field(
        "period", "string", description=("Period label of the case (e.g. 2013-2016); empty = all.")
    ),
    Field(
        "contested", "string", description=("yes when the coding is arguable; the note says why.")
    ),
    Field(
        "note", "string", description=("Free coding note in the course's own words; empty if none.")
    ),
    Field(
        "aimed_at_rivals",
        "string",
        description=(
            "For an act that engages a great power: whether the source says it is directed at that power's rivals (the aimed_at_target of the acts the library derives for them): yes, no, unknown (empty = unknown)."
        ),
    ),
)


def table_schema() -> dict[str, list[dict[str, Any]]]:
    """The evidence columns as a Frictionless Table Schema (``{"fields": [...]}``).

    Examples
    --------
    >>> table_schema()["fields"][6]["constraints"]["enum"]
    ['deference', 'defiance', 'diversification', 'binding', 'abstention']
    """
    return {"fields": [f.as_table_schema() for f in FIELDS]}

"""Areas, bodies and people: the bundled reference tables and the resolution rules."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphkit.resolve import (
    AreaRef,
    all_areas,
    body_label,
    current_authorities,
    load_mi_2023,
    load_statistics,
    normalise_body,
    person_key,
    person_match,
    resolve_area,
    slug,
    split_bodies,
    suggest_areas,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graphkit" / "data"


def _area(name: str) -> AreaRef:
    area = resolve_area(name)
    assert area is not None, f"{name!r} did not resolve"
    return area


# --- bundled data ---------------------------------------------------------------------------


def test_statistics_cover_149_areas_each_with_a_gss_code() -> None:
    rows = load_statistics()
    assert len(rows) == 149
    assert len({r.la_code for r in rows}) == 149
    for row in rows:
        area = _area(row.area)
        assert row.gss in area.gss_codes, (row.area, row.gss, area)
        assert row.la_code == area.la_code
        assert row.area_ref == area


def test_statistics_facts() -> None:
    rows = {r.area: r for r in load_statistics()}
    assert sum(r.wsoa_required for r in rows.values()) == 82
    assert sum(not r.wsoa_required for r in rows.values()) == 67
    stockton = rows["Stockton-on-Tees"]
    assert stockton.wsoa_required and stockton.weakness_count == 4
    assert stockton.inspection_start.isoformat() == "2019-02-04"
    assert stockton.revisit_result == "all" and stockton.revisited
    barnsley = rows["Barnsley"]
    assert barnsley.not_revisited_yet and not barnsley.revisited
    assert barnsley.revisit_start is None and barnsley.revisit_result is None
    assert rows["Devon"].revisit_result == "none"
    assert rows["Birmingham"].revisit_result == "some"
    assert rows["Birmingham"].weaknesses_sufficient_progress == 1
    assert rows["Birmingham"].weaknesses_insufficient_progress == 12
    barnet = rows["Barnet"]
    assert not barnet.wsoa_required and barnet.weakness_count is None
    assert not barnet.not_revisited_yet and not barnet.revisited
    for row in rows.values():
        if row.revisited:
            assert row.weakness_count == (
                (row.weaknesses_sufficient_progress or 0) + (row.weaknesses_insufficient_progress or 0)
            )
            assert row.revisit_start is not None and row.revisit_start > row.inspection_start


def test_mi_2023() -> None:
    rows = {r.area: r for r in load_mi_2023()}
    assert len(rows) == 16
    assert rows["Hertfordshire"].outcome == "widespread_failings"
    assert rows["Hertfordshire"].priority_action_plan_required
    assert rows["Hertfordshire"].priority_action_count == 2
    assert rows["Hertfordshire"].inspection_start.isoformat() == "2023-07-10"
    assert rows["Enfield"].outcome == "inconsistent"
    assert rows["Brighton and Hove"].outcome == "positive"
    assert rows["Brighton and Hove"].priority_action_count is None
    for row in rows.values():
        assert row.gss in _area(row.area).gss_codes
        assert row.priority_action_plan_required == (row.priority_action_count is not None)


def test_area_table_has_no_name_shared_by_two_authorities() -> None:
    areas = all_areas()
    assert len({a.la_code for a in areas}) == len(areas)
    assert len({a.slug for a in areas}) == len(areas)
    assert all(resolve_area(a.label) == a for a in areas)
    assert all(resolve_area(a.gss) == a for a in areas)


def test_data_is_read_through_importlib_resources() -> None:
    from importlib.resources import files

    resource = files("graphkit") / "data" / "local_authorities.csv"
    assert resource.is_file()


def test_make_reference_data_reproduces_the_bundled_files(shared: Path, tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make_reference_data.py"
    subprocess.run(
        [sys.executable, str(script), "--source", str(shared / "reference"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for produced in sorted(tmp_path.glob("*.csv")):
        assert produced.read_bytes() == (DATA / produced.name).read_bytes(), produced.name


def test_data_files_have_headers_and_no_blank_cells_in_keys() -> None:
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, path.name
        first = next(iter(rows[0]))
        assert all(row[first] for row in rows), path.name


# --- areas ----------------------------------------------------------------------------------

ALIASES = [
    ("Telford & Wrekin", "E06000020"),
    ("Telford and Wrekin", "E06000020"),
    ("telford-and-wrekin", "E06000020"),
    ("Kingston upon Hull", "E06000010"),
    ("Hull", "E06000010"),
    ("City of Kingston upon Hull", "E06000010"),
    ("Kingston Upon Hull, City of", "E06000010"),
    ("Durham", "E06000047"),
    ("County Durham", "E06000047"),
    ("Bedford", "E06000055"),
    ("Bedford Borough", "E06000055"),
    ("Southend-on-Sea", "E06000033"),
    ("Southend", "E06000033"),
    ("Bournemouth, Christchurch and Poole", "E06000058"),
    ("Bournemouth, Christchurch & Poole", "E06000058"),
    ("BCP", "E06000058"),
    ("Stockton-on-Tees", "E06000004"),
    ("Stockton on Tees", "E06000004"),
    ("Brighton & Hove", "E06000043"),
    ("Herefordshire", "E06000019"),
    ("County of Herefordshire", "E06000019"),
    ("Bristol", "E06000023"),
    ("City of Bristol", "E06000023"),
    ("St Helens", "E08000013"),
    ("St. Helens", "E08000013"),
    ("ST HELENS", "E08000013"),
    ("the City of London", "E09000001"),
    ("Isles of Scilly", "E06000053"),
    ("North Yorkshire", "E06000065"),
    ("E10000023", "E06000065"),
    ("815", "E06000065"),
]

COUNCILS = [
    ("Bury Metropolitan Borough Council", "Bury"),
    ("Bury Council", "Bury"),
    ("London Borough of Bexley", "Bexley"),
    ("Kingston upon Hull City Council", "Kingston upon Hull"),
    ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
    ("City of Bradford Metropolitan District Council", "Bradford"),
    ("Stockton-on-Tees Borough Council", "Stockton-on-Tees"),
    ("Durham County Council", "Durham"),
    ("City of York Council", "York"),
    ("Council of the Isles of Scilly", "Isles of Scilly"),
    ("Bexley Local Authority", "Bexley"),
    ("Bury Local Area Partnership", "Bury"),
]


@pytest.mark.parametrize(("name", "gss"), ALIASES)
def test_aliases(name: str, gss: str) -> None:
    assert _area(name).gss == gss


@pytest.mark.parametrize(("name", "label"), COUNCILS)
def test_council_names(name: str, label: str) -> None:
    assert _area(name).label == label


def test_north_and_west_northamptonshire() -> None:
    area = _area("North and West Northamptonshire")
    assert area.label == "Northamptonshire" and area.status == "abolished"
    assert area == _area("North Northamptonshire and West Northamptonshire")
    assert [a.label for a in current_authorities("North and West Northamptonshire")] == [
        "North Northamptonshire",
        "West Northamptonshire",
    ]
    assert _area("North Northamptonshire").gss == "E06000061"
    assert _area("West Northamptonshire").gss == "E06000062"


def test_unknown_and_ambiguous_names() -> None:
    assert resolve_area("Gotham") is None
    assert resolve_area("") is None
    assert resolve_area("London") is None  # not "City of London"
    assert resolve_area("Northumbria") is None
    assert suggest_areas("Middlesborough", limit=1) == ["Middlesbrough"]


def test_slug() -> None:
    assert slug("Telford & Wrekin") == "telford-and-wrekin"
    assert slug("Bournemouth, Christchurch and Poole") == "bournemouth-christchurch-and-poole"
    assert slug("Stockton-on-Tees") == slug("Stockton on Tees") == "stockton-on-tees"
    assert slug("Máire Ø'Brien ß") == "maire-obrien-ss"
    assert slug("Children’s services") == slug("Childrens services")
    with pytest.raises(ValueError):
        slug(" — ")


def test_gold_areas_and_bodies(gold: dict[str, dict[str, Any]]) -> None:
    assert len(gold) >= 26
    for stem, doc in gold.items():
        _check_gold(stem, doc)


def _check_gold(stem: str, gold: dict[str, Any]) -> None:
    area = _area(gold["area"])
    # the answer keys are named after the area's slug
    assert stem.startswith(area.slug + "-"), (stem, area)
    if gold["local_authority"]:
        assert normalise_body(gold["local_authority"]) == ("local_authority", area.slug)
    for icb in gold["icbs"]:
        kind, key = normalise_body(icb)
        assert kind == "icb" and body_label("icb", key) is not None, icb
    for ccg in gold["ccgs"]:
        assert normalise_body(ccg)[0] == "ccg", ccg
    for action in gold["priority_actions"]:
        if action.get("responsible_body"):
            kinds = {normalise_body(p)[0] for p in split_bodies(action["responsible_body"])}
            assert kinds <= {"local_authority", "icb"}, action["responsible_body"]
    if gold.get("parent_carer_forum"):
        assert normalise_body(gold["parent_carer_forum"], hint="pcf")[0] == "pcf"
    for person in gold["people"]:
        if person.get("organisation"):
            assert normalise_body(person["organisation"])[0] != "other", person


# --- bodies ---------------------------------------------------------------------------------

SAME_BODY = [
    (
        "NHS Greater Manchester Integrated Care Board",
        "NHS Greater Manchester ICB",
        "Greater Manchester Integrated Care Board",
        "NHS Greater Manchester",
    ),
    ("Bassetlaw CCG", "NHS Bassetlaw Clinical Commissioning Group", "NHS Bassetlaw CCG"),
    ("Bury Council", "Bury Metropolitan Borough Council", "Bury MBC"),
    ("Ofsted", "Office for Standards in Education, Children's Services and Skills", "OFSTED"),
    ("CQC", "Care Quality Commission", "the Care Quality Commission"),
    ("DfE", "Department for Education", "DfE Department for Education"),
    ("Department of Health", "Department of Health and Social Care", "DHSC"),
    (
        "NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board",
        "NHS BSW ICB",
    ),
    (
        "Leicester, Leicestershire and Rutland Integrated Care Board",
        "Leicester, Leicestershire, and Rutland ICB",
        "NHS LLR ICB",
    ),
    (
        "NHS Shropshire, Telford and Wrekin Integrated Care Board (NHS ST&W ICB)",
        "Shropshire, Telford & Wrekin ICB",
    ),
    ("Herefordshire and Worcestershire NHS Integrated Care Board", "NHS Herefordshire and Worcestershire ICB"),
]


@pytest.mark.parametrize("names", SAME_BODY, ids=lambda n: n[0])
def test_same_body(names: tuple[str, ...]) -> None:
    keys = {normalise_body(n) for n in names}
    assert len(keys) == 1, keys


def test_body_kinds() -> None:
    assert normalise_body("Ofsted") == ("inspectorate", "ofsted")
    assert normalise_body("Care Quality Commission") == ("inspectorate", "cqc")
    assert normalise_body("NHS England") == ("department", "nhs-england")
    assert normalise_body("Department for Education") == ("department", "dfe")
    assert normalise_body("Bassetlaw CCG") == ("ccg", "bassetlaw")
    assert normalise_body("NHS Sussex") == ("icb", "sussex")
    assert normalise_body("London Borough of Enfield") == ("local_authority", "enfield")
    assert normalise_body("Birmingham Children's Trust")[0] == "trust"
    assert normalise_body("Achieving for Children")[0] == "trust"
    assert normalise_body("Trafford Parent Carer Forum") == ("pcf", "trafford-parent-carer-forum")
    assert normalise_body("PaCC", hint="pcf") == ("pcf", "pacc")
    assert normalise_body("Clinical commissioning group(s)")[0] == "other"
    assert normalise_body("Director Public Health for the local area")[0] == "other"
    # an ICB not in the list still gets a stable key from its name
    assert normalise_body("NHS Example Integrated Care Board") == ("icb", "example")
    # a council that is not in the table still counts as one
    assert normalise_body("Gotham District Council") == ("local_authority", "gotham-district-council")
    with pytest.raises(ValueError):
        normalise_body("   ")
    with pytest.raises(ValueError):
        normalise_body("Bury", hint="council")  # type: ignore[arg-type]


def test_split_bodies() -> None:
    assert split_bodies("Bexley Council and South East London ICB") == [
        "Bexley Council",
        "South East London ICB",
    ]
    assert split_bodies("Halton Borough Council and NHS Cheshire and Merseyside Integrated Care Board (ICB)") == [
        "Halton Borough Council",
        "NHS Cheshire and Merseyside Integrated Care Board (ICB)",
    ]
    assert split_bodies("Ofsted and CQC") == ["Ofsted", "CQC"]
    for whole in (
        "Telford and Wrekin Council",
        "Kent and Medway ICB",
        "NHS Nottingham and Nottinghamshire Integrated Care Board",
        "Leicester, Leicestershire, and Rutland ICB",
        "NHS Shropshire, Telford and Wrekin Integrated Care Board (NHS ST&W ICB)",
        "Bath and North East Somerset Council",
    ):
        assert split_bodies(whole) == [whole]


def test_body_label() -> None:
    assert body_label("icb", "sussex") == "NHS Sussex Integrated Care Board"
    assert body_label("local_authority", "st-helens") == "St Helens"
    assert body_label("department", "dfe") == "Department for Education"
    assert body_label("other", "anything") is None


# --- people ---------------------------------------------------------------------------------

SAME_PERSON = [
    ("Hilary Macdonald", "Hilary MacDonald"),
    ("Maire Atherton", "Máire Atherton"),
    ("Ms Bernie Brown", "Bernie Brown"),
    ("Adam Sproston HMI", "Adam Sproston"),
    ("Dr Jane Smith OBE", "jane smith"),
    ("Prof. Sir John Doe CBE", "John Doe"),
    ("Mrs Jill McGregor", "Jill Mcgregor"),
    ("Frances O’Callaghan", "Frances O'Callaghan"),
    ("Dame Christine Gilbert DBE", "Christine Gilbert"),
    ("Miss Ann Graham MBE", "ANN GRAHAM"),
]

UNCERTAIN = [
    ("Deena Walworth", "Deena Wallworth"),
    ("Dan Carrick", "Daniel Carrick"),
    ("Jess Taylor-Beirne", "Jessica Taylor-Beirne"),
    ("Jo Warburton", "Joanna Warburton"),
    ("Sam Allen", "Samantha Allen"),
    ("Gerry Bates", "Geraldine Bates"),
    ("Liz Fox", "Elizabeth Fox"),
    ("Mr Gray", "Martin Gray"),
    ("J. Smith", "Jane Smith"),
]

DIFFERENT = [
    ("Lea Decker", "Lea Pickerill"),
    ("Karen Graham", "Ann Graham"),
    ("Mark Fisher", "Jo Fisher"),
    ("Helen Fergusson", "Helen Forrest"),
    ("Simon Brown", "Bernie Brown"),
    ("Deana Fowle", "Deena Walworth"),
    ("Nick Bennison", "Nicki Shaw"),
    ("Paul Bagnall", "Paul Bentley"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_same_person(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)
    assert person_match(a, b) == "same"


@pytest.mark.parametrize(("a", "b"), UNCERTAIN)
def test_uncertain_person(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)  # never merged automatically
    assert person_match(a, b) == person_match(b, a) == "uncertain"


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_person(a: str, b: str) -> None:
    assert person_match(a, b) == person_match(b, a) == "different"


def test_gold_people_keys_are_stable(gold: dict[str, dict[str, Any]]) -> None:
    names = {p["name"] for doc in gold.values() for p in doc["people"]}
    keys = {person_key(n) for n in names}
    assert all(k == slug(k) for k in keys)
    assert person_key("Hilary MacDonald") in keys and person_key("Máire Atherton") in keys

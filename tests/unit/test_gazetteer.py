"""Tests of the generated gazetteer seeds/reference/places.csv and of its builder.

Expected values are geographic facts (which province a town is in, roughly where it lies),
not numbers copied from the output.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

from extract.tools import gazetteer as build_gazetteer

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"
PLACES = REFERENCE / "places.csv"
COLUMNS = [
    "place_id",
    "name",
    "aliases",
    "feature_kind",
    "admin1",
    "admin1_code",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "population",
    "source",
]
POPULATED = {"city", "town", "village"}
# Iraq + Syria: 29.06-37.38 N, 35.7-48.6 E, with a small margin.
BBOX = (29.0, 37.5, 35.5, 48.8)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with PLACES.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split("|") if a]


def forms(row: dict[str, str]) -> set[str]:
    """Every way the row can be named, casefolded (name, its ASCII form, aliases)."""
    folded = build_gazetteer.ascii_fold(row["name"]) or row["name"]
    return {row["name"].casefold(), folded.casefold(), *(a.casefold() for a in aliases(row))}


def resolve(rows: list[dict[str, str]], text: str, kinds: set[str] | None = None) -> list[dict[str, str]]:
    return [r for r in rows if text.casefold() in forms(r) and (kinds is None or r["feature_kind"] in kinds)]


def only(rows: list[dict[str, str]], text: str, kinds: set[str] | None = POPULATED) -> dict[str, str]:
    found = resolve(rows, text, kinds)
    assert len(found) == 1, f"{text!r} resolves to {[(r['place_id'], r['name']) for r in found]}"
    return found[0]


def test_columns_and_size(rows):
    with PLACES.open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n").split(",") == COLUMNS
    assert PLACES.stat().st_size < 3_000_000
    assert len(rows) > 600


def test_builder_reproduces_committed_file(tmp_path):
    out = tmp_path / "places.csv"
    assert build_gazetteer.main(["--output", str(out)]) == 0
    assert out.read_bytes() == PLACES.read_bytes()


def test_place_ids_unique_and_well_formed(rows):
    ids = [r["place_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        prefix, _, rest = row["place_id"].partition(":")
        assert prefix in {"gn", "iso", "cur", "corpus"} and rest, row["place_id"]
        if prefix == "corpus":
            assert row["source"] == "corpus" and rest.endswith("-" + row["admin1_code"].lower())
        if prefix == "gn":
            assert rest.isdigit()
            assert row["source"] in {"geonames", "geonames+curated"}
        if prefix == "iso":
            assert rest == (row["admin1_code"] or row["country_code"])


@pytest.mark.parametrize(
    "text, admin1, code, country",
    [
        ("Mosul", "Nineveh", "IQ-NI", "Iraq"),
        ("Mawsil", "Nineveh", "IQ-NI", "Iraq"),
        ("Tal Afar", "Nineveh", "IQ-NI", "Iraq"),
        ("Shingal", "Nineveh", "IQ-NI", "Iraq"),
        ("Baaj", "Nineveh", "IQ-NI", "Iraq"),
        ("Ba'aj", "Nineveh", "IQ-NI", "Iraq"),
        ("Qairawan", "Nineveh", "IQ-NI", "Iraq"),
        ("Makhmour", "Nineveh", "IQ-NI", "Iraq"),
        ("Fallujah", "Anbar", "IQ-AN", "Iraq"),
        ("Ramadi", "Anbar", "IQ-AN", "Iraq"),
        ("Hit", "Anbar", "IQ-AN", "Iraq"),
        ("Rawa", "Anbar", "IQ-AN", "Iraq"),
        ("Rutba", "Anbar", "IQ-AN", "Iraq"),
        ("Haditha", "Anbar", "IQ-AN", "Iraq"),
        ("Tikrit", "Salahuddin", "IQ-SD", "Iraq"),
        ("Samarra", "Salahuddin", "IQ-SD", "Iraq"),
        ("Baiji", "Salahuddin", "IQ-SD", "Iraq"),
        ("Baquba", "Diyala", "IQ-DI", "Iraq"),
        ("Hawija", "Kirkuk", "IQ-KI", "Iraq"),
        ("Zakho", "Dohuk", "IQ-DA", "Iraq"),
        ("Nasiriyah", "Dhi Qar", "IQ-DQ", "Iraq"),
        ("Raqqa", "Raqqa", "SY-RA", "Syria"),
        ("Tabqa", "Raqqa", "SY-RA", "Syria"),
        ("Tal Abyad", "Raqqa", "SY-RA", "Syria"),
        ("Ain Issa", "Raqqa", "SY-RA", "Syria"),
        ("Hajin", "Deir ez-Zor", "SY-DY", "Syria"),
        ("Mayadin", "Deir ez-Zor", "SY-DY", "Syria"),
        ("Sousa", "Deir ez-Zor", "SY-DY", "Syria"),
        ("Al-Susah", "Deir ez-Zor", "SY-DY", "Syria"),
        ("Baghuz", "Deir ez-Zor", "SY-DY", "Syria"),
        ("Shaddadi", "Hasakah", "SY-HA", "Syria"),
        ("Qamishli", "Hasakah", "SY-HA", "Syria"),
        ("Kobani", "Aleppo", "SY-HL", "Syria"),
        ("Manbij", "Aleppo", "SY-HL", "Syria"),
        ("Palmyra", "Homs", "SY-HI", "Syria"),
        ("Douma", "Rif Dimashq", "SY-RD", "Syria"),
        ("Saraqib", "Idlib", "SY-ID", "Syria"),
        ("Khan Sheikhoun", "Idlib", "SY-ID", "Syria"),
        ("Jurf al-Sakhar", "Babil", "IQ-BB", "Iraq"),
        ("Jalawla", "Diyala", "IQ-DI", "Iraq"),
        ("Qaraqosh", "Nineveh", "IQ-NI", "Iraq"),
        ("Halabja", "Sulaymaniyah", "IQ-SU", "Iraq"),  # Halabja governorate has no ISO 3166-2 code yet
    ],
)
def test_known_places_resolve_to_their_province(rows, text, admin1, code, country):
    row = only(rows, text)
    assert (row["admin1"], row["admin1_code"], row["country"]) == (admin1, code, country)


@pytest.mark.parametrize(
    "spellings, admin1_code",
    [
        (["Boukamal", "Bukamal", "Abu Kamal", "Albu Kamal", "Al-Bukamal"], "SY-DY"),
        (["Al Qaim", "al-Qaim", "Qaim", "Al-Qa'im"], "IQ-AN"),
        (["Mosul", "Mawsil"], "IQ-NI"),
        (["Deir el-Zour", "Deir el- Zour", "Deir Ezzor", "Deir ez-Zor city"], "SY-DY"),
        (["Tal Afar", "Tel Afar", "Telafer"], "IQ-NI"),
    ],
)
def test_variant_spellings_name_one_place(rows, spellings, admin1_code):
    """Curated spellings extend the GeoNames place instead of adding a duplicate."""
    ids = {only(rows, s)["place_id"] for s in spellings}
    assert len(ids) == 1, ids
    place = only(rows, spellings[0])
    assert place["place_id"].startswith("gn:") and place["admin1_code"] == admin1_code


def test_big_places_lie_where_they_should(rows):
    # (text, lat, lon) from general geography; 0.3 degrees of slack.
    for text, lat, lon in [
        ("Mosul", 36.34, 43.13),
        ("Baghdad", 33.31, 44.36),
        ("Damascus", 33.51, 36.29),
        ("Aleppo", 36.20, 37.16),
        ("Albu Kamal", 34.45, 40.92),
        ("Basra", 30.51, 47.78),
        ("Erbil", 36.19, 44.01),
        ("Raqqa", 35.95, 39.01),
    ]:
        row = only(rows, text, {"city", "town"})
        assert abs(float(row["latitude"]) - lat) < 0.3 and abs(float(row["longitude"]) - lon) < 0.3, text


def test_province_rows(rows):
    provinces = {r["admin1_code"]: r for r in rows if r["feature_kind"] == "province"}
    for cc in ("IQ", "SY", "TR", "IR", "JO", "SA", "KW", "LB", "IL"):
        for sub in pycountry.subdivisions.get(country_code=cc):
            assert sub.code in provinces, sub.code
    for row in provinces.values():
        assert row["admin1"] == row["name"] and row["place_id"] == f"iso:{row['admin1_code']}"
    nineveh = provinces["IQ-NI"]
    assert nineveh["name"] == "Nineveh"
    assert {"ninawa", "ninewa", "ninevah"} <= {a.casefold() for a in aliases(nineveh)}
    deir = provinces["SY-DY"]
    assert deir["name"] == "Deir ez-Zor"
    assert {"deir el-zour", "dayr az zawr", "deir ezzor"} <= {a.casefold() for a in aliases(deir)}
    salah = {a.casefold() for a in aliases(provinces["IQ-SD"])}
    assert {"salah ad-din", "salah al-din", "saladin"} <= salah
    assert "idleb" in {a.casefold() for a in aliases(provinces["SY-ID"])}
    assert {"irbil", "arbil"} <= {a.casefold() for a in aliases(provinces["IQ-AR"])}
    conventional = {
        "IQ-AN": "Anbar",
        "IQ-BA": "Basra",
        "IQ-DA": "Dohuk",
        "IQ-AR": "Erbil",
        "IQ-SD": "Salahuddin",
        "IQ-QA": "Qadisiyah",
        "SY-HA": "Hasakah",
        "SY-RA": "Raqqa",
        "SY-LA": "Latakia",
        "SY-TA": "Tartus",
        "SY-HL": "Aleppo",
        "SY-RD": "Rif Dimashq",
    }
    for code, name in conventional.items():
        assert provinces[code]["name"] == name


def test_country_rows(rows):
    countries = {r["country_code"]: r for r in rows if r["feature_kind"] == "country"}
    assert {cc: r["name"] for cc, r in countries.items()} == {
        "IQ": "Iraq",
        "SY": "Syria",
        "TR": "Turkey",
        "IR": "Iran",
        "JO": "Jordan",
        "SA": "Saudi Arabia",
        "KW": "Kuwait",
        "LB": "Lebanon",
        "IL": "Israel",
    }
    for row in countries.values():
        assert row["admin1"] == "" and row["admin1_code"] == "" and row["country"] == row["name"]
    for row in rows:
        assert row["country"] == countries[row["country_code"]]["name"]


def test_admin1_codes_are_real_iso_3166_2(rows):
    for row in rows:
        if row["feature_kind"] == "country":
            continue
        sub = pycountry.subdivisions.get(code=row["admin1_code"])
        assert sub is not None, (row["place_id"], row["admin1_code"])
        assert sub.country_code == row["country_code"]
        assert row["admin1"], row["place_id"]


def test_one_admin1_name_per_code(rows):
    names: dict[str, set[str]] = {}
    for row in rows:
        if row["admin1_code"]:
            names.setdefault(row["admin1_code"], set()).add(row["admin1"])
    assert {code: n for code, n in names.items() if len(n) > 1} == {}


def test_iraq_syria_places_have_points_inside_the_two_countries(rows):
    lat_min, lat_max, lon_min, lon_max = BBOX
    for row in rows:
        if row["country_code"] in ("IQ", "SY") and row["source"] != "corpus":  # corpus rows have no point
            lat, lon = float(row["latitude"]), float(row["longitude"])
            assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, row["place_id"]


def test_aliases_are_clean(rows):
    stoplist = {a.casefold() for a in build_gazetteer.load_stoplist(REFERENCE / "place_alias_stoplist.csv")}
    assert {"state", "army", "daesh", "isis", "hashd", "border", "tal", "wadi"} <= stoplist
    for row in rows:
        found = aliases(row)
        folded = [a.casefold() for a in found]
        assert len(folded) == len(set(folded)), row["place_id"]  # deduplicated case-insensitively
        assert row["name"].casefold() not in folded, row["place_id"]
        for alias in found:
            assert alias.isascii(), (row["place_id"], alias)  # Latin script, ASCII-folded
            assert alias.casefold() not in stoplist, (row["place_id"], alias)
            assert len(alias) >= 4 or (alias[0].isupper() and alias[1:].islower()), (row["place_id"], alias)
            assert any(c.isupper() for c in alias), (row["place_id"], alias)


def test_no_actor_names_as_places(rows):
    for row in rows:
        assert not forms(row) & {"islamic state", "daesh"}, row["place_id"]
        assert not {a.casefold() for a in aliases(row)} & {"isis", "sadr", "hezbollah", "al-sham", "badr"}, row[
            "place_id"
        ]


def test_same_name_places_stay_apart(rows):
    """Sinjar (Nineveh) and the Idlib village Sinjar are different places; the town is the Iraqi one."""
    sinjar = resolve(rows, "Sinjar", POPULATED)
    assert {r["admin1_code"] for r in sinjar} == {"IQ-NI", "SY-ID"}
    assert [r["feature_kind"] for r in sinjar if r["admin1_code"] == "IQ-NI"] == ["town"]


def test_villages_do_not_carry_province_or_country_names(rows):
    reserved = set()
    for row in rows:
        if row["feature_kind"] == "country" or (
            row["feature_kind"] == "province" and row["country_code"] in ("IQ", "SY")
        ):
            reserved |= forms(row)
    for row in rows:
        if row["feature_kind"] == "village":
            assert not forms(row) & reserved, (row["place_id"], forms(row) & reserved)


def test_feature_kind_follows_population_for_plain_geonames_rows(rows):
    for row in rows:
        if row["source"] != "geonames":
            continue
        population = int(row["population"])
        expected = "city" if population >= 100_000 else "town" if population >= 10_000 else "village"
        assert row["feature_kind"] == expected, row["place_id"]


def test_curated_geography(rows):
    def kind_of(text: str) -> dict[str, str]:
        return only(rows, text, None)

    desert = kind_of("Al-Khatheer desert")
    assert (desert["feature_kind"], desert["admin1_code"], desert["place_id"]) == (
        "desert",
        "IQ-NI",
        "cur:al-khatheer-desert",
    )
    hamrin = kind_of("Hamrin mountains")
    assert hamrin["feature_kind"] == "mountain" and hamrin["admin1_code"] in {"IQ-SD", "IQ-DI"}
    assert kind_of("al-Waleed border crossing")["admin1_code"] == "IQ-AN"
    assert kind_of("Husaybah crossing")["feature_kind"] == "border_crossing"
    tanf = kind_of("al-Tanf")
    assert (tanf["feature_kind"], tanf["admin1_code"], tanf["country"]) == ("border_crossing", "SY-HI", "Syria")
    assert kind_of("Rabia crossing")["admin1_code"] == "IQ-NI"
    assert kind_of("Faysh Khabur")["feature_kind"] == "border_crossing"
    assert kind_of("Semalka")["feature_kind"] == "border_crossing"
    for row in rows:
        if row["place_id"].startswith("cur:"):
            assert row["population"] == "0" and row["source"] == "curated"


def test_missing_admin1_mapping_fails_clearly(tmp_path):
    for name in ("places_curated.csv", "place_alias_stoplist.csv"):
        (tmp_path / name).write_bytes((REFERENCE / name).read_bytes())
    lines = (REFERENCE / "admin1_geonames.csv").read_text(encoding="utf-8").splitlines()
    # keep the Damascus province name but forget which GeoNames admin1 code (13) it is
    edited = ["SY,,SY-DI" + line[len("SY,13,SY-DI") :] if line.startswith("SY,13,") else line for line in lines]
    assert edited != lines
    (tmp_path / "admin1_geonames.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    with pytest.raises(build_gazetteer.GazetteerError, match="SY/'13'.*admin1_geonames.csv"):
        build_gazetteer.build(tmp_path)


def _corpus(folder: Path, events: list[tuple[str, str, str, str]]) -> Path:
    """A tiny corpus: one train and one test article, events as (doc, location, admin1, precision)."""
    import json

    folder.mkdir()
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for doc, split in (("a", "train"), ("b", "test")):
            handle.write(json.dumps({"doc_id": doc, "split": split}) + "\n")
    with (folder / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "location", "admin1_code", "country_code", "geo_precision"])
        for doc, location, code, precision in events:
            writer.writerow([doc, location, code, code[:2], precision])
    return folder


def test_corpus_places_come_from_the_train_split_only(tmp_path):
    """A village the annotators placed is learned from train; a test article's place never is,
    nor a name split between provinces, nor an admin phrase."""
    from extract.tools.gazetteer_corpus import coded_places

    corpus = _corpus(
        tmp_path / "corpus",
        [
            ("a", "Kafr Zeita", "SY-HM", "1"),
            ("a", "Kafr Zeita", "SY-HM", "1"),
            ("a", "al-Tamanaa", "SY-ID", "1"),
            ("a", "al-Tamanaa", "SY-HM", "1"),
            ("a", "Aleppo countryside", "SY-HL", "2"),
            ("a", "Somewhere vague", "SY-HL", "3"),
            ("b", "Maar Shamarin", "SY-ID", "1"),
        ],
    )
    found = coded_places(corpus)
    assert {name for name, *_ in found.values()} == {"Kafr Zeita"}
    assert found[build_gazetteer.match_key("Kafr Zeita")][1:3] == ("SY-HM", "SY")


def test_corpus_places_never_shadow_a_known_spelling(tmp_path):
    from extract.tools.gazetteer_corpus import corpus_places

    corpus = _corpus(tmp_path / "corpus", [("a", "Saraqeb", "SY-ID", "1"), ("a", "Kafr Zeita", "SY-HM", "1")])
    _, provinces = build_gazetteer.load_admin1(REFERENCE / "admin1_geonames.csv")
    rows = corpus_places({build_gazetteer.match_key("Saraqeb")}, set(), set(), provinces, corpus)
    assert [(r.name, r.admin1, r.place_id) for r in rows] == [("Kafr Zeita", "Hama", "corpus:kafr-zeita-sy-hm")]

"""Hostile inputs an analyst's input folder really gets (scrapers, shared folders), one writer
per case, each with what loading must make of it.

A case writes its files into a folder and returns its expectations: ``rejected`` maps a
``path`` or ``path:line`` to a word of the reason, ``loaded`` names the paths (or
``path:line``) whose article must load. Used by the loader tests, the ``conflict-events
ingest`` test and the Dagster run of tests/integration/robustness.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.paths import SAMPLES

ENGLISH = (
    "Iraqi security forces recaptured the town of {place} from Islamic State militants on Friday, officials said. "
    "The fighting lasted three days and the army said that the road to the border was open again."
)
ARABIC = "قالت قوات الحشد الشعبي إنها قصفت مواقع لتنظيم الدولة في البوكمال يوم الجمعة. "
FRENCH = "Les forces irakiennes ont repris la ville de Rawa vendredi après de violents combats contre les jihadistes. "


def english(place: str) -> str:
    return ENGLISH.format(place=place)


def plain(place: str) -> str:
    """An English report without commas (a CSV field that needs no quotes)."""
    return english(place).replace(",", "")


@dataclass
class Expect:
    rejected: dict[str, str] = field(default_factory=dict)
    loaded: set[str] = field(default_factory=set)
    warned: dict[str, str] = field(default_factory=dict)  # loaded, with this word in a load warning


Case = Callable[[Path], Expect]


def deep_json(root: Path) -> Expect:
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return Expect(rejected={"deep.json": "nested too deeply"})


def deep_json_line(root: Path) -> Expect:
    good = json.dumps({"id": "dl1", "text": english("Hit")})
    (root / "deep_line.jsonl").write_text(good + "\n" + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n", encoding="utf-8")
    return Expect(rejected={"deep_line.jsonl:2": "nested too deeply"}, loaded={"deep_line.jsonl:1"})


def huge_number(root: Path) -> Expect:
    (root / "number.json").write_text('{"id": "n1", "text": "' + english("Rutba") + '", "views": ' + "7" * 5000 + "}")
    return Expect(rejected={"number.json": "digits"})


def lone_surrogate(root: Path) -> Expect:
    text = english("Qaim").replace("town", "town \\ud800")
    (root / "surrogate.jsonl").write_text(
        json.dumps({"id": "s0", "text": english("Baiji")}) + "\n" + '{"id": "s1", "text": "' + text + '"}\n',
        encoding="utf-8",
    )
    return Expect(rejected={"surrogate.jsonl:2": "surrogate"}, loaded={"surrogate.jsonl:1"})


def non_utf8_name(root: Path) -> Expect:
    name = os.fsdecode(b"report_\xff\xfe.txt")
    (root / name).write_text(english("Samarra"), encoding="utf-8")
    return Expect(rejected={"report_\ufffd\ufffd.txt": "not UTF-8"})


def symlink_loop(root: Path) -> Expect:
    (root / "loop_a.txt").symlink_to(root / "loop_b.txt")
    (root / "loop_b.txt").symlink_to(root / "loop_a.txt")
    return Expect(rejected={"loop_a.txt": "loop", "loop_b.txt": "loop"})


def nul_in_record_path(root: Path) -> Expect:
    (root / "nul_path.jsonl").write_text(json.dumps({"id": "np", "path": "articles/a\u0000b.txt"}) + "\n")
    return Expect(rejected={"nul_path.jsonl:1": "NUL"})


def long_csv_field(root: Path) -> Expect:
    body = " ".join([english("Tikrit")] * 660)  # about 140,000 characters, over csv's 131,072 limit
    (root / "long_field.csv").write_text(f'id,text\nlf1,"{body}"\n', encoding="utf-8")
    return Expect(loaded={"long_field.csv:2"})


def dangling_link(root: Path) -> Expect:
    (root / "gone.txt").symlink_to(root / "never_there.txt")
    return Expect(rejected={"gone.txt": "points to nothing"})


def fifo(root: Path) -> Expect:
    os.mkfifo(root / "pipe.txt")
    return Expect(rejected={"pipe.txt": "FIFO"})


def device_file(root: Path) -> Expect:
    (root / "device.txt").symlink_to("/dev/zero")
    return Expect(rejected={"device.txt": "device"})


def record_paths_to_special_files(root: Path) -> Expect:
    (root / "texts").mkdir()
    os.mkfifo(root / "texts" / "pipe.fifo")
    (root / "texts" / "big.txt").write_text(english("Ramadi") + " x" * 3_000_000, encoding="utf-8")
    (root / "texts" / "ok.txt").write_text(english("Fallujah"), encoding="utf-8")
    lines = [
        {"id": "rp1", "path": "texts/pipe.fifo"},
        {"id": "rp2", "path": "texts"},
        {"id": "rp3", "path": "texts/big.txt"},
        {"id": "rp4", "path": "texts/ok.txt"},
    ]
    (root / "record_paths.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return Expect(
        rejected={
            "record_paths.jsonl:1": "FIFO",
            "record_paths.jsonl:2": "folder",
            "record_paths.jsonl:3": "limit",
            "texts/pipe.fifo": "FIFO",
            "texts/big.txt": "limit",
        },
        loaded={"record_paths.jsonl:4", "texts/ok.txt"},
    )


def implausible_dates(root: Path) -> Expect:
    lines = [
        {"id": "d1", "text": english("Haditha"), "published_at": "9999-12-31"},
        {"id": "d2", "text": english("Anah"), "published_at": "1066-10-14"},
        {"id": "d3", "text": english("Rawa"), "published_at": "2017-11-17"},
    ]
    (root / "dates.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return Expect(
        loaded={"dates.jsonl:1", "dates.jsonl:2", "dates.jsonl:3"},
        warned={"dates.jsonl:1": "9999-12-31", "dates.jsonl:2": "1066-10-14"},
    )


def csv_unclosed_quote(root: Path) -> Expect:
    (root / "unclosed.csv").write_text(
        f'id,text\nu1,"{english("Mosul")}"\nu2,"{english("Erbil")}\nu3,{english("Dohuk")}\n', encoding="utf-8"
    )
    return Expect(rejected={"unclosed.csv:3": "starting on line 3"}, loaded={"unclosed.csv:2"})


def csv_quote_swallows_rows(root: Path) -> Expect:
    (root / "swallow.csv").write_text(
        f'id,text\nw1,"{plain("Kirkuk")}\nw2,{plain("Tal Afar")}\nw3,{plain("Sinjar")}"\nw4,{plain("Zakho")}\n',
        encoding="utf-8",
    )
    return Expect(rejected={"swallow.csv:2": "quote opened on line 2"}, loaded={"swallow.csv:3"})


def csv_duplicate_columns(root: Path) -> Expect:
    (root / "dupes.csv").write_text(f'id,text,text\nx1,"{english("Basra")}",other\n', encoding="utf-8")
    return Expect(rejected={"dupes.csv": "duplicate column"})


def wide_encodings(root: Path) -> Expect:
    texts = {
        "utf16_bom.txt": codecs.BOM_UTF16_LE + english("Amarah").encode("utf-16-le"),
        "utf16be_plain.txt": english("Kut").encode("utf-16-be"),
        "utf16le_plain.txt": english("Najaf").encode("utf-16-le"),
        "utf32_bom.txt": codecs.BOM_UTF32_LE + english("Karbala").encode("utf-32-le"),
        "utf32le_plain.txt": english("Hillah").encode("utf-32-le"),
    }
    for name, raw in texts.items():
        (root / name).write_bytes(raw)
    return Expect(loaded=set(texts))


def mostly_unprintable(root: Path) -> Expect:
    (root / "controls.txt").write_text("".join(chr(0x80 + i % 32) for i in range(2000)) + " ok", encoding="utf-8")
    return Expect(rejected={"controls.txt": "non-printable"})


def foreign_lead(root: Path) -> Expect:
    (root / "arabic_lead.txt").write_text(ARABIC * 25 + "\n\n" + english("Baghdad") * 6, encoding="utf-8")
    (root / "french_lead.txt").write_text(FRENCH * 12 + "\n\n" + english("Diyala") * 6, encoding="utf-8")
    (root / "all_french.txt").write_text(FRENCH * 20, encoding="utf-8")
    return Expect(loaded={"arabic_lead.txt", "french_lead.txt"}, rejected={"all_french.txt": "French"})


CASES: dict[str, Case] = {
    case.__name__: case
    for case in (
        deep_json,
        deep_json_line,
        huge_number,
        lone_surrogate,
        non_utf8_name,
        symlink_loop,
        nul_in_record_path,
        long_csv_field,
        dangling_link,
        fifo,
        device_file,
        record_paths_to_special_files,
        implausible_dates,
        csv_unclosed_quote,
        csv_quote_swallows_rows,
        csv_duplicate_columns,
        wide_encodings,
        mostly_unprintable,
        foreign_lead,
    )
}
SAMPLE_NAMES = {p.name for p in SAMPLES.glob("*.txt")}


def with_samples(root: Path, *cases: Case) -> Expect:
    """The five sample articles and the given cases in ``root``; the expectations of all."""
    root.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, root / sample.name)
    expect = Expect(loaded=set(SAMPLE_NAMES))
    for case in cases:
        found = case(root)
        expect.rejected.update(found.rejected)
        expect.loaded |= found.loaded
        expect.warned.update(found.warned)
    expect.rejected = {k: v for k, v in expect.rejected.items() if k not in expect.loaded}
    return expect

"""Bytes to text, and whether a text is English.

Decoding tries, in order: a UTF-32 or UTF-16 byte-order mark, the NUL pattern of UTF-16 or
UTF-32 without one (Windows tools write both), UTF-8, UTF-8 with a few bad bytes, Windows-1252
for mostly-ASCII text, and charset-normalizer for the rest (cp1256 Arabic, cp1251...). Whatever
the route, a text that is mostly non-printable characters is refused as binary.
"""

from __future__ import annotations

import codecs

from extract.loading.reading import InputError

_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# share of the non-space characters that may be unprintable (or U+FFFD) in a text
MAX_UNPRINTABLE = 0.3
BINARY = "file is binary, not text: save the article as .txt, .jsonl, .csv or .html"


def decode(raw: bytes) -> tuple[str, str]:
    """Text and a note of how it was decoded (see the module docstring for the order)."""
    if not raw.strip():
        raise InputError("file is empty: remove it or add the article text")
    wide = _wide_encoding(raw)
    if wide is not None:
        text, encoding = wide
    else:
        text, encoding = _narrow(raw)
    if _unprintable_share(text) > MAX_UNPRINTABLE:
        raise InputError("file text is mostly non-printable characters: " + BINARY.split(": ", 1)[1])
    return text, encoding


def _wide_encoding(raw: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 text, told by its byte-order mark or, without one, by where the NUL
    bytes of its ASCII characters fall; None when the bytes are not such text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                return raw[len(bom) :].decode(encoding, errors="replace"), f"{encoding} (invalid bytes replaced)"
    head = raw[:4096]
    if b"\x00" not in head:
        return None
    zeros = [head[i::4].count(0) for i in range(4)]
    quarter = max(1, len(head) // 4)
    candidates: list[str] = []
    if zeros[1] + zeros[2] + zeros[3] >= 2.4 * quarter and zeros[0] < 0.2 * quarter:
        candidates.append("utf-32-le")
    if zeros[0] + zeros[1] + zeros[2] >= 2.4 * quarter and zeros[3] < 0.2 * quarter:
        candidates.append("utf-32-be")
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    if odd > 0.1 * len(head) and even < 0.02 * len(head):
        candidates.append("utf-16-le")
    if even > 0.1 * len(head) and odd < 0.02 * len(head):
        candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _unprintable_share(text) <= MAX_UNPRINTABLE:
            return text, f"{encoding} (no byte-order mark)"
    return None


def _narrow(raw: bytes) -> tuple[str, str]:
    head = raw[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise InputError(BINARY)
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and bad <= max(3, multibyte // 10):
        return lenient, f"utf-8 ({bad} invalid bytes replaced)"
    # English text with a few accented letters or curly quotes is almost always Windows-1252;
    # detection only pays where most of the text is non-ASCII (cp1256 Arabic, cp1251...).
    if sum(b > 127 for b in raw) < len(raw) * 0.15:
        return raw.decode("cp1252", errors="replace"), "cp1252"
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is not None:
        return str(best), best.encoding
    return raw.decode("cp1252", errors="replace"), "cp1252 (undecodable bytes replaced)"


def _unprintable_share(text: str) -> float:
    """Share of the non-whitespace characters that are control, format, private or unassigned
    characters, or U+FFFD (bytes that decoded to nothing)."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    bad = sum(1 for ch in visible if ch == "\ufffd" or not ch.isprintable())
    return bad / len(visible)


_LANGUAGE_ID = None
# a thousand characters decide the language of a passage as surely as more
LANGUAGE_SAMPLE = 1000
# passages looked at across a long article: its start, its end and evenly between
LANGUAGE_WINDOWS = 6
# English news has dozens of these in a thousand characters; other languages next to none
_ENGLISH_WORDS = (" the ", " of ", " and ", " to ", " in ", " was ", " were ", " said ")
ENGLISH_WORDS_ENOUGH = 8


def foreign_language(text: str) -> str | None:
    """The language of a clearly non-English text ("Arabic (ar)"), else None.

    The whole article is looked at, in passages of :data:`LANGUAGE_SAMPLE` characters spread
    over it: an article is foreign only when no passage is English, so an English report with a
    long Arabic or French lead (a quoted statement, a translation) is kept. py3langid's bundled
    model decides each passage; short texts and uncertain guesses count as English, so a terse
    English report is never set aside.
    """
    if len(text.strip()) < 40:
        return None
    first: str | None = None
    for passage in _passages(text):
        language = _passage_language(passage)
        if language is None:
            return None
        first = first or language
    return first


def _passages(text: str) -> list[str]:
    if len(text) <= LANGUAGE_SAMPLE:
        return [text]
    last = len(text) - LANGUAGE_SAMPLE
    count = min(LANGUAGE_WINDOWS, len(text) // LANGUAGE_SAMPLE + 1)
    starts = sorted({round(last * i / (count - 1)) for i in range(count)})
    return [text[s : s + LANGUAGE_SAMPLE] for s in starts]


def _passage_language(sample: str) -> str | None:
    global _LANGUAGE_ID
    if len(sample.strip()) < 40:
        return None
    lowered = f" {sample.lower()} "
    if sum(lowered.count(word) for word in _ENGLISH_WORDS) >= ENGLISH_WORDS_ENOUGH:
        return None  # plainly English: the model is not needed to say so
    if _LANGUAGE_ID is None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        _LANGUAGE_ID = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    code, probability = _LANGUAGE_ID.classify(sample)
    if code == "en":
        return None
    letters = [ch for ch in sample if ch.isalpha()]
    mostly_other_script = bool(letters) and sum(ord(ch) < 0x250 for ch in letters) < len(letters) / 2
    if probability < 0.9 and not mostly_other_script:
        return None
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    return f"{language.name if language else code} ({code})"

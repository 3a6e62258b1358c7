"""Capitalised names: runs of capitals no dictionary claimed, read as people (with titles,
appositions, affiliations), armed groups, organisations or candidate places."""

from __future__ import annotations

import re

from extract.coding.entities.dictionary import _Known, entity_key
from extract.coding.entities.document import Document, _Chunk, _Person, tokens_between
from extract.coding.entities.rules import (
    _ENGLISH_WORDS,
    _HONORIFIC,
    _HYPHEN_SUFFIXES,
    _LOCATIVE,
    _NAME_GAPS,
    _PARTICLE_STEMS,
    _POSSESSIVE,
    MAX_NAME_TOKENS,
    NON_STATE_TYPES,
    _Rules,
)
from extract.coding.text import Token, fold, phrase_key

# ---------------------------------------------------------------------------------------
# Capitalised names


def _chunks(body: str, toks: list[Token], blocked: list[tuple[int, int]], rules: _Rules) -> list[_Chunk]:
    """Runs of capitalised words (with the particles of Arabic names) that no dictionary claimed,
    split at capitalised titles ("President"), ranks, punctuation and line ends."""
    stops = sorted(blocked)
    chunks: list[_Chunk] = []
    current: list[Token] = []
    where = [0]  # index of current[0] in toks

    def close() -> None:
        if not current:
            return
        while current and (
            current[-1].norm in rules.particles or not (current[-1].text[:1].isupper() or _hyphen_tail(body, current))
        ):
            current.pop()
        while current and (
            (current[0].norm in rules.particles and not _joined(body, current)) or current[0].text[:1].isdigit()
        ):
            current.pop(0)
            where[0] += 1
        if current:
            end = current[-1].end - (2 if current[-1].text.endswith(_POSSESSIVE) else 0)
            chunks.append(_Chunk(current[0].start, end, list(current), where[0]))
        current.clear()

    k = 0
    skip_to = -1
    particles = rules.particles
    for i, token in enumerate(toks):
        if not current and token.text[:1].islower() and token.norm not in particles:
            continue  # most words: lower case, and no name open
        if token.start < skip_to:
            continue
        while k < len(stops) and stops[k][1] <= token.start:
            k += 1
        if k < len(stops) and stops[k][0] <= token.start:
            close()
            skip_to = stops[k][1]
            continue
        upper = token.text[:1].isupper()
        if upper and token.norm in rules.title_lengths:
            length = _title_at(toks, i, body, rules)
            if length:
                close()
                skip_to = toks[i + length - 1].end
                continue
        if upper and token.norm in rules.honorifics and body[token.end : token.end + 1] == ".":
            close()  # "Lt. Gen. Stephen Townsend": the rank is evidence, not part of the name
            continue
        name_like = (upper or token.text[:1].isdigit() and len(token.text) <= 4) and token.text not in rules.not_names
        hyphened = body[token.end : token.end + 1] in "-‐"
        particle = not upper and token.norm in rules.particles and (hyphened or token.norm not in _ENGLISH_WORDS)
        continuation = (
            bool(current)
            and not upper
            and len(token.text) <= 4
            and token.norm not in _HYPHEN_SUFFIXES
            and body[token.start - 1 : token.start] == "-"
            and current[-1].end == token.start - 1
            and current[-1].text[:1].isupper()
        )  # "Ban Ki-moon"
        if not (name_like or particle or continuation or (current and token.norm in rules.kunya)):
            close()
            continue
        if current and (body[current[-1].end : token.start] not in _NAME_GAPS or len(current) >= MAX_NAME_TOKENS):
            close()
        if not current:
            if particle and not hyphened:
                continue  # "al" opens a name only when joined to it: "al-Husseini"
            where[0] = i
        current.append(token)
        if token.text.endswith(_POSSESSIVE):
            close()
    close()
    return chunks


def _title_at(toks: list[Token], i: int, body: str, rules: _Rules) -> int:
    """How many tokens from ``i`` on form a title ("Prime Minister"); 0 if none."""
    for length in rules.title_lengths.get(toks[i].norm, ()):
        if (
            i + length <= len(toks)
            and tuple(t.norm for t in toks[i : i + length]) in rules.title_keys
            and all(
                re.fullmatch(r"[ \-]", body[a.end : b.start])
                for a, b in zip(toks[i : i + length - 1], toks[i + 1 : i + length], strict=False)
            )
        ):
            return length
    return 0


def _title_before(toks: list[Token], first: int, body: str, rules: _Rules) -> tuple[int, int, str] | None:
    """The title written right before the token ``first`` ("Spokesman Karim", "Gen. Qassem"):
    (start, end, title as written), or None."""
    for length in range(4, 0, -1):  # the longest title: "Prime Minister", not "Minister"
        i = first - length
        if i < 0:
            continue
        if (
            toks[i].norm in rules.title_lengths
            and length in rules.title_lengths[toks[i].norm]
            and _title_at(toks, i, body, rules) == length
        ):
            start, end = toks[i].start, toks[first - 1].end
            if re.fullmatch(r"\.?[^\S\n]+", body[end : toks[first].start]):
                return start, end, body[start:end]
    return None


def _hyphen_tail(body: str, toks: list[Token]) -> bool:
    """The last token is the lower-case end of a hyphenated name ("Ki-moon")."""
    return (
        len(toks) > 1
        and toks[-1].text[:1].islower()
        and toks[-2].end == toks[-1].start - 1
        and body[toks[-2].end] == "-"
        and toks[-2].text[:1].isupper()
        and toks[-2].norm not in _PARTICLE_STEMS
    )


def _joined(body: str, toks: list[Token]) -> bool:
    return len(toks) > 1 and body[toks[0].end : toks[0].end + 1] in "-‐"


def _display(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(?:the|The)\s+", "", text)


def _person(
    chunk: _Chunk,
    body: str,
    toks: list[Token],
    known: list[_Known],
    rules: _Rules,
    doc: Document,
    place_names: frozenset[str],
) -> _Person | None:
    """A person if the text gives evidence for it; None otherwise."""
    if _has_group_or_org_word(chunk.words, rules):
        return None
    # "Sheikh Rafaa Aakla", "Dr Partizan": evidence for a person, unless it names a place ("Sheikh Maqsoud neighbourhood")
    titled = len(chunk.toks) > 1 and chunk.toks[0].norm in rules.honorifics
    outer = chunk.start  # place phrases are read around the whole name ("the neighbourhood of Sheikh Saeed")
    chunk = _trim_person(chunk, body, rules)
    if chunk is None:
        return None
    words = chunk.words
    single = len([w for w in words if w not in rules.particles]) < 2
    title = _title_before(toks, chunk.first, body, rules)
    before = body[max(0, chunk.start - 80) : chunk.start]
    honorific = titled or _honorific_before(before, rules)
    kunya = len(words) >= 2 and words[0] in rules.kunya and " ".join(words[:2]) not in rules.kunya_not_people
    if single and not (title or honorific):
        return None  # most one-word names: "Seven", "Operations", a surname (coreference handles those)
    if " ".join(words) in place_names:
        return None  # "the United States says": a country, not a person
    text = body[chunk.start : chunk.end]
    after = body[chunk.end : chunk.end + 260]
    if title or honorific or kunya:
        if _placelike(body[max(0, outer - 80) : outer], after, rules):
            return None
        if title:
            scope = rules.titles.get(" ".join(phrase_key(title[2])), ("", ""))[1]
            if single and (doc.headline(chunk.start) or scope == "religious" or not _plain_name(chunk.toks[-1], rules)):
                return None
            person = _Person(chunk.start, chunk.end, text, "title")
            _set_title(person, title[2], rules)
            _affiliation_before(person, title[0], body, known, rules)
            return person
        if honorific:
            if doc.headline(chunk.start) or not _plain_name(chunk.toks[-1], rules):
                return None
            return _Person(chunk.start, chunk.end, text, "honorific")
        person = _Person(chunk.start, chunk.end, text, "kunya")
        _apposition(person, after, chunk.end, known, rules)
        _parenthetical(person, body, doc, rules, known)
        return person
    if all(t.text in rules.demonyms or t.norm in rules.group_generic for t in chunk.toks):
        return None
    headline = doc.headline(chunk.start)
    person = _Person(chunk.start, chunk.end, text, "apposition")
    if (not headline or after.lstrip(" ").startswith(",")) and _apposition(person, after, chunk.end, known, rules):
        return person
    if not headline and (rules.quoted_after.match(after) or _inverted_said(before, after, rules)):
        person.evidence = "speech"
        return person
    return None


def _honorific_before(before: str, rules: _Rules) -> bool:
    """ "Dr. Darwish", "Mr Kerry": an honorific right before the name."""
    match = _HONORIFIC.search(before[-16:])
    return bool(match) and fold(match.group("h")) in rules.honorifics


def _placelike(before: str, after: str, rules: _Rules) -> bool:
    """Is the name in a place phrase ("in X", "the village of X", "X neighbourhood")?"""
    tail = before[-40:]
    return bool(
        _LOCATIVE.search(tail)
        or (" of " in tail[-12:] + " " and rules.place_before.search(tail))
        or rules.place_after.match(after)
    )


def _plain_name(token: Token, rules: _Rules) -> bool:
    """A word that can be a name on its own: not a nationality, organisation or group word, not
    shouted (headline capitals)."""
    return not (
        token.text in rules.demonyms
        or token.norm in rules.org_words
        or token.norm in rules.group_tail
        or token.norm in rules.group_generic
        or token.text in rules.not_names
        or (token.text.isupper() and len(token.text) > 3)
    )


def _trim_person(chunk: _Chunk, body: str, rules: _Rules) -> _Chunk | None:
    """Drop words that lead into a name but are not part of it ("Russian Konashenkov",
    "Defense Ashton Carter"), and a possessive "s" the text lost its apostrophe for
    ("Bashar al-Assads forces")."""
    toks = list(chunk.toks)
    while len(toks) > 1 and (
        toks[0].text in rules.demonyms
        or toks[0].norm in rules.not_name_starts
        or toks[0].norm in rules.org_words
        or toks[0].norm in rules.honorifics
    ):
        toks.pop(0)
    while toks and toks[0].norm in rules.particles and not _joined(body, toks):
        toks.pop(0)
    if not toks:
        return None
    first = chunk.first + len(chunk.toks) - len(toks)
    end = chunk.end if toks[-1] is chunk.toks[-1] else toks[-1].end
    last = toks[-1]
    if last.text.endswith("s") and end == last.end and len(last.text) > 3:
        following = re.match(r"[^\S\n]+([a-z]+)", body[end : end + 30])
        if following and following.group(1) in rules.possessive_nouns:
            end -= 1
    return _Chunk(toks[0].start, end, toks, first)


def _inverted_said(before: str, after: str, rules: _Rules) -> bool:
    """'“...,” said Idris Nahsen, a Kurdish official': the name closes the attribution."""
    return bool(rules.quoted_before.search(before)) and bool(
        re.match(r"\s*(?:[,.;:(]|$|\s(?:a|an|the|who|on|in|adding|told)\b)", after)
    )


def _has_group_or_org_word(words: list[str], rules: _Rules) -> bool:
    return bool(words) and (
        words[0] in rules.group_head or words[-1] in rules.group_tail or any(w in rules.org_words for w in words)
    )


def _set_title(person: _Person, title: str, rules: _Rules) -> None:
    clean = re.sub(r"\s+", " ", title).strip()
    folded = " ".join(phrase_key(clean))
    role, scope = rules.titles.get(folded) or rules.titles.get(re.sub(r"(?:es|s)$", "", folded)) or (folded, "group")
    person.title, person.role, person.scope = clean, role, scope


def _affiliation_before(person: _Person, title_start: int, body: str, known: list[_Known], rules: _Rules) -> None:
    """Whose title: an actor or organisation named just before it ("PMF spokesman"), a country
    ("Iraq's Prime Minister") or a nationality ("US President")."""
    for item in known:
        if item.end <= title_start and re.fullmatch(r"(?:['’]s)?\s+", body[item.end : title_start]):
            person.affiliation = (
                item.place.country if item.place and item.place.feature_kind == "country" else item.canonical
            )
            person.affiliation_text, person.affiliation_source = item.text, "text"
            return
    demonym = rules.demonym_re.search(body[max(0, title_start - 30) : title_start])
    if demonym:
        word = demonym.group("demonym")
        person.affiliation, person.affiliation_text, person.affiliation_source = (
            rules.demonyms.get(word, word),
            word,
            "text",
        )


def _apposition(person: _Person, after: str, offset: int, known: list[_Known], rules: _Rules) -> bool:
    """ ", the Commander of the PMF in Anbar,": title, role and affiliation from an apposition."""
    match = rules.apposition.match(after)
    if not match:
        return False
    _set_title(person, match.group("title"), rules)
    span_start, span_end = offset, offset + match.end("rest")
    inside = [k for k in known if span_start <= k.start and k.end <= span_end]
    owner = next((k for k in inside if k.kind in ("actor", "organisation")), None) or next(
        (k for k in inside if k.kind == "place"), None
    )
    if owner is not None:
        person.affiliation = (
            owner.place.country
            if owner.place and owner.place.feature_kind == "country" and owner.kind == "place"
            else owner.canonical
        )
        person.affiliation_text, person.affiliation_source = owner.text, "text"
    else:
        pre = match.group("pre") or ""
        demonym = next((w for w in re.findall(r"[\w.]+", pre) if w in rules.demonyms), None)
        if demonym:
            person.affiliation, person.affiliation_text, person.affiliation_source = (
                rules.demonyms[demonym],
                demonym,
                "text",
            )
        else:
            anaphor = rules.group_anaphora.search(match.group("rest") or "")
            if anaphor:
                person.extra["anaphor"] = offset + match.start("rest") + anaphor.start()
                person.affiliation_text = anaphor.group()
    return True


def _parenthetical(person: _Person, body: str, doc: Document, rules: _Rules, known: list[_Known]) -> None:
    """ "the commander of the group (Abu Fattoum)", "leaders ... killed (Abu Wadhah and Abu
    Hamza)": a name in parentheses takes the title written just before them."""
    if person.title:
        return
    sentence = doc.sentence(person.start)
    head = body[sentence.start : person.start]
    opened = head.rfind("(")
    if opened < 0 or ")" in head[opened:]:
        return
    window = head[max(0, opened - 60) : opened]
    titles = list(rules.title_re.finditer(window))
    if not titles:
        return
    last = titles[-1]
    _set_title(person, last.group("title"), rules)
    person.title = last.group()
    rest = window[last.end() :]
    base = sentence.start + max(0, opened - 60) + last.end()
    inside = [k for k in known if base <= k.start and k.end <= base + len(rest) and k.kind in ("actor", "organisation")]
    if inside:
        person.affiliation, person.affiliation_text, person.affiliation_source = (
            inside[0].canonical,
            inside[0].text,
            "text",
        )
        return
    anaphor = rules.group_anaphora.search(rest)
    if anaphor:
        person.extra["anaphor"] = base + anaphor.start()
        person.affiliation_text = anaphor.group()


def _surname_index(people: list[_Person], rules: _Rules) -> dict[str, str]:
    """Every tail of a full name ("Muslih", "al-Husseini", "Abdel Rahman") -> the full name."""
    index: dict[str, str] = {}
    for person in sorted(people, key=lambda p: -len(p.text)):  # the fullest name claims its tails
        words = entity_key(person.text).split()
        kept = [w for w in words if w not in rules.particles]
        if not kept:
            continue
        index.setdefault(" ".join(kept), person.text)
        if len(kept) >= 2 and kept[0] not in rules.kunya:
            for size in range(1, min(len(kept), 4)):
                tail = kept[-size:]
                if all(w not in rules.not_names for w in tail):
                    index.setdefault(" ".join(tail), person.text)
        elif len(kept) >= 3:  # "Abu Mahdi al-Mohandes" -> "Mohandes"
            index.setdefault(kept[-1], person.text)
    return index


def _coreferent(chunk: _Chunk, surnames: dict[str, str], rules: _Rules) -> str | None:
    kept = [w for w in chunk.words if w not in rules.particles]
    return surnames.get(" ".join(kept)) if kept else None


def _propagate_names(people: list[_Person], rules: _Rules) -> None:
    """Each mention of a person carries the fullest name the article gives ("Bashar Assad" and
    "Assad" -> "Bashar Assad")."""
    surnames = _surname_index([p for p in people if p.evidence != "coreference"], rules)
    for person in people:
        full = surnames.get(entity_key(person.name, rules.particles))
        if full and len(full) > len(person.name):
            person.name = full
    fullest: dict[str, str] = {}
    for person in people:
        key = entity_key(person.name, rules.particles)
        if len(person.name) > len(fullest.get(key, "")):
            fullest[key] = person.name
    for person in people:
        person.name = _display(fullest.get(entity_key(person.name, rules.particles), person.name))


def _fill_affiliations(people: list[_Person], body: str, known: list[_Known], rules: _Rules, doc: Document) -> None:
    """Resolve "the group" to the armed group named last; a group title with no owner in its
    sentence ("Spokesman Karim al-Nouri said") belongs to the group the previous sentence is
    about."""
    armed = [k for k in known if k.kind == "actor"]
    for person in people:
        if person.affiliation or not person.title:
            continue
        anaphor = person.extra.get("anaphor")
        if anaphor is not None:
            index = doc.sentence_index(anaphor)
            earliest = doc.sentences[max(0, index - 3)].start if doc.sentences else 0
            previous = [k for k in armed if earliest <= k.start and k.end <= anaphor and k.subtype in NON_STATE_TYPES]
            if previous:
                person.affiliation, person.affiliation_source = previous[-1].canonical, "context"
            continue
        if person.scope != "group":
            continue
        index = doc.sentence_index(person.start)
        sentence = doc.sentences[index] if doc.sentences else None
        if sentence is None:
            continue
        here = [k for k in armed if sentence.start <= k.start < sentence.end and not k.descriptor]
        if here:
            continue  # the sentence names groups but not as this title's owner: do not guess
        if index > 0:
            prior = doc.sentences[index - 1]
            subject = [k for k in armed if prior.start <= k.start < prior.end]
            if subject:
                person.affiliation, person.affiliation_text, person.affiliation_source = (
                    subject[0].canonical,
                    subject[0].text,
                    "context",
                )


def _classify(
    chunk: _Chunk, body: str, known: list[_Known], rules: _Rules, place_names: frozenset[str]
) -> list[tuple[_Chunk, str, str | None]]:
    """Names that are not people: armed groups and organisations by their words, places by the
    phrase around them. Returns (chunk, entity type, candidate kind) for each."""
    found = []
    for piece in _split_groups(chunk, rules):
        classified = _classify_piece(piece, body, known, rules, place_names)
        if classified is not None:
            found.append(classified)
    return found


def _split_groups(chunk: _Chunk, rules: _Rules) -> list[_Chunk]:
    """ "Faylaq al-Rahman Jaysh al-Islam", "Sham Legion Mujahideen Army": text without commas runs
    group names together; cut before a head word and after a tail word."""
    pieces: list[list[Token]] = [[]]
    for i, token in enumerate(chunk.toks):
        if token.norm in rules.group_head and pieces[-1] and i > 0:
            pieces.append([])
        pieces[-1].append(token)
        if (
            token.norm in rules.group_tail
            and i < len(chunk.toks) - 1
            and chunk.toks[i + 1].norm not in rules.group_tail
        ):
            pieces.append([])
    result = []
    for piece in pieces:
        while piece and piece[-1].norm in rules.particles:
            piece.pop()
        if piece:
            end = chunk.end if piece[-1] is chunk.toks[-1] else piece[-1].end
            result.append(_Chunk(piece[0].start, end, piece))
    return result


def _classify_piece(
    chunk: _Chunk, body: str, known: list[_Known], rules: _Rules, place_names: frozenset[str]
) -> tuple[_Chunk, str, str | None] | None:
    chunk = _strip_place_possessive(chunk, place_names)
    if chunk is None:
        return None
    words = chunk.words
    if rules.group_exceptions and rules.group_exceptions.search(" ".join(t.text for t in chunk.toks[-2:])):
        return None
    org = any(w in rules.org_words for w in words)
    if len(words) == 1 and words[0] in rules.group_head:  # "Liwa al-Quds", "Jaish Idlib": a head word and a place
        place = next(
            (k for k in known if k.kind == "place" and k.start > chunk.end and body[chunk.end : k.start] in (" ", "-")),
            None,
        )
        if place is not None:
            return _Chunk(chunk.start, place.end, tokens_between(body, chunk.start, place.end)), "armed_group", "actor"
        return None
    if (words[0] in rules.group_head and len(words) >= 2) or (words[-1] in rules.group_tail and not org):
        distinctive = [
            t
            for t in chunk.toks
            if t.norm not in rules.group_generic
            and t.norm not in rules.group_tail
            and t.norm not in rules.group_head
            and t.norm not in rules.particles
            and t.text not in rules.demonyms
        ]
        if words[0] in rules.group_head and len(words) >= 2:
            return chunk, "armed_group", "actor"
        if distinctive:
            return _join_place_prefix(chunk, body, known), "armed_group", "actor"
        return None
    if org:
        joined = _join_place_prefix(chunk, body, known)
        return (joined, "organisation", None) if len(joined.toks) >= 2 else None
    text = body[chunk.start : chunk.end]
    if len(text) < 3 or all(t.text in rules.demonyms for t in chunk.toks):
        return None
    before = body[max(0, chunk.start - 40) : chunk.start]
    after = body[chunk.end : chunk.end + 30]
    last_words = before[-30:].lower().split()[-3:]
    next_word = after.split(None, 1)[0].lower() if after.strip() else ""
    if "of" not in last_words and "near" not in last_words and next_word not in rules.place_words_next:
        return None  # no place phrase around the name
    if (
        (" of " in before[-12:] + " " and rules.place_before.search(before))
        or rules.place_after.match(after)
        or (rules.place_near.search(before[-30:]) and not re.match(r"\s*(?:['’]s\b|said|says|told)", after))
    ):
        return chunk, "place", "place"
    return None


def _strip_place_possessive(chunk: _Chunk, place_names: frozenset[str]) -> _Chunk | None:
    """ "Aleppos Marjeh" (an apostrophe lost): the known place before the name is not part of it."""
    first = chunk.toks[0]
    if first.norm.endswith("s") and first.norm[:-1] in place_names:
        rest = chunk.toks[1:]
        return _Chunk(rest[0].start, chunk.end, rest) if rest else None
    return chunk


def _join_place_prefix(chunk: _Chunk, body: str, known: list[_Known]) -> _Chunk:
    """ "Syria Democratic Forces", "Aleppo Police Command": a place named right before a group or
    organisation name is part of it."""
    for item in known:
        if item.kind == "place" and item.end < chunk.start and body[item.end : chunk.start] == " ":
            return _Chunk(item.start, chunk.end, tokens_between(body, item.start, chunk.end))
    return chunk

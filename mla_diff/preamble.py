"""The preamble: where it starts, its paragraphs (PP1, PP2...), its opening words and formula.

A preamble is cut into units at blank lines, at lines that open with a preambular participle
("Recalling", "Considering", "Overwegende"...) and, inside a run-on paragraph, at "; Considering"
or ", Believing". The opening words ("The States Parties to this Convention,") form a unit numbered
"intro" and "Have agreed as follows:" one numbered "formula": neither counts as a PP, so PP1 is the
first paragraph a negotiator would call preambular paragraph 1."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

# Who speaks in a treaty preamble: the opening words before the first preambular paragraph.
PREAMBLE_SUBJECTS = re.compile(
    r"(the (?:states|high contracting parties|contracting parties|contracting states|governments|"
    r"member states|parties|signatories|states parties)\b|"
    r"les (?:états|etats|hautes parties|parties|gouvernements)\b|"
    r"(?:los|las) (?:estados|altas partes|partes|gobiernos)\b|"
    r"die (?:hohen vertragsparteien|vertragsparteien|vertragsstaaten|staaten|regierungen|"
    r"mitgliedstaaten)\b|"
    r"de (?:staten|regeringen|hoge verdragsluitende|verdragsluitende|lidstaten)\b)",
    re.IGNORECASE,
)

# Words that open a preambular paragraph. Case-sensitive: a paragraph starts with a capital, and a
# new paragraph inside a run-on preamble is found at "; Considering", ", Believing" and the like.
PREAMBLE_OPENERS = (
    "Acknowledging|Affirming|Alarmed|Appreciating|Aware|Bearing in mind|Being|Believing|"
    "Concerned|Conscious|Considering|Convinced|Deeply|Deploring|Desiring|Desirous|Determined|"
    "Emphasi[sz]ing|Encouraged|Expressing|Guided|Having|Inspired|Intending|Keeping in mind|"
    "Mindful|Noting|Observing|Reaffirming|Realizing|Realising|Recalling|Recogni[sz]ing|"
    "Reiterating|Resolved|Seeking|Stressing|Taking|Underlining|Underscoring|Welcoming|Wishing|"
    # French
    "Considérant|Convaincus?|Conscients?|Rappelant|Reconnaissant|Désireux|Désireuses|Soucieux|"
    "Résolus|Déterminés|Ayant|Affirmant|Réaffirmant|Notant|Tenant compte|Prenant acte|"
    "Préoccupés|Profondément|Soulignant|Estimant|Vu|"
    # Spanish
    "Considerando|Convencid[oa]s|Conscientes|Recordando|Reconociendo|Deseosos|Deseando|"
    "Reafirmando|Afirmando|Teniendo en cuenta|Observando|Decididos|Resueltos|Preocupad[oa]s|"
    "Destacando|Subrayando|Tomando nota|Habida cuenta|Profundamente|"
    # German
    "In der Erwägung|In Erwägung|Im Bewusstsein|Im Bewußtsein|Überzeugt|Eingedenk|In Anbetracht|"
    "Entschlossen|In dem Wunsch|In dem Bestreben|Unter Hinweis|In Erkenntnis|In der Erkenntnis|"
    "Besorgt|Bekräftigend|In Bekräftigung|Geleitet|"
    # Dutch
    "Overwegende|Overtuigd|Gelet op|In aanmerking nemende|Erkennende|Vastbesloten|Verlangende|"
    "Wensende|Indachtig|Bezorgd|Herinnerend aan|Bevestigend|Zich bewust|"
    # Recitals of acts and agreements
    "Whereas|Considérant que|Vu|Visto|Gestützt auf"
)

# "Have agreed as follows:" and its translations close the preamble.
AGREED_FORMULA = re.compile(
    r"((?:have|hereby) agreed(?: as follows| upon the following| on the following)?|"
    r"agree as follows|have adopted this|"
    r"(?:sont|ont) convenu(?:e?s)? (?:de ce qui suit|des dispositions suivantes)|"
    r"han (?:convenido|acordado)(?: (?:en )?lo siguiente)?|convienen en lo siguiente|"
    r"(?:haben|sind) (?:folgendes|wie folgt) (?:vereinbart|übereingekommen)|"
    r"(?:zijn|komen) (?:als volgt|het volgende) overeen(?:gekomen)?|zijn overeengekomen als volgt)",
    re.IGNORECASE,
)

# Preambles in capitals ("CONSIDERING that...", "RECALLING") open their paragraphs the same way.
_OPENERS = f"{PREAMBLE_OPENERS}|{PREAMBLE_OPENERS.upper()}"
_OPENER = re.compile(rf"^(?:{_OPENERS})\b")
_AGREED_CAPITALISED = (
    r"Have agreed|HAVE AGREED|Hereby agree|HEREBY AGREE|Agree as follows|AGREE AS FOLLOWS|"
    r"Have adopted|HAVE ADOPTED|Sont convenu|SONT CONVENU|Ont convenu|ONT CONVENU|"
    r"Han convenido|HAN CONVENIDO|Han acordado|HAN ACORDADO|Convienen|CONVIENEN|"
    r"Haben [Ff]olgendes|HABEN FOLGENDES|Sind wie folgt|Sind übereingekommen|SIND WIE FOLGT|"
    r"Zijn als volgt|Zijn het volgende|Zijn overeengekomen|ZIJN ALS VOLGT|Komen als volgt"
)
# Where a run-on preamble turns to its next paragraph: "...its Members; Believing that...", also
# when conversion lost the space ("hereto,Considering", "; andConsidering").
_BOUNDARY = re.compile(
    rf"(?<=[;,:])\s*(?:(?:and|et|y|und|en|e)\s*)?(?=(?:{_OPENERS}|{_AGREED_CAPITALISED})\b)"
)
_ENDS_CLAUSE = re.compile(r"[,;:.][\"')\]*_]*\s*$")


@dataclass(frozen=True)
class PreambleLine:
    text: str  # cleaned
    soft: bool = False  # a blank beside page furniture: no paragraph break


def find_preamble_start(lines: list[PreambleLine]) -> int:
    """Index of the line where an unannounced preamble starts in the text before the first
    article, or -1: the first paragraph that names the parties, opens with a participle, states
    the formula or ends like a preambular clause (with a comma or semicolon)."""
    start = -1
    joined: list[str] = []
    for index, line in enumerate([*lines, PreambleLine("")]):
        if line.text:
            if start < 0:
                start = index
            joined.append(line.text)
            continue
        if line.soft or start < 0:
            continue
        text = " ".join(joined)
        first = lines[start].text
        if (
            PREAMBLE_SUBJECTS.match(first)
            or _OPENER.match(first)
            or AGREED_FORMULA.match(first)
            or (text.rstrip().endswith((",", ";")) and len(text.split()) >= 4)
        ):
            return start
        start, joined = -1, []
    return -1


def split_preamble(
    lines: list[tuple[int, str, bool]], wrapped: bool
) -> list[tuple[int, list[str]]]:
    """Preambular paragraphs as (source offset where each starts, raw pieces of text), from lines
    given as (source offset, raw text, soft blank)."""
    segments: list[tuple[int, list[str]]] = []
    blank = True
    previous = ""
    for start, raw, soft in lines:
        if not raw.strip():
            blank = blank or not soft
            continue
        cuts = [match.end() for match in _BOUNDARY.finditer(raw)]
        bounds = [0, *cuts, len(raw)]
        for k, (a, b) in enumerate(pairwise(bounds)):
            piece = raw[a:b]
            if not piece.strip():
                continue
            if k or blank or not segments or _opens_paragraph(previous, piece, wrapped):
                segments.append((start + a, [piece]))
            else:
                segments[-1][1].append(piece)
            previous = piece
        blank = False
    return segments


def _opens_paragraph(previous: str, piece: str, wrapped: bool) -> bool:
    text = piece.lstrip(" \t*_#>")
    if not text or not _ENDS_CLAUSE.search(previous):
        return False
    if _OPENER.match(text) or AGREED_FORMULA.match(text):
        return True
    # One paragraph per line: a capital after a clause's end starts the next paragraph.
    return not wrapped and text[:1].isupper()


def name_preamble_units(texts: list[str], done: int = 0) -> list[str]:
    """ "intro", "PP1", "PP2"..., "formula" for the preamble's pieces in order."""
    names: list[str] = []
    count = done
    for index, text in enumerate(texts):
        if index == 0 and _is_intro(text):
            names.append("intro")
        elif index == len(texts) - 1 and index and AGREED_FORMULA.match(text):
            names.append("formula")
        else:
            count += 1
            names.append(f"PP{count}")
    return names


def _is_intro(text: str) -> bool:
    if not text:
        return True
    if _OPENER.match(text):
        return False
    return bool(PREAMBLE_SUBJECTS.match(text)) or (
        text.endswith((",", ":")) and len(text.split()) <= 40 and not AGREED_FORMULA.match(text)
    )

"""Boilerplate in scraped plain text: what a page wrapped around the article.

Scraped bodies often end with a donation or newsletter appeal, credits, "Related:" link lists,
truncated teasers of other stories, or a wire's sign-off ("REUTER"). Left in, their people,
quotes and topics would be credited to the article. The rules read general signals, not any
site's strings:

- appeal / subscription / social / cookie / copyright / credit language (`_STRONG`);
- teasers: paragraphs that stop mid-sentence ("However, as the reaction", a blog's excerpt
  ending "[…]"), or that open with another story's all-caps dateline ("KIEV The heads of ...");
- link lists: a "Related" / "Read more" marker followed only by short lines;
- short headline-like lines, which only go along with one of the above.

Inside the text, only blocks of their own are cut: stand-alone chrome lines ("Advertisement"),
short calls to action by their shape (an imperative to subscribe, sign up, watch, download or
click with its target, a "Free Sign Up" button, "Read more »", a "… more" teaser) and
advertising disguised with mixed-script words ("Yоur" with a Cyrillic "о"). A block starts a
line after a finished sentence and does not open in lower case, so hard-wrapped wire copy is
never cut mid-sentence; reported speech (quoted) is never cut.

It is conservative by construction: otherwise only a trailing run of paragraphs is cut, a run needs appeal
language or at least two truncated teasers to be cut, the first paragraph always stays, and a
cut of more than half the text is not made (three quarters when an appeal and a series of
teasers agree).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.lexicons.layout import DATELINE_LEAD, FILE_NAME_LEAD, SIGN_OFF, is_chrome_line

# Appeal, subscription, social, legal and credit language. Imperatives and first person
# ("Please donate", "we rely on our readers"): reported speech about donations or
# newsletters ("the campaign asked supporters to donate") does not match.
_STRONG = re.compile(r"""
    \bplease\s+(donate|give|support\s+us|subscribe|consider\s+(supporting|subscribing|a\s+donation))
  | \bdonate\s+(today|now|here|to\s+us|to\s+support)
  | \bmake\s+a\s+(donation|contribution)\s+(today|now|to\s+support)
  | \bsupport\s+(our|independent|quality|local)\s+(journalism|reporting|work)
  | \bwe\s+rely\s+(entirely\s+|solely\s+|only\s+)?on\s+(the\s+)?(support|generosity|donations)\s+of\s+our\s+readers
  | \bbecome\s+a\s+(member|subscriber|supporter|patron|donor)\b
  | \bsubscribe\s+(now|today|here|for|to\s+(our|the|\w+['’]s))\b
  | \b(sign\s+up|subscribe|register)\b.{0,60}\bnewsletters?\b
  | \bnewsletters?\b.{0,40}\b(sign\s+up|subscribe)\b
  | ^\s*(sign\s+up|subscribe)\b
  | \bsign\s+up\s+to\s+get\b
  | ^\s*(follow|like)\s+(us|@\w+|[\w.'’ -]{2,40}?)\s+on\s+(twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok|youtube)\b
  | ^\s*(twitter|facebook|instagram|bluesky)\s*:\s*@\w+
  | \b(we|this\s+(site|website))\s+uses?\s+cookies\b | \bcookie\s+(policy|settings|preferences)\b
  | \ball\s+rights\s+reserved\b | ^\s*(©|\(c\)|copyright)(\s*(©|\(c\)|copyright))*\s*\d{4}
  | \b(delivered|straight|direct)\s+to\s+your\s+inbox\b
  | ^\s*(tags|topics|filed\s+under|categories|more\s+about)\s*:
  | \bmay\s+not\s+be\s+(published|reproduced|broadcast|rewritten|redistributed)\b
  | ^\s*\(?\s*(additional\s+)?(reporting|writing|editing|compiled|research)\s+by\b[^.]{0,200}\)?\.?\s*$
  | \bcontributed\s+(reporting\s+)?to\s+this\s+(report|story|article)\b
  | ^\s*read\s+(the\s+rest|the\s+full\s+(story|article)|more)\b
  | ^\s*click\s+here\b | ^\s*continue\s+reading\b
  | \b(share|email|tweet)\s+this\s+(article|story|page)\b
  | \bshare\s+on\s+(facebook|twitter|whatsapp|linkedin)\b
  | \b(download|get)\s+(our|the)\s+(free\s+)?app\b
  | \bterms\s+of\s+(use|service)\b.*\bprivacy\b | \bprivacy\s+policy\b
  | ^\s*(comments?\s+(are\s+)?closed|leave\s+a\s+comment|\d+\s+comments?)\b
""", re.I | re.X)

# A line that introduces a list of links to other stories.
_LIST_MARKER = re.compile(r"""^\W*(
    related(\s+(stories|articles|coverage|content|reading|news|links|topics))?
  | read\s+(more|next|also)(\s+(stories|on\s+this))?
  | more\s+(on\s+this\s+(story|topic)|stories|from\s+[\w'’ ]{2,30}|news|coverage|reading)
  | also\s+(on|from|read|see)\b[\w'’ ]{0,30}
  | see\s+also | further\s+reading | you\s+(may|might)\s+(also\s+)?(like|enjoy|be\s+interested\s+in)
  | recommended(\s+(for\s+you|stories|reading))? | most\s+(read|popular|viewed|shared)
  | trending(\s+now)? | (top|latest|other|popular)\s+(stories|news|headlines) | editor['’]?s\s+picks
  | what\s+to\s+read\s+next | don['’]t\s+miss | in\s+other\s+news
)\W*$""", re.I | re.X)


_FILE_NAME_LEAD = re.compile(FILE_NAME_LEAD)
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$|["”’)\]]$|:$""")
_ELLIPSIS_END = re.compile(r"(\w|,)\s*(\.\.\.|…)$")
# A blog's excerpt of another post, cut where its "read more" link was: "… it would be […]"
_EXCERPT_END = re.compile(r"\[\s*(\.\.\.|…|&hellip;)\s*\]$")

# A call to action: a short block that tells the reader to subscribe, sign up, follow, watch,
# download or click, with its target ("here", "now", "our newsletter", "the app", "live"), or
# a button's label at its end ("... Free Sign Up", "Read more. »").
_CALL_TO_ACTION = re.compile(r"""
    ^\W*(subscribe|sign\s+up|register|watch|listen|download|join\s+us|click|tap)
      (\s+(now|today|here)\b | \b.{0,60}?\b(free|live|newsletters?|podcasts?|apps?|inbox|alerts|
         edition|updates|channel|full\s+(story|coverage|article|interview))\b)
  | ^\W*read\s+(more|the\s+full\s+(story|article))\b.{0,60}$
  | ^\W*(learn|find\s+out)\s+more\s+(at|on)\b.{0,60}$
  | (?-i:\b(Sign\s+[Uu]p|Subscribe)(\s+(here|now|today|for\s+free))?[.!]?\s*$)
  | \bclick\s+here\b | \bsign\s+up\s+(here|now|today|for\s+free)\b
  | \b(download|get)\s+(our|the)\s+[\w'’ ]{0,30}\bapps?\b
  | \bread\s+more\W*»\s*$
  | (…|\.\.\.)\s*(read\s+)?more\W*$
""", re.I | re.X)
# A word mixing Latin and Cyrillic or Greek letters ("Yоur" with a Cyrillic "о"): advertising
# written to slip past spam filters, never a news sentence.
_MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u0370-\u03ff\u0400-\u04ff])\w+\b")

MAX_STRONG_CHARS = 500
MAX_CALL_TO_ACTION_WORDS = 40
MIN_MIXED_SCRIPT_WORDS = 3       # appeal paragraphs are short; a long one is article text
MAX_TEASER_CHARS = 600
MAX_LISTED_CHARS = 300       # lines after a "Related" marker: headlines and blurbs
MIN_TEASER_WORDS = 12
MAX_HEADLINE_WORDS = 20
MAX_SCAN_PARAGRAPHS = 15     # boilerplate sits in the last few paragraphs
MAX_CUT_FRACTION = 0.5         # of the text; a cut backed by both an appeal and a teaser
MAX_CUT_FRACTION_SURE = 0.75   # series may take more (short pages with long footers)


@dataclass
class _Para:
    start: int
    end: int
    text: str


def _paragraphs(text: str) -> list[_Para]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append(_Para(m.start(), m.end(), m.group().strip()))
    return out


def is_call_to_action(p: str) -> bool:
    """A short block telling the reader to subscribe, sign up, follow, watch or click."""
    return len(p.split()) <= MAX_CALL_TO_ACTION_WORDS and bool(_CALL_TO_ACTION.search(p))


def is_mixed_script(p: str) -> bool:
    return len(_MIXED_SCRIPT_WORD.findall(p)) >= MIN_MIXED_SCRIPT_WORDS


def _quoted(p: str) -> bool:
    """Reported speech ("... sign up," she said) is the article's, whatever it says."""
    return bool(re.search(r"[\"“”]", p))


def is_inserted(p: str) -> bool:
    """Furniture inserted into the middle of the text: chrome lines, calls to action and
    disguised advertising. Cut wherever it stands."""
    return is_chrome_line(p) or is_mixed_script(p) or (
        not _quoted(p) and is_call_to_action(p))


def _block_start(before: str, p: str) -> bool:
    """The line starts a block of its own: not the continuation of a sentence that a hard line
    wrap broke (wire copy wraps at 70 characters). A line opening with a page's file name does,
    though it starts in lower case."""
    return (not p[:1].islower() or bool(_FILE_NAME_LEAD.match(p))) and bool(
        _TERMINAL.search(before) or is_headline_like(before))


def is_appeal(p: str) -> bool:
    return len(p) <= MAX_STRONG_CHARS and bool(_STRONG.search(p))


def is_list_marker(p: str) -> bool:
    """"Related stories", "Read more": a header over links (not a "Read more »" button)."""
    return len(p) <= 60 and "»" not in p and bool(_LIST_MARKER.match(p))


def is_truncated(p: str) -> bool:
    """Stops mid-sentence: no closing punctuation after a sentence's worth of words."""
    # Lists of short lines (fixtures, award winners) also lack full stops: a teaser is a
    # sentence's worth of words.
    if len(p) > MAX_TEASER_CHARS or len(p) < 60 or len(p.split()) < MIN_TEASER_WORDS:
        return False
    words = p.split()
    if sum(w[0].islower() for w in words) < 0.3 * len(words):
        return False           # Title Cased list entries ("Drama - Featherboy"), not prose
    if _ELLIPSIS_END.search(p) or _EXCERPT_END.search(p):
        return True
    return not _TERMINAL.search(p) and (p[-1].isalnum() or p[-1] in ",;-–—")


def is_dateline_lead(p: str) -> bool:
    """Opens with another story's all-caps dateline and is teaser-sized."""
    return len(p) <= MAX_TEASER_CHARS and bool(DATELINE_LEAD.match(p))


def is_headline_like(p: str) -> bool:
    words = p.split()
    if not words or len(words) > MAX_HEADLINE_WORDS or len(p) > 160:
        return False
    if not _TERMINAL.search(p):
        return True
    content = [w for w in words if w[:1].isalpha() and len(w) > 3]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _trailing_cut(paras: list[_Para]) -> tuple[int | None, bool]:
    """(index of the first paragraph of the trailing boilerplate or None, evidence is strong)."""
    first = max(1, len(paras) - MAX_SCAN_PARAGRAPHS)
    i = len(paras)
    strong = truncated = 0
    while i - 1 >= first:
        p = paras[i - 1].text
        if is_appeal(p) or is_list_marker(p) or is_mixed_script(p) or (
                not _quoted(p) and is_call_to_action(p)):
            strong += 1
        elif is_truncated(p):
            truncated += 1
        elif is_dateline_lead(p):
            pass                  # another story's lead: joins a run, does not start a cut
        elif not is_headline_like(p):
            break
        i -= 1
    # One unterminated last paragraph may be the article's own, cut short by the scraper:
    # teasers come in series.
    cut = i if i < len(paras) and (strong or truncated >= 2) else None
    sure = bool(strong and truncated >= 2)
    # A "Related:" marker followed by teaser blurbs that end in full sentences: the scan above
    # stops at the first blurb, so look for the marker and check what follows it.
    for j in range(max(first, 1), cut if cut is not None else len(paras)):
        if is_list_marker(paras[j].text) and all(
                len(q.text) <= MAX_LISTED_CHARS for q in paras[j + 1:]):
            return j, sure
    # Headline-like lines directly before a cut go with it (link lists without a marker).
    while cut is not None and cut - 1 >= first and is_headline_like(paras[cut - 1].text) \
            and not _TERMINAL.search(paras[cut - 1].text):
        cut -= 1
    return cut, sure


def strip_boilerplate(text: str) -> tuple[str, str | None]:
    """(body, removed): the article without the page's appeals, teasers and chrome lines.

    `removed` holds what was taken out (trailing block, leading and stand-alone chrome
    lines), for the record; None when nothing was.
    """
    paras = _paragraphs(text)
    if len(paras) < 2:
        return text, None
    removed: list[str] = []
    # Leading chrome ("Share", "Listen to this article", "5 min read").
    lead = 0
    while lead < len(paras) - 1 and is_inserted(paras[lead].text):
        removed.append(paras[lead].text)
        lead += 1
    kept = paras[lead:]
    if len(kept) >= 2 and SIGN_OFF.match(kept[-1].text):
        removed.append(kept[-1].text)    # the wire's sign-off ("REUTER") names no one in the story
        kept = kept[:-1]
    cut, sure = _trailing_cut(kept)
    tail: list[_Para] = []
    if cut is not None:
        limit = MAX_CUT_FRACTION_SURE if sure else MAX_CUT_FRACTION
        if kept[-1].end - kept[cut].start <= limit * (kept[-1].end - kept[0].start):
            tail = kept[cut:]
            kept = kept[:cut]
    # Chrome lines, calls to action and disguised ads inside the body ("Advertisement",
    # "Sign up for our newsletter"); the first paragraph stays whatever it says.
    inserted = [i > 0 and _block_start(kept[i - 1].text, p.text) and is_inserted(p.text)
                for i, p in enumerate(kept)]
    body_paras = [p for p, cut_it in zip(kept, inserted) if not cut_it]
    removed += [p.text for p, cut_it in zip(kept, inserted) if cut_it]
    removed += [p.text for p in tail]
    if not removed:
        return text, None
    if len(body_paras) == len(kept):
        body = text[kept[0].start:kept[-1].end]     # keep the original layout between them
    else:
        body = _rejoin(text, body_paras)
    return body.strip(), "\n".join(removed)


def _rejoin(text: str, paras: list[_Para]) -> str:
    """Paragraphs joined as the original text separates them (blank lines or single breaks)."""
    sep = "\n\n" if text.count("\n\n") * 2 >= text.count("\n") else "\n"
    return sep.join(p.text for p in paras)

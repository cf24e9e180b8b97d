"""How a page shows the engine's result: the fit in words, every reason with links to its
sources, the reasons the excluded treatments share said once. Results stored before reasons
carried codes and sources (plain strings, no "top match", fees under older names) are shown too.
Used by the patient's results page and by the editors' preview."""

from datetime import date

from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext, gettext_lazy

from treatments.rules import TOP_MATCH_AVERAGE
from treatments.vocabulary import EFFICACY_SCALE

# How well a candidate fits the chosen concerns, from its average score over them (0 to 3 each):
# the first wording whose floor the average reaches.
FIT_WORDS = [
    (2.5, gettext_lazy("very good fit")),
    (2, gettext_lazy("good fit")),
    (1, gettext_lazy("partial fit")),
    (0, gettext_lazy("small benefit")),
]

# The engine's names of fees before they were in the clinic's currency.
OLD_FEE_NAMES = {"cost_usd": "fees", "course_cost_usd": "course_fees"}


class Citations:
    """Turns the source keys of a reason into links to the sources the result cites. A source
    without an address of its own links to its entry on a treatment's public page: `pages` maps
    each key to that treatment's slug."""

    def __init__(self, sources):
        self.sources = sources

    def reason(self, reason, slug):
        """A reason of the treatment `slug` as the page shows it, with `links` to its sources:
        the engine's reason dict, or a plain string stored before reasons had codes."""
        if isinstance(reason, str):
            reason = {"code": "", "text": reason, "sources": []}
        return {**reason, "links": self.links(dict.fromkeys(reason["sources"], slug))}

    def links(self, pages):
        """Small links to the sources, each named "Source: <title>" for screen readers."""
        cited = self.cited(pages)
        rows = []
        for number, source in enumerate(cited, start=1):
            if len(cited) > 1:
                label = gettext("Source %(number)s") % {"number": number}
            else:
                label = gettext("Source")
            rows.append((source["href"], label, source["title"], label))
        # No referrer: the results page's address is the key to the patient's answers.
        return format_html_join(
            " ",
            '<a class="source-link" href="{}" rel="noopener noreferrer" aria-label="{}: {}">{}</a>',
            rows,
        )

    def cited(self, pages):
        """The sources of these keys, each with its address."""
        found = []
        for key, slug in pages.items():
            source = self.sources.get(key)
            if source is None:  # a snapshot stored before results cited their sources
                continue
            href = source["url"] or f"{reverse('treatments:detail', args=[slug])}#source-{key}"
            found.append({**source, "key": key, "href": href})
        return found


def present_candidates(stored, concern_count, cite):
    """The candidates as a page shows them: fit in words, reasons with links to their sources,
    questions, sources and review."""
    candidates = [_with_fee_names(candidate) for candidate in stored]
    best = candidates[0]["score"] if candidates else None
    presented = []
    for candidate in candidates:
        slug = candidate["slug"]
        top_match = candidate.get("top_match")
        if top_match is None:  # stored before the engine said; its own rule, on the same figures
            top_match = candidate["score"] == best and (
                candidate["score"] >= TOP_MATCH_AVERAGE * concern_count
            )
        presented.append(
            {
                **candidate,
                "top_match": top_match,
                "fit": _fit(candidate["score"], concern_count),
                "reasons": [cite.reason(r, slug) for r in candidate["reasons"]],
                "cautions": [cite.reason(r, slug) for r in candidate["cautions"]],
                "questions": candidate.get("questions", []),
                "cited": cite.cited(dict.fromkeys(candidate.get("sources", []), slug)),
                "reviewed_by": candidate.get("reviewed_by", ""),
                "reviewed_on": _date(candidate.get("reviewed_on", "")),
            }
        )
    return presented


def present_excluded(stored, shared, cite):
    """The excluded treatments, each with the reasons of its own, and the reasons they share,
    said once above them."""
    shared_codes = {reason["code"] for reason in shared}
    excluded, pages = [], {}
    for entry in stored:
        reasons = [cite.reason(r, entry["slug"]) for r in entry["reasons"]]
        own = [reason for reason in reasons if reason["code"] not in shared_codes]
        excluded.append({**entry, "reasons": reasons, "own_reasons": own})
        for key in (key for reason in reasons for key in reason["sources"]):
            pages.setdefault(key, entry["slug"])
    shared = [
        {**reason, "links": cite.links({k: pages[k] for k in reason["sources"]})}
        for reason in shared
    ]
    return excluded, shared


def _fit(score, concern_count):
    if not concern_count:
        return ""
    average = score / concern_count
    words = next(words for floor, words in FIT_WORDS if average >= floor)
    # Translators: a fit in words, then the score out of the most it could be: "good fit (7 of 9)".
    return gettext("%(fit)s (%(score)s of %(maximum)s)") % {
        "fit": words,
        "score": score,
        "maximum": max(EFFICACY_SCALE) * concern_count,
    }


def _date(iso):
    return date.fromisoformat(iso) if iso else None


def _with_fee_names(candidate):
    if "fees" in candidate:
        return candidate
    renamed = {OLD_FEE_NAMES.get(key, key): value for key, value in candidate.items()}
    return {"fee_kind": "typical", **renamed}  # the seeded figures were all there was

"""CAMEO and PLOVER codes for GDELT-style users.

summit: CAMEO 04x CONSULT — 041 discuss by telephone (phone or video), 043 host a visit (in a participant
state), 044 meet at a third location, 040 otherwise; PLOVER CONSULT with mode phone / visit / third-party /
multilateral. consultation_agreement: CAMEO 036 (express intent to meet or negotiate), PLOVER AGREE.
ministry_instruction: no native code, unless the directive commits the states to talks (then 036 / AGREE).
"""

from __future__ import annotations

import re

_TALKS = re.compile(r"\b(?:talks|negotiat\w*|consult\w*|dialogue|contacts|meet\w*)\b", re.IGNORECASE)


def summit_codes(fmt: str, states: frozenset[str], place_country: str | None) -> tuple[str, str, str]:
    """-> (cameo, plover_type, plover_mode)"""
    multilateral = len(states) > 2
    if fmt in ("phone", "video"):
        return "041", "CONSULT", "phone"
    if place_country is None:
        return "040", "CONSULT", "multilateral" if multilateral else "visit"
    if place_country in states:
        return "043", "CONSULT", "multilateral" if multilateral else "visit"
    return "044", "CONSULT", "multilateral" if multilateral else "third-party"


def consultation_codes() -> tuple[str, str]:
    return "036", "AGREE"


def instruction_codes(directive: str | None) -> tuple[str | None, str | None]:
    if directive and _TALKS.search(directive):
        return "036", "AGREE"
    return None, None

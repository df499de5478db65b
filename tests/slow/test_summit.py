"""Who sits at the table and what counts as a meeting word (core/events/summit.py)."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.testing import make_article

from tests.slow.sentences import keys

PUB = "2024-03-06T15:00:00+00:00"


def summits(pipeline: Any, body: str) -> list[tuple[list[str], int]]:
    events = pipeline.process_article(make_article(body, published_at=PUB))
    return [(e.countries, len(e.mentions)) for e in events if e.event_type == "summit"]


@pytest.mark.parametrize(
    "body",
    [
        # "call" as an appeal, not a conversation
        "The call was quickly seconded by German Chancellor Olaf Scholz and French President Emmanuel Macron.",
        # "spoke of" is a statement
        "Scholz and other political leaders spoke of cautious optimism after a statement by French President "
        "Emmanuel Macron.",
        # a meeting noun that only qualifies another noun
        "Scholz and Macron praised the summit nations for their resolve on energy.",
        # a leader who owns someone at the table is not at it
        "In Berlin, an envoy of Chancellor Scholz met one of President Macron's aides.",
    ],
)
def test_words_that_are_not_meetings_and_people_who_are_not_there(pipeline: Any, body: str) -> None:
    """An appeal, a statement, 'summit' as a modifier, or a leader named as someone's employer: no summit."""
    assert summits(pipeline, body) == []


def test_their_colleagues_are_not_the_leaders(pipeline: Any) -> None:
    """'their colleagues' after business leaders does not bring in the article's two leaders."""
    body = (
        "Joe Biden met Fumio Kishida in Tokyo on Monday. Months earlier, U.S. and EU business leaders met their "
        "Japanese colleagues to discuss the trade gap."
    )
    assert summits(pipeline, body) == [(["JPN", "USA"], 1)]


@pytest.mark.parametrize(
    "body",
    [
        "Scholz had a call with Macron on Tuesday.",
        "Macron held a phone call with Scholz.",
        "Scholz spoke with Macron about energy on Tuesday.",
        "Scholz and Macron held their talks at the Elysee on Tuesday.",
    ],
)
def test_calls_and_talks_stay_meetings(pipeline: Any, body: str) -> None:
    """A call with someone, a phone call, speaking with someone about a topic, their own talks: summits."""
    assert [c for c, _ in summits(pipeline, body)] == [["DEU", "FRA"]]


def test_a_conjunct_of_a_setting_is_a_setting_too(pipeline: Any) -> None:
    """'attended the G20 summit and related meetings': both are the setting, and a leader the sentence names only
    as the subject of remarks was not met."""
    body = (
        "Earlier in New Delhi, President Ferdinand Marcos Jr. attended the G20 summit and related meetings, amid "
        "criticism of his remarks on US President Joe Biden."
    )
    assert not [k for k in keys(pipeline, body) if k[0] == "summit"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # co-chairing is done together; a description of the commission
        # set off after the clause ('a successor to a forum that had met') does not date the meeting back
        (
            "President Jacob Zuma and President Robert Mugabe co-chaired the first summit of the two countries' "
            "Bi-National Commission in Harare on Tuesday, a successor to a ministerial forum that had met, off and "
            "on, for two decades.",
            [["ZAF", "ZWE"]],
        ),
        (
            "Zuma and his Zimbabwean counterpart Robert Mugabe co-chaired the inaugural session of the Bi-National "
            "Commission on Tuesday.",
            [["ZAF", "ZWE"]],
        ),
        # one leader chairing a session is a setting
        ("President Jacob Zuma chaired the inaugural session of the commission on Tuesday.", []),
    ],
)
def test_co_chaired_sessions(pipeline: Any, body: str, expected: list[Any]) -> None:
    """Two leaders co-chairing a session met in it (published that Friday), dated by its own day."""
    events = pipeline.process_article(make_article(body, published_at="2015-11-06T10:00:00+02:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == expected


def test_a_relative_clause_inside_the_meeting_phrase_is_another_occasion(pipeline: Any) -> None:
    """'talks with an envoy who came from a meeting with X': X was not at these talks."""
    body = (
        "Scholz spoke to reporters after talks with a French envoy who had flown in from a meeting with President "
        "Emmanuel Macron."
    )
    assert summits(pipeline, body) == []


def test_they_is_the_leaders_only_next_to_them(pipeline: Any) -> None:
    """A 'they' two sentences after the leaders, about other people, adds no mention; right after them it does."""
    lead = "Olaf Scholz met Emmanuel Macron in Paris on Monday. "
    far = lead + "Farmers blocked the roads outside the venue. The protesters said they talked to them about diesel."
    near = lead + "They talked about the price of diesel for two hours."
    assert summits(pipeline, far) == [(["DEU", "FRA"], 1)]
    assert summits(pipeline, near) == [(["DEU", "FRA"], 2)]


@pytest.mark.parametrize(
    "body",
    [
        "Joe Biden held phone calls with Emmanuel Macron and Olaf Scholz on Tuesday.",
        "Joe Biden spoke by phone with Emmanuel Macron and then with Olaf Scholz on Tuesday.",
    ],
)
def test_one_leaders_calls_with_two_others_are_two_calls(pipeline: Any, body: str) -> None:
    """A leader's calls with two others are two bilateral summits, not one of three states."""
    assert sorted(c for c, _ in summits(pipeline, body)) == [["DEU", "USA"], ["FRA", "USA"]]


@pytest.mark.parametrize(
    "body",
    [
        "Prime Minister Pedro Sanchez had breakfast talks with President Emmanuel Macron in Biarritz on Tuesday, then "
        "drove to Lisbon for a meeting with Prime Minister Luis Montenegro.",
        "Prime Minister Pedro Sanchez met President Emmanuel Macron in Biarritz on Tuesday morning and held talks with "
        "Prime Minister Luis Montenegro in Lisbon in the evening.",
    ],
)
def test_one_meeting_after_another_in_one_sentence_are_two_summits(pipeline: Any, body: str) -> None:
    """Meeting words each with partners of their own are two meetings, not one of three states."""
    assert sorted(c for c, _ in summits(pipeline, body)) == [["ESP", "FRA"], ["ESP", "PRT"]]


def test_a_time_of_the_purpose_does_not_make_the_meeting_planned(pipeline: Any) -> None:
    """'met X on Tuesday to prepare for the summit next month': the future is the purpose's, the meeting was held."""
    body = (
        "Prime Minister Pedro Sanchez met President Emmanuel Macron in Biarritz on Tuesday to prepare for the "
        "European Council next month."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["ESP", "FRA"]]


def test_a_joint_call_and_a_meeting_in_one_room_stay_one_summit(pipeline: Any) -> None:
    """'a joint phone call with A and B' and 'met A and B in Berlin' are one three-state summit each."""
    for body in (
        "Joe Biden held a joint phone call with Emmanuel Macron and Olaf Scholz on Tuesday.",
        "Joe Biden met Emmanuel Macron and Olaf Scholz in Berlin on Tuesday.",
    ):
        assert [c for c, _ in summits(pipeline, body)] == [["DEU", "FRA", "USA"]]


def test_the_subject_reported_inside_a_relative_clause_is_its_antecedent(pipeline: Any) -> None:
    """'Macron, who aides said spoke by telephone with Scholz': Macron made the call."""
    body = "Reporters waited for Emmanuel Macron, who aides said spoke by telephone with Olaf Scholz on Monday."
    assert [c for c, _ in summits(pipeline, body)] == [["DEU", "FRA"]]


def test_a_place_named_as_a_source_or_owner_is_not_the_venue(pipeline: Any) -> None:
    """'according to a Kremlin readout of the talks' names who reported them, not where they were held: the venue
    stays where the lead put it, even under a Moscow dateline."""
    body = (
        "MOSCOW (Reuters) - Russian President Vladimir Putin received Kazakh President Kassym-Jomart Tokayev at his residence in "
        "Sochi on Tuesday. The two leaders spent most of the afternoon on transit tariffs, according to a Kremlin "
        "readout of the talks."
    )
    (event,) = [e for e in pipeline.process_article(make_article(body, published_at=PUB)) if e.event_type == "summit"]
    assert event.location is not None and (event.location.name, event.location.source) == ("Sochi", "venue")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Kenyan President William Ruto spent three hours with Ugandan President Yoweri Museveni at State House "
            "in Entebbe on Monday.",
            [(["KEN", "UGA"], 1)],
        ),
        # time with people who are not another state's leader is no meeting
        ("Kenyan President William Ruto spent the afternoon with farmers and traders in Eldoret.", []),
    ],
)
def test_time_spent_with_another_leader_is_a_meeting(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'spent three hours with President X': they met."""
    assert summits(pipeline, body) == expected


def test_a_clause_about_another_moment_of_the_talks_does_not_date_or_place_them(pipeline: Any) -> None:
    """'the exchange of views, begun at the palace in Rabat on March 4, was continued': the call is neither in
    Rabat nor on March 4 (a written date would beat the call's weekday)."""
    body = (
        "King Mohammed VI and Spanish Prime Minister Pedro Sanchez spoke by telephone on Wednesday. The exchange of "
        "views, begun during the meeting at the royal palace in Rabat on March 4, was continued, the palace said."
    )
    (event,) = [e for e in pipeline.process_article(make_article(body, published_at=PUB)) if e.event_type == "summit"]
    assert (event.event_date.isoformat(), event.location) == ("2024-03-06", None)


@pytest.mark.parametrize(
    "body",
    [
        "The leaders of North and South Korea met for three hours at the truce village on Friday.",
        "North and South Korean leaders met for three hours at the truce village on Friday.",
    ],
)
def test_leaders_of_north_and_south_korea_met(pipeline: Any, body: str) -> None:
    """'North and South Korea', as a name or a demonym: both halves, so their leaders' meeting is a
    summit of the two."""
    assert ("summit", ("KOR", "PRK")) in keys(pipeline, body, "2018-04-27T12:00:00+00:00")


@pytest.mark.parametrize(
    "body",
    [
        "Chancellor Olaf Scholz hopes to raise the matter with Prime Minister Giorgia Meloni in talks next month.",
        # an agreeing or promising verb governs what is agreed: taking part in talks is not having held them
        "Chancellor Olaf Scholz and Prime Minister Giorgia Meloni agreed to take part in a summit in Rome.",
        "Chancellor Olaf Scholz promised to engage in direct talks with Prime Minister Giorgia Meloni.",
        "Chancellor Olaf Scholz decided to participate in talks with Prime Minister Giorgia Meloni.",
    ],
)
def test_talks_one_will_take_part_in_are_still_to_come(pipeline: Any, body: str) -> None:
    assert ("summit", ("DEU", "ITA")) not in keys(pipeline, body)


def test_calls_over_a_term_are_no_meeting_of_the_day(pipeline: Any) -> None:
    """'spoke with X several times during his term' tells a habit over years, not a call of this week."""
    body = (
        "President Gabriel Boric spoke with President Lula by telephone several times during his term and praised "
        "their friendship on Friday."
    )
    assert summits(pipeline, body) == []


def test_a_meeting_in_recent_months_is_background(pipeline: Any) -> None:
    """'had also received X in recent months' recalls an earlier visit; the meeting of the day stays."""
    body = (
        "Turkish President Recep Tayyip Erdogan met Ukrainian President Volodymyr Zelensky in Istanbul on Monday. "
        "Erdogan had also received Russian President Vladimir Putin in recent months."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["TUR", "UKR"]]


@pytest.mark.parametrize(
    "body",
    [
        # a month's or a year's earlier part is no news of the week
        "Spanish Prime Minister Pedro Sanchez and Lula had talked on the fringes of the climate conference in Dubai "
        "earlier this month, but officials in Madrid played down any thaw.",
        "Chancellor Olaf Scholz sat down with President Andrzej Duda in Warsaw earlier in the year, a German "
        "diplomat recalled.",
        # the latest of a series of meetings is one of them, recalled
        "The Vienna round follows a string of meetings between Chancellor Olaf Scholz and Prime Minister Viktor "
        "Orban, most recently in Budapest with President Emmanuel Macron looking on.",
    ],
)
def test_earlier_this_month_and_most_recently_are_background(pipeline: Any, body: str) -> None:
    """'earlier this month', 'earlier in the year', 'most recently in Budapest': a recalled meeting, not news."""
    assert summits(pipeline, body) == []


def test_a_counted_reference_is_the_leaders_named_before_not_the_main_pair(pipeline: Any) -> None:
    """'the three heads of state' after three named presidents is those three, not the article's pair."""
    body = (
        "Kazakh President Kassym-Jomart Tokayev, Uzbek President Shavkat Mirziyoyev and Kyrgyz President Sadyr "
        "Japarov signed a water-sharing accord in Tashkent on Monday. The meeting of the three heads of state lasted "
        "four hours, officials said."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["KAZ", "KGZ", "UZB"]]


def test_a_conversation_between_two_leaders_inside_a_summit_is_theirs(pipeline: Any) -> None:
    """'The summit, called by X, opened with a conversation between Y and Z': Y and Z talked; X, who called the
    summit, is not a party of that conversation."""
    body = (
        "The summit, called by Chilean President Gabriel Boric after the border clash, opened with a private "
        "conversation between President Lula and President Gustavo Petro that lasted an hour on Monday."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "COL"]]


def test_talks_leaders_tasked_someone_with_are_no_summit(pipeline: Any) -> None:
    """'tasked their trade ministers with resuming the negotiations': the talks are the task, not a meeting held;
    'signed the order after talks with X' still reports the talks."""
    tasked = (
        "The presidents of Kenya and Uganda tasked their trade ministers with resuming the negotiations on the border "
        "market."
    )
    after = "President William Ruto signed the order after talks with President Yoweri Museveni in Nairobi on Monday."
    assert ([c for c, _ in summits(pipeline, tasked)], [c for c, _ in summits(pipeline, after)]) == (
        [],
        [["KEN", "UGA"]],
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a call on a leader with no appeal after it is a visit
        (
            "President Lula called on President Gustavo Petro at the Narino Palace on Monday and thanked him for the "
            "welcome.",
            [["BRA", "COL"]],
        ),
        ("President Lula called on President Gustavo Petro to release the detained activists.", []),
        # a subject naming leaders of two states, however the parser hung the list
        (
            "The Prime Minister of Spain, Pedro Sanchez, and the President of the French Republic, Emmanuel Macron, "
            "who came to Madrid on Tuesday, discussed at the Moncloa Palace the interconnection of power grids.",
            [["ESP", "FRA"]],
        ),
    ],
)
def test_a_call_on_a_leader_and_two_leaders_discussing(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'called on X at his palace' is a visit, 'called on X to' an appeal; two titled leaders who discussed met."""
    assert [c for c, _ in summits(pipeline, body)] == expected


def test_talks_fronted_before_what_was_decided_were_held(pipeline: Any) -> None:
    """'In their talks on Monday, X and Y decided ...': a fronted 'in' locates the decision at talks held (an 'in'
    after the verb, 'agreed to take part in a summit', does not)."""
    body = (
        "In their talks on Monday, President Lula and President Gustavo Petro decided to reopen the border crossings."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "COL"]]


def test_the_host_in_a_where_clause_of_the_visit_was_met(pipeline: Any) -> None:
    """'paid a visit to Portugal, where he and his host, X, vowed ...': the host of the where-clause met the visitor."""
    body = (
        "Prime Minister Pedro Sanchez on Monday paid a first official visit to Portugal, where he and his host, "
        "Prime Minister Luis Montenegro, vowed to link their rail networks."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["ESP", "PRT"]]


def test_a_participle_clause_shares_its_verbs_subject(pipeline: Any) -> None:
    """'X and Y signed a treaty on Monday, ending two days of direct talks': the talks were theirs."""
    body = "President Lula and President Gustavo Petro signed a river treaty in Leticia on Monday, ending two days of direct talks."
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "COL"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Prime Minister Keir Starmer and Prime Minister Giorgia Meloni brushed aside criticism from rights "
            "groups, publishing a paper describing new returns schemes after talks in Rome.",
            [["GBR", "ITA"]],
        ),
        # the participle on a noun of the main clause is not reached through: the talks were others'
        (
            "Chancellor Olaf Scholz issued a statement praising talks between President Emmanuel Macron and "
            "Prime Minister Giorgia Meloni in Rome.",
            [["FRA", "ITA"]],
        ),
    ],
)
def test_a_participle_on_the_object_of_a_participle_clause_shares_the_subject(
    pipeline: Any, body: str, expected: list[Any]
) -> None:
    """'X and Y brushed aside ..., publishing a paper describing ... after talks in Rome': the parser hangs the
    talks on the participle of the object; the act, and the talks, are the subject's."""
    assert [c for c, _ in summits(pipeline, body)] == expected


def test_an_appearance_with_leaders_named_is_a_meeting(pipeline: Any) -> None:
    """'said at a brief appearance with X and Y at his side': the leaders appeared together, as at a press
    conference with them."""
    body = (
        '"We have turned a page," Chancellor Olaf Scholz said on Monday at a brief appearance with President '
        "Emmanuel Macron and Prime Minister Donald Tusk at his side."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["DEU", "FRA", "POL"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an act done alongside a leader, with leaders flanking: one occasion of them all
        (
            "President William Ruto signed the trade accord in Arusha on Monday alongside President Samia Suluhu "
            "Hassan, flanked on the stage by President Yoweri Museveni.",
            [["KEN", "TZA", "UGA"]],
        ),
        # taking a side is no occasion
        ("President William Ruto stood alongside President Samia Suluhu Hassan in condemning the coup in Niger.", []),
    ],
)
def test_an_act_done_alongside_leaders_is_their_meeting(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'signed alongside X, flanked by Y': the leaders stood together; 'stood alongside X in condemning' did not."""
    assert [c for c, _ in summits(pipeline, body)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the two people just named: a leader and the UN secretary-general are no two states
        (
            "Chilean President Gabriel Boric received UN Secretary-General Antonio Guterres in Santiago on Tuesday. "
            "The two men met for an hour at La Moneda, after Guterres had toured the flooded south. Boric later said "
            "Chile would need help. Argentine President Javier Milei, who sent aid two weeks ago, is not attending "
            "the donors' meeting.",
            [],
        ),
        (
            "Chilean President Gabriel Boric thanked Argentine President Javier Milei for the aid on Tuesday. The two "
            "men met for an hour at La Moneda.",
            [["ARG", "CHL"]],
        ),
    ],
)
def test_the_two_men_are_the_two_people_just_named(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'The two men met' right after a sentence naming two people is those two, leaders of states or not."""
    assert [c for c, _ in summits(pipeline, body)] == expected


def test_the_two_who_spent_a_day_together_met(pipeline: Any) -> None:
    """'The two had spent Monday touring a steelworks' after two leaders were named: their meeting."""
    body = (
        "Italian Prime Minister Giorgia Meloni said on Tuesday that ties with Germany were stronger than ever. "
        "Chancellor Olaf Scholz, visiting Rome, praised her steel plan, and Meloni thanked Scholz for his support. "
        "The two had spent Monday touring a steelworks in Terni."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["DEU", "ITA"]]


def test_a_relative_clause_on_another_noun_does_not_date_the_meeting(pipeline: Any) -> None:
    """'shook hands after the signing, the end of border talks that began on Sunday': Sunday is when the talks
    began, not the handshake's day."""
    body = (
        "President Lula and President Gustavo Petro shook hands after the signing, the end of border talks that "
        "began on Sunday."
    )
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [str(e.event_date) for e in events if e.event_type == "summit"] != ["2024-03-03"]


def test_going_into_a_meeting_is_joining_it(pipeline: Any) -> None:
    """'The three presidents then went into a meeting': a movement into a meeting is sitting in it, not travelling
    to the gathering's setting."""
    body = (
        "President William Ruto breakfasted with President Yoweri Museveni at State House on Tuesday, before the "
        "Tanzanian leader, President Samia Suluhu Hassan, landed from Dodoma. The three presidents then went into a "
        "closed-door meeting at the lodge that ran past sunset."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["KEN", "TZA", "UGA"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the meeting of the lead, then its co-hosts named: one meeting of all four
        (
            "Argentine President Javier Milei and Chilean President Gabriel Boric agreed on Tuesday to reopen the "
            "Andes pass after a meeting of four hours in Asuncion. The meeting, held at the Palacio de Lopez, was "
            "hosted by Paraguayan President Santiago Pena and by Uruguayan President Luis Lacalle Pou, who both sat "
            "in throughout.",
            [["ARG", "CHL", "PRY", "URY"]],
        ),
        # a meeting of its own before the hosted one, by another noun, stays its own
        (
            "Argentine President Javier Milei and Chilean President Gabriel Boric agreed on Tuesday to reopen the "
            "Andes pass after a breakfast meeting in Asuncion. The summit that followed was hosted by Paraguayan "
            "President Santiago Pena and by Uruguayan President Luis Lacalle Pou.",
            [["ARG", "CHL"], ["ARG", "CHL", "PRY", "URY"]],
        ),
        # a leader of the meeting among those chairing it: no hosts added
        (
            "Argentine President Javier Milei and Chilean President Gabriel Boric agreed on Tuesday to reopen the "
            "Andes pass after a meeting of four hours in Asuncion. The meeting was chaired by Paraguayan President "
            "Santiago Pena and by Boric.",
            [["ARG", "CHL"]],
        ),
    ],
)
def test_the_meeting_hosted_by_leaders_is_the_meeting_with_its_hosts(
    pipeline: Any, body: str, expected: list[Any]
) -> None:
    """'after a meeting of four hours ... The meeting was hosted by X and by Y': the hosts sat in the article's
    meeting, and the report of it before the reference is of the wider meeting."""
    assert [c for c, _ in summits(pipeline, body)] == expected


def test_who_met_his_counterpart_is_at_the_table(pipeline: Any) -> None:
    """'said ... after meeting his Tanzanian counterpart': the possessor of the counterpart met them, even where
    the parser hangs the meeting inside the quote."""
    body = (
        'Kenyan President William Ruto flew home on Friday and said "the border is open again" after meeting his '
        "Tanzanian counterpart Samia Suluhu Hassan in Arusha, in talks chaired by the presidents of Uganda and Rwanda."
    )
    assert ["KEN", "TZA"] in [c for c, _ in summits(pipeline, body)]


def test_held_discussions_makes_the_articles_meeting_that_a_later_reference_dates(pipeline: Any) -> None:
    """'held discussions with his counterpart' reports the article's meeting, so 'The talks ... on Thursday' later
    is that meeting, and dates it (a report filed days after the visit, the summit dated Thursday, not Monday)."""
    body = (
        "President William Ruto is back in Nairobi after a two-day state visit to Uganda, where he held discussions "
        "with his Ugandan counterpart, Yoweri Museveni, on trade. The talks at State House on Thursday also covered "
        "the fuel pipeline and the border."
    )
    events = pipeline.process_article(make_article(body, published_at="2024-03-11T09:00:00+00:00"))
    summits = [(e.countries, str(e.event_date), e.date_source, len(e.mentions)) for e in events]
    assert summits == [(["KEN", "UGA"], "2024-03-07", "relative", 2)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what an act dated years back followed is older still
        (
            "The gas accord of Aug. 6, 2009, followed a telephone call between Vladimir Putin and Recep Tayyip "
            "Erdogan the evening before.",
            [],
        ),
        # a clause on the subject dates its own event, not the subject's act
        (
            "Erdogan, whose party lost the March 31 local elections, held a brief meeting with Russian President "
            "Vladimir Putin in Astana.",
            [["RUS", "TUR"]],
        ),
    ],
)
def test_a_meeting_an_old_act_followed_is_background(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'The accord of Aug. 6, 2009, followed a call between X and Y': the object of a clause whose subject is
    dated long ago is as old; a relative clause on the subject ('whose party lost the March 31 elections') is not
    the subject's date."""
    assert [c for c, _ in summits(pipeline, body)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a past tense the parser hung on the infinitive of a pledge is no part of the pledge
        (
            "President William Ruto pledged to cut tariffs on Ugandan sugar and held talks with President Yoweri "
            "Museveni in Kampala on Tuesday.",
            [["KEN", "UGA"]],
        ),
        (
            "President William Ruto pledged to cut tariffs on Ugandan sugar and to hold talks with President Yoweri "
            "Museveni in Kampala next month.",
            [],
        ),
    ],
)
def test_a_past_conjunct_of_a_pledge_happened(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'pledged to cut tariffs and held talks with X': the talks were held; 'and to hold talks' is pledged."""
    assert [c for c, _ in summits(pipeline, body)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President William Ruto paid a state visit to Kampala on Tuesday, signing a memorandum of cooperation "
            "with President Yoweri Museveni.",
            [["KEN", "UGA"]],
        ),
        # the with-phrase of a clause inside the act tells of others
        (
            "President William Ruto paid a state visit to Kampala on Tuesday, praising a deal that Uganda struck "
            "with Tanzanian President Samia Suluhu Hassan.",
            [],
        ),
    ],
)
def test_whom_the_visitor_acts_with_in_a_participle_clause_was_there(
    pipeline: Any, body: str, expected: list[Any]
) -> None:
    """'paid a visit to Kampala, signing a memorandum of cooperation with X': X was there with the visitor."""
    assert [c for c, _ in summits(pipeline, body)] == expected


def test_a_call_for_something_in_a_phone_story_is_an_appeal(pipeline: Any) -> None:
    """'telephoned X and told him Berlin backed his call for Y as mediator': the appeal is no second call, and whoever
    the reported speech names was not on the line."""
    body = (
        "Chancellor Olaf Scholz telephoned the dissident Ivan Petrov on Monday and told him Germany supported his "
        "call for the return of Emmanuel Macron as mediator, his office said."
    )
    assert summits(pipeline, body) == []


def test_hopes_to_meet_is_a_wish(pipeline: Any) -> None:
    """'he hopes to meet X' (the tagger reads 'hopes' as a form of 'hop') is no meeting."""
    body = "Chancellor Olaf Scholz has said he hopes to meet President Javier Milei when the timing is right."
    assert summits(pipeline, body) == []


def test_a_summit_that_opens_in_the_present_is_the_wires_schedule(pipeline: Any) -> None:
    """'The Rome summit, the leaders' first full meeting since ..., opens amid a strike': still to come."""
    body = (
        "The Rome summit, the first full meeting of Giorgia Meloni and Olaf Scholz since their talks in Berlin last "
        "year, opens amid a rail strike."
    )
    assert summits(pipeline, body) == []


def test_met_two_leaders_separately_is_two_meetings(pipeline: Any) -> None:
    """'X met A and B separately': one bilateral per guest, not one meeting of three."""
    body = (
        "Prime Minister Pedro Sanchez met President Emmanuel Macron and Chancellor Olaf Scholz separately on Tuesday."
    )
    assert sorted(c for c, _ in summits(pipeline, body)) == [["DEU", "ESP"], ["ESP", "FRA"]]


def test_among_them_a_meeting_with_a_leader_was_held_by_the_leader_before(pipeline: Any) -> None:
    """'X fitted in a round of meetings. Among them was a talk with Y': 'them' are X's meetings, so X met Y."""
    body = (
        "On the last day of the Pacific forum, Prime Minister Anthony Albanese fitted in a round of bilateral "
        "meetings. Among them was a 25-minute meeting with President Emmanuel Macron at the Hilton."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["AUS", "FRA"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two leaders striking a deal together met
        (
            "President Gustavo Petro and President Luiz Inacio Lula da Silva struck a deal on river patrols on "
            "Saturday.",
            [["BRA", "COL"]],
        ),
        # struck at a meeting a third leader hosted: that meeting, not a bilateral of its own
        (
            "President Gustavo Petro and President Luiz Inacio Lula da Silva struck a deal on river patrols in Lima "
            "on Saturday after talks hosted by President Dina Boluarte.",
            [["BRA", "COL", "PER"]],
        ),
        # a government and a rebel movement are no two leaders
        ("The government and the rebel movement struck a deal in Oslo on Saturday.", []),
        # a signing alone is support, not a meeting (as the CAMEO manual codes it)
        ("President Gustavo Petro and President Luiz Inacio Lula da Silva signed a river accord on Saturday.", []),
    ],
)
def test_leaders_striking_a_deal_together_met(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'X and Y struck a deal': leaders acting together met, at the host's meeting if a third leader hosted them."""
    assert [c for c, _ in summits(pipeline, body)] == expected


def test_a_meeting_phrase_ending_a_reported_clause_dates_the_report(pipeline: Any) -> None:
    """'X said his country could not guard the lake alone, after talks with Y': the talks were held; the modal
    and the negation are what X said."""
    body = (
        "President Gustavo Petro said on Tuesday that his country could not guard the Amazon alone, after talks in "
        "Bogota with his Brazilian counterpart Luiz Inacio Lula da Silva."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "COL"]]


@pytest.mark.parametrize(
    "body",
    [
        # a joint appearance located at the meeting a third leader hosted: that meeting's table
        "Prime Minister Nikol Pashinyan flew home from Paris on Friday, where he and President Ilham Aliyev had "
        "signed a joint declaration at the end of the meeting in the palace hosted by President Emmanuel Macron.",
        # the meeting in the phrase of the report verb that closes the sentence: those whose act is reported sat in
        "Prime Minister Nikol Pashinyan and President Ilham Aliyev agreed on Friday to reopen two border crossings, "
        "the French presidency announced after a meeting hosted by President Emmanuel Macron.",
    ],
)
def test_an_act_at_a_hosted_meeting_is_that_meeting(pipeline: Any, body: str) -> None:
    """Two leaders' act at a meeting a third leader hosted, or announced after it: one summit of the three."""
    assert [c for c, _ in summits(pipeline, body)] == [["ARM", "AZE", "FRA"]]


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # leaders of the early 1980s, of states that no longer exist among them
        (
            "East Berlin leader Erich Honecker held talks on Monday with Hungarian party chief Janos Kadar.",
            "1983-05-10T12:00:00+01:00",
            ["DDR", "HUN"],
        ),
        (
            "President Gustav Husak of Czechoslovakia received Soviet leader Leonid Brezhnev at Prague Castle.",
            "1981-04-07T12:00:00+01:00",
            ["CSK", "SUN"],
        ),
        (
            "Japanese Prime Minister Masayoshi Ohira met Chinese Premier Hua Guofeng for three hours on Monday.",
            "1979-12-06T12:00:00+09:00",
            ["CHN", "JPN"],
        ),
        (
            "The chairman of the Yugoslav Presidency, Janez Drnovsek, received President Kenneth Kaunda on Friday.",
            "1989-10-14T12:00:00+01:00",
            ["YUG", "ZMB"],
        ),
    ],
)
def test_leaders_of_the_early_eighties(pipeline: Any, body: str, published: str, expected: list[str]) -> None:
    events = pipeline.process_article(make_article(body, published_at=published))
    assert [e.countries for e in events if e.event_type == "summit"] == [expected]


def test_a_two_letter_family_name_calls_back_a_leader(pipeline: Any) -> None:
    """'Mr. Wen' after 'Premier Wen Jiabao': a family name that comes first may have two letters ('Li', 'Hu')."""
    body = (
        "Chinese Premier Li Keqiang arrived in Vienna for a three-day visit on Monday. Mr. Li was later received "
        "by President Alexander Van der Bellen at the Hofburg."
    )
    events = pipeline.process_article(make_article(body, published_at="2018-04-09T12:00:00+02:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == [["AUT", "CHN"]]


def test_a_call_on_a_leader_is_a_visit_in_person(pipeline: Any) -> None:
    """'called on the President in the afternoon': a courtesy call at his office, not a telephone call."""
    body = (
        "Chancellor Helmut Kohl called on President Francois Mitterrand at the Elysee Palace in the afternoon and "
        "flies back to Bonn on Friday."
    )
    events = pipeline.process_article(make_article(body, published_at="1991-03-06T18:00:00+01:00"))
    [summit] = [e for e in events if e.event_type == "summit"]
    assert (summit.countries, summit.format, summit.occasion) == (["DEU", "FRA"], "in_person", "in_person")


def test_a_place_that_names_the_source_is_not_the_venue(pipeline: Any) -> None:
    """'talks with X at a lakeside lodge, according to a statement issued in Nairobi': where the statement was
    issued, not where the two met."""
    body = (
        "President Yoweri Museveni held talks with President Daniel arap Moi at a lakeside lodge on Monday, "
        "according to a statement issued by State House in Nairobi."
    )
    events = pipeline.process_article(make_article(body, published_at="1993-06-07T18:00:00+03:00"))
    [summit] = [e for e in events if e.event_type == "summit"]
    assert summit.countries == ["KEN", "UGA"]
    assert summit.location is None or summit.location.name != "Nairobi"


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # a plan of the past, unrealised: the visit was put off
        (
            "The visit has been put off. President Hosni Mubarak was to have held talks with King Hussein in Amman "
            "on Sunday on the water dispute.",
            "1992-03-10T12:00:00+02:00",
        ),
        # a meeting early this month, recalled at the month's end
        (
            "Chancellor Helmut Kohl, who held talks with President George Bush in Washington early this month, said "
            "in a message that the alliance would endure.",
            "1991-05-29T12:00:00+02:00",
        ),
    ],
)
def test_a_past_plan_or_a_meeting_early_this_month_is_no_summit(pipeline: Any, body: str, published: str) -> None:
    events = pipeline.process_article(make_article(body, published_at=published))
    assert [e.countries for e in events if e.event_type == "summit"] == []


def test_a_place_the_meeting_followed_is_not_its_venue(pipeline: Any) -> None:
    """'the talks followed a stop at the university in X': where the leader was before, not the venue (at most a
    city the report names)."""
    body = (
        "President Nelson Mandela held talks with President Robert Mugabe on Tuesday. The talks followed a stop "
        "at the university in Bulawayo, where Mandela received an honorary degree."
    )
    events = pipeline.process_article(make_article(body, published_at="1997-05-20T18:00:00+02:00"))
    [summit] = [e for e in events if e.event_type == "summit"]
    assert summit.countries == ["ZAF", "ZWE"]
    assert summit.location is None or summit.location.source != "venue"


def test_where_a_leader_travels_next_is_not_the_venue(pipeline: Any) -> None:
    """'flew out after talks with X, ahead of her trip to Y next month': Y is where she goes next; with no
    dateline and no venue the meeting's place is unknown, not Y."""
    body = (
        "Prime Minister Jacinda Ardern flew out early on Thursday after talks with Prime Minister Scott Morrison, "
        "ahead of her trip to Tokyo next month."
    )
    events = pipeline.process_article(make_article(body, published_at="2022-03-03T09:00:00+13:00"))
    [summit] = [e for e in events if e.event_type == "summit"]
    assert summit.countries == ["AUS", "NZL"]
    assert summit.location is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chancellor Olaf Scholz and President Emmanuel Macron agreed to pool orders for air-defence systems in a "
            "two-hour meeting in Paris on Monday.",
            [(["DEU", "FRA"], 1)],
        ),
        (
            "Chancellor Olaf Scholz and President Emmanuel Macron agreed in a working dinner on Monday to pool "
            "orders for air-defence systems.",
            [(["DEU", "FRA"], 1)],
        ),
        # 'in' as what a word takes, not where: a summit to take part in, a wish to meet
        ("Chancellor Olaf Scholz and President Emmanuel Macron agreed to take part in a summit on Ukraine.", []),
        ("Chancellor Olaf Scholz said he hoped to meet President Emmanuel Macron in Paris before the summer.", []),
        ("Chancellor Olaf Scholz hopes to see President Emmanuel Macron in a meeting next month.", []),
    ],
)
def test_in_a_meeting_after_the_verb_locates_an_agreement(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'agreed to pool orders in a meeting on Monday': 'in' after the words it hangs off locates the agreement at
    the meeting, as 'at' and 'during' do; after words that take 'in' ('take part in') it does not, and a hope to
    meet ('hoped', which spaCy lemmatises as 'hop') is no meeting."""
    assert summits(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what came after the talks is what is called off or denied, not the talks
        (
            "Prime Minister Narendra Modi scrapped a planned news conference after his talks with President "
            "Cyril Ramaphosa in Pretoria on Tuesday.",
            [(["IND", "ZAF"], 1)],
        ),
        (
            "President Cyril Ramaphosa did not take questions following two hours of talks with Prime Minister "
            "Narendra Modi on Tuesday.",
            [(["IND", "ZAF"], 1)],
        ),
        (
            "Modi's aides denied any friction after the prime minister's talks with President Cyril Ramaphosa "
            "on Tuesday.",
            [(["IND", "ZAF"], 1)],
        ),
        # the talks themselves called off, shunned, or only in prospect
        ("President Cyril Ramaphosa called off his talks with Prime Minister Narendra Modi on Tuesday.", []),
        ("President Cyril Ramaphosa shunned Prime Minister Narendra Modi throughout the BRICS summit.", []),
        ("President Cyril Ramaphosa is poised to hold talks with Prime Minister Narendra Modi next week.", []),
        ("President Cyril Ramaphosa was slated to see Prime Minister Narendra Modi on Tuesday.", []),
        ("President Cyril Ramaphosa is eyeing a meeting with Prime Minister Narendra Modi in Delhi.", []),
    ],
)
def test_what_is_called_off_after_the_talks_is_not_the_talks(pipeline: Any, body: str, expected: list[Any]) -> None:
    """A negation above 'after the talks' or 'following the meeting' is of what came next; one on the talks, a
    snub, or a meeting only slated, poised or eyed is no meeting held."""
    assert summits(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President Lula and President Gustavo Petro huddled for two hours at the Planalto on Friday.",
            [(["BRA", "COL"], 1)],
        ),
        ("President Gustavo Petro huddled with President Lula at the Planalto on Friday.", [(["BRA", "COL"], 1)]),
        ("President Gustavo Petro huddled with his cabinet at the Casa de Narino on Friday.", []),
        ("President Gustavo Petro will huddle with President Lula in Brasilia next week.", []),
    ],
)
def test_leaders_who_huddled_met(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'huddled with X', 'X and Y huddled': a meeting of the two; with a cabinet, or still to come, none."""
    assert summits(pipeline, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # a meeting denied above 'after the talks' is denied, and its partner was not at the table
        "President Lula did not see President Gustavo Petro after his talks with President Gabriel Boric on Friday.",
        "President Lula cancelled his meeting with President Gustavo Petro after the summit in Belem on Friday.",
        # 'in' after a noun, or before bare talks, does not locate an agreement at a meeting
        "President Lula and President Gustavo Petro agreed to a break in their meetings.",
        "President Lula agreed to mediate in talks between President Nicolas Maduro and the opposition.",
    ],
)
def test_a_denied_meeting_or_an_in_phrase_of_a_noun_makes_no_summit(pipeline: Any, body: str) -> None:
    """The exemption of 'after the talks' covers what came next, never another meeting; 'in' locates only after a
    verb and before one counted occasion ('in a meeting', 'in a two-hour meeting') or right after the agreement."""
    assert summits(pipeline, body) == []


def test_a_later_time_in_a_conjoined_clause_is_not_the_calls(pipeline: Any) -> None:
    """'X talked with Y, aides said, and the two decided their ministers would confer next week': the clause after
    'and' has its own subject and its own time; the call before it was held. Said of the call itself, it is to
    come."""
    held = (
        "German Chancellor Olaf Scholz talked by phone with French President Emmanuel Macron, aides said, and the "
        "two decided that their finance ministers would confer again next week."
    )
    assert (["DEU", "FRA"], 1) in summits(pipeline, held)
    planned = (
        "German Chancellor Olaf Scholz will talk by phone with French President Emmanuel Macron next week, and "
        "the two hope to settle the dispute."
    )
    assert summits(pipeline, planned) == []


def test_what_was_to_be_done_during_the_visit_does_not_make_it_held(pipeline: Any) -> None:
    """'an accord was to be initialled during the visit', of a visit put off: 'be' with an infinitive is a plan;
    'was signed during the visit' reports the visit."""
    off = (
        "Japanese Prime Minister Fumio Kishida has postponed a trip to Washington, officials said. He had been "
        "due to hold talks with President Joe Biden there next week. Tokyo says a chip accord was to be initialled "
        "during the visit."
    )
    assert summits(pipeline, off) == []
    held = (
        "Japanese Prime Minister Fumio Kishida held talks with President Joe Biden in Washington, officials "
        "said. A chip accord was signed during the visit."
    )
    assert summits(pipeline, held) == [(["JPN", "USA"], 2)]


def test_an_apposition_counting_from_an_earlier_meeting_dates_that_one(pipeline: Any) -> None:
    """'..., the second meeting of the two leaders after Vienna in April': the date is the earlier meeting's."""
    body = (
        "Chancellor Helmut Kohl and President Francois Mitterrand signed a treaty on Tuesday. The ceremony in the "
        "Elysee Palace followed a two-hour summit, the second meeting of the two leaders after Vienna in April."
    )
    events = pipeline.process_article(make_article(body, published_at="1989-12-12T18:00:00+01:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == [["DEU", "FRA"]]


@pytest.mark.parametrize(
    "body",
    [
        "Prime Minister Anthony Albanese has put off his visit to Tokyo for talks with Fumio Kishida until the spring.",
        "President Gustavo Petro shelved his trip to Caracas for talks with Nicolas Maduro after the border clashes.",
    ],
)
def test_a_trip_put_off_or_shelved_is_no_meeting(pipeline: Any, body: str) -> None:
    """A phrasal or plain verb of putting off ('put off', 'push back', 'shelve') above the talks: not held."""
    assert keys(pipeline, body) == set()


@pytest.mark.parametrize(
    "body",
    [
        "Lula and Ramaphosa last spoke by telephone in late February, about the G20 agenda.",
        "Prime Minister Narendra Modi had last held talks with President Cyril Ramaphosa on the sidelines of the BRICS "
        "gathering.",
    ],
)
def test_last_before_the_verb_recalls_the_latest_earlier_meeting(pipeline: Any, body: str) -> None:
    """'last spoke', 'had last held talks': the latest of earlier meetings, background however near its date."""
    assert summits(pipeline, body) == []


def test_a_meeting_told_as_news_beside_a_last_meeting_stays(pipeline: Any) -> None:
    """'their first call since they last met': the since-clause is the recalled one, the call is news."""
    body = "Lula and Ramaphosa spoke by telephone on Monday, their first call since they last met in Johannesburg."
    assert summits(pipeline, body) == [(["BRA", "ZAF"], 1)]


def test_a_relative_clause_on_a_recalled_meeting_is_that_meeting(pipeline: Any) -> None:
    """'after a video call in January in which X and Y discussed ...': the clause tells the January call."""
    recalled = "The summit comes after a video call in January in which Sanchez and Meloni discussed migration."
    assert summits(pipeline, recalled) == []
    news = "Sanchez and Meloni held a video call on Monday in which the two leaders discussed migration."
    assert [c for c, _ in summits(pipeline, news)] == [["ESP", "ITA"]]


def test_the_two_men_after_a_former_leader_met_a_president_are_those_two(pipeline: Any) -> None:
    """'The two men' right after a sentence on a former chancellor meeting a president are those two, not the
    chancellor in office whom the article names later."""
    body = (
        "Former German Chancellor Gerhard Schroeder, now chairman of a pipeline consortium, met President Vladimir "
        "Putin in the Kremlin on Thursday. A Kremlin aide said little beyond noting that the two men discussed energy. "
        "Chancellor Angela Merkel, who is cooler towards Moscow, last held talks with Putin in Samara in May."
    )
    events = pipeline.process_article(make_article(body, published_at="2007-09-13T16:50:00+04:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == []


def test_gatherings_counted_are_a_setting(pipeline: Any) -> None:
    """'at three regional summits': several gatherings, where one leader shines after another stayed away."""
    body = (
        "President Joe Biden called off his Asia tour, leaving President Xi Jinping to shine at three regional "
        "summits this month."
    )
    assert summits(pipeline, body) == []


def test_agreeing_over_a_meal_locates_the_agreement_at_a_meeting(pipeline: Any) -> None:
    """'agreed over lunch': the meal is a meeting held, unlike one they are expected to agree over."""
    held = "Albanese and Kishida agreed over lunch in Canberra on Tuesday to start talks on a hydrogen partnership."
    assert [c for c, _ in summits(pipeline, held)] == [["AUS", "JPN"]]
    expected = (
        "Albanese and Kishida are expected to agree over dinner on Friday to start talks on a hydrogen partnership."
    )
    assert summits(pipeline, expected) == []


def test_an_announcement_made_at_a_news_conference_with_a_leader_is_its_speakers(pipeline: Any) -> None:
    """'The announcement, made at a news conference with X after talks': the leader whose words the sentence before
    reported made it there, with X."""
    body = (
        "Brazil will lift visa requirements for South African visitors, President Luiz Inacio Lula da Silva said on "
        "Tuesday. The announcement, made at a news conference with President Cyril Ramaphosa after talks in "
        "Brasilia, was welcomed by tour operators."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "ZAF"]]
    planned = (
        "Brazil will lift visa requirements for South African visitors, President Luiz Inacio Lula da Silva said on "
        "Tuesday. The announcement will be made at a news conference with President Cyril Ramaphosa next week."
    )
    assert summits(pipeline, planned) == []


@pytest.mark.parametrize(
    "body",
    [
        # talks between two leaders name both sides: the speaker before spoke of another meeting
        "Kenyan President William Ruto welcomed the ceasefire on Sunday. The statement, issued after talks between "
        "Recep Tayyip Erdogan and Abdel Fattah al-Sisi in Cairo on Monday, was read on state radio.",
    ],
)
def test_a_speech_noun_brings_the_speaker_only_to_a_meeting_with_one_partner(pipeline: Any, body: str) -> None:
    """The leader whose words the sentence before reported is at the table only of a meeting that names one
    partner, with him ('with X'), of another state; not of talks 'between' two others."""
    assert [c for c, _ in summits(pipeline, body)] == [["EGY", "TUR"]]


def test_announced_at_a_joint_press_conference_locates_the_announcement(pipeline: Any) -> None:
    """A report verb in the past that a meeting locates was made there: the press conference was held."""
    body = (
        "Brazil will lift visa requirements for South African visitors, President Luiz Inacio Lula da Silva said on "
        "Tuesday. The decision, announced at a joint press conference with Cyril Ramaphosa in Brasilia, was welcomed "
        "by tour operators."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "ZAF"]]


def test_a_measure_of_the_talks_after_a_preposition_keeps_their_partners(pipeline: Any) -> None:
    """'won a pledge after four hours of talks with X and Y': the phrase after 'after' holds the meeting itself,
    not an occasion before it whose people were elsewhere."""
    body = (
        "Portuguese Prime Minister Antonio Costa secured a pledge of bridging loans late on Thursday after four "
        "hours of talks with Spanish Prime Minister Pedro Sanchez, Italian Prime Minister Giorgia Meloni and the "
        "heads of the lending agencies."
    )
    assert summits(pipeline, body) == [(["ESP", "ITA", "PRT"], 1)]


def test_a_with_clause_of_its_own_is_no_second_partner(pipeline: Any) -> None:
    """'held a three-way meeting with A and B, with the leaders stressing ...': one meeting of three, not two
    meetings (the second 'with' heads a clause, it names no partner)."""
    body = (
        "President Luiz Inacio Lula da Silva on Tuesday held a three-way meeting with Argentine President Javier "
        "Milei and Chilean President Gabriel Boric in Brasilia, with the three leaders pledging to finish the "
        "road corridor."
    )
    assert summits(pipeline, body) == [(["ARG", "BRA", "CHL"], 1)]


def test_a_title_after_an_indefinite_article_is_no_one(pipeline: Any) -> None:
    """'the first visit by a Mexican president in 30 years': any holder of the office, not a person at a table."""
    body = (
        "President Andres Manuel Lopez Obrador landed in Lima on Sunday, the first visit to the country by a "
        "Mexican president in three decades."
    )
    assert summits(pipeline, body) == []


def test_the_premier_is_the_prime_minister_the_article_named(pipeline: Any) -> None:
    """'Prime Minister X ... the premier and Y met': one office under two names."""
    body = (
        "Prime Minister Pedro Sanchez flew to Paris on Tuesday. French President Emmanuel Macron was waiting at the "
        "Elysee. Before the dinner, the premier and Macron met privately for half an hour."
    )
    assert summits(pipeline, body) == [(["ESP", "FRA"], 1)]


def test_a_crown_prince_before_he_headed_the_government_is_no_leader(pipeline: Any) -> None:
    """Mohammed bin Salman became prime minister on 27 September 2022: before, King Salman headed the government."""
    before = (
        "Russian President Vladimir Putin had lunch with Saudi Crown Prince Mohammed bin Salman in Osaka on Friday."
    )
    events = pipeline.process_article(make_article(before, published_at="2019-06-28T18:00:00+09:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == []
    after = (
        "Turkish President Recep Tayyip Erdogan held talks with Crown Prince Mohammed bin Salman in Jeddah on Monday."
    )
    events = pipeline.process_article(make_article(after, published_at="2023-07-17T20:00:00+03:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == [["SAU", "TUR"]]


def test_calling_someone_by_a_name_is_no_phone_call(pipeline: Any) -> None:
    """'X called Y by his first name' at their talks: the talks stay in person; the naming is no call."""
    body = (
        "President Gabriel Boric and Argentine President Javier Milei ended two days of talks in Punta Arenas on "
        "Monday. Boric called Milei by his nickname and the two walked along the shore."
    )
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [(e.countries, e.format) for e in events if e.event_type == "summit"] == [(["ARG", "CHL"], "in_person")]


def test_talks_measured_in_days_after_two_leaders_acted_are_their_meeting(pipeline: Any) -> None:
    """'signed at the end of two days of talks', right after a sentence on two leaders' joint order, naming no one:
    those leaders' meeting; not when the sentence before names ministers, nor talks still to come."""
    body = (
        "President Luiz Inacio Lula da Silva and President Gustavo Petro on Friday ordered their foreign ministries to "
        "draft a border accord. The order came in a communique issued at the end of two days of talks in Leticia."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "COL"]]
    ministers = (
        "Foreign ministers Mauro Vieira and Luis Gilberto Murillo signed a border accord on Friday. The accord was "
        "issued at the end of two days of talks in Leticia."
    )
    assert summits(pipeline, ministers) == []
    later = (
        "President Luiz Inacio Lula da Silva and President Gustavo Petro on Friday ordered their foreign ministries to "
        "draft a border accord. Negotiators will now hold three days of talks in Leticia next month."
    )
    assert summits(pipeline, later) == []


@pytest.mark.parametrize(
    "second",
    [
        # a state body named in the sentence held the talks measured in days
        "After four days of talks in Oslo, the negotiators settled a fisheries quarrel.",
        "Three days of talks in Oslo ended with the delegations initialling a fisheries accord.",
        # another pair of states held them
        "After two days of talks in Doha, Qatar and Egypt agreed to restore diplomatic ties.",
    ],
)
def test_talks_measured_in_days_held_by_others_are_not_the_leaders_meeting(pipeline: Any, second: str) -> None:
    """'N days of talks' after a sentence on two leaders' meeting is theirs only when the sentence names no one
    else: neither another state named as a party nor a body that exists to negotiate (delegations, negotiators)."""
    body = f"Macron met Scholz on Monday. {second}"
    assert summits(pipeline, body) == [(["DEU", "FRA"], 1)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # talks with one leader, after which the pair the clause names agreed: the other side's leader the article
        # named held them
        (
            "Ethiopian Prime Minister Abiy Ahmed arrived in Nairobi on Sunday for a two-day visit. After talks with "
            "Kenyan President William Ruto at State House on Monday, the two countries agreed to set up a joint "
            "committee on the border.",
            [["ETH", "KEN"]],
        ),
        # ... not when the article names no leader of the other state
        (
            "Ethiopia's foreign minister arrived in Nairobi on Sunday for a two-day visit. After talks with Kenyan "
            "President William Ruto at State House on Monday, the two countries agreed to set up a joint committee on "
            "the border.",
            [],
        ),
        # ... nor when the pair only owns the subject: the ministers' act
        (
            "Ethiopian Prime Minister Abiy Ahmed arrived in Nairobi on Sunday for a two-day visit. After talks with "
            "Kenyan President William Ruto at State House on Monday, the two countries' foreign ministers signed a "
            "border accord.",
            [],
        ),
        # the addressee of a letter is not at the table, though the parser takes him for the participle's subject
        (
            "Pakistani Prime Minister Shehbaz Sharif made an unannounced trip to the Line of Control on Sunday. Indian "
            "Prime Minister Narendra Modi later sent a letter to Sharif protesting the visit, which Islamabad said it "
            "would not answer.",
            [],
        ),
    ],
)
def test_who_held_talks_told_around_them(pipeline: Any, body: str, expected: list[list[str]]) -> None:
    events = pipeline.process_article(make_article(body, published_at="2023-07-25T12:00:00+05:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == expected


def test_a_quoted_we_does_not_keep_after_the_talks_from_the_articles_meeting(pipeline: Any) -> None:
    """'"We want ...," X said after the talks': the quote's 'we' is the speaker's side, and the talks are the
    meeting the article reported."""
    body = (
        "Prime Minister Pedro Sanchez and President Emmanuel Macron met in Barcelona on Thursday. A spokeswoman "
        'said the first joint cabinet session is to take place in Madrid. "We want these sessions to become '
        'routine," Sanchez said after the talks.'
    )
    assert summits(pipeline, body) == [(["ESP", "FRA"], 2)]


def test_negotiators_placed_at_their_own_talks_are_no_meeting_of_their_leaders(pipeline: Any) -> None:
    """'instructed their negotiators at the Mercosur talks to ...': the talks are the negotiators'; 'instructed their
    ministers at the summit' locates the order at the leaders' own meeting."""
    bodies = (
        "Lula and Macron instructed their negotiators at the Mercosur talks in Montevideo to settle the beef quota."
    )
    assert summits(pipeline, bodies) == []
    summit = "Lula and Macron instructed their ministers at the summit in Paris to settle the beef quota."
    assert [c for c, _ in summits(pipeline, summit)] == [["BRA", "FRA"]]


def test_the_subjects_of_at_which_on_a_meeting_were_at_it(pipeline: Any) -> None:
    """'the closing declaration of the summit, at which Presidents X, Y and Z also backed a plan': those who acted
    at the meeting sat in it, wherever the parser hung the relative clause."""
    body = (
        "The pledge was written into the closing declaration of the summit, at which President Lula, President "
        "Gustavo Petro and President Gabriel Boric also backed a plan on the Amazon."
    )
    assert [c for c, _ in summits(pipeline, body)] == [["BRA", "CHL", "COL"]]


def test_the_two_men_are_not_a_pair_whose_leader_is_named_only_later(pipeline: Any) -> None:
    """'Candidate X was received by President Y. The two men spoke for an hour.' in a story that names the
    chancellor only later: the two men are Y and the candidate, not the article's pair of leaders."""
    body = (
        "Lars Klingbeil, the Social Democrats' candidate for chancellor, was received by French President Emmanuel "
        "Macron at the Elysee Palace on Monday. The two men, who know each other from Brussels, spoke for about an "
        "hour about defence, Klingbeil's spokesman said. The party trails Chancellor Olaf Scholz's allies in the "
        "polls. Scholz's coalition is now behind by ten points. Scholz himself will meet Macron on Thursday in "
        "Brussels."
    )
    assert summits(pipeline, body) == []

"""How real copy states consultation agreements (core/events/consultation_agreement.py), and the near misses."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.testing import make_article

from tests.slow.sentences import PUB, keys, states_found


def agreements(pipeline: Any, body: str) -> list[list[str]]:
    return states_found(pipeline, body, "consultation_agreement")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # renewed contacts and communications
        ("Greece and Turkey agreed to restart their contacts on the airspace dispute.", ["GRC", "TUR"]),
        ("India and China agreed to resume their military communications along the frontier.", ["CHN", "IND"]),
        # two parties announcing together that talks begin or resume
        ("Serbia and Kosovo will relaunch their dialogue on missing persons, the mediators said.", ["SRB", "XKX"]),
        ("Argentine and British negotiators will resume talks on fishing licences in London.", ["ARG", "GBR"]),
        # a confirmed intention
        (
            "Prime Minister Narendra Modi and President Cyril Ramaphosa confirmed their intention to continue "
            "consultations on vaccine supply.",
            ["IND", "ZAF"],
        ),
        # an accepted proposal: the proposer is a party; 'it' is the state that reported it
        ("Armenia said it accepted an Azerbaijani proposal for talks on the border commission.", ["ARM", "AZE"]),
        # a topic agreed for talks with a partner
        ("Tokyo agreed to discuss the quotas in its talks with Seoul, a Japanese diplomat said.", ["JPN", "KOR"]),
        # talks as the subject of what was agreed
        ("Ghana and Togo agreed that the border talks would resume in April.", ["GHA", "TGO"]),
        # 'the two sides' where no leaders met: the states the sentence before named
        (
            "Diplomats from Peru and Ecuador met in Lima. The two sides agreed to reopen the consultations on "
            "river navigation.",
            ["ECU", "PER"],
        ),
    ],
)
def test_agreements_real_copy_states(pipeline: Any, body: str, expected: list[str]) -> None:
    """Renewed contacts, jointly announced, intended, accepted, topical and 'two sides' agreements on
    talks are consultation agreements between the two states."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # one side's offer the other did not take up
        "Armenia offered to resume talks with Azerbaijan on the border.",
        # leaders' own talks announced for later are a planned summit
        "President Joe Biden and President Xi Jinping will begin talks in San Francisco on Wednesday.",
        # one state alone
        "Kenya will resume talks on the lake quotas next week.",
        # a wish
        "Washington wants the other members to agree to regular consultations on the currency.",
        # a proposal that is not for talks
        "The Canadian miner agreed to a Japanese proposal to set a lower price after the failure of the price talks.",
        # a time, not a topic agreed for talks
        "Tokyo agreed to discuss the quotas at the talks with Seoul.",
        # carrying on cooperation is no new agreement on talks
        "Chile and Bolivia agreed to continue their cooperation within the existing framework.",
        # restored relations are not consultations
        "Chile and Bolivia agreed to restore diplomatic relations.",
    ],
)
def test_near_misses_stay_out(pipeline: Any, body: str) -> None:
    """An offer not taken up, leaders' planned talks, one state, a wish, a proposal on prices, talks as a time,
    continued cooperation and restored relations are not consultation agreements."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an impersonal passive: the sides are the talks' own, or the article's meeting
        (
            "It was agreed that regular consultations between the Foreign Ministry of Peru and the Foreign Ministry "
            "of Ecuador would begin in June.",
            [["ECU", "PER"]],
        ),
        (
            "President Gustavo Petro received President Daniel Noboa in Bogota on Monday. It was agreed that "
            "consultations on the border would resume in April.",
            [["COL", "ECU"]],
        ),
        # nobody's agreement, no sides: nothing
        ("It was agreed that the consultations would be held every spring.", []),
    ],
)
def test_it_was_agreed_takes_the_talks_sides(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'It was agreed that consultations between X and Y would ...' names no subject: the parties are the talks'."""
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two states sharing one name after two compass words
        ("North and South Korea agreed on Monday to reopen working-level talks at the border village.", ["KOR", "PRK"]),
        ("North and South Korea's defence ministers agreed to hold military talks next week.", ["KOR", "PRK"]),
        (
            "The leaders of North and South Korea agreed to hold Red Cross talks on reuniting separated families.",
            ["KOR", "PRK"],
        ),
        # the parties' service chiefs, named together, to meet
        (
            "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev agreed that their border "
            "chiefs would meet next week to settle the crossing rules.",
            ["ARM", "AZE"],
        ),
    ],
)
def test_elliptical_pairs_and_service_chiefs(pipeline: Any, body: str, expected: list[str]) -> None:
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Kenyan President William Ruto and Ethiopian Prime Minister Abiy Ahmed pledged on Tuesday to open "
            "negotiations on a border trade pact.",
            [["ETH", "KEN"]],
        ),
        (
            "Uruguay and Paraguay vowed to resume their river commission's talks before the rainy season.",
            [["PRY", "URY"]],
        ),
        # one side's pledge is an offer
        ("President William Ruto pledged to hold talks with Somalia on the fishing dispute.", []),
        ("President William Ruto and Prime Minister Abiy Ahmed vowed to stay in close contact.", []),
        # pledges about others' talks: with a third party, pressing one, or promised to one
        ("Kenya and Ethiopia pledged on Friday to hold talks with the Shabaab militants.", []),
        ("President William Ruto and Prime Minister Abiy Ahmed vowed to push Eritrea to reopen border talks.", []),
        ("President William Ruto and Prime Minister Abiy Ahmed promised Somalia that talks would start soon.", []),
    ],
)
def test_a_pledge_made_together_is_an_agreement_one_sides_is_not(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a topic taken up in talks, phrasal verbs with their particle
        (
            "Hanoi agreed that the fishing quotas could be brought up in its border talks with Beijing, an aide said.",
            [["CHN", "VNM"]],
        ),
        ("Chile and Peru agreed to take the water rights question up in their next talks.", [["CHL", "PER"]]),
        # talks, the subject, agreed to go on
        (
            "Officials from Ghana and Togo met in Accra on Monday. The two sides agreed that the joint working group "
            "would carry on after the holidays.",
            [["GHA", "TGO"]],
        ),
        # cooperation going on is no talks
        ("Chile and Bolivia agreed that their cooperation on the lake would continue.", []),
    ],
)
def test_topics_taken_up_in_talks_and_talks_that_go_on(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'the two countries' after a sentence naming four: the two this sentence names
        (
            "Brazil, Argentina, Uruguay and Chile sent observers to the fair. The two countries agreed to hold "
            "energy talks after Bolivia's energy minister toured Paraguay.",
            [["BOL", "PRY"]],
        ),
        # neither sentence names as many as counted: no guess
        ("Brazil, Argentina and Chile sent observers to the fair. The two countries agreed to hold energy talks.", []),
        # officials named as a group with their states listed, then counted
        (
            "The defence ministers of Estonia, Latvia and Lithuania met in Riga on Friday. The three ministers "
            "agreed to hold their next meeting in Vilnius.",
            [["EST", "LTU", "LVA"]],
        ),
    ],
)
def test_counted_references_stand_for_as_many_states(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a clause of its own after 'but': the first clause's negation is not its
        (
            "Seoul did not accept the offer, but Seoul and Tokyo agreed to resume consultations on fisheries.",
            [["JPN", "KOR"]],
        ),
        # one subject for both verbs: the negation is shared
        ("Seoul and Tokyo did not sign the accord or agree to resume consultations on fisheries.", []),
    ],
)
def test_negation_of_another_clause(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # joining talks: the verb's object, or its own preposition's
        ("Malawi agreed to join the negotiations with Tanzania on the lake border.", [["MWI", "TZA"]]),
        ("Bhutan and Nepal agreed to take part in refugee talks hosted by India.", [["BTN", "NPL"]]),
        ("Guyana and Suriname agreed to sit down for talks on the river islands.", [["GUY", "SUR"]]),
        ("Eritrea and Djibouti agreed to return to the negotiating table in Doha.", [["DJI", "ERI"]]),
        # joining something else, or a journey home for consultations
        ("Malawi agreed to join the coalition with Tanzania.", []),
        ("Croatian and Slovenian diplomats agreed to return to their capitals for consultations.", []),
        # an invitation or a demand for talks, accepted; an offer to negotiate; talks accepted outright
        ("Bhutan accepted Nepal's invitation to expert-level talks in Kathmandu.", [["BTN", "NPL"]]),
        ("Guyana agreed to Venezuelan demands for talks on the Essequibo.", [["GUY", "VEN"]]),
        ("Suriname accepted a Guyanese offer to negotiate a fisheries treaty.", [["GUY", "SUR"]]),
        ("Djibouti has accepted talks with Eritrea.", [["DJI", "ERI"]]),
        ("A Nepalese proposal for talks was accepted by Bhutan.", [["BTN", "NPL"]]),
        # an invitation to something else; the talks' outcome accepted; talks endorsed by a third state
        ("Bhutan accepted Nepal's invitation to the cricket final in Kathmandu.", []),
        ("Djibouti accepted the outcome of the talks with Eritrea.", []),
        ("Qatar endorsed the talks between Djibouti and Eritrea.", []),
    ],
)
def test_joined_invited_and_accepted_talks(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a deal struck or reached, its infinitive on the verb
        ("Latvia and Belarus struck a deal to launch consultations on the border crossings.", [["BLR", "LVA"]]),
        # set up, formed, created together
        ("Bolivia and Paraguay will set up a joint commission on the Chaco waters.", [["BOL", "PRY"]]),
        # the talks' own month is not the agreement's
        ("Latvia and Belarus agreed on talks in May.", [["BLR", "LVA"]]),
        ("Latvia and Belarus agreed last year on talks in May.", []),
    ],
)
def test_deals_struck_commissions_set_up_and_the_talks_own_date(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the parties' delegations to reconvene; leaders reconvening are a summit's business
        (
            "Ecuador and Peru agreed that their boundary delegations would reconvene in Loja after the holidays.",
            [["ECU", "PER"]],
        ),
        ("President Daniel Noboa and President Dina Boluarte agreed to reconvene in Loja.", []),
        # continuing talks on a named issue, or an undertaking carried on through dialogue, announced together
        ("Ecuador and Peru will continue talks on the river boundary.", [["ECU", "PER"]]),
        (
            "Under the accord, Quito and Lima will pursue their search for a boundary settlement through direct "
            "negotiations, with the mediation of Brazil.",
            [["ECU", "PER"]],
        ),
        (
            "The presidents of Ecuador and Peru will continue work on the boundary settlement through direct "
            "dialogue, the joint statement said.",
            [["ECU", "PER"]],
        ),
        # pledges: no undertaking of their own, or cooperation carried on
        ("Ecuador and Peru will continue to settle their differences through dialogue.", []),
        ("Ecuador and Peru will continue their cooperation through dialogue.", []),
        # leaders' own talks continued are a planned summit
        ("President Daniel Noboa and President Dina Boluarte will continue talks on the boundary.", []),
    ],
)
def test_delegations_reconvene_and_talks_carried_on_together(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the talks' own sides, the talks the subject of a joint schedule
        ("Talks between Chad and Niger will reopen in Niamey next month, both delegations said.", [["NER", "TCD"]]),
        ("The negotiations between Chad and Niger are to resume in Niamey on June 2.", [["NER", "TCD"]]),
        # 'are to' as 'will'
        ("Chad and Niger are to resume border talks in Niamey, officials said.", [["NER", "TCD"]]),
        # an impersonal decision: who holds the talks
        ("It was decided that Chad and Niger would hold the next round in Niamey.", [["NER", "TCD"]]),
        # leaders' talks resuming are a summit's business; denied; one side
        ("Talks between Xi Jinping and Joe Biden will resume next week.", []),
        ("Talks between Chad and Niger will not resume this year.", []),
        ("Chad is to resume talks with the rebels.", []),
    ],
)
def test_talks_resuming_between_sides_and_schedules(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # talks the parties' bodies hold, announced together, dated ahead by the clause's tense
        (
            "Colombian President Gustavo Petro and Ecuadorian President Daniel Noboa met in Quito on Monday. Under "
            "their joint communique, the two sides will hold talks between their defence ministers in Bogota in "
            "April.",
            [["COL", "ECU"]],
        ),
        # bodies to sit down together
        (
            "The presidents of Colombia and Ecuador agreed that their foreign ministers would sit down together in "
            "Lima next month.",
            [["COL", "ECU"]],
        ),
        # bodies named with their counted states: the group of the sentence before that counts as many
        (
            "Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Arica on Monday. Later the "
            "presidents of Chile, Peru and Bolivia held a joint session. In a joint statement, they agreed that the deputy foreign ministers of the three countries would meet in La Paz in June.",
            [["BOL", "CHL", "PER"]],
        ),
        # one side announcing that several states' envoys will meet is no agreement of theirs
        (
            "Envoys from Kenya, Uganda and Rwanda will meet in Kampala on Friday to discuss fuel prices, a Ugandan "
            "official announced.",
            [],
        ),
    ],
)
def test_talks_of_the_parties_bodies(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'the two' alone: the two the sentence before named
        (
            "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Hiroshima on Sunday. "
            "The two agreed to launch a dialogue on semiconductor supply, Indian officials said.",
            [["IND", "JPN"]],
        ),
        # 'the two sides' in a story of a three-way summit: not the three
        (
            "Indian Prime Minister Narendra Modi, Japanese Prime Minister Fumio Kishida and Australian Prime "
            "Minister Anthony Albanese held a summit in Hiroshima on Sunday. The two sides agreed to launch a "
            "dialogue on semiconductor supply.",
            [],
        ),
    ],
)
def test_counted_references_to_the_people_just_named(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'they' after an agreement of two leaders named in a story led by another meeting: those two
        (
            "German Chancellor Olaf Scholz met Polish Prime Minister Donald Tusk in Berlin on Friday. At their talks "
            "in Vienna on Wednesday, Scholz and Austrian Chancellor Karl Nehammer agreed to resume rail talks. They "
            "also agreed to open negotiations on an energy corridor, German officials said.",
            [["AUT", "DEU"]],
        ),
        # 'they' in a clause after two leaders in the same sentence
        (
            "German Chancellor Olaf Scholz met Polish Prime Minister Donald Tusk in Berlin on Friday. On Wednesday, "
            "Scholz and Austrian Chancellor Karl Nehammer held a separate meeting in which they agreed to open "
            "negotiations on an energy corridor.",
            [["AUT", "DEU"]],
        ),
    ],
)
def test_they_are_the_leaders_just_named(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a body's own sessions resumed
        (
            "Lusaka and Harare agreed that the joint water commission, led by a retired judge, would resume its "
            "sessions on the Kariba dam in March.",
            [["ZMB", "ZWE"]],
        ),
        # a session of something else
        ("Lusaka and Harare agreed to hold a session of the regional parliament in Kariba.", []),
    ],
)
def test_a_bodys_own_sessions(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hungary and Slovakia arranged to hold talks on the Danube dams in May.", [["HUN", "SVK"]]),
        # still being arranged: no agreement yet
        ("Hungary and Slovakia are arranging to hold talks on the Danube dams in May.", []),
    ],
)
def test_an_agreement_in_progress_is_not_reached(pipeline: Any, body: str, expected: list[Any]) -> None:
    assert agreements(pipeline, body) == expected


_MET = "President Gabriel Boric received President Dina Boluarte in Santiago on Tuesday. "
_TALKED = "President Gabriel Boric and President Dina Boluarte held talks in Arica on Tuesday. "
_THREE = "President Gabriel Boric, President Dina Boluarte and President Luis Arce held a three-way summit in Arica on Tuesday. "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # ministers to hold a working session
        (
            _MET
            + "Both countries also decided to have their ministers hold a first working session on Friday in Lima.",
            [["CHL", "PER"]],
        ),
        # an impersonal agreement, with no one named in its sentence: the meeting's parties
        (
            _MET + "Chile's foreign minister Alberto van Klaveren told reporters that the talks had gone well. He said "
            "it was agreed that the joint border commission would continue its meetings every quarter.",
            [["CHL", "PER"]],
        ),
        # negotiating delegations resuming their own work
        (
            "President Gabriel Boric and President Dina Boluarte spoke by telephone on Tuesday. The two presidents "
            "agreed that the delegations on the river boundary would resume their work next month, the Chilean "
            "government said.",
            [["CHL", "PER"]],
        ),
        # a meeting agreed for continuing the negotiations is a round of them; one to discuss a subject is a plan
        (
            _TALKED + "A statement said the two presidents had agreed to meet again in Lima in the autumn to continue "
            "the negotiations.",
            [["CHL", "PER"]],
        ),
        (
            _TALKED
            + "A statement said the two presidents had agreed to meet again in Lima in the autumn to discuss trade.",
            [],
        ),
        # talks continued with the level that holds them named ('the three countries': the three-way summit)
        (
            _THREE
            + "Boric and Boluarte had breakfast together before it. The three countries agreed to continue their "
            "talks at the level of energy ministers to settle the pipeline tariffs.",
            [["BOL", "CHL", "PER"]],
        ),
        (_THREE + "The three countries agreed to continue their talks at the highest level.", []),
        # what an agreed text provides for: the parties' ministers to meet; without one, a plan reported
        (
            _TALKED + "Under the agreement, the interior ministers of Peru and Chile will meet every month in Tacna.",
            [["CHL", "PER"]],
        ),
        (_TALKED + "The interior ministers of Peru and Chile will meet next month in Tacna.", []),
        # an agreement of years back, told as such
        (
            "Twenty years ago this week, the presidents of Peru and Chile ended a long feud. The two governments "
            "agreed in those years to set up a joint commission that met twice a year.",
            [],
        ),
    ],
)
def test_agreed_sessions_rounds_and_provisions(pipeline: Any, body: str, expected: list[Any]) -> None:
    """Working sessions, 'it was agreed', delegations resuming work, a meeting agreed to continue negotiations,
    talks continued at a named level, bodies meeting under an agreed text; near misses: a meeting to discuss a
    subject, talks 'at the highest level', a reported plan, an agreement 'in those years'."""
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the parties' bodies holding talks under an agreed text
        (
            _MET + "Under the joint declaration, the foreign ministries of the two countries will hold consultations "
            "twice a year.",
            [["CHL", "PER"]],
        ),
        # a joint text's reported 'would'; not one side's statement, not the leaders' own next meeting
        (
            _MET + "The joint communique said the two countries' defence ministers would hold their first meeting in "
            "March.",
            [["CHL", "PER"]],
        ),
        (
            _MET + "A Chilean government statement said the two countries' defence ministers would hold their first "
            "meeting in March.",
            [],
        ),
        (_MET + "The joint statement said the two leaders would meet again next year.", []),
        # talks agreed to take place
        (
            _MET + "They also agreed that the next round of talks on the maritime boundary would take place in Lima "
            "in June.",
            [["CHL", "PER"]],
        ),
    ],
)
def test_joint_texts_and_talks_taking_place(pipeline: Any, body: str, expected: list[Any]) -> None:
    """Bodies holding talks under an agreed text, a joint text's 'would', a round agreed to take place; one side's
    statement and the leaders' own meeting are not agreements to consult."""
    assert agreements(pipeline, body) == expected


def test_the_day_of_the_agreed_talks_does_not_date_the_agreement(pipeline: Any) -> None:
    """'decided to have their ministers hold talks on Friday': Friday is the talks' day; the agreement was made at
    the leaders' meeting on Tuesday (so two reports of it, one naming the talks' day, are one event)."""
    body = _MET + "The two countries decided to have their ministers hold talks on migration on Friday in Lima."
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [str(e.event_date) for e in events if e.event_type == "consultation_agreement"] == ["2024-03-05"]


_SPOKE = "President Gabriel Boric of Chile spoke by phone with Bolivian President Luis Arce on Tuesday. "
_VISIT = "President Gabriel Boric of Chile met Bolivian President Luis Arce in La Paz on Tuesday. "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a decision reached, in the passive, to launch talks between the parties' bodies
        (
            "A decision was reached to launch regular consultations between the interior ministries of Ghana and Togo.",
            [["GHA", "TGO"]],
        ),
        # a body of one government made the parties' mechanism by its mark; a cabinet alone is one government's
        ("Chile and Peru agreed to hold the third Binational Cabinet in Arica next year.", [["CHL", "PER"]]),
        ("Chile and Peru agreed to hold the cabinet in Arica next year.", []),
        # a body that exists to meet, agreed to meet; the leaders meeting again is a planned summit
        (_SPOKE + "The two presidents agreed that the joint border commission would meet in May.", [["BOL", "CHL"]]),
        (_SPOKE + "The two presidents agreed that they would meet again in May.", []),
        # leaders reporting together that they revive a body that meets; one side's report is not
        (
            _VISIT + "The two presidents said they would revive the mixed commission on water resources, which has "
            "not sat since 2016.",
            [["BOL", "CHL"]],
        ),
        (_VISIT + "Boric said they would revive the mixed commission on water resources.", []),
        # a session of such a body held under an agreed text; one state's own council is not
        (
            "Under the new treaty, Chile and Bolivia will hold the intergovernmental commission twice a year.",
            [["BOL", "CHL"]],
        ),
        ("Chile will hold its national security council next week.", []),
    ],
)
def test_bodies_that_meet(pipeline: Any, body: str, expected: list[Any]) -> None:
    """Commissions, councils and binational bodies agreed to meet, convened, revived or held are talks agreed;
    a government's own cabinet or council, the leaders' own next meeting and one side's word are not."""
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the month after a participle set off after the object is the convening's (ahead), not the agreement's
        (
            "Ghana and Togo agreed to convene their joint commission, led by the two foreign ministers, in April to "
            "review the border.",
            [["GHA", "TGO"]],
        ),
        # the agreement itself dated last April is background
        ("Ghana and Togo agreed in April to convene their joint commission.", []),
    ],
)
def test_month_of_a_trailing_participle(pipeline: Any, body: str, expected: list[Any]) -> None:
    """A passive participle with its agent after the object describes that object: its month does not date the
    agreement back (published in February)."""
    assert states_found(pipeline, body, "consultation_agreement", published_at="2021-02-10T10:00:00+00:00") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President Gustavo Petro met President Daniel Noboa in Quito on Monday. The two countries also set up a "
            "joint working group on fisheries, which will meet every three months.",
            True,
        ),
        (
            "President Gustavo Petro met President Daniel Noboa in Quito on Monday. Aides said the presidents set up "
            "a committee under their own chairmanship, to meet twice a year.",
            True,
        ),
        # a proposal's subjunctive: no body was set up
        (
            "President Gustavo Petro met President Daniel Noboa in Quito on Monday. Colombia has proposed that the "
            "two countries set up a joint committee on fisheries, but Ecuadorean officials gave no commitment.",
            False,
        ),
    ],
)
def test_a_body_that_meets_set_up_together_is_talks_agreed(pipeline: Any, body: str, expected: bool) -> None:
    """'The two countries set up a joint working group, which will meet every three months': founded together in
    the past tense, a body that meets is an agreement to consult; one side's proposal to found one is not."""
    found = ("consultation_agreement", ("COL", "ECU")) in keys(pipeline, body)
    assert found is expected


def test_the_two_states_at_a_hosted_meeting_are_not_the_host(pipeline: Any) -> None:
    """'It was also agreed that the two states would open talks' after a meeting of three that one leader hosted:
    the two guests agreed, not the host."""
    body = (
        "Prime Minister Nikol Pashinyan flew home from Paris on Friday, where he and President Ilham Aliyev had "
        "signed a joint declaration at the end of the meeting in the palace hosted by President Emmanuel Macron. "
        "It was also agreed that the two states would open talks through a joint commission on the border."
    )
    assert agreements(pipeline, body) == [["ARM", "AZE"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President Gustavo Petro met President Daniel Noboa in Quito on Monday. The two countries will sit down "
            "again in Bogota in May for a new round of their joint commission on the border, the foreign minister "
            "said.",
            True,
        ),
        # one side sitting down for a round is no joint announcement
        (
            "President Gustavo Petro met President Daniel Noboa in Quito on Monday. Colombia could sit down for a "
            "new round of the joint commission if Ecuador pays its debts, the foreign minister said.",
            False,
        ),
    ],
)
def test_the_parties_sitting_down_for_a_round_of_their_body(pipeline: Any, body: str, expected: bool) -> None:
    """'The two countries will sit down again for a new round of their joint commission': a joint announcement of
    a session of a body that meets."""
    found = ("consultation_agreement", ("COL", "ECU")) in keys(pipeline, body)
    assert found is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the capital's own cabinet member, unqualified, beside a foreign one
        (
            "CANBERRA, March 3 - Trade Minister Colin Pratt and Indonesian Trade Minister Budi Santoso agreed to "
            "open talks on cattle quotas, officials said.",
            [["AUS", "IDN"]],
        ),
        (
            "WASHINGTON, March 3 - Commerce Secretary Ellen Marsh and South Korean officials agreed to resume "
            "negotiations on steel quotas next month.",
            [["KOR", "USA"]],
        ),
        # a minister qualified after the name is not the home side
        (
            "CANBERRA, March 3 - Trade Minister Budi Santoso of Indonesia and New Zealand officials agreed to hold "
            "talks on dairy access.",
            [["IDN", "NZL"]],
        ),
        # a dateline that is not a capital tells no home state
        (
            "GENEVA, March 3 - Trade Minister Colin Pratt and Indonesian officials agreed to open talks on cattle "
            "quotas.",
            [],
        ),
        # a lone unqualified minister is not a second party
        ("CANBERRA, March 3 - Trade Minister Colin Pratt agreed to hold talks with farmers on drought relief.", []),
    ],
)
def test_dateline_capitals_own_cabinet_is_the_home_side(pipeline: Any, body: str, expected: list[Any]) -> None:
    """Wire copy names the dateline capital's own ministers without a nationality: beside one foreign party, an
    unqualified named minister or secretary is the home state's."""
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an 'after' clause of its own tells what came before the agreement: its 'last year' does not date it
        (
            "President Ferdinand Marcos Jr. held talks with Prime Minister Fumio Kishida in Tokyo on Tuesday. "
            "Officials said the two governments agreed to revive the joint economic commission in Manila in May, "
            "after a fishing dispute of last year had stalled its meetings.",
            [["JPN", "PHL"]],
        ),
        # a treaty or agreement two states announce they will negotiate
        (
            "Argentina and Brazil will negotiate a customs agreement, President Javier Milei and President Lula said "
            "on Tuesday.",
            [["ARG", "BRA"]],
        ),
        ("Kenya will negotiate a new trade deal, officials said.", []),
        # the talks named in a free relative
        (
            'President Lula and President Javier Milei agreed on Tuesday to launch what officials called a "strategic '
            'dialogue" on energy.',
            [["ARG", "BRA"]],
        ),
        # a conference between two named states is a mechanism; a joint press conference is a show
        (
            "President Ferdinand Marcos Jr. and Prime Minister Fumio Kishida agreed on Tuesday to revive the annual "
            "Philippines-Japan ministerial conference, suspended since 2019.",
            [["JPN", "PHL"]],
        ),
        (
            "President Ferdinand Marcos Jr. and Prime Minister Fumio Kishida agreed on Tuesday to hold a joint press "
            "conference.",
            [],
        ),
        # 'the two governments' after a three-way meeting in the dateline's country: its two guests ...
        (
            "BRASILIA, March 5 - President Santiago Pena of Paraguay and President Luis Arce of Bolivia signed the gas "
            "accord at the Itamaraty palace after talks with Brazilian President Lula. The two governments also "
            "agreed that their energy ministers would meet every year to review the accord.",
            [["BOL", "PRY"]],
        ),
        # ... not when the meeting was held in a third country
        (
            "BRASILIA, March 5 - President Santiago Pena of Paraguay and President Luis Arce of Bolivia signed the gas "
            "accord in Buenos Aires after talks with Argentine President Javier Milei. The two governments also "
            "agreed that their energy ministers would meet every year to review the accord.",
            [],
        ),
        # two states reporting together that talks resume
        (
            "GENEVA, May 8 (Reuter) - Belgium and the Netherlands said today the border river talks would resume in "
            "Antwerp next month.",
            [["BEL", "NLD"]],
        ),
        ("GENEVA, May 8 (Reuter) - Belgium said today the border river talks would resume in Antwerp next month.", []),
        # an agreement no one is named as reaching: the talks' own sides, named in their modifiers
        (
            "MOSCOW, May 8 Kyodo - Agreement was reached on resuming the Polish-Soviet trade talks in June, Polish "
            "officials said.",
            [["POL", "SUN"]],
        ),
        (
            "MOSCOW, May 8 Kyodo - No agreement was reached on resuming the Polish-Soviet trade talks, Polish "
            "officials said.",
            [],
        ),
        # going back to the table is returning to the talks
        (
            "President Emmanuel Macron spoke by telephone with Prime Minister Pedro Sanchez on Tuesday, and the two "
            "agreed that negotiators would go back to the table in April on the Pyrenees rail link.",
            [["ESP", "FRA"]],
        ),
        (
            "Prime Minister Pedro Sanchez and Prime Minister Luis Montenegro agreed on Tuesday to come back to the "
            "table on water sharing.",
            [["ESP", "PRT"]],
        ),
        # leaders agreeing to meet every year set up a standing mechanism; once more is a planned summit
        (
            "President Lula and President Javier Milei held talks in Brasilia on Tuesday. The two leaders agreed to "
            "meet every year, starting with a summit in Buenos Aires in 2025.",
            [["ARG", "BRA"]],
        ),
        (
            "President Lula and President Javier Milei held talks in Brasilia on Tuesday. The two leaders agreed to "
            "meet again in Buenos Aires in June.",
            [],
        ),
        # 'the two' after a sentence about their ministers: the article's meeting of two
        (
            "Prime Minister Narendra Modi held talks with President Joe Biden in Washington on Tuesday. Their trade "
            "ministers have three months to report back. The two also agreed to meet annually, beginning with a "
            "summit in New Delhi next year.",
            [["IND", "USA"]],
        ),
        # 'the two countries' right after the conversation with one leader, in a story of several
        (
            "President Xi Jinping received several heads of delegations in Beijing on Tuesday. In a conversation "
            "with Prime Minister Anwar Ibrahim of Malaysia, Chinese-Malaysian relations were discussed. It was "
            "agreed that the foreign ministers of the two countries would hold consultations every year. Xi later "
            "also had a conversation with President Ferdinand Marcos Jr. of the Philippines.",
            [["CHN", "MYS"]],
        ),
    ],
)
def test_wire_shapes_of_agreed_talks(pipeline: Any, body: str, expected: list[list[str]]) -> None:
    """Terse wire copy: an earlier event told in an 'after' clause, a treaty to negotiate, talks named in a free
    relative, a conference of two states, the guests of a host in the dateline's country, back to the table,
    meetings agreed to recur, and 'the two' read from the story."""
    assert agreements(pipeline, body) == expected


def test_how_the_held_meeting_was_arranged_is_no_agreement(pipeline: Any) -> None:
    """'The meeting was arranged through envoys over a month', after the meeting was told as held: how the meeting
    came about, not an agreement to consult again."""
    body = (
        "President Daniel arap Moi and President Yoweri Museveni met for four hours in Kisumu on Monday. "
        "The meeting was arranged through contacts between Nairobi and Kampala over the past month, officials said."
    )
    events = pipeline.process_article(make_article(body, published_at="1995-01-17T18:00:00+03:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == [["KEN", "UGA"]]
    assert [e.countries for e in events if e.event_type == "consultation_agreement"] == []


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # an agreed text as the subject of a provision verb over the bodies' meeting
        (
            "President Carlos Menem held talks with President Fernando Collor in Brasilia on Tuesday. They signed a "
            "memorandum of understanding. The accord stipulates that the economy ministers of the two countries "
            "will meet every six months.",
            "1991-03-27T18:00:00-03:00",
        ),
        # a conference whose own phrase makes its members the two sides'
        (
            "President Carlos Menem held talks with President Fernando Collor in Brasilia on Tuesday. The two "
            "presidents agreed that a conference of trade ministers from both countries would be held in "
            "Buenos Aires in June.",
            "1991-03-27T18:00:00-03:00",
        ),
    ],
)
def test_agency_idiom_of_agreed_meetings(pipeline: Any, body: str, published: str) -> None:
    events = pipeline.process_article(make_article(body, published_at=published))
    assert [e.countries for e in events if e.event_type == "consultation_agreement"] == [["ARG", "BRA"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a joint mark before the phrase whose modifier the body is
        (
            "Prime Minister Mark Rutte and Belgian Prime Minister Alexander De Croo met in Breda on Monday. The two "
            "governments also agreed to hold joint cabinet sessions every year.",
            [["BEL", "NLD"]],
        ),
        # an assembly of two states named before it, revived; an assembly alone is a parliament
        (
            "Prime Minister Mark Rutte received Belgian Prime Minister Alexander De Croo in The Hague on Monday. The "
            "two governments will revive the Dutch-Belgian Border Assembly and convene it in Antwerp in May.",
            [["BEL", "NLD"]],
        ),
        (
            "Prime Minister Mark Rutte received Belgian Prime Minister Alexander De Croo in The Hague on Monday. The "
            "National Assembly will convene in May, officials of the two countries said.",
            [],
        ),
    ],
)
def test_joint_cabinet_sessions_and_a_two_state_assembly(pipeline: Any, body: str, expected: list[list[str]]) -> None:
    """A cabinet or an assembly is one state's unless marked as two states' (in the phrase it modifies, too)."""
    assert agreements(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # both sides' negotiators announcing that they step up or intensify talks with a goal named
        (
            "Indonesian and Australian negotiators will step up consultations aimed at removing the remaining "
            "duties on cattle, the two trade ministries said.",
            [["AUS", "IDN"]],
        ),
        (
            "The trade delegations of both countries will intensify talks towards a settlement of the nickel dispute, "
            "President Joko Widodo and Prime Minister Anthony Albanese said after meeting in Jakarta.",
            [["AUS", "IDN"]],
        ),
        # one side alone, or talks stepped up with no goal named: no agreement
        ("Indonesian negotiators will step up consultations aimed at removing the remaining duties on cattle.", []),
        ("Indonesian and Australian negotiators will step up their consultations, officials said.", []),
    ],
)
def test_talks_stepped_up_towards_a_goal_announced_together(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'will step up consultations aimed at ...', 'will intensify talks towards ...': like continued talks on a named
    issue, announced by both sides, an agreement on talks."""
    assert agreements(pipeline, body) == expected


def test_the_means_of_an_agreed_undertaking_is_agreed_too(pipeline: Any) -> None:
    """'agreed to speed up X by setting up a framework in which ... will negotiate': starting the framework is the
    agreement; a means that is no talks ('by cutting tariffs') is none."""
    body = (
        "President Cyril Ramaphosa and Namibian President Hage Geingob agreed on Monday to speed up the border "
        "demarcation by establishing a joint commission of their surveyors."
    )
    assert agreements(pipeline, body) == [["NAM", "ZAF"]]
    body = "President Cyril Ramaphosa and Namibian President Hage Geingob agreed on Monday to boost trade by cutting tariffs."
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one more meeting of the leaders themselves is a planned summit, by noun as by 'agreed to meet'
        (
            "President Lula da Silva and President Gustavo Petro met in Bogota on Friday. Lula accepted Petro's "
            "invitation to hold another meeting in the Amazon next year.",
            [],
        ),
        (
            "President Lula da Silva and President Gustavo Petro met in Bogota on Friday. The two presidents agreed "
            "to hold one more meeting before the end of the year.",
            [],
        ),
        # ... a meeting that recurs, or one of their ministers, is a mechanism
        (
            "President Lula da Silva and President Gustavo Petro met in Bogota on Friday. The two presidents agreed "
            "to hold a meeting every four months, alternating between their capitals.",
            [["BRA", "COL"]],
        ),
        (
            "President Lula da Silva and President Gustavo Petro met in Bogota on Friday. The two presidents agreed "
            "that their defence ministers would hold a meeting in Manaus next month.",
            [["BRA", "COL"]],
        ),
        # a commission raised to a higher level is a mechanism agreed, as 'upgraded' is
        (
            "President Lula da Silva and President Gustavo Petro met in Bogota on Friday. The presidents announced "
            "that the joint border committee would be elevated to a binational commission chaired by the two heads "
            "of state.",
            [["BRA", "COL"]],
        ),
        # 'they' reporting an agreement is the counted plural that reports it
        (
            "Indonesia's foreign minister and Australia's foreign minister met in Canberra on Thursday. In a joint "
            "communique, the two governments said they had agreed to hold the maritime dialogue every year.",
            [["AUS", "IDN"]],
        ),
    ],
)
def test_newsroom_shapes_of_agreed_talks(pipeline: Any, body: str, expected: list[list[str]]) -> None:
    events = pipeline.process_article(make_article(body, published_at="2023-05-25T12:00:00+03:00"))
    assert [e.countries for e in events if e.event_type == "consultation_agreement"] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the meetings of their ministers, announced together
        (
            "Kenya and Tanzania will hold regular meetings of their trade ministers, a Kenyan spokesman said.",
            [["KEN", "TZA"]],
        ),
        # a start verb conjoined under the first verb's 'will'; not under a 'may' of its own
        (
            "Kenya and Tanzania will hold a trade fair in Arusha and launch talks among customs experts on the border "
            "posts, a Kenyan spokesman said.",
            [["KEN", "TZA"]],
        ),
        (
            "Kenya and Tanzania held a trade fair in Arusha and may launch talks among customs experts on the border "
            "posts, a Kenyan spokesman said.",
            [],
        ),
        # a body of neither government
        (
            "Kenya and Tanzania will hold a meeting of the East African Legislative Assembly, a Kenyan spokesman said.",
            [],
        ),
    ],
)
def test_meetings_of_their_ministers_and_a_start_conjoined_under_will(
    pipeline: Any, body: str, expected: list[Any]
) -> None:
    """'will hold regular meetings of their foreign ministers and open talks among experts': both announced."""
    assert agreements(pipeline, body) == expected


def test_the_two_countries_are_the_two_states_an_article_without_a_summit_names(pipeline: Any) -> None:
    """'Under the accord, the two countries will form a joint committee', in an article naming two states: those two;
    naming four, no one."""
    lead = (
        "NAIROBI, March 5 - President William Ruto said on Tuesday he had ordered the customs service to reopen the "
        "Namanga post after his trade minister signed a border accord with Tanzania in Arusha. "
    )
    tail = "Under the accord, the two countries will form a joint committee that will sit at Namanga, officials said."
    assert agreements(pipeline, lead + tail) == [["KEN", "TZA"]]
    assert agreements(pipeline, lead + "Uganda and Rwanda want to join. " + tail) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # talks made to recur are a standing mechanism: by name, by 'it' after the talks held, or turned into one
        (
            "Indonesia's foreign minister and Australia's foreign minister met in Canberra on Thursday. The two "
            "governments agreed to make the maritime dialogue an annual event.",
            [["AUS", "IDN"]],
        ),
        (
            "Indonesia and Australia have held their first maritime dialogue in Canberra and agreed to make it a "
            "yearly meeting.",
            [["AUS", "IDN"]],
        ),
        (
            "Indonesia's foreign minister and Australia's foreign minister met in Canberra on Thursday. The two "
            "governments agreed to turn the talks into a regular dialogue.",
            [["AUS", "IDN"]],
        ),
        # a leaders' meeting made to recur as well (EVENTS.md: a meeting agreed to recur is a mechanism)
        (
            "President Lula da Silva and President Gustavo Petro met in Bogota on Friday. The two presidents agreed "
            "to make their summit an annual event.",
            [["BRA", "COL"]],
        ),
        # a fair made annual, or talks made a priority, are no talks agreed
        (
            "Indonesia and Australia opened a trade fair in Canberra and agreed to make it an annual event.",
            [],
        ),
        (
            "Indonesia's foreign minister and Australia's foreign minister met in Canberra on Thursday. The two "
            "governments agreed to make trade talks a priority.",
            [],
        ),
    ],
)
def test_talks_made_to_recur(pipeline: Any, body: str, expected: list[list[str]]) -> None:
    assert agreements(pipeline, body) == expected

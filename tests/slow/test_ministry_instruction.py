"""Whose order it is (core/events/ministry_instruction.py): a leader's, not a law's, a bill's or a company's."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.testing import make_article

from tests.slow.sentences import PUB, states_found


def instructions(pipeline: Any, body: str) -> list[list[str]]:
    return states_found(pipeline, body, "ministry_instruction")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a title in what a leader's own office or spokesman reports is that leader, not the title's other holder
        (
            "Prime Minister Giorgia Meloni met Japanese Prime Minister Fumio Kishida in Rome on Monday. A statement "
            "from Meloni's office said the prime minister had instructed Italy's economy ministry to draft a plan for "
            "joint investment.",
            [["ITA"]],
        ),
        (
            "Prime Minister Giorgia Meloni met Japanese Prime Minister Fumio Kishida in Rome on Monday. Meloni's "
            "spokesman said the prime minister had instructed the economy ministry to draft a plan for joint "
            "investment.",
            [["ITA"]],
        ),
        # 'the President' stays the leader the article calls so, though it names a foreign one with his state or by
        # surname; an airport before the apposed title is no name of his
        (
            "President Ferdinand Marcos Jr. returned to Manila on Saturday from Jakarta. Speaking at the Ninoy Aquino "
            "International Airport, the President said his talks with Indonesian President Joko Widodo had been "
            "fruitful. On the fishing dispute, the President said he had told Widodo to be patient. The President "
            "said he had ordered the coast guard to step up patrols in the Celebes Sea.",
            [["PHL"]],
        ),
        # a Singaporean leader named in three words is called by the first ('Lee' of 'Lee Hsien Loong')
        (
            "Prime Minister Anwar Ibrahim and his Singapore counterpart Lee Hsien Loong met in Putrajaya on Monday. "
            "Anwar and Lee directed the joint ministerial committee to finalise the rail link by June.",
            [["MYS", "SGP"]],
        ),
        # asked to pass on a courtesy: a message carried, not a task; a note delivered is a task
        (
            "President Xi Jinping received a Vietnamese party delegation in Beijing. Xi asked the head of the "
            "delegation to convey his best wishes to the Vietnamese leadership.",
            [],
        ),
        (
            "President Xi Jinping asked the foreign ministry to deliver a protest note to the Japanese embassy.",
            [["CHN"]],
        ),
        # an attribution set between the subject and its verb does not take the subject
        (
            "President William Ruto and President Samia Suluhu Hassan met in Nairobi on Monday. The two leaders, a "
            "communique from State House said, directed their energy ministers to speed up the pipeline study.",
            [["KEN", "TZA"]],
        ),
        # a ministry's division or directorate is a body
        (
            "Prime Minister Sheikh Hasina directed the Finance Division to release the flood relief funds within a "
            "week.",
            [["BGD"]],
        ),
    ],
)
def test_whose_title_and_what_task(pipeline: Any, body: str, expected: list[list[str]]) -> None:
    """The giver behind a title in his own office's report, behind 'the President' of the article's own leader,
    behind a family name written first; greetings to convey are no instruction."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Congress passed a provision directing U.S. officials to oppose the loan.",
        "Republican senators said they would back a bill ordering U.S. officials to publish the data.",
        "A resolution instructing French diplomats to seek a ceasefire cleared the assembly.",
        "The Canadian airline filed a petition asking the Canadian Transport Agency to review the fare rules.",
        "Officials said Japanese ministries were asked to trim their budgets.",
    ],
)
def test_orders_of_laws_bills_companies_and_no_one_are_not_instructions(pipeline: Any, body: str) -> None:
    """A law, bill or petition 'directing' officials, or an unattributed request with no leader near, is no event."""
    assert instructions(pipeline, body) == []


def test_a_leaders_own_decree_is_an_instruction(pipeline: Any) -> None:
    """A decree issued by a leader that instructs diplomats is the leader's instruction."""
    body = "President Emmanuel Macron issued a decree instructing French diplomats to seek a ceasefire."
    assert instructions(pipeline, body) == [["FRA"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a leader's order named as a noun, held by the leader or as the behest the body acted on
        (
            "The Brazilian President Luiz Inacio Lula da Silva's orders to the police were plain: clear the road.",
            ["BRA"],
        ),
        ("On the orders of Prime Minister Narendra Modi, the navy sent two frigates to the gulf.", ["IND"]),
        ("At the direction of President Emmanuel Macron, the French army has moved a battalion east.", ["FRA"]),
        # a weak verb with what to do: the leader's own bodies unless another state's are named
        ("Chancellor Olaf Scholz chaired the cabinet. He told ministries to freeze new hiring.", ["DEU"]),
        # what the ordering tasks the government with, no body named
        ("President Cyril Ramaphosa ordered an inquiry into the collapse of the power grid.", ["ZAF"]),
        # a head of state asking his own head of government
        ("President Sergio Mattarella asked Prime Minister Giorgia Meloni to present a new budget plan.", ["ITA"]),
        # an agency by its acronym, with what it is to do
        ("President Joe Biden ordered the FBI to trace who planted the device.", ["USA"]),
        # the body inside the instruction noun
        ("Prime Minister Anthony Albanese gave the ministries instructions to cut travel costs.", ["AUS"]),
        ("President Joe Biden issued an order forbidding the CIA staff to run such programmes.", ["USA"]),
        # armed forces are agencies
        ("President Recep Tayyip Erdogan ordered the army and the air force to guard the border.", ["TUR"]),
        # two leaders announcing what they will instruct: a decision taken together
        (
            "President Emmanuel Macron and Chancellor Olaf Scholz will instruct their finance ministers to draft "
            "a joint plan.",
            ["DEU", "FRA"],
        ),
        # 'I' in a quote of a speaker the context resolved from 'she'
        (
            'Prime Minister Sheikh Hasina visited the flooded district. She said, "I have instructed the '
            'relief ministry to open shelters tonight."',
            ["BGD"],
        ),
        # the President of the same sentence, when the article named no president before
        (
            'The strike, approved by President Joe Biden, was described in a statement: "On the direction of the '
            'President, the US navy has struck the launch sites."',
            ["USA"],
        ),
    ],
)
def test_instructions_real_copy_states(pipeline: Any, body: str, expected: list[str]) -> None:
    """Orders held as nouns, 'told X to', tasking objects, own heads of government, acronym agencies, bodies inside
    the order, armed forces, joint announced instructions and resolved speakers are leaders' instructions."""
    assert instructions(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # a legislature's committee is not the executive's
        "President Joe Biden ordered the budget committee of the House to publish its figures.",
        # a company's request
        "The Canadian mining company asked the ministry to extend its licence by a year.",
        # a minister's order to staff
        "Finance Minister Christian Lindner ordered ministry officials to audit the accounts.",
        # a court's or a judge's order, even with a leader's surname
        "Judge Lucia Albanese signed the order on Monday. Following Albanese's order, the bank froze the account.",
        "An executive order of the president set new rules for the agencies.",
        # a leader's own helpers are not a state body
        "Before the call, President Joe Biden had ordered his staff to hold back the report.",
        # speech, not an instruction
        "Chancellor Olaf Scholz told the committee the budget was sound.",
        # one leader's plan to instruct
        "President Cyril Ramaphosa said he will instruct the energy minister to report within weeks.",
        # an international body is not the leader's own agency
        "President Emmanuel Macron asked the IAEA to inspect the plant.",
        # another state's head of government
        "President Joe Biden asked Prime Minister Benjamin Netanyahu to allow more aid in.",
    ],
)
def test_near_misses_stay_out(pipeline: Any, body: str) -> None:
    """A legislature's committee, a company's request, a minister's order, a court order, a leader's personal staff,
    speech, one leader's plan and another state's head of government are not leaders' instructions."""
    assert instructions(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President Sauli Niinisto asked the departing coalition of Greens, Liberals, Agrarians and "
            "Swedish-speaking members government to remain in office as caretakers.",
            ["FIN"],
        ),
        (
            "President Frank-Walter Steinmeier asked the outgoing alliance of Christian Democrats, Free Democrats "
            "and Bavarian members government to carry on until a new cabinet is sworn in.",
            ["DEU"],
        ),
    ],
)
def test_a_body_word_ending_a_long_object_is_its_head(pipeline: Any, body: str, expected: list[str]) -> None:
    """'the outgoing coalition of A, B and C members government': the parser takes the long modifier for the object
    and glues the body on as its last conjunct; the body is the one addressed, and the demonym inside the list is
    not its owner."""
    assert instructions(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # the last conjunct is a body of its own, with its own article: one of several addressees named in a list
        "President Sauli Niinisto asked the heads of the Red Cross, the Lutheran Church and the refugee agency "
        "to help the evacuees.",
        # a list ending in no body word
        "President Sauli Niinisto asked the alliance of farmers, fishermen and forest owners union to end the protest.",
    ],
)
def test_lists_not_ending_in_a_glued_body_stay_out(pipeline: Any, body: str) -> None:
    """Only a bare body word carrying the list's last modifier is the object's misparsed head."""
    assert instructions(pipeline, body) == []


def test_the_dateline_states_leader_by_surname_alone_instructs(pipeline: Any) -> None:
    """'BANDAR SERI BEGAWAN - ... Bolkiah announced ...': the sitting sultan of the dateline's state, though the
    knowledge base keeps the bare surname out (princes bear it); 'he' in the next sentence is him too."""
    body = (
        "BANDAR SERI BEGAWAN, March 3 - Brunei's oil revenue fell by a third last year. Bolkiah announced a "
        "freeze on new projects. He told ministries to cut overtime and travel."
    )
    events = pipeline.process_article(make_article(body, published_at="2016-03-03T09:00:00+00:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [["BRN"]]


def test_no_dateline_no_home_leader(pipeline: Any) -> None:
    """Without a dateline the bare surname is no one: the knowledge base keeps it out on purpose."""
    body = "Bolkiah announced a freeze on new projects. He told ministries to cut overtime and travel."
    events = pipeline.process_article(make_article(body, published_at="2016-03-03T09:00:00+00:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == []


def test_no_home_leader_when_a_prince_bears_the_surname(pipeline: Any) -> None:
    """A prince named in full earlier: the bare surname may be him, so it is no one."""
    body = (
        "BANDAR SERI BEGAWAN, March 3 - Prince Abdul Bolkiah opened the fair. Bolkiah announced a freeze on new "
        "projects. He told ministries to cut overtime and travel."
    )
    events = pipeline.process_article(make_article(body, published_at="2016-03-03T09:00:00+00:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("President Cyril Ramaphosa has directed the police to detain the organisers of the riot.", ["ZAF"]),
        ("Prime Minister Narendra Modi ordered troops and border guards to seal the frontier.", ["IND"]),
        (
            "President Yoon Suk Yeol ordered the tank crews and missile forces along the border to stay on alert.",
            ["KOR"],
        ),
        ('"I have given instructions to our soldiers to hunt down the gunmen," President Bola Tinubu said.', ["NGA"]),
        ("Prime Minister Keir Starmer said he had asked the Home Office to look again at the deportation.", ["GBR"]),
        ("President Joe Biden has told his advisers to find a way to end the port strike.", ["USA"]),
    ],
)
def test_forces_police_and_advisers_are_bodies_a_leader_instructs(
    pipeline: Any, body: str, expected: list[str]
) -> None:
    """Armed forces and security services count as agencies (troops, forces, soldiers, police, border guards); so do
    a leader's advisers and a ministry called an office."""
    assert instructions(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "President Joe Biden urged Israeli forces to spare the hospitals.",  # another state's forces
        "The general ordered his troops to advance at dawn.",  # a commander's order
        "Defence Minister Boris Pistorius ordered troops to stay in the barracks.",  # a minister's order
        "The high court ordered the police to release the activist.",  # a court's order
        "President Emmanuel Macron asked the police union to call off the protest.",  # a union, not the police
        "President Joe Biden called on the forces of democracy to unite.",  # no body of his state
    ],
)
def test_forces_near_misses_stay_out(pipeline: Any, body: str) -> None:
    """Another state's forces, a commander's, a minister's or a court's order, a union: not a leader's instruction."""
    assert instructions(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the people who lead a body stand for it
        (
            "President Sadyr Japarov and President Emomali Rahmon met in Khujand. The presidents instructed the "
            "heads of the water commissions, Ivan Petrov and Ali Karimov, to agree the canal quotas.",
            ["KGZ", "TJK"],
        ),
        ("President Emmanuel Macron instructed the chiefs of the security services to report by Friday.", ["FRA"]),
        # the object's apposition names the body
        (
            "President Serdar Berdimuhamedov instructed Deputy Chairman Ata Orazov, Minister of Energy, to draft "
            "a gas export plan.",
            ["TKM"],
        ),
    ],
)
def test_members_and_appositions_name_the_body(pipeline: Any, body: str, expected: list[str]) -> None:
    """'the heads of the delegations', 'the chiefs of the services', 'X, Minister of Energy': the body instructed."""
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "President Joe Biden asked the UN agencies to speed up deliveries of food.",
        "President Joe Biden asked the heads of the United Nations agencies to speed up deliveries of food.",
        "President Joe Biden asked the aid agencies to reach the coast before the storm.",
        "President Joe Biden asked the members of the Senate committee to pass the bill.",
        "President Emmanuel Macron asked the head of the opposition party to join the government.",
        "President Vladimir Putin ordered the head of the mercenary company to pull out of the city.",
    ],
)
def test_international_charities_legislatures_and_parties_are_no_state_body(pipeline: Any, body: str) -> None:
    """An international organisation's or a charity's agencies, and the heads of a legislature's committee, a party
    or a company, are not bodies of the leader's state."""
    assert instructions(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a subjunctive under a demand or a proposal: what others want the leader to order
        (
            "Farmers' unions demanded that President Emmanuel Macron order the agriculture ministry to freeze the "
            "rules.",
            [],
        ),
        (
            "Two senators proposed that Chancellor Olaf Scholz instruct the economy ministry to draft a subsidy plan.",
            [],
        ),
        # the order itself, past tense, stays
        ("President Emmanuel Macron ordered the agriculture ministry to freeze the rules.", [["FRA"]]),
    ],
)
def test_an_order_others_demand_is_no_instruction(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'demanded that the President order ...' is a demand, not an order given."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what a quantity noun counts is what was given
        (
            "President Vladimir Putin and President Alexander Lukashenko met in Minsk. Afterwards the two presidents "
            "issued a series of instructions to the governments of Russia and Belarus on gas prices.",
            ["BLR", "RUS"],
        ),
        # the bodies a phrase includes
        (
            "Prime Minister Narendra Modi tasked the security establishment, including the intelligence agencies, "
            "with tracking the funding of the militants.",
            ["IND"],
        ),
        # units and people named by the body they belong to
        (
            "Navy patrol units on the coast were ordered by President Ferdinand Marcos Jr. to escort the fishing boats.",
            ["PHL"],
        ),
        (
            "Foreign Ministers Ana Silva and Jon Berg were entrusted by President Emmanuel Macron and Chancellor Olaf "
            "Scholz with drafting the joint paper.",
            ["DEU", "FRA"],
        ),
        # state organs, in the wording of some state agencies
        ("President Xi Jinping instructed the relevant organs to rescue the miners without delay.", ["CHN"]),
    ],
)
def test_quantities_inclusions_units_and_organs(pipeline: Any, body: str, expected: list[str]) -> None:
    """'a series of instructions', 'X, including the intelligence agencies', 'navy patrol units', 'Foreign Ministers
    A and B', 'the relevant organs' name what the leaders instructed."""
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [expected]


def test_they_after_the_two_sides_of_a_leaders_meeting_announce_a_decision(pipeline: Any) -> None:
    """'The two sides agreed ... They will task ...' in a story of two leaders' talks: the leaders' joint decision; the
    relative clause dating the treaty inside the directive does not date the order."""
    body = (
        "President Gustavo Petro held talks with President Daniel Noboa in Quito on Monday. The two sides agreed to "
        "reopen the border crossings. They will task their trade ministries with reviewing the customs accord, "
        "which was signed in 2012."
    )
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [["COL", "ECU"]]


@pytest.mark.parametrize(
    "body",
    [
        # a leader named with his title is no body member
        "President Joe Biden asked Prime Minister Benjamin Netanyahu to let the trucks through.",
        # a union is not the police
        "President Emmanuel Macron asked the police union to end the strike.",
        # an order dated years ago by the clause of the trigger itself stays background
        "In 2012 President Barack Obama ordered the army to train the local police.",
    ],
)
def test_titled_leaders_unions_and_old_orders_stay_out(pipeline: Any, body: str) -> None:
    """Another state's leader, a union, and an order given long ago are not instructions of the day."""
    assert instructions(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President Claudia Sheinbaum said she had asked Energy Secretary Luz Garza to prepare a plan for the "
            "refinery.",
            [["MEX"]],
        ),
        ("President Volodymyr Zelensky ordered General Oleksandr Syrskyi to hold the eastern line.", [["UKR"]]),
        # another state's minister, an international organisation's officers
        ("President Joe Biden asked Israeli Defense Minister Yoav Gallant to let the convoys in.", []),
        ("President Joe Biden asked UN Secretary General Antonio Guterres to send observers.", []),
        ("President Emmanuel Macron asked European Commissioner Thierry Breton to delay the rules.", []),
    ],
)
def test_a_titled_member_of_the_leaders_own_government(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'Economy Secretary X', 'General Y': a member of the leader's own government or forces; another state's minister
    or an international organisation's officer is not."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one leader announcing an instruction with the day it is given: a decision
        ("President Lula said he would instruct the finance ministry on Friday to prepare the decree.", [["BRA"]]),
        (
            "Prime Minister Kyriakos Mitsotakis said he will tell the coast guard tomorrow to widen the search.",
            [["GRC"]],
        ),
        # a plan, a condition, a negation or a possibility stays out, dated or not
        ("President Lula said he plans to instruct the finance ministry on Friday to prepare the decree.", []),
        ("President Lula said he would instruct the finance ministry on Friday if the talks fail.", []),
        ("President Lula said he would not instruct the finance ministry on Friday to prepare the decree.", []),
        ("President Lula could instruct the finance ministry on Friday to prepare the decree.", []),
        (
            "President Emmanuel Macron and Chancellor Olaf Scholz will instruct their finance ministers to draft a "
            "joint plan if the markets fall.",
            [],
        ),
    ],
)
def test_an_announced_instruction_with_its_own_day(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'said he would instruct X on Tuesday': the day set for it makes one leader's announcement a decision; an
    announced instruction under a condition of its own is not one."""
    assert instructions(pipeline, body) == expected


def test_an_instruction_belongs_to_its_articles_meeting_of_the_same_states(pipeline: Any) -> None:
    """The instruction carries the kind of the article's meeting of its states: given on a call, or in one room."""
    call = (
        "Greek Prime Minister Kyriakos Mitsotakis and Turkish President Recep Tayyip Erdogan spoke by telephone on "
        "Friday. The two leaders instructed their foreign ministries to prepare a search-and-rescue accord."
    )
    visit = (
        "Turkish President Recep Tayyip Erdogan held talks with Greek Prime Minister Kyriakos Mitsotakis in Athens on "
        "Thursday. The two leaders instructed their foreign ministers to draft a road map."
    )
    kinds = [
        [(e.event_type, e.occasion) for e in pipeline.process_article(make_article(body, published_at=PUB))]
        for body in (call, visit)
    ]
    assert kinds == [
        [("ministry_instruction", "phone"), ("summit", "phone")],
        [("ministry_instruction", "in_person"), ("summit", "in_person")],
    ]


def test_his_highness_and_the_prime_minister_instruct(pipeline: Any) -> None:
    """A royal style standing alone is the royal leader the story named: both states instruct."""
    body = (
        "Emir Sheikh Tamim bin Hamad Al Thani received Prime Minister Shehbaz Sharif in Doha on Thursday. "
        "His Highness and the Pakistani Prime Minister directed the relevant authorities of both countries to "
        "finalise the gas supply accord."
    )
    events = pipeline.process_article(make_article(body, published_at="2024-05-02T18:00:00+03:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [["PAK", "QAT"]]


def test_a_giver_the_quote_leaves_unnamed_makes_no_partial_event(pipeline: Any) -> None:
    """'His Majesty and I have directed' with the speaker named only after the quote: no event for the king alone."""
    body = (
        'King Abdullah II received the visiting prime minister in Amman. "His Majesty and I have directed our '
        "officials to finish the water deal this year."
    )
    events = pipeline.process_article(make_article(body, published_at=PUB))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # single officials a leader commands, and chiefs of the forces and services (two-word entries)
        ("President Gustavo Petro told the police chief to reopen the mountain roads by Friday.", ["COL"]),
        ("Chancellor Olaf Scholz asked his national security adviser to prepare options for the summit.", ["DEU"]),
        ("Prime Minister Fumio Kishida instructed the chief cabinet secretary to brief the opposition.", ["JPN"]),
        ("President Emmanuel Macron ordered army commanders in the Sahel to pull back to their bases.", ["FRA"]),
    ],
)
def test_officials_and_service_chiefs_a_leader_commands(pipeline: Any, body: str, expected: list[str]) -> None:
    """An adviser, a secretary, commanders and a service's chief are the leader's own to instruct."""
    assert instructions(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "President Jair Bolsonaro told Vale chief Eduardo Bartolomeo to compensate the families.",
        "Prime Minister Boris Johnson asked tribal chiefs and village elders to back the vaccination drive.",
        # commanders and secretaries who are not the leader's own: an armed group's, a sports board's, a party's
        "President Gustavo Petro asked guerrilla commanders to hand over their weapons by Friday.",
        "Prime Minister Narendra Modi asked the cricket board secretary to explain the fixing scandal.",
        "Prime Minister Fumio Kishida asked the secretary-general of his party to prepare for the election.",
    ],
)
def test_chiefs_commanders_and_secretaries_of_others_are_no_state_body(pipeline: Any, body: str) -> None:
    """A chief, commanders or a secretary count only with a state service or office before them (army, police,
    cabinet, foreign ...)."""
    assert instructions(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a cleft: the relative pronoun subject is the leader it stands for
        ("It was Prime Minister Keir Starmer who ordered the navy to escort the tankers.", [["GBR"]]),
        # the relative pronoun object is the body, wherever the parser hung it
        (
            "The inquiry will be run by a cabinet committee, which President William Ruto has told to report "
            "within a month.",
            [["KEN"]],
        ),
        (
            "The coast guard, which Prime Minister Fumio Kishida instructed to step up patrols near the islands, "
            "sent three cutters.",
            [["JPN"]],
        ),
        # the antecedent is the giver, not the leader of the main clause
        (
            "President Emmanuel Macron praised the Italian prime minister, Giorgia Meloni, who ordered the navy to "
            "rescue the migrants.",
            [["ITA"]],
        ),
        # what a relative clause says of the giver names no giver
        (
            "President Lula, who met Chancellor Olaf Scholz on Monday, told his ministers to prepare a trade plan.",
            [["BRA"]],
        ),
        # a minister's order stays out, cleft or not
        ("It was the defence minister who ordered the troops to withdraw from the border.", []),
    ],
)
def test_relative_pronouns_stand_for_their_antecedents(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'it was X who ordered', 'the committee, which X told to': the pronoun is the giver or the body it stands for;
    a relative clause on the giver ('Lula, who met Scholz') adds no giver."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a body that has, holds or received a leader's orders or authorisation to act was instructed
        (
            "The coast guard now has orders from President Ferdinand Marcos Jr. to board any vessel that enters the "
            "reef.",
            [["PHL"]],
        ),
        (
            "The finance ministry received the authorisation of Prime Minister Keir Starmer to sell the bank shares.",
            [["GBR"]],
        ),
        ("Negotiators have a mandate from President Joe Biden to settle the dispute by June.", [["USA"]]),
        (
            "President Yoon Suk Yeol flew to the border town on Tuesday. The army has the president's permission to "
            "fire on armed intruders.",
            [["KOR"]],
        ),
        # no body holds them, a party's support, a union's leadership, an order of long ago
        ("Critics said the orders from President Joe Biden were vague.", []),
        ("The opposition party has the support of President Joe Biden to pass the bill.", []),
        ("The union has orders from its leadership to strike.", []),
        ("The team had orders from President Ronald Reagan in 1981 to leave the city.", []),
    ],
)
def test_a_body_holding_a_leaders_orders_was_instructed(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'the team has orders from the president to', 'the ministry received the authorisation of X to': the body
    holding the leader's orders or authorisation was instructed by the leader."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # told to stay in office: a government, whatever the noun calls it
        (
            "President Sergio Mattarella asked the outgoing centre-right alliance to stay on as a caretaker "
            "government until the new parliament meets.",
            [["ITA"]],
        ),
        # a that-clause with a bare verb under a verb of requesting is what to do
        (
            "Head of state Alexander Van der Bellen, his office said, requested that the departing three-party "
            "coalition continue in office on an interim basis.",
            [["AUT"]],
        ),
        ("President Sergio Mattarella requested that the coalition stay in power until the budget passes.", [["ITA"]]),
        # no office kept, another state's coalition, no leader, a party's official, speech
        ("President Emmanuel Macron asked the coalition partners to stay calm.", []),
        ("President Joe Biden asked the allied coalition to remain in Iraq as a deterrent.", []),
        ("President Emmanuel Macron asked the German coalition to remain in office.", []),
        ("The party asked the coalition to remain in office.", []),
        ("Prime Minister Keir Starmer asked the party chairman to stay in post until the conference.", []),
        ("President Joe Biden told officials that they need more time.", []),
    ],
)
def test_asked_to_stay_in_office_is_a_government(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'asked the outgoing coalition to carry on as a caretaker administration', 'requested that the coalition remain
    in office': the object kept in office is the leader's government; a that-clause with a bare verb under a verb of
    requesting says what to do."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # narrated on from a moment two years back: background
        (
            "Two years ago this week, a cyclone flattened the port of Beira. In the days that followed, President "
            "Filipe Nyusi ordered the army to fly food to the stranded villages.",
            [],
        ),
        (
            "A year ago, the dam burst above the town. Within hours Prime Minister Rishi Sunak had told the army "
            "to evacuate the valley.",
            [],
        ),
        # the same narration from a moment of this week is news
        (
            "On Monday a cyclone flattened the port of Beira. In the days that followed, President Filipe Nyusi "
            "ordered the army to fly food to the stranded villages.",
            [["MOZ"]],
        ),
    ],
)
def test_narrating_on_from_a_recalled_moment_is_background(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'A year ago today, ... In the hours that followed, she had instructed ...': an anniversary story narrates the
    old moment on; the order belongs to it (core/frames.py)."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'the head of state' is the one head of state the story named; 'invited' his own ministers to act
        (
            "President Sergio Mattarella met the outgoing premier on Tuesday. The head of state invited Giorgia "
            "Meloni and her ministers to remain in office for current business.",
            [["ITA"]],
        ),
        (
            "President Emmanuel Macron and Chancellor Olaf Scholz met in Berlin. The head of state invited his "
            "ministers to draft a plan.",
            [["FRA"]],
        ),
        ("President Emmanuel Macron invited his ministers to propose savings of ten billion euros.", [["FRA"]]),
        # an invitation to a guest, to another state's delegation or officials is no instruction
        ("President Emmanuel Macron invited Chancellor Olaf Scholz to visit Paris in May.", []),
        ("President Xi Jinping invited the American delegation to tour the factory.", []),
        ("Prime Minister Narendra Modi invited Japanese officials to invest in the rail corridor.", []),
        # two heads of state named: 'the head of state' is no one
        (
            "President Emmanuel Macron and President Joe Biden met in Paris. The head of state invited his "
            "ministers to draft a plan.",
            [],
        ),
    ],
)
def test_the_head_of_state_invited_his_own_ministers(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'invited X and his ministers to remain in office': a leader inviting his own bodies to act instructs them;
    'the head of state' is the one head of state the article named."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the behest's giver named by its signing; what it obliges the bodies to do is its content
        ("Under a directive signed by President Joe Biden, federal agencies must stop buying the software.", [["USA"]]),
        (
            "Under a decree bearing President Vladimir Putin's signature, reservists were called up on Tuesday.",
            [["RUS"]],
        ),
        (
            "President Vladimir Putin spoke on Tuesday. Under a decree now in force on his signature, the army has "
            "begun a call-up.",
            [["RUS"]],
        ),
        # a governor's or an international body's, a possibility, and 'decreased'
        ("Under a decree signed by the governor, schools will close.", []),
        ("Under a directive of the European Commission, member states must cut emissions.", []),
        ("Under a directive signed by President Joe Biden, federal agencies could stop buying the software.", []),
        ("Prices decreased sharply after President Joe Biden spoke.", []),
    ],
)
def test_a_behest_named_by_its_signer(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'under a directive signed by the President', 'under a decree now in force on his signature': the signer's
    directive or decree is the leader's instruction to the bodies the clause names."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'he' in what a speaker reports is the speaker, not the listener named last
        (
            "President Emmanuel Macron told Chancellor Olaf Scholz he had instructed the defence ministry to speed up "
            "the tank order.",
            [["FRA"]],
        ),
        (
            "Prime Minister Fumio Kishida told President Joe Biden that he had asked the trade ministry to review the "
            "chip rules.",
            [["JPN"]],
        ),
        # 'he and X': both
        (
            "President Emmanuel Macron told reporters he and Chancellor Olaf Scholz had instructed their finance "
            "ministers to draft a plan.",
            [["DEU", "FRA"]],
        ),
        # a commander reporting his own order, after a sentence about the leader
        (
            "President Joe Biden flew to Texas on Monday. A border commander, General Ray Ortiz, said he had ordered "
            "his troops to hold the crossing.",
            [],
        ),
        (
            "Prime Minister Hun Manet visited the border on Monday. A Cambodian commander at the pass said he had "
            "ordered his troops not to fire first.",
            [],
        ),
        # a minister reporting his own order to a leader gives no leader's instruction
        (
            "Interior Minister Gerald Darmanin told President Emmanuel Macron he had ordered the police to clear the "
            "square.",
            [],
        ),
    ],
)
def test_he_in_a_report_is_the_speaker(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'X told Y he had directed the ministry': the order is the speaker's."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a member titled 'Secretary of State' (parsed as a nominal modifier), the head of a chancellery
        (
            "President Joe Biden asked Secretary of State Antony Blinken to fly to Cairo to press for a ceasefire.",
            [["USA"]],
        ),
        (
            "Chancellor Olaf Scholz instructed the head of the Chancellery, Wolfgang Schmidt, to call the Polish "
            "government.",
            [["DEU"]],
        ),
        # another state's minister, an international organisation's officer
        ("President Joe Biden asked Israeli Minister of Defense Yoav Gallant to let the convoys in.", []),
        ("President Joe Biden asked Secretary General of NATO Jens Stoltenberg to convene the allies.", []),
    ],
)
def test_titled_members_with_of_and_the_chancellery(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'Secretary of State X' is a member of the leader's government as 'Economy Secretary X' is; the chancellery
    is the chancellor's office."""
    assert instructions(pipeline, body) == expected


def test_a_leader_called_by_the_name_the_article_wrote(pipeline: Any) -> None:
    """'Cristina Fernandez' named in full (Cristina Fernandez de Kirchner in the knowledge base): 'Mujica and
    Fernandez instructed' is both presidents'."""
    body = (
        "President Cristina Fernandez received President Jose Mujica in Buenos Aires. Mujica and Fernandez "
        "instructed their foreign ministers to finish the river plan."
    )
    found = states_found(pipeline, body, "ministry_instruction", published_at="2010-07-28T15:00:00+00:00")
    assert found == [["ARG", "URY"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the behest's giver after 'from', and 'following' as a behest's preposition
        (
            "Acting on instructions from Prime Minister Narendra Modi, the foreign ministry summoned the envoy.",
            [["IND"]],
        ),
        ("Following instructions from President Lula, the Brazilian navy has deployed to the coast.", [["BRA"]]),
        # the passive subject of the ordered clause is the body
        ("President Cyril Ramaphosa has ordered that the army be deployed to the townships.", [["ZAF"]]),
        # permission, authorisation and the green light given to a body
        (
            "President Recep Tayyip Erdogan has given the green light to the army to begin the operation.",
            [["TUR"]],
        ),
        ("Prime Minister Keir Starmer gave the Treasury permission to borrow more.", [["GBR"]]),
        # no behest noun, no body, another state's leader
        ("Following talks from President Lula, the navy moved.", []),
        ("President Joe Biden ordered that the report be published.", []),
        ("President Joe Biden gave the green light to the merger of the two airlines.", []),
        ("President Emmanuel Macron gave Chancellor Olaf Scholz permission to speak first.", []),
    ],
)
def test_instructions_from_permissions_and_ordered_clauses(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'acting on instructions from X', 'following instructions from X', 'ordered that the army be deployed', 'gave
    the green light to the army to', 'gave the Treasury permission to'."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Chancellor Olaf Scholz's order to the ministries last year to freeze hiring remains in place.", []),
        ("On the orders of Prime Minister Narendra Modi, issued in 2019, the navy patrols the strait.", []),
        ("Chancellor Olaf Scholz's order to the ministries on Monday to freeze hiring took effect.", [["DEU"]]),
    ],
)
def test_a_held_order_dated_long_ago_by_its_own_phrase(pipeline: Any, body: str, expected: list[Any]) -> None:
    """A leader's order named as a noun is dated by its own phrase ('last year', 'issued in 2019') as well as by
    the clause it stands in."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'them' after a two-word body named in the sentence
        (
            "President Vladimir Putin summoned his security chiefs and ordered them to tighten border controls.",
            [["RUS"]],
        ),
        # a quote's 'I' is its speaker named after it
        ('"I have told the finance minister to find the money," Prime Minister Justin Trudeau said.', [["CAN"]]),
        ('"I have asked my ministers to prepare a plan," said President Emmanuel Macron.', [["FRA"]]),
        # the pronoun in what a body reports is the body
        (
            "Officials at the ministry said they had been instructed by President Lula to prepare the decree.",
            [["BRA"]],
        ),
        (
            "The defence ministry said it had received orders from President Volodymyr Zelensky to strengthen the "
            "northern front.",
            [["UKR"]],
        ),
        # a time given to act in
        ("President William Ruto gave the police 48 hours to clear the roads.", [["KEN"]]),
        ("Prime Minister Rishi Sunak gave the Home Office until Friday to produce a plan.", [["GBR"]]),
        # near misses: the opposition, farmers, another state's army, students, a speech
        ("The opposition said it had been asked by President Lula to join the talks.", []),
        ("Farmers said they had been told by President Emmanuel Macron to wait.", []),
        ("President Joe Biden gave the Israeli army 48 hours to let more aid in.", []),
        ("President Joe Biden gave the students a week to leave the campus.", []),
        ("President Emmanuel Macron gave a speech on Monday to defend the reform.", []),
    ],
)
def test_pronouns_of_speakers_and_bodies_and_deadlines(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'ordered them' after 'his security chiefs', a quote's 'I' named after it, 'they'/'it' in what a body reports,
    and a time given to a body to act in ('gave the police 48 hours to')."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a bare plural right after a sentence naming such a group's states is that group
        (
            "President Vladimir Putin hosted President Ilham Aliyev and Prime Minister Nikol Pashinyan in Sochi on "
            "Monday. The leaders of Azerbaijan and Armenia agreed to keep the ceasefire. The leaders also instructed "
            "their foreign ministers to draft a peace text.",
            [["ARM", "AZE"]],
        ),
        # with no such group before it, the article's meeting
        (
            "President Vladimir Putin hosted President Ilham Aliyev and Prime Minister Nikol Pashinyan in Sochi on "
            "Monday. The leaders instructed their foreign ministers to draft a peace text.",
            [["ARM", "AZE", "RUS"]],
        ),
    ],
)
def test_a_bare_plural_after_a_named_group_is_that_group(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'the presidents of Azerbaijan and Armenia will continue work. The presidents have also instructed ...': the
    two named, not the whole three-party meeting."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 'he' in a spokesman's report is the leader he speaks for
        (
            "Chancellor Olaf Scholz returned from Brussels on Tuesday. He also told the finance ministry to freeze new "
            "spending, his spokesman said.",
            [["DEU"]],
        ),
        # 'he' in a named private person's report is that person
        (
            "President Emmanuel Macron received the investor Pierre Dumont at the Elysee on Tuesday. Dumont said "
            "afterwards that he had asked his team to draw up plans for a factory in France.",
            [],
        ),
        # a leader resolved from 'he' asking his own head of government
        (
            "President Sergio Mattarella said he had asked Prime Minister Giorgia Meloni to present a new budget plan.",
            [["ITA"]],
        ),
    ],
)
def test_who_he_is_in_a_report(pipeline: Any, body: str, expected: list[Any]) -> None:
    """A spokesman speaks for his principal; a named person who is no leader speaks of himself; a resolved 'he'
    gives an order to his own head of government."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a leader's surname at the end of a minister's double-barrelled name is no leader
        (
            "President Cyril Ramaphosa tasked Defence Minister Thandi Modise-Zuma with drawing up a deployment plan.",
            ["ZAF"],
        ),
        # the verb the parser took for an adjective of the minister's title
        (
            'Ramaphosa tasked Foreign Minister Naledi Pandor with setting up a crisis cell in Pretoria "within '
            'hours," his office said.',
            ["ZAF"],
        ),
        # the leader after a fronted time phrase, taken for its apposition
        (
            "Earlier in the day Chancellor Olaf Scholz told the cabinet to prepare a relief package, his "
            "spokeswoman said.",
            ["DEU"],
        ),
        # where the leader speaks from or travels in names no giver
        (
            "Later that night President Cyril Ramaphosa, speaking from Brazil, ordered the police to reopen the highway.",
            ["ZAF"],
        ),
        (
            "That evening Chancellor Olaf Scholz, travelling in India, ordered the army to send more units east.",
            ["DEU"],
        ),
    ],
)
def test_misparsed_givers_and_bodies(pipeline: Any, body: str, expected: list[str]) -> None:
    """Parses that lose the giver or the body (a double-barrelled name, a past verb hung as an adjective, a name
    taken into a time phrase) and a participle clause that names a place, not a giver."""
    assert instructions(pipeline, body) == [expected]


def test_a_day_taken_into_the_leaders_name(pipeline: Any) -> None:
    """'Late on Thursday Boric, ...': the parser takes the day for part of the name in the time phrase; the name is
    the subject."""
    body = (
        "Late on Thursday Boric, speaking from Madrid, instructed the interior ministry to close the northern "
        "crossings, his spokeswoman said."
    )
    assert instructions(pipeline, body) == [["CHL"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chancellor Olaf Scholz and President Emmanuel Macron met in Paris on Tuesday. Finance Minister Christian "
            "Lindner and Economy Minister Bruno Le Maire will lead the working group. The two leaders tasked them with "
            "drafting a joint industrial plan by June.",
            [["DEU", "FRA"]],
        ),
        # one official before 'them' (and protesters): no group of officials for the pronoun
        (
            "Police chief Max Weber said protesters had blocked the bridge in Berlin. Chancellor Olaf Scholz ordered "
            "them to clear it.",
            [],
        ),
    ],
)
def test_them_after_a_sentence_naming_officials(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'them' right after a sentence naming two or more officials by title is those officials, the leaders' bodies."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("President Cyril Ramaphosa ordered the relevant sectors to prepare for the power cuts.", [["ZAF"]]),
        ("President Cyril Ramaphosa instructed all relevant quarters to speed up the plant repairs.", [["ZAF"]]),
        # a domain not marked as the leader's own is no body
        ("President Cyril Ramaphosa ordered the energy sector to cut prices.", []),
    ],
)
def test_the_relevant_fields_are_the_leaders_bodies(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'the relevant fields / sectors / quarters': domains of the state's work marked as the leader's own."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the leaders open the sentence before; the minister after them only names where they talked
        (
            "Chancellor Olaf Scholz and President Emmanuel Macron met in Paris on Tuesday. The two leaders talked for "
            "an hour at the Hotel de Marigny, the French foreign minister's guest house. In a joint statement, they "
            "said they had ordered their negotiators to finish the tank treaty by June.",
            [["DEU", "FRA"]],
        ),
        # a minister opens the sentence before: 'they' are not the leaders
        (
            "Chancellor Olaf Scholz and President Emmanuel Macron met in Paris on Tuesday. Foreign Minister Annalena "
            "Baerbock later met the two leaders' envoys. They ordered their negotiators to finish the tank treaty by "
            "June.",
            [],
        ),
    ],
)
def test_they_after_a_sentence_opened_by_the_leaders(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'they' is the leaders when the sentence before opened with them, whatever official it names later."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the gerund of 'by' is done by the subject of the verb it hangs off
        (
            "President Luiz Inacio Lula da Silva and President Gustavo Petro closed their meeting in Brasilia on "
            "Tuesday by instructing their foreign ministers to prepare a border accord.",
            [["BRA", "COL"]],
        ),
        # ... not that of 'for', done by the object
        ("President Lula thanked President Gustavo Petro for ordering the army to protect the reserve.", []),
        # a participle set between subject and verb has no subject of its own
        (
            "President Javier Milei and President Lula, concluding a one-day summit at the border, on Friday ordered "
            "their energy ministers to finish a gas pipeline study.",
            [["ARG", "BRA"]],
        ),
        # a member title with the body it heads
        (
            "President Joe Biden said on Monday he had directed the secretary of the Treasury to open talks with "
            "Mexico on remittances.",
            [["USA"]],
        ),
        # a job given, its givers hung by the parser inside the job's phrase
        (
            "President Lula met President Javier Milei in Buenos Aires on Monday. Foreign Minister Mauro Vieira and "
            "Foreign Minister Diana Mondino were given the job of overseeing the new negotiations by the two "
            "presidents.",
            [["ARG", "BRA"]],
        ),
        (
            "President Lula met President Javier Milei in Buenos Aires on Monday. The two foreign ministers were given "
            "the job of preparing the trade talks by the two presidents, officials said.",
            [["ARG", "BRA"]],
        ),
        # an announced instruction set for an occasion of a named day
        (
            '"I will give instructions to the Interior Ministry at Monday\'s cabinet session," Prime Minister Pedro '
            "Sanchez told reporters.",
            [["ESP"]],
        ),
        # a passive whose named officials follow a fronted attribution
        (
            "President Joe Biden met President Andres Manuel Lopez Obrador at the White House on Monday. According to "
            "the statement, Finance and Public Credit Secretary Rogelio Ramirez and U.S. Commerce Secretary Gina "
            "Raimondo were instructed by both presidents to prepare a supply chain plan before the end of May.",
            [["MEX", "USA"]],
        ),
        # a foreign leader's title is no body of the speaker's: telling him is no order
        (
            "President Emmanuel Macron told Italy's prime minister on Monday that Italian ports must take in more "
            "rescue ships.",
            [],
        ),
        (
            "Chancellor Olaf Scholz told Poland's prime minister during their talks that Polish grain must stay off "
            "German markets.",
            [],
        ),
    ],
)
def test_wire_shapes_of_who_gave_and_who_got_the_order(pipeline: Any, body: str, expected: list[Any]) -> None:
    """Terse wire copy: gerunds and participles around the instructing verb, member titles, jobs given, a day's
    occasion, and a foreign leader told (no order)."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a member noun with a cabinet portfolio after 'of' is a member of the government
        (
            "WASHINGTON (AP) _ President Reagan has asked the secretary of agriculture to open talks with Moscow on a "
            "new grain deal, the White House said.",
            [["USA"]],
        ),
        (
            "WASHINGTON (UPI) -- President Reagan directed the Secretary of Defense on Tuesday to prepare a report on "
            "the MX missile.",
            [["USA"]],
        ),
        # ... not of a party, nor when lawmakers ask
        ("WASHINGTON (AP) _ President Reagan asked the secretary of the party to resign.", []),
        ("WASHINGTON (AP) _ Senators asked the secretary of the Treasury to explain the dollar's slide.", []),
        # a minister's surname that a later prime minister bore is still the minister's
        (
            "TOKYO, May 8 Kyodo - Prime Minister Yasuhiro Nakasone told Trade Minister Kenji Abe to draw up a plan "
            "for lower tariffs on plywood, aides said.",
            [["JPN"]],
        ),
        # a board named as a state's body by its proper name, not a company's board
        (
            "SEOUL, May 8 (Yonhap) -- President Chun Doo-hwan ordered the Economic Planning Board to work out measures "
            "to cut the trade deficit with Japan, his spokesman said.",
            [["KOR"]],
        ),
        ("SEOUL, May 8 (Yonhap) -- President Chun Doo-hwan ordered the board of the Hyundai group to cut prices.", []),
        # a former prime minister is no body of the state
        (
            "TOKYO, May 8 Kyodo - Prime Minister Yasuhiro Nakasone asked former Prime Minister Takeo Fukuda to lead "
            "a mission to Washington, aides said.",
            [],
        ),
    ],
)
def test_cabinet_members_by_portfolio_and_by_title(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'the secretary of commerce' and 'Trade Minister X' are members of the leader's government; a former leader
    is not."""
    events = pipeline.process_article(make_article(body, published_at="1984-05-09T15:00:00+00:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == expected


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # the infinitive hung on the participle that describes the addressees
        (
            "Chancellor Helmut Kohl then told Economics Ministry officials waiting in Bonn to prepare a list of "
            "projects for the loan.",
            "1988-10-25T12:00:00+01:00",
            ["DEU"],
        ),
        # a body of several words after 'to', a title after it in apposition
        (
            "President Fidel Ramos gave instructions to the Armed Forces Chief, General Lisandro Abadia, to step up "
            "patrols along the southern coast.",
            "1993-04-14T12:00:00+08:00",
            ["PHL"],
        ),
    ],
)
def test_addressees_of_agency_idiom(pipeline: Any, body: str, published: str, expected: list[str]) -> None:
    events = pipeline.process_article(make_article(body, published_at=published))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [expected]


def test_a_fronted_by_phrase_of_time_is_no_agent_of_a_perfect(pipeline: Any) -> None:
    """'By Friday evening, Lula had given the ministry ten days to ...': an active perfect, Lula's order."""
    body = (
        "By Friday evening, President Lula had given the finance ministry ten days to present a plan for the "
        "ethanol tariffs."
    )
    assert instructions(pipeline, body) == [["BRA"]]


def test_a_givers_conjunct_the_parser_split_off_is_still_a_giver(pipeline: Any) -> None:
    """'tasked by the emir and Modi with ...', with the name parsed as a verb: both leaders gave the task."""
    body = (
        "Emir Tamim bin Hamad Al Thani held talks with Prime Minister Narendra Modi in New Delhi on Monday. Both "
        "countries' energy ministries were tasked by the emir and Modi with setting up a joint panel to resolve "
        "pricing issues in the gas contract."
    )
    events = pipeline.process_article(make_article(body, published_at="2024-02-20T10:00:00+03:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [["IND", "QAT"]]


def test_each_leader_instructing_his_own_team_is_both_leaders(pipeline: Any) -> None:
    """'each leader gave instructions to his own negotiators', after a sentence on their meeting: both states."""
    body = (
        "Modi and Ramaphosa met in New Delhi on Monday. An Indian official said each leader gave instructions to his "
        "own trade negotiators to close the remaining gaps by June."
    )
    assert instructions(pipeline, body) == [["IND", "ZAF"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("President Javier Milei has ordered the central bank to stop printing pesos.", ["ARG"]),
        ("President Recep Tayyip Erdogan ordered the central bank to cut rates again.", ["TUR"]),
        (
            "Chancellor Olaf Scholz commissioned the economy ministry to draft a rescue plan for the steelmakers.",
            ["DEU"],
        ),
    ],
)
def test_a_central_bank_is_an_agency_and_commissioning_a_body_tasks_it(
    pipeline: Any, body: str, expected: list[str]
) -> None:
    """A central bank is a state agency a leader can order; 'commissioned the ministry to' tasks it like 'asked'."""
    assert instructions(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "President Donald Trump urged the European Central Bank to cut rates.",  # another's bank, urged
        "Prime Minister Shinzo Abe asked the U.S. central bank to go slow on rate rises.",  # another state's bank
        "Chancellor Olaf Scholz commissioned a new portrait for the chancellery.",  # a thing, not a body
        "The central bank governor told the bank's staff to work through the weekend.",  # not a leader
    ],
)
def test_central_bank_and_commissioning_near_misses_stay_out(pipeline: Any, body: str) -> None:
    """Another state's or a union's central bank, a commission for a thing, a governor's order: no instruction."""
    assert instructions(pipeline, body) == []


def test_a_source_after_according_to_is_not_the_name_of_the_title_after_it(pipeline: Any) -> None:
    """'According to X, the president and the prime minister instructed ...': X tells it; the president is the
    one the article named."""
    body = (
        "Peruvian President Pedro Castillo and Spanish Prime Minister Pedro Sanchez ended their talks in Lima on "
        "Friday, spokesman Ramon Quispe told reporters. According to Quispe, the president and the prime minister "
        "instructed their governments to draft an investment plan within a month."
    )
    events = pipeline.process_article(make_article(body, published_at="2022-03-18T20:00:00-05:00"))
    assert [e.countries for e in events if e.event_type == "ministry_instruction"] == [["ESP", "PER"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a minister the quote names is not who 'he' after the quote is
        (
            'President Gustavo Petro addressed the cabinet on Tuesday. "I have ordered Defence Minister Ivan '
            'Velasquez to withdraw the battalion," he said at a briefing with Velasquez and the army chief.',
            [["COL"]],
        ),
        # an ambassador is an official a leader can task; another state's is not his
        (
            "President Gustavo Petro spoke with Lula on Tuesday. Aides said Petro then told Colombia's ambassador "
            "in Brasilia to draft a joint note on river patrols with the Brazilian foreign ministry.",
            [["COL"]],
        ),
        (
            "President Gustavo Petro spoke with Lula on Tuesday. Petro told the Brazilian ambassador to pass on his "
            "thanks.",
            [],
        ),
    ],
)
def test_a_quoted_minister_is_not_the_speaker_and_an_ambassador_is_a_body(
    pipeline: Any, body: str, expected: list[list[str]]
) -> None:
    """The speaker of a quote is not someone the quote names; an own ambassador can be instructed."""
    assert instructions(pipeline, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("President Xi Jinping called for the relevant departments to restore power to the flooded towns.", [["CHN"]]),
        ("President Xi Jinping called for all parties to show restraint.", []),
        ("President Xi Jinping called for the departments of other countries to share flood data.", []),
        ("Prime Minister Giorgia Meloni called for European governments to tighten their borders.", []),
    ],
)
def test_calling_for_ones_own_bodies_to_act_instructs_them(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'called for the relevant departments to ...' (parsed as the subject of a 'for'-clause) is 'called on': an
    instruction to the leader's own bodies; parties, other countries' departments or governments: none."""
    assert instructions(pipeline, body) == expected


def _found(pipeline: Any, body: str, published: str, event_type: str) -> list[list[str]]:
    events = pipeline.process_article(make_article(body, published_at=published))
    return [e.countries for e in events if e.event_type == event_type]


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # a surname the article spells with accents, the knowledge base without, is still the leader's
        (
            "Spanish Prime Minister Felipe González received President Mário Soares of Portugal in Madrid on Monday. "
            "González instructed the foreign ministry to draft a fisheries protocol with Lisbon.",
            "1990-05-08T12:00:00+02:00",
            [["ESP"]],
        ),
        # 'the prime minister' is no one who held that office only in other years (Putin in 2023)
        (
            "Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Moscow on Monday. "
            "Diplomats travelling with Pashinyan were told by the prime minister to remain in Moscow for two days to "
            "prepare a draft accord.",
            "2023-05-25T12:00:00+03:00",
            [["ARM"]],
        ),
        # the body of a for-phrase with an infinitive after it is who is to act (as a prepositional phrase or
        # parsed as a clause of its own)
        (
            "Tanzanian President Samia Suluhu Hassan said she had given orders for the police to reopen the road to "
            "the lake by Friday.",
            "2023-05-25T12:00:00+03:00",
            [["TZA"]],
        ),
        (
            "President Yoweri Museveni said on Sunday he had issued orders for the army to pull back from the border "
            "town.",
            "2023-05-25T12:00:00+03:00",
            [["UGA"]],
        ),
        (
            "President Yoweri Museveni said on Sunday he had given permission for the journalists to leave the border "
            "town.",
            "2023-05-25T12:00:00+03:00",
            [],
        ),
        # a proper name given with its acronym in brackets is an institution's, his state's unless international
        (
            '"I have given instructions to the National Water and Sewerage Corporation (NWSC) to restore supply to the '
            'camps," President Yoweri Museveni told reporters on Sunday.',
            "2023-05-25T12:00:00+03:00",
            [["UGA"]],
        ),
        (
            '"I have given instructions to the United Nations Development Programme (UNDP) to restore supply to the '
            'camps," President Yoweri Museveni told reporters on Sunday.',
            "2023-05-25T12:00:00+03:00",
            [],
        ),
        # guidance issued to bodies is an instruction, decided together by two leaders
        (
            "President Ferdinand Marcos Jr. and President Joko Widodo met in Jakarta on Monday. The two presidents "
            "decided to issue guidance to their defence ministries to avoid confrontations at sea.",
            "2023-05-25T12:00:00+03:00",
            [["IDN", "PHL"]],
        ),
    ],
)
def test_newsroom_shapes_of_an_order(pipeline: Any, body: str, published: str, expected: list[list[str]]) -> None:
    assert _found(pipeline, body, published, "ministry_instruction") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("President Kassym-Jomart Tokayev decreed that the cabinet must draft a new tax code by June.", [["KAZ"]]),
        ("President Kassym-Jomart Tokayev decreed a day of national mourning.", []),
        ("The constitutional court decreed that the ministry must repay the fines.", []),
    ],
)
def test_a_leader_decreeing_that_a_body_must_act_instructs_it(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'decreed that the cabinet must ...' is 'ordered that ...'; a decreed mourning day or a court's decree is none."""
    assert instructions(pipeline, body) == expected


def test_a_minister_the_article_titled_is_a_body_when_called_by_surname(pipeline: Any) -> None:
    """'accompanied by Trade Minister Tom Varga ... had instructed Mr Varga to': the minister named with no state of
    his own is still the one the surname means, a member of his leader's government."""
    body = (
        "Prime Minister Anthony Albanese, who was accompanied by Trade Minister Tom Varga, met President Xi Jinping in "
        "Beijing on Monday. Albanese said later he had instructed Mr Varga to keep open the talks on wine tariffs."
    )
    assert instructions(pipeline, body) == [["AUS"]]
    senator = (
        "President Joe Biden met Prime Minister Fumio Kishida on Monday, with Senator Tom Varga of Ohio in the room. "
        "The Biden administration has asked Varga to offer a chip bill, an aide said."
    )
    assert instructions(pipeline, senator) == []  # a legislator is no member of a state body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a company given with its ticker is no agency
        ("President Lula ordered Vale Holdings (VALE) to halt the dam works on Tuesday.", []),
        ("Putin ordered Rosneft Group (RNFT) to cut fuel prices on Tuesday.", []),
        # a state institution's head word or a state mark makes the bracketed name the leader's agency
        ("Erdogan ordered the Disaster and Emergency Management Authority (AFAD) to send tents on Tuesday.", [["TUR"]]),
        ("Lula instructed the National Indian Foundation (FUNAI) to map the land on Tuesday.", [["BRA"]]),
    ],
)
def test_a_name_with_its_acronym_is_an_agency_only_when_it_names_one(
    pipeline: Any, body: str, expected: list[list[str]]
) -> None:
    """A proper name followed by its acronym in brackets is the leader's agency only if its words say so (an
    institution's head word, or 'State'/'National'/the demonym), never with a company's word."""
    assert instructions(pipeline, body) == expected

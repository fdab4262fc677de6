"""The extraction engine, rule by rule, on sentences written for these tests.

Every case runs the whole engine (reading + gazetteer resolution with the bundled data).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gazetteer
from geoconflict import pipeline
from geoconflict.extract import extract_articles, extract_incidents, read_drafts
from geoconflict.geojson import write_incidents_geojson
from geoconflict.records import Article, Incident

FRIDAY = dt.date(2018, 2, 9)


@pytest.fixture(scope="module")
def resolver():  # type: ignore[no-untyped-def]
    return gazetteer.default_resolver()


def run(text: str, resolver, date: dt.date | None = FRIDAY, doc: str = "t") -> list[Incident]:  # type: ignore[no-untyped-def]
    return extract_incidents(Article(doc, text, date=date), resolver=resolver)


def one(text: str, resolver, **kw) -> Incident:  # type: ignore[no-untyped-def]
    found = [
        i
        for i in run(text, resolver, **kw)
        if i.killed_best is not None or i.injured_best is not None
    ]
    assert len(found) == 1, [(i.text, i.killed_best, i.injured_best) for i in found]
    return found[0]


def _total(found: list[Incident]) -> int | None:
    """The article's toll as totals count it (:func:`geoconflict.pipeline.counted`)."""
    tolls = [i.killed_best for i in found if i.killed_best is not None and pipeline.counted(i)]
    return sum(tolls) if tolls else None


# --------------------------------------------------------------------------------------------
# Casualty counts: voice, qualifiers, number words
KILLED = [
    ("Warplanes bombed the town of Saraqib, killing 14 civilians.", 14, 14, 14),
    ("Artillery shells killed at least 12 people in Douma on Monday.", 12, 12, None),
    ("Seven people were killed when a mortar hit a school in Jobar.", 7, 7, 7),
    ("Twenty-three civilians died in an air raid on Maarat al-Numan.", 23, 23, 23),
    ("An air strike on Kafr Batna left nine people dead.", 9, 9, 9),
    ("The bombing of Atareb claimed the lives of 31 people.", 31, 31, 31),
    ("Shelling on Harasta killed about 40 people.", None, 40, None),
    ("More than 60 people were killed in raids on Jisr al-Shughur.", 61, 61, None),
    ("Between 10 and 15 fighters were killed in clashes near Tal Rifaat.", 10, 10, 15),
    ("Up to 20 soldiers died in an ambush near Palmyra.", None, 20, 20),
    ("Dozens of civilians were killed in barrel bomb attacks on Daraya.", 24, 24, None),
    ("A child was killed by a sniper in Deir ez-Zor city.", 1, 1, 1),
    ("A suicide bomber killed eleven people at a checkpoint in Azaz.", 11, 11, 11),
    ("Gunmen shot dead four men in the village of Tadef.", 4, 4, 4),
    ("The air raid on Saraqib claimed 12 lives.", 12, 12, 12),
    ("Rocket fire on Mhardeh left 5 martyrs.", 5, 5, 5),
    ("Rescuers recovered the bodies of 14 people from the rubble in Ariha.", 14, 14, 14),
    ("An air strike on Ariha killed a family of five.", 5, 5, 5),
    ("A family of six was killed when shells hit their home in Jobar.", 6, 6, 6),
]


@pytest.mark.parametrize(("text", "low", "best", "high"), KILLED, ids=[k[0][:40] for k in KILLED])
def test_killed_counts(text: str, low, best, high, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert (inc.killed_low, inc.killed_best, inc.killed_high) == (low, best, high)


def test_toll_phrases(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The death toll from the car bomb in Jableh rose to 45.", resolver)
    assert inc.killed_best == 45 and inc.event_type == "bombing"


def test_among_those_killed(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Two paramedics were among those killed in Kafr Nabl.", resolver)
    assert inc.killed_best == 2 and inc.killed_rescuers == 2


def test_list_of_victims_adds_up(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The clashes in Manbij killed 5 soldiers and 3 rebels.", resolver)
    assert inc.killed_best == 8
    assert set(inc.victims) >= {"troops", "fighters"}


def test_list_of_word_counts_before_a_passive_verb_adds_up(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Four children, two women and three men were killed by shelling in Ariha.", resolver)
    assert inc.killed_best == 9
    assert inc.killed_children == 4 and inc.killed_women == 2


def test_a_count_with_its_own_passive_verb_is_not_one_more_victim(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Jets killed 16 fighters, and 9 civilians were killed in Saqba.", resolver)
    assert sorted(i.killed_best for i in found) == [9, 16]
    assert all(i.part_of is None for i in found)


def test_elliptic_count_after_a_passive_verb(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Six people were killed in shelling on Saqba and three in Kafr Batna.", resolver)
    assert [(i.killed_best, i.place) for i in found] == [(6, "Saqba"), (3, "Kafr Batna")]


def test_where_the_attackers_were_is_not_where_it_happened(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Three civilians were killed on Monday when militants positioned in Harasta fired "
        "mortar shells on residential areas in Damascus city.",
        resolver,
    )
    assert inc.location.admin1 == "Damascus"


def test_headline_count_updated_in_the_body_is_one_incident(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes kill 17 in Saraqib\n\n"
        "Air strikes on the town of Saraqib killed at least 17 people on Sunday, rescuers said. "
        "Later, the death toll rose to 19.",
        resolver,
    )
    assert [i.killed_best for i in found] == [19]


@pytest.mark.parametrize(
    "past",
    [
        "In December, a similar bombing in Jarablus killed 31 people.",
        "Last month, an air strike on a bakery in Atareb killed 16.",
        "Two years ago, a car bomb in Qamishli killed 44 people.",
    ],
)
def test_an_earlier_event_told_as_background_is_not_an_incident(past: str, resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(f"A car bomb killed 9 people in Azaz on Thursday. {past}", resolver)
    assert [i.killed_best for i in found] == [9]


def test_a_fronted_period_makes_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Since January, the offensive has killed more than 300 people in Saqba.", resolver)
    assert inc.is_cumulative


def test_a_part_of_the_dead_adds_no_death(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Barrel bombs killed 22 people in Anadan on Monday. Six children and two women "
        "were among the dead, rescuers said.",
        resolver,
    )
    assert [(i.killed_best, i.killed_children) for i in found] == [(22, 6)]


def test_a_part_of_the_dead_with_a_place_of_its_own_is_a_sub_incident(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes killed 15 civilians across Idlib province on Monday. Nine of them died "
        "in the town of Binnish.",
        resolver,
    )
    assert [(i.killed_best, i.part_of) for i in found] == [(15, None), (9, "t-001")]


def test_counts_that_add_up_to_a_total_told_before_are_its_parts(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Bombings in Homs and Jableh killed 60 people on Monday. "
        "A police source said 25 people were killed in the Homs blast. "
        "The explosion in Jableh killed 35, state media said.",
        resolver,
    )
    assert [i.killed_best for i in found if i.part_of is None] == [60]
    assert sorted(i.killed_best for i in found if i.part_of == "t-001") == [25, 35]


def test_another_sources_figure_widens_the_range(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Government air strikes on a market in Hass killed at least 30 people on Sunday. "
        "A local activist group said more than 40 people were killed.",
        resolver,
    )
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found] == [(30, 30, None)]
    found = run(
        "Shelling killed 12 people in Tafas on Sunday. The monitor said 15 people were killed.",
        resolver,
    )
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found] == [(12, 12, 15)]


def test_a_second_sources_figure_with_its_own_cause_restates_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    # The second source tells the event its own way (a rocket, not a bomb) two sentences
    # on, with a figure of the same size: one event, its range widened.
    found = run(
        "Two blasts tore through a bakery in Maarat al-Numan on Tuesday, killing at least 40 "
        "people, a monitor said. Rescuers dug through the rubble for hours. "
        "State television said a rocket fired by insurgents had killed 47 people.",
        resolver,
    )
    counted = [i for i in found if i.killed_best is not None and i.part_of is None]
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in counted] == [(40, 40, None)]


def test_a_second_sources_figure_names_the_place_an_unplaced_count_left_out(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Shelling near the city of Aleppo killed 30 people on Tuesday, activists said. "
        "State media said insurgents had fired rockets at the village of Hayyan, killing 28.",
        resolver,
    )
    counted = [i for i in found if i.killed_best is not None]
    assert [(i.killed_low, i.killed_best, i.place) for i in counted] == [(28, 30, "Hayyan")]


def test_an_earlier_toll_with_a_place_updates_an_unplaced_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The death toll from a barrel bomb attack on a town in southern Syria rose to 35 on "
        "Friday. The monitor, which had given a toll of 22 on Thursday, said the attack hit "
        "the town of Nawa.",
        resolver,
    )
    counted = [i for i in found if i.killed_best is not None]
    assert [(i.killed_low, i.killed_best, i.place) for i in counted] == [(22, 35, "Nawa")]


def test_a_later_figure_of_another_size_is_another_event(resolver) -> None:  # type: ignore[no-untyped-def]
    # 3 against 30: not two figures for the same dead, even with a source and no place.
    found = run(
        "Air strikes on Saraqeb killed 30 people on Tuesday. "
        "State media said a rocket had killed three soldiers.",
        resolver,
    )
    assert sorted(i.killed_best for i in found if i.killed_best is not None) == [3, 30]


def test_a_superlative_keeps_the_war_from_making_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Militants stormed villages east of Sweida on Wednesday, killing at least 56 people in "
        "one of the deadliest assaults on government-held territory in the war.",
        resolver,
    )
    assert (inc.killed_best, inc.is_cumulative) == (56, False)

def test_including_without_commas_keeps_the_total(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("In Ariha, 11 civilians including 4 children were killed by shelling.", resolver)
    assert (inc.killed_best, inc.killed_children) == (11, 4)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Some two dozen soldiers were killed on Monday in clashes near Morek.", 24),
        ("A citizen was martyred when terrorists fired shells on Mhardeh.", 1),
        ("A gunman shot and killed the mukhtar of Hajin village on Friday.", 1),
        ("5 members of the army and the allied militias were killed near Mayadeen.", 5),
        (
            "Three members of the Civil Defence, also known as the White Helmets, were killed "
            "when jets struck their centre in Kafr Zita.",
            3,
        ),
        ("Total: 7 civilian deaths in Jisr al-Shughour.", 7),
    ],
)
def test_more_ways_to_count_the_dead(text: str, killed: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).killed_best == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("An old man and his grandson were martyred by shelling on Inkhil.", 2),
        ("The head of the local council of Hajin was killed when an IED exploded.", 1),
        ("A helicopter came down near Tabqa, killing all 7 people on board.", 7),
        ("Rockets hit Azaz, killing 'at least a dozen' people, the monitor said.", 12),
        ("Three U.S. service members were killed in a blast in Manbij.", 3),
        ("Six civilians and a paramedic were killed in shelling on Kafr Batna.", 7),
        ("Twelve soldiers and militiamen and at least 9 rebels were killed near Morek.", 21),
        ("Nine civilians drowned when their boat sank in the Euphrates near Raqqa.", 9),
    ],
)
def test_victims_of_every_shape(text: str, killed: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).killed_best == killed


def test_a_speaker_after_a_count_is_no_victim(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The blast at the bus station killed 23 people, the police chief said.", resolver)
    assert inc.killed_best == 23


def test_wounded_who_died_later_are_inside_the_updated_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The death toll from Monday's car bomb in Azaz has risen to 14, after two of the "
        "wounded died in hospital.",
        resolver,
    )
    assert [i.killed_best for i in found] == [14]


def test_another_sources_toll_is_not_a_rise(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Shelling killed six in Nawa on Monday. A monitor gave a toll of 8.", resolver)
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found] == [(6, 6, 8)]
    found = run("Shelling killed six in Nawa on Monday. The toll later rose to 8.", resolver)
    assert [i.killed_best for i in found] == [8]


def test_a_toll_field_gives_the_event_before_it_its_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Fighting between government forces and rebels near Kafr Nabouda. "
        "Deaths: best estimate 14 (low 11, high 20).",
        resolver,
    )
    assert [(i.killed_low, i.killed_best, i.killed_high, i.event_type) for i in found] == [
        (11, 14, 20, "ground_assault")
    ]


@pytest.mark.parametrize(
    ("field", "want"),
    [
        ("Deaths: best 7 (low 5, high 12).", (5, 7, 12)),
        ("Civilians reported killed: 9 to 30, among them four children.", (9, 9, 30)),
        ("Killed: 6.", (6, 6, 6)),
    ],
)
def test_event_note_death_fields(field: str, want, resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(f"Clashes between rebels and pro-government forces near Morek. {field}", resolver)
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found] == [want]


def test_an_upper_bound_in_the_same_sentence_widens_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "At least 15 civilians were reported killed in Binnish; other sources reported up to "
        "22 deaths.",
        resolver,
    )
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found] == [(15, 15, None)]


def test_an_event_notes_location_field_places_its_unplaced_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Incident NW-118, 3 May 2019. Location: Kafr Nabl, southern Idlib governorate. "
        "Local sources said warplanes hit the town's main square. "
        "Civilians reported killed: 7, including two women.",
        resolver,
    )
    counted = [i for i in found if i.killed_best is not None]
    assert [(i.killed_best, i.location.admin1) for i in counted] == [(7, "Idleb")]
    assert counted[0].location.precision <= 2  # the town, not the governorate


def test_a_location_field_name_outside_its_governorate_is_not_taken(resolver) -> None:  # type: ignore[no-untyped-def]
    # Hama is a city of Hama governorate, not of Aleppo: the field's governorate wins.
    found = run(
        "Incident AL-5. Location: Hama, eastern Aleppo governorate. "
        "Civilians reported killed: 4.",
        resolver,
    )
    counted = [i for i in found if i.killed_best is not None]
    assert [(i.killed_best, i.location.admin1, i.location.precision) for i in counted] == [
        (4, "Aleppo", 4)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The offensive, which began two weeks ago, has killed more than 200 civilians.",
        "Air strikes have pounded the town since the spring, killing 70 people.",
        "Mines have killed dozens of shepherds in the desert since IS was driven out.",
        "The coalition admitted 12 civilian deaths in the whole campaign.",
    ],
)
def test_running_tolls_of_a_campaign(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert all(i.is_cumulative for i in run(text, resolver) if i.killed_best)


def test_the_deadliest_since_is_not_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The bombing in Jableh killed 52, the deadliest since the war began.", resolver)
    assert not inc.is_cumulative


def test_dead_given_as_a_reason_are_not_news(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Turkish jets struck positions near Tal Rifaat after 9 Turkish soldiers were killed "
        "on Thursday.",
        resolver,
    )
    assert [i.killed_best for i in found] == [None]


def test_a_place_of_an_earlier_event_is_not_the_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Turkish jets struck Tal Rifaat, killing 5, in retaliation for an attack in Jarablus.",
        resolver,
    )
    assert inc.place == "Tal Rifaat"


def test_a_countryside_dateline_is_the_rural_governorate(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Damascus Countryside, SANA - A civilian was killed when terrorists fired shells.",
        resolver,
    )
    assert inc.location.admin1 == "Rural Damascus"


def test_a_capital_blamed_is_not_a_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "A chemical attack killed 11 people in Saraqib, which Western states blamed on Damascus.",
        resolver,
    )
    assert [i.location.admin1 for i in found] == ["Idleb"]


def test_a_home_namesake_of_a_foreign_town_set_at_home_is_placed(resolver) -> None:  # type: ignore[no-untyped-def]
    # "Saida" is exactly an alias of Sidon in Lebanon, and nearly the name of a Dar'a village
    inc = one(
        "Barrel bombs hit Saida, a village east of Daraa, killing three men on Monday.", resolver
    )
    assert inc.location is not None and inc.location.admin1 == "Dar'a"
    assert inc.location.precision == 1
    found = run(
        "Artillery shelled the Nasib crossing on Monday. A shell killed two boys in Saida.",
        resolver,
    )
    counted = [i for i in found if i.killed_best == 2]
    assert counted and counted[0].location is not None and counted[0].location.admin1 == "Dar'a"
    # the article's other places count even when no incident holds them
    found = run(
        "Troops retook the Nasib crossing on Monday, state media said, after a deal. Four "
        "people were killed in shelling on the nearby village of Saida, monitors said.",
        resolver,
    )
    counted = [i for i in found if i.killed_best == 4]
    assert counted and counted[0].location is not None and counted[0].location.admin1 == "Dar'a"
    abroad = one(
        "An Israeli strike on a flat in Saida, in southern Lebanon, killed two men.", resolver
    )
    assert abroad.location is None


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # gazetteer names that open with a demonym: "Arab Azzah" (Jarablus), "Turkman Bareh"
        ("Air strikes killed nine people in Arab Azzah on Friday.", "Aleppo"),
        ("Three fighters were killed in clashes near Turkman Bareh.", "Aleppo"),
        # a capitalised word of direction that the gazetteer holds with the name, whole
        ("Shelling killed five people in Western Ghouta on Friday.", "Rural Damascus"),
        ("Shells killed a farmer in the village of Western Karim on Friday.", "Dar'a"),
    ],
)
def test_a_name_opening_with_a_demonym_is_a_place(text: str, admin1: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.location is not None and inc.location.admin1 == admin1


def test_a_demonym_before_a_name_the_gazetteer_lacks_is_still_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    western = one("Shelling killed five people in Western Ghouta on Friday.", resolver)
    assert western.location.place_name == "Western Ghouta"  # not East Ghouta
    part = one("Shells killed a farmer in western Karim on Friday.", resolver)
    assert part.location is not None and part.location.precision == 2  # a part of Karim
    part = one("Shells killed a farmer in Western Aleppo on Friday.", resolver)
    assert part.location is not None and part.location.admin1 == "Aleppo"
    inc = one("A shell killed two men in Daraa, the Syrian Red Crescent said.", resolver)
    assert inc.location is not None and inc.location.admin1 == "Dar'a"
    inc = one("Russian Sukhoi jets killed six civilians in Kafr Nabl on Friday.", resolver)
    assert inc.location is not None and inc.location.admin1 == "Idleb"
    inc = one("Five soldiers were killed at Turkish Army posts near Taftanaz.", resolver)
    assert inc.location is not None and inc.location.admin1 == "Idleb"


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb killed six officers on Sunday during a meeting in Hama.",
        "A bomb tore through a party security meeting in Hama on Sunday, killing six officers.",
        "A bomb hit a security meeting in the heart of Hama on Sunday, killing six officers.",
    ],
)
def test_a_meeting_the_attack_struck_is_where_it_happened(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.location is not None and inc.location.admin1 == "Hama"


def test_the_heart_or_centre_of_a_town_is_part_of_it(resolver) -> None:  # type: ignore[no-untyped-def]
    for text in ("A car bomb exploded in the heart of Hama, killing three people.",
                 "Rockets fell on the centre of Hama, killing three people."):
        inc = one(text, resolver)
        assert inc.location is not None and inc.location.admin1 == "Hama"
        assert inc.location.precision == 2


def test_a_numbered_part_of_a_place_is_part_of_it(resolver) -> None:  # type: ignore[no-untyped-def]
    for text, admin1 in (
        ("Gunmen shot dead a guard in Sector 3 of the Yarmouk camp on Monday.", "Damascus"),
        ("Two women were found killed in Phase 6 of al-Hol camp.", "Al-Hasakeh"),
    ):
        inc = one(text, resolver)
        assert inc.location is not None and inc.location.admin1 == admin1
        assert inc.location.precision == 2 and inc.place is not None and " of " in inc.place


def test_neutralised_is_an_event_with_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    # Turkish statements' word for killed, captured or surrendered: an operation, no toll
    (inc,) = run("Turkish commandos neutralised 12 terrorists near Tal Abyad on Monday.",
                 resolver)
    assert (inc.event_type, inc.killed_best, inc.killed_low) == ("attack", None, None)
    assert inc.location is not None and inc.location.admin1 == "Ar-Raqqa"


def test_where_a_spokesman_told_it_is_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Shelling killed three people near Tal Abyad, a spokeswoman told reporters in Ankara.",
        "Shelling killed three people near Tal Abyad, a general told a briefing in the "
        "Russian capital Moscow.",
    ):
        inc = one(text, resolver)
        assert inc.location is not None and inc.location.admin1 == "Ar-Raqqa"


def test_a_town_taken_by_force_places_the_fighting(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Rebels drove Islamic State militants out of the town of Dabiq on Sunday. A "
              "monitoring group said 14 people were killed in the clashes.", resolver)
    assert (inc.event_type, inc.killed_best, inc.location.admin1) == (
        "ground_assault", 14, "Aleppo")
    (alone,) = run("The army ousted rebels from Qusayr on Monday.", resolver)
    assert (alone.event_type, alone.location.admin1) == ("ground_assault", "Homs")
    # the takeover an attack came after does not type the attack; driving a car is no event
    assert one("A car bomb struck a market in Azaz, a day after rebels drove IS out of the "
               "town, killing 12 people.", resolver).event_type == "bombing"
    assert run("The governor drove his car from Homs to Hama on Monday.", resolver) == []


def test_a_transcripts_speaker_label_is_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("ANCHOR: A shell struck a school in the town of Douma, killing four children.",
              resolver)
    assert inc.place == "Douma" and inc.location.admin1 == "Rural Damascus"


def test_an_age_set_between_commas_is_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("A young man (K. R.), 31, from the town of Jasim, was shot dead by gunmen on "
                "Monday.", resolver)
    assert [i.killed_best for i in found if i.killed_best is not None] in ([], [1])


def test_a_neighbourhood_of_a_city_is_inside_that_city(resolver) -> None:  # type: ignore[no-untyped-def]
    # "Rumaniyah" alone is closest to a village in Aleppo; "of Raqqa" sets it in Raqqa
    inc = one("Coalition strikes killed nine civilians in the Rumaniyah neighbourhood of "
              "Raqqa on Monday.", resolver)
    assert inc.location.admin1 == "Ar-Raqqa" and inc.location.precision == 2
    assert "Rumaniyah" in (inc.place or "")


def test_another_sources_figure_in_a_part_of_the_town_is_the_same_strike(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("An Israeli air strike on a building in Damascus killed seven people on "
                "Monday. A monitor said 11 people had been killed in the strike on the "
                "building in the Mezzeh district.", resolver)
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found] == [(7, 7, 11)]
    assert found[0].location.admin1 == "Damascus" and found[0].location.precision == 2


def test_what_was_done_in_the_past_is_no_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("A car bomb killed three people in Homs on Monday. Jihadists have carried out "
                "similar bombings in Aleppo in the past.", resolver)
    assert [i.location.admin1 for i in found] == ["Homs"]


def test_a_buildings_name_is_no_finer_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Air strikes on a hospital in the Sukkari district of Aleppo killed 27 people "
                "overnight. MSF said at least 14 patients and staff died at al-Quds hospital.",
                resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(27, "Aleppo")]


def test_the_hospital_the_wounded_were_taken_to_is_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Gunmen shot dead a young man in front of his house, killing him instantly, "
                "while a passer-by was wounded and taken to the national hospital in Daraa.",
                resolver)
    assert [i.place for i in found] == [None]


def test_a_notes_place_field_overrules_a_loose_guess_elsewhere(resolver) -> None:  # type: ignore[no-untyped-def]
    # "al-Jinah" is not in the gazetteer; its nearest spelling is a village in Hama
    inc = one("CS590 – March 16, 2017\nLocation: Omar ibn al-Khattab mosque, al-Jinah, "
              "western Aleppo countryside\nSummary: A US strike hit a mosque complex in "
              "al-Jinah during evening prayers, killing 38 worshippers.", resolver)
    assert (inc.location.admin1, inc.location.precision) == ("Aleppo", 4)
    # "Rural Damascus" in a field is the governorate, not the city
    inc = one("Location: al-Mleiha, Rural Damascus (Markaz Rif Dimashq district). Fighting on "
              "the southern edge of al-Mleiha; 14 rebels and 6 soldiers were killed.", resolver)
    assert inc.location.admin1 == "Rural Damascus"


def test_a_meeting_elsewhere_is_still_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Ministers at a meeting in Hama said shelling killed six people in Kafr Nabl.",
              resolver)
    assert inc.location is not None and inc.location.admin1 == "Idleb"
    found = run("Shelling killed six people in Kafr Nabl, as envoys held a meeting in Hama.",
                resolver)
    assert [i.location.admin1 for i in found if i.killed_best] == ["Idleb"]


def test_a_region_named_whole_beats_a_village_named_in_part(resolver) -> None:  # type: ignore[no-untyped-def]
    # "Golan" is one half of an Aleppo community's compound name ("Golan - Qurret Qawaqez")
    inc = one("A drone strike on a car in the Golan killed two militiamen on Tuesday.", resolver)
    assert inc.location.admin1 == "Quneitra"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("A mortar attack near Damascus airport killed two soldiers.", "Rural Damascus"),
        ("Missiles struck the Shayrat airbase, killing 4 soldiers.", "Homs"),
        ("A car bomb at the Bab al-Hawa crossing killed 7 people.", "Idleb"),
    ],
)
def test_facilities_are_places(text: str, admin1: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.location.admin1 == admin1
    assert inc.location.feature_code not in ("PPLC", "PPLA")


@pytest.mark.parametrize(
    ("text", "event_type", "admin1"),
    [
        (
            "Hundreds of people protested in Sweida against the collapse of the pound.",
            "other",
            "As-Sweida",
        ),
        ("Security forces arrested 12 young men in Jasim on Monday.", "other", "Dar'a"),
        ("Government forces took control of Khan Sheikhoun on Tuesday.", "ground_assault", "Idleb"),
    ],
)
def test_events_without_violence_that_analysts_map(
    text: str, event_type: str, admin1: str, resolver
) -> None:  # type: ignore[no-untyped-def]
    found = run(text, resolver)
    assert [(i.event_type, i.killed_best, i.location.admin1) for i in found] == [
        (event_type, None, admin1)
    ]


def test_a_count_before_a_raised_toll_is_not_the_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Shelling on Douma killed 12 on Monday, raising the 3-day toll to 80.", resolver)
    assert [(i.killed_best, i.is_cumulative) for i in found] == [(12, False), (80, True)]


def test_the_newly_dead_are_inside_a_risen_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The death toll from Sunday's strike on Binnish rose to nine after a wounded girl "
        "died in hospital.",
        resolver,
    )
    assert [i.killed_best for i in found] == [9]


def test_a_part_of_a_list_is_not_one_more_victim(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Gunmen shot dead three men in Hajin, two of whom were former fighters.", resolver)
    assert inc.killed_best == 3


def test_last_week_opening_a_sentence_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Turkish shelling hit Tal Rifaat on Monday, killing 4. Last week, 12 Turkish soldiers "
        "were killed near Saraqib.",
        resolver,
    )
    assert [i.killed_best for i in found] == [4]


def test_a_best_estimate_field(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Clashes between IS and the army near Sukhnah. Best estimate: 23.", resolver)
    assert [i.killed_best for i in found] == [23]


def test_more_kinds_of_victims(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Two Iranian advisers were killed in an air strike near Palmyra.", resolver)
    assert inc.killed_best == 2
    inc = one("Shelling killed 14 civilians and a Syrian Arab Red Crescent worker in Douma.",
              resolver)
    assert inc.killed_best == 15


def test_fire_from_positions_in_a_place_is_not_there(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Two children were killed in Tal Rifaat by shells fired from positions in Afrin.",
        resolver,
    )
    assert inc.place == "Tal Rifaat"


def test_beside_damascus_is_rural_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Air strikes killed 9 people in a town northeast of Damascus.", resolver)
    assert inc.location.admin1 == "Rural Damascus"
    inc = one("Two civilians were killed by a mortar in Damascus.", resolver)
    assert inc.location.admin1 == "Damascus"


def test_an_unknown_village_near_a_town_is_placed_near_that_town(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Regime forces killed 30 people in Qbeir al-Wadi near Hama.", resolver)
    assert inc.location.admin1 == "Hama"


def test_a_border_is_not_a_place_to_be_near(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Air strikes killed 19 civilians in Albukamal near the Iraqi border.", resolver)
    assert inc.location.admin1 == "Deir-ez-Zor"


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("UN monitors counted at least 64 bodies after the massacre in Tremseh.", 64),
        ("Civil defence workers recovered 9 bodies from the rubble in Ariha.", 9),
        ("Eleven bodies were found in a mass grave near Tabqa.", 11),
        ("Rescuers found 3 weapons caches in Douma after a strike that killed 2.", 2),
        ("Nearly 22 fighters of the regime forces and loyal militiamen were killed near Morek.",
         22),
    ],
)
def test_bodies_and_units(text: str, killed: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).killed_best == killed


def test_a_count_in_direct_speech_tells_of_the_dead_already_reported(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        'A barrel bomb killed 17 people in Anadan on Monday. "My wife and two children were '
        'all dead when I got home," said a resident.',
        resolver,
    )
    assert [i.killed_best for i in found] == [17]


def test_an_attack_abroad_given_as_the_reason_adds_no_death(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Turkish jets struck Tal Tamr, killing 5. The strikes followed the Ankara bombing of "
        "last week, which killed 11.",
        resolver,
    )
    assert [i.killed_best for i in found] == [5]


def test_a_toll_over_two_days_is_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Strikes on Armanaz killed 40, bringing to 61 the number of people killed in two days.",
        resolver,
    )
    assert [(i.killed_best, i.is_cumulative) for i in found] == [(40, False), (61, True)]


def test_a_total_told_after_its_parts_counts_once(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Daily toll: 4 civilians killed in Ariha by air strikes; 2 killed in Binnish by "
        "shelling. Total: 6 civilian deaths.",
        resolver,
    )
    counted = [i.killed_best for i in found if not i.is_cumulative and i.part_of is None]
    assert sum(counted) == 6 and len(found) == 3


@pytest.mark.parametrize(
    "text",
    [
        "More than 300 civilians have been killed since then, according to rights groups.",
        "A week-long air campaign on Idlib has now killed more than 300 people.",
        "Shelling on Douma killed 12 on Monday, raising the three-day toll to 80.",
    ],
)
def test_more_running_tolls(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    tolls = [i for i in run(text, resolver) if i.killed_best and i.killed_best >= 80]
    assert tolls and all(i.is_cumulative for i in tolls)


def test_for_the_second_time_this_month_is_not_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Two rescuers were killed on Monday when jets struck their centre in Ariha for the "
        "second time this month.",
        resolver,
    )
    assert not inc.is_cumulative


def test_headline_places(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Syria: Saqba market strike kills 19, monitor says", resolver)
    assert inc.location.admin1 == "Rural Damascus"
    inc = one("#Idlib #Maarat_al-Numan: 4 civilians killed by regime shelling at dawn.", resolver)
    assert inc.place == "Maarat al-Numan"
    inc = one("Airwars: a civilian was reportedly killed in an alleged strike.", resolver)
    assert inc.location is None or inc.location.precision == 6


def test_an_event_with_no_casualties_is_still_an_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Syria: no casualties as rockets fall on Qamishli, state media says.", resolver)
    assert [(i.event_type, i.killed_best, i.location.admin1) for i in found] == [
        ("shelling", None, "Al-Hasakeh")
    ]


def test_an_abduction_is_an_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Gunmen abducted two teachers in Tafas on Monday.", resolver)
    assert [(i.event_type, i.location.admin1) for i in found] == [("attack", "Dar'a")]


def test_a_governorate_in_brackets_places_the_name_before_it(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "On 2 February 2018, shelling hit Kafr Laha (Al-Hasakeh), killing 3 civilians.",
        resolver,
        date=dt.date(2018, 2, 3),
    )
    assert inc.place == "Kafr Laha"
    assert inc.location is None or inc.location.admin1 == "Al-Hasakeh"


def test_a_vague_count_made_precise_later_is_one_incident(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "A gas attack killed dozens of people in Zamalka on Wednesday, activists said. "
        "The Observatory said at least 61 people were killed in Zamalka.",
        resolver,
    )
    assert [i.killed_best for i in found] == [61]


def test_a_name_is_no_context_for_itself(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Quneitra, SANA - A civilian was martyred when a drone targeted a car in the town of "
        "Hader in the northern countryside of Quneitra province.",
        resolver,
    )
    assert inc.location.admin1 == "Quneitra"


def test_an_area_in_the_heart_of_a_city_is_inside_it(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "A bomb struck the Souq al-Hal area in the heart of the old city of Damascus, "
        "killing 9 people.",
        resolver,
    )
    assert inc.location.admin1 == "Damascus"


def test_on_board(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Helicopter shot down over Saraqib, four on board killed", resolver).killed_best == 4


def test_weeks_in_which_raids_killed_is_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Jets have not bombed Binnish for two days, after three weeks in which raids on the "
        "town killed dozens.",
        resolver,
    )
    assert inc.is_cumulative


def test_an_unknown_suburb_of_damascus_is_in_rural_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Troops killed 40 people in the Damascus suburb of Hajjar al-Aswadeen.", resolver)
    assert inc.location.admin1 == "Rural Damascus"


def test_a_headline_place_of_two_words(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Deir Ezzor: 4 IS members were killed in clashes on the outskirts of Deir Ezzor city.",
        resolver,
    )
    assert inc.location.admin1 == "Deir-ez-Zor"


def test_a_dozen_is_not_made_precise_by_a_far_larger_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The monitor documented the deaths of 85 civilians in Jarablus on Monday. "
        "A suicide bomber blew himself up at a market in Azaz, killing a dozen.",
        resolver,
    )
    assert sorted(i.killed_best for i in found) == [12, 85]


def test_an_earlier_attack_given_as_the_cause_adds_no_death(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Artillery shelling near Saraqib killed 9 soldiers on Friday in retaliation for an "
        "attack that left four rebels dead in Taftanaz.",
        resolver,
    )
    assert [i.killed_best for i in found] == [9]


def test_the_possessive_of_a_name_ending_in_s(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A car bomb in Homs' Zahraa district killed 12 people on Monday.", resolver)
    assert inc.location.admin1 == "Homs"


def test_a_state_media_dateline_is_the_context_of_the_places(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Homs, SANA - Terrorists fired rocket shells on al-Zahraa neighborhood, killing "
        "two civilians.",
        resolver,
    )
    assert [i.location.admin1 for i in found] == ["Homs"]


INJURED = [
    ("Shelling killed 4 people and wounded 17 in Jobar.", 4, 17),
    ("Two were killed and nine wounded when rockets hit Aleppo.", 2, 9),
    ("Six civilians were killed in Ariha, and 22 others were injured.", 6, 22),
    ("A mortar round injured 8 children at a school in Daraa.", None, 8),
]


@pytest.mark.parametrize(("text", "killed", "injured"), INJURED, ids=[k[0][:40] for k in INJURED])
def test_injured_counts(text: str, killed, injured, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.killed_best == killed
    assert inc.injured_best == injured


VICTIMS = [
    (
        "Airstrikes killed 19 people in Hamouria, including seven children and four women.",
        7,
        4,
        None,
    ),
    ("An airstrike killed 12 people in Saqba, among them 5 children.", 5, None, None),
    ("Nine people, including three children, were killed in shelling on Zamalka.", 3, None, None),
    ("Russian jets killed three White Helmets volunteers in Sarmin.", None, None, 3),
    ("Barrel bombs killed 6 children in Anadan.", 6, None, None),
    ("Shelling killed 12 people in Ariha, 5 of them children, medics said.", 5, None, None),
]


@pytest.mark.parametrize(
    ("text", "children", "women", "rescuers"), VICTIMS, ids=[v[0][:40] for v in VICTIMS]
)
def test_victims(text: str, children, women, rescuers, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert (inc.killed_children, inc.killed_women, inc.killed_rescuers) == (
        children,
        women,
        rescuers,
    )


# --------------------------------------------------------------------------------------------
# Event types and actors
EVENTS = [
    ("Russian warplanes killed 8 people in Khan Touman.", "airstrike", "Russia"),
    (
        "A barrel bomb dropped by a regime helicopter killed 5 in Darayya.",
        "airstrike",
        "pro-Assad forces",
    ),
    ("Government artillery shelled Kafr Zita, killing three.", "shelling", "pro-Assad forces"),
    ("A car bomb killed 12 people in Qamishli.", "bombing", None),
    ("An IED exploded in al-Bab, killing four civilians.", "bombing", None),
    ("A ballistic missile killed 7 people in Idlib city.", "missile", None),
    (
        "Islamic State fighters attacked a checkpoint near Palmyra, killing 9 soldiers.",
        "attack",
        "IS",
    ),
    ("US-led coalition air strikes killed 15 civilians in Raqqa.", "airstrike", "US-led coalition"),
    ("Turkish jets struck YPG positions near Afrin, killing 11 fighters.", "airstrike", "Turkey"),
    ("Clashes between the SDF and IS in Hajin left 20 fighters dead.", "ground_assault", "SDF"),
    ("Israeli strikes on a base near Masyaf killed 4 soldiers.", "airstrike", "Israel"),
    ("Rebel mortar fire killed two people in Aleppo's Hamdaniya district.", "shelling", "rebels"),
    ("Syrian and Russian jets killed 10 people in Maarat al-Numan.", "airstrike", "Russia"),
]


@pytest.mark.parametrize(("text", "event_type", "actor"), EVENTS, ids=[e[0][:40] for e in EVENTS])
def test_event_type_and_actor(text: str, event_type: str, actor, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.event_type == event_type
    assert inc.actor == actor


def test_origin_word_is_an_actor_not_a_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Russian jets killed 5 people.", resolver)
    assert inc.actor == "Russia"
    assert inc.place is None and inc.location is None


def test_targets(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Airstrikes hit a hospital and a bakery in Kafr Takharim, killing 6.", resolver)
    assert {"hospital", "bakery"} <= set(inc.targets)


# --------------------------------------------------------------------------------------------
# Places
PLACES = [
    ("Jets killed 9 people in the town of Maarat al-Numan.", "Idleb", 1),
    ("Shelling killed 4 people in Idlib province.", "Idleb", 4),
    ("Airstrikes killed 7 people in Homs countryside.", "Homs", 4),
    ("Shelling killed 3 people in Damascus countryside.", "Rural Damascus", 4),
    ("Regime warplanes struck Kafr Nabl in Idlib countryside, killing 4 civilians.", "Idleb", 1),
    ("A car bomb killed 8 people near Azaz.", "Aleppo", 2),
    ("Airstrikes on eastern Aleppo killed 30 people.", "Aleppo", 2),
    ("Shelling killed 5 people in Deir ez-Zor Province.", "Deir-ez-Zor", 4),
]


@pytest.mark.parametrize(("text", "admin1", "precision"), PLACES, ids=[p[0][:40] for p in PLACES])
def test_places_resolve_with_precision(text: str, admin1: str, precision: int, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.location is not None, inc.place
    assert inc.location.admin1 == admin1
    assert inc.location.precision == precision
    assert inc.location.country_code == "SY"


NEWS_PLACES = [
    (
        "Air strikes killed 9 people in the rebel-held Idlib town of Khan Sheikhoun.",
        "Khan Sheikhoun",
    ),
    (
        "Shelling killed 4 people in Aleppo's Sheikh Maqsoud neighbourhood.",
        "Sheikh Maqsoud neighbourhood",
    ),
    ("Jets killed 6 in Idlib's Maarat al-Numan.", "Maarat al-Numan"),
    ("Air strikes on the towns of Saqba, Kafr Batna and Zamalka killed 25 people.", "Saqba"),
    ("Residents of Saqba said up to 24 people were killed when a drone hit a bakery.", "Saqba"),
]


@pytest.mark.parametrize(("text", "place"), NEWS_PLACES, ids=[n[0][:40] for n in NEWS_PLACES])
def test_news_place_phrases(text: str, place: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.place == place
    assert inc.location is not None and inc.location.precision <= 2


NOT_PLACES = [
    "Washington said that airstrikes killed 12 people.",
    "Damascus condemned the attack, which killed 12 people.",
    "Portugal's RTP TV reported that an airstrike killed 12 people.",
    "According to Reuters, an explosion killed 12 people.",
]


@pytest.mark.parametrize("text", NOT_PLACES, ids=[t[:40] for t in NOT_PLACES])
def test_sources_and_speakers_are_not_places(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.killed_best == 12
    assert inc.location is None


def test_foreign_places_give_no_point(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("A car bomb killed 12 people in Baghdad.", resolver)
    assert all(i.location is None for i in found)
    assert not run("Coalition strikes against IS in Syria and Iraq continued.", resolver)


def test_a_foreign_city_blocks_the_place_of_the_sentence_before(resolver) -> None:  # type: ignore[no-untyped-def]
    text = "Jets pounded Saraqib on Monday. A car bomb killed 12 people in Mosul."
    found = [i for i in run(text, resolver) if i.killed_best]
    assert len(found) == 1 and found[0].place == "Mosul" and found[0].location is None


def test_country_only_is_country_precision(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Airstrikes killed 12 people in Syria.", resolver)
    assert inc.location is None or inc.location.precision == 6


def test_where_clause_gives_the_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "In the village of Kafr Nabl, where rebels have dug tunnels for months, "
        "air strikes killed 13, including two children.",
        resolver,
    )
    assert inc.place == "Kafr Nabl"
    assert inc.killed_best == 13 and inc.killed_children == 2


def test_two_places_in_one_sentence_make_two_incidents(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Shelling killed 14 people in Douma on Monday, while four fighters were killed "
        "in Hama province.",
        resolver,
    )
    assert [(i.killed_best, i.location.admin1) for i in found] == [
        (14, "Rural Damascus"),
        (4, "Hama"),
    ]


NOTES = [
    ("Unknown gunmen assassinated a local council member in Dael.", 1, "Dar'a", 1),
    (
        "Regime forces shelled areas 5 km west of Jisr al-Shughur, killing 2 civilians.",
        2,
        "Idleb",
        2,
    ),
    (
        "Clashes erupted between IS and the SDF in the vicinity of Tabqa. "
        "4 SDF members were killed.",
        4,
        "Ar-Raqqa",
        2,
    ),
    (
        "A helicopter dropped barrel bombs on Daraya, killing a woman and her two children.",
        3,
        "Rural Damascus",
        1,
    ),
]


@pytest.mark.parametrize(
    ("text", "killed", "admin1", "precision"), NOTES, ids=[n[0][:40] for n in NOTES]
)
def test_event_note_styles(text: str, killed: int, admin1: str, precision: int, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.killed_best == killed
    assert inc.location is not None and inc.location.admin1 == admin1
    assert inc.location.precision == precision


def test_woman_and_her_children_are_counted_by_kind(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Shelling on Kafr Zita killed a woman and her three children.", resolver)
    assert (inc.killed_best, inc.killed_women, inc.killed_children) == (4, 1, 3)


def test_unknown_place_falls_back_to_the_enclosing_one(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Missiles struck positions at Qwzxv airport in Damascus.", resolver)
    assert len(found) == 1
    loc = found[0].location
    assert loc is not None and loc.admin1 == "Damascus" and loc.precision == 2


def test_a_subject_place_that_came_under_fire(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Kafr Zita came under heavy shelling on Monday; nine people were killed.", resolver)
    assert inc.place == "Kafr Zita" and inc.killed_best == 9


def test_a_long_toll_phrase(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "The death toll from Tuesday's motorcycle bomb at the crowded vegetable market in "
        "the town of Azaz rose to 30, opposition media reported.",
        resolver,
    )
    assert inc.killed_best == 30 and inc.place == "Azaz"


def test_elliptic_counts_with_their_own_places(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Shelling killed 6 people in Douma, 4 in Harasta and 2 in Arbin.", resolver)
    assert [(i.killed_best, i.place) for i in found] == [(6, "Douma"), (4, "Harasta"), (2, "Arbin")]


def test_headline_that_opens_with_the_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Hama: rockets kill 3 in market", resolver)
    assert inc.killed_best == 3 and inc.location is not None and inc.location.admin1 == "Hama"


def test_war_sized_tolls_are_cumulative(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Aleppo: death toll rises to 21,000", resolver)
    assert inc.killed_best == 21000 and inc.is_cumulative


def test_each_count_takes_the_place_of_its_own_clause(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russian warplanes pounded towns in southern Idlib on Tuesday. In Kafranbel, four "
        "members of one family were killed, while strikes on Maarat al-Numan killed six more."
    )
    found = [i for i in run(text, resolver) if i.killed_best]
    assert [(i.killed_best, i.place, i.actor) for i in found] == [
        (4, "Kafranbel", "Russia"),
        (6, "Maarat al-Numan", "Russia"),
    ]


def test_an_article_with_one_place_places_its_placeless_count(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A drone strike on a bus in northern Syria killed 7 civilians on Friday. "
        "The bus was travelling to the border town of Tal Abyad."
    )
    inc = one(text, resolver)
    assert inc.place is None
    assert inc.location is not None and inc.location.admin1 == "Ar-Raqqa"
    assert inc.location.precision == 3


def test_running_toll_takes_the_main_area_of_the_story(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Regime air strikes killed 30 people in East Ghouta on Monday. "
        "In Saqba, five people died. "
        "More than 400 people have been killed in the enclave since the offensive began."
    )
    toll = next(i for i in run(text, resolver) if i.is_cumulative)
    assert toll.killed_low == 401 and toll.place == "East Ghouta"


def test_a_city_beside_a_region_is_not_inside_it(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Shelling killed 20 people in East Ghouta on Monday. "
        "Rebel mortar fire killed two people in Damascus on Monday."
    )
    found = run(text, resolver)
    assert all(i.part_of is None for i in found)


# --------------------------------------------------------------------------------------------
# Linking and merging
def test_event_sentence_links_to_the_casualty_sentence(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Government helicopters dropped barrel bombs on a clinic in the town of Tamanah. "
        "Two nurses - Huda and Rami - were killed and six wounded."
    )
    found = run(text, resolver)
    assert len(found) == 1
    inc = found[0]
    assert inc.killed_best == 2 and inc.injured_best == 6
    assert inc.place == "Tamanah" and inc.event_type == "airstrike"
    assert inc.actor == "pro-Assad forces" and "clinic" in inc.targets
    assert text[inc.char_start : inc.char_end] == inc.text == text


def test_injured_told_later_joins_the_same_place(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Regime shelling killed 17 people in Saqba on Tuesday. "
        "Medics said another 40 people were injured in Saqba."
    )
    found = run(text, resolver)
    assert len(found) == 1
    assert (found[0].killed_best, found[0].injured_best) == (17, 40)


def test_same_event_told_twice_is_one_incident(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Airstrikes kill 16 in Ariha\n\n"
        "Russian airstrikes killed 16 people in Ariha on Sunday, activists said."
    )
    found = [i for i in run(text, resolver) if i.killed_best]
    assert len(found) == 1 and found[0].killed_best == 16


def test_headline_and_body_are_one_incident_told_best_by_the_body(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air strikes kill 17 in rebel-held Idlib\n\n"
        "Air strikes killed 17 people, including five children, in the town of Saraqib "
        "on Wednesday, rescuers said.\n\n"
        "Rescue workers were still digging through the rubble at nightfall.\n\n"
        "Another 30 people were wounded, they said."
    )
    found = [i for i in run(text, resolver) if i.killed_best]
    assert len(found) == 1
    inc = found[0]
    assert inc.place == "Saraqib" and inc.killed_children == 5
    assert inc.injured_best == 30 and inc.date == dt.date(2018, 2, 7)


def test_toll_update_updates_the_incident(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A car bomb killed at least 9 people in Azaz on Thursday. The death toll later rose to 14."
    )
    found = run(text, resolver)
    assert len(found) == 1 and found[0].killed_best == 14


def test_cumulative_and_part_of(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Regime bombardment killed 40 people in East Ghouta on Wednesday. "
        "In the town of Hamouria, airstrikes killed 12. "
        "The death toll since Sunday stands at 150."
    )
    found = run(text, resolver)
    by_count = {i.killed_best: i for i in found}
    region, town, toll = by_count[40], by_count[12], by_count[150]
    assert town.part_of == region.incident_id
    assert toll.is_cumulative and not region.is_cumulative
    assert region.part_of is None
    assert town.date == region.date == dt.date(2018, 2, 7)


# --------------------------------------------------------------------------------------------
# Not incidents
NOT_INCIDENTS = [
    "IS claimed 3 attacks in Homs last month.",
    "Police closed 2 dead-end streets in Homs.",
    "Regime jets had not bombed Saraqib for the past 19 days.",
    "The ministry denied that its aircraft struck the market in Ariha.",
    "No casualties were reported after a rocket hit Latakia.",
    "Is this the man who has killed two hundred thousand of his people?",
    "He called the president a butcher who killed 300 of his own citizens.",
    "The war has killed more than 400,000 people since 2011.",
    "Idlib has an estimated 2.9 million residents.",
    "Some 250,000 people have fled Afrin over the past 52 days.",
    "The 71-month conflict has displaced 6 million.",
    "At least 9 hospitals in Hama have been put out of service this month.",
    "Hundreds of civilians have been killed or wounded in Idlib this week.",
]


@pytest.mark.parametrize("text", NOT_INCIDENTS, ids=[t[:40] for t in NOT_INCIDENTS])
def test_not_incidents_get_no_count(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    for inc in run(text, resolver):
        assert inc.killed_best is None and inc.killed_low is None, inc


def test_a_bare_earlier_year_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    assert not run("In 2015, an air strike killed 30 people at the market in Saraqib.", resolver)
    kept = run("Jets killed 12 people in Saraqib on Monday, the worst attack since 2016.", resolver)
    assert [(i.killed_best, i.is_cumulative) for i in kept] == [(12, False)]


CUMULATIVE = [
    ("Russian strikes have killed 45 people in Idlib so far, monitors said.", True),
    ("The offensive has killed 300 civilians in Idlib this week.", True),
    ("Jets killed 12 people in Ariha, the highest toll this week.", False),
    ("Jets killed 12 people in Ariha.", False),
    ("At least 40 people have been killed in Hama province in the past week, monitors said.", True),
    ("At least 40 people were killed in Hama province during the last month of fighting.", True),
]


def test_one_large_attack_is_not_a_running_total(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Activists said more than 1,200 people were killed in a chemical attack on towns east "
        "of Homs on Tuesday.",
        resolver,
    )
    assert inc.killed_low == 1201 and not inc.is_cumulative
    campaign = one("Air strikes have killed 1,500 civilians in Idlib province.", resolver)
    assert campaign.is_cumulative


@pytest.mark.parametrize(("text", "cumulative"), CUMULATIVE, ids=[c[0][:40] for c in CUMULATIVE])
def test_cumulative_is_read_from_the_clause_of_the_count(
    text: str, cumulative: bool, resolver
) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).is_cumulative is cumulative


@pytest.mark.parametrize(
    "text",
    [
        "The regime is preparing an offensive on Idlib province.",
        "Aid agencies warned that an assault on Daraa would be a catastrophe.",
        "Turkey threatened a new offensive against Manbij.",
    ],
)
def test_plans_and_fears_are_not_events(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert run(text, resolver) == []


def test_background_events_are_not_news(resolver) -> None:  # type: ignore[no-untyped-def]
    text = "On 21 August 2013, rockets killed hundreds of people in Zamalka."
    assert not [i for i in run(text, resolver, date=FRIDAY) if i.killed_best]
    assert [i.killed_best for i in run(text, resolver, date=None)] == [200]


# --------------------------------------------------------------------------------------------
# Dates, ids, provenance
def test_dates_from_the_sentence_then_the_story_then_the_article(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Jets killed 6 people in Ariha on Thursday. "
        "Shelling killed 3 people in Saraqib. "
        "On 2 February 2018, a car bomb killed 5 in Azaz."
    )
    found = run(text, resolver)
    assert [i.date for i in found] == [
        dt.date(2018, 2, 8),
        dt.date(2018, 2, 8),
        dt.date(2018, 2, 2),
    ]
    lone = run("Shelling killed 3 people in Saraqib.", resolver)
    assert lone[0].date == FRIDAY
    assert run("Shelling killed 3 people in Saraqib.", resolver, date=None)[0].date is None


def test_ids_are_stable_and_offsets_index_the_text(resolver) -> None:  # type: ignore[no-untyped-def]
    text = "Jets killed 6 people in Ariha.\n\nShelling killed 3 people in Saraqib."
    a = run(text, resolver, doc="doc7")
    b = run(text, resolver, doc="doc7")
    assert [i.incident_id for i in a] == ["doc7-001", "doc7-002"] == [i.incident_id for i in b]
    for inc in a:
        assert text[inc.char_start : inc.char_end] == inc.text
        assert 0 < inc.confidence <= 1


def test_empty_article(resolver) -> None:  # type: ignore[no-untyped-def]
    assert run("", resolver) == []
    assert run("Nothing happened today.", resolver) == []


def test_extract_articles_streams(resolver) -> None:  # type: ignore[no-untyped-def]
    arts = [Article("a", "Jets killed 6 people in Ariha."), Article("b", "Calm day.")]
    got = list(extract_articles(iter(arts), resolver=resolver))
    assert [i.doc_id for i in got] == ["a"]


def test_read_drafts_needs_no_gazetteer() -> None:
    drafts = read_drafts(
        Article("x", "Shelling killed 3 people in Saraqib on Friday.", date=FRIDAY)
    )
    assert len(drafts) == 1 and drafts[0].killed.best == 3


# --------------------------------------------------------------------------------------------
# End to end: the sample articles against the gold file, with the shared scorer
def test_sample_articles_pass_the_scorer(
    example_paths, shared_dir, tmp_path: Path, resolver
) -> None:  # type: ignore[no-untyped-def]
    gold_path = shared_dir / "eval" / "seeds_gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    incidents: list[Incident] = []
    for path in example_paths:
        doc = path.stem
        date = gold["documents"].get(doc, {}).get("date")
        art = Article(
            doc,
            path.read_text(encoding="utf-8"),
            date=dt.date.fromisoformat(date) if date else None,
        )
        incidents.extend(extract_incidents(art, resolver=resolver))
    out = tmp_path / "incidents.geojson"
    write_incidents_geojson(incidents, out)
    proc = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score_incidents.py"), str(gold_path), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout
    last = proc.stdout.strip().splitlines()[-1]
    fields = last.split("fields=")[1].split()[0]
    ok, total = (int(x) for x in fields.split("/"))
    assert ok / total >= 0.9, last


def test_cue_prefilter_matches_like_the_flat_alternation() -> None:
    import re

    from geoconflict import _tokens, reading

    flat = re.compile("|".join(reading._CUE_STEMS))
    samples = [
        "The minister met his counterpart in Geneva.",
        "Shells landed on the market.",
        "A mortar round hit the school.",
        "Talks resumed on Tuesday.",
        "Residents fled the fighting.",
        "they buried the victims",
    ]
    for s in samples:
        assert (flat.search(s.lower()) is None) == (reading._CUE_RE.search(s.lower()) is None), s
    assert re.fullmatch(_tokens._trie_pattern(["kill", "kin", "killing"]), "kin")
    assert re.search(_tokens._trie_pattern(["kill", "kin"]), "skilled")


# --------------------------------------------------------------------------------------------
# Places named by an attack noun, by modifiers after "of", by clauses of their own
ATTACKED_PLACES = [
    ("Russian shelling of Saraqib killed four civilians.", "Saraqib", "Idleb"),
    (
        "The bombardment of Jisr al-Shughur killed nine people on Sunday.",
        "Jisr al-Shughur",
        "Idleb",
    ),
    ("A Turkish assault against Tal Rifaat killed three fighters.", "Tal Rifaat", "Aleppo"),
    ("Air strikes of Douma killed seven, medics said.", "Douma", "Rural Damascus"),
]


@pytest.mark.parametrize(("text", "place", "admin1"), ATTACKED_PLACES)
def test_attack_noun_of_names_the_place(text: str, place: str, admin1: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.place == place
    assert inc.location is not None and inc.location.admin1 == admin1


def test_parts_of_a_city_after_of_take_the_city_near_it(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Regime barrel bombs on opposition-held districts of western Homs killed 17 people.",
        resolver,
    )
    assert inc.place == "western Homs"
    assert inc.location is not None and inc.location.admin1 == "Homs"
    assert inc.location.precision == 2


def test_capitalised_compass_word_after_town_of_stays_in_the_name(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Shelling on the town of Eastern Ghouta killed five people.", resolver)
    assert inc.place.startswith("Eastern Ghouta")


def test_adjectives_before_the_feature_word_are_skipped(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "A truck bomb went off in the Kurdish-controlled town of Manbij, killing 19.", resolver
    )
    assert inc.place == "Manbij"
    inc = one("Mortars fell on the besieged northern town of Foua, killing six people.", resolver)
    assert inc.place == "Foua"


def test_each_clause_keeps_its_own_place(resolver) -> None:  # type: ignore[no-untyped-def]
    incs = run(
        "In Saraqib, three men were killed, whereas in Ariha four women died in the shelling.",
        resolver,
    )
    got = sorted((i.place, i.killed_best) for i in incs if i.killed_best)
    assert got == [("Ariha", 4), ("Saraqib", 3)]


def test_children_between_subject_count_and_verb(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Some 30 people, among them eight children, were killed in an air raid on Atareb.",
        resolver,
    )
    assert (inc.killed_best, inc.killed_children) == (30, 8)


# --------------------------------------------------------------------------------------------
# Event notes (ACLED style), relatives, bodies, datelines
def test_event_note_fatalities_field_gives_the_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "On 12 March 2019, unidentified gunmen shot dead a civilian in Inkhil. Fatalities: 3",
        resolver,
        date=dt.date(2019, 3, 20),
    )
    assert inc.killed_best == 3
    assert inc.place == "Inkhil"


def test_event_note_with_zero_fatalities_has_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    incs = run(
        "On 2 April 2019, regime forces shelled the outskirts of Latamneh. Fatalities: 0",
        resolver,
        date=dt.date(2019, 4, 5),
    )
    assert all(i.killed_best is None for i in incs)


KIN = [
    ("Sniper fire in Jasim killed a woman and her husband.", 2, None),
    ("Shells hit Tafas, killing a man and his three children.", 4, 3),
    ("An elderly man and his son were killed when a mine exploded near Nawa.", 2, None),
    ("A woman and her two daughters were killed in an air strike on Kafr Zita.", 3, None),
]


@pytest.mark.parametrize(("text", "best", "children"), KIN)
def test_relatives_killed_with_a_victim_add_up(text: str, best: int, children, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(text, resolver)
    assert inc.killed_best == best
    assert inc.killed_children == children


def test_a_body_found_counts_one_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The body of a young man was found on the road near Sanamayn.", resolver)
    assert inc.killed_best == 1


def test_syrian_dateline_places_a_placeless_count(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Raids kill 9\n\nHOMS, Syria (AP) — Air raids killed nine people on Monday, a monitor"
        " said.\n\nThe government denied the claims."
    )
    incs = [i for i in run(text, resolver) if i.killed_best == 9]
    assert incs and all(i.location is not None for i in incs)
    assert incs[0].location.admin1 == "Homs"
    assert incs[0].location.precision >= 4
    assert incs[0].place is None


def test_foreign_dateline_places_nothing(resolver) -> None:  # type: ignore[no-untyped-def]
    text = "BEIRUT (Reuters) - Air raids killed nine people on Monday, a monitor said."
    incs = [i for i in run(text, resolver) if i.killed_best == 9]
    assert incs and incs[0].location is None


def test_dateline_does_not_override_a_place_in_the_text(resolver) -> None:  # type: ignore[no-untyped-def]
    text = "HOMS, Syria (AP) — Air raids killed nine people in Saraqib on Monday."
    inc = one(text, resolver)
    assert inc.place == "Saraqib"
    assert inc.location is not None and inc.location.admin1 == "Idleb"


NO_DEATHS = [
    "The foreign ministers of Russia and Turkey met in Sochi to discuss a ceasefire in Idlib.",
    "Regime artillery shelled Kafr Nabudah on Sunday, but no casualties were reported.",
    "A rocket fell on Jableh, wounding four people, state media said.",
    "Rebels said they had not lost a single fighter in the battle for Tal Rifaat.",
]


@pytest.mark.parametrize("text", NO_DEATHS)
def test_articles_without_deaths_get_no_killed_count(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert all(i.killed_best is None for i in run(text, resolver))


ACLED_ACTORS = [
    ("On 4 May 2019, SARG forces shelled Kafr Zita, killing 2 civilians.", "pro-Assad forces"),
    ("Military Forces of Syria shelled Latamneh, killing 3 civilians.", "pro-Assad forces"),
    ("SARG and Russian warplanes struck Khan Sheikhoun, killing 5 civilians.", "Russia"),
]


@pytest.mark.parametrize(("text", "actor"), ACLED_ACTORS)
def test_event_note_actor_names(text: str, actor: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver, date=dt.date(2019, 5, 10)).actor == actor


def test_number_of_dead_rose_to_is_a_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The number of civilians killed in the air raids on Saraqib climbed to 19.", resolver)
    assert inc.killed_best == 19


def test_possessive_area_holds_even_after_an_opening_source(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "State television said 3 people died when mortars hit Damascus's Bab Touma district.",
        resolver,
    )
    assert inc.location is not None and inc.location.admin1 == "Damascus"


def test_the_month_may_is_not_a_hypothetical(resolver) -> None:  # type: ignore[no-untyped-def]
    incs = run(
        "On 14 May 2019, regime forces shelled Kafr Zita with artillery.",
        resolver,
        date=dt.date(2019, 5, 20),
    )
    assert [i.place for i in incs] == ["Kafr Zita"]
    incs = run("In early May, regime forces shelled Kafr Zita.", resolver, date=dt.date(2019, 6, 2))
    assert [i.place for i in incs] == ["Kafr Zita"]
    assert run("Regime forces may shell Kafr Zita again.", resolver) == []


def test_a_toll_over_the_past_decade_is_cumulative(resolver) -> None:  # type: ignore[no-untyped-def]
    incs = run("The monitor accused the regime of killing 300 people in the past decade.", resolver)
    assert incs and all(i.is_cumulative for i in incs if i.killed_best)


def test_a_neighbourhood_in_a_town_is_placed_in_that_town(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Rebel rockets hit the al-Qusour neighbourhood in Mhardeh city, killing 3 citizens.",
        resolver,
    )
    assert inc.location is not None and inc.location.admin1 == "Hama"


def test_martyrdom_of_counts_the_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Activists reported the martyrdom of 4 civilians in shelling on Ariha.", resolver)
    assert inc.killed_best == 4


def test_a_bare_governorate_name_in_the_sentence_is_the_area(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("In Daraa, gunmen killed three men at a checkpoint near Saida.", resolver)
    assert inc.location is not None and inc.location.admin1 == "Dar'a"


def test_an_event_named_by_its_place_gives_the_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Four more victims died in hospital, raising the toll of the Binnish massacre to 17.",
        resolver,
    )
    assert (inc.killed_best, inc.place) == (17, "Binnish")
    assert one("The Russian attack killed 5 people.", resolver).place is None


UNIT_VICTIMS = [
    ("Four members of the Syrian army were killed in an ambush near Palmyra.", 4),
    ("A fighter of the Sultan Murad Division was killed by a landmine near Azaz.", 1),
    ("Snipers killed 2 members of the pro-government militias near Suran.", 2),
]


@pytest.mark.parametrize(("text", "best"), UNIT_VICTIMS)
def test_victims_of_a_named_unit_are_counted(text: str, best: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).killed_best == best


@pytest.mark.parametrize(
    "text",
    [
        "HOMS, Feb. 8 (SANA) - Three civilians were martyred when rockets hit a bakery in Talbise.",
        "On February 8 three civilians were killed when rockets hit a bakery in Talbiseh.",
    ],
)
def test_the_day_of_a_date_is_not_a_count(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert [i.killed_best for i in run(text, resolver)] == [3]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Nine soldiers and 4 rebels were killed in fighting near Kafr Zita on Monday.", 13),
        ("The monitor said 7 troops and 6 militants died in clashes outside Morek.", 13),
        ("The blast wounded 8 civilians and 3 people were killed in Morek.", 3),
    ],
)
def test_a_list_of_victims_before_a_passive_verb_adds_up(text: str, killed: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).killed_best == killed


@pytest.mark.parametrize(
    ("text", "event_type", "place_name"),
    [
        ("Regime troops and rebels fought for control of the hilltop village of Kafr Nabudah.",
         "ground_assault", "Kafr Nabudah"),
        ("Army units carried out combing operations in the eastern countryside of Hama, "
         "a military source said.", "ground_assault", "Hama"),
        ("Government forces tightened their siege of the town of Madaya on Sunday.",
         "other", "Madaya"),
        ("The SDF announced the liberation of Manbij after a two-month battle.",
         "ground_assault", "Manbij"),
    ],
)
def test_fighting_sieges_and_operations_are_events_without_a_count(  # type: ignore[no-untyped-def]
    text: str, event_type: str, place_name: str, resolver
) -> None:
    found = run(text, resolver)
    assert len(found) == 1, [(i.text, i.event_type) for i in found]
    inc = found[0]
    assert inc.event_type == event_type
    assert inc.killed_best is None
    want = resolver.resolve(place_name).best.place
    assert inc.location is not None and inc.location.admin1 == want.admin1


def test_a_building_named_after_its_town_lies_in_that_town(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A car bomb went off outside Homs University on Sunday, killing at least 9 people.",
              resolver)
    assert inc.killed_best == 9
    assert inc.location is not None
    assert inc.location.place_name == "Homs" and inc.location.precision == 2


def test_the_rebel_held_part_of_a_city_is_that_city(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Barrel bombs fell on the opposition-held part of Aleppo, killing 14 people.",
              resolver)
    assert inc.location is not None
    assert inc.location.place_name == "Aleppo" and inc.location.precision == 2


def test_placeless_count_takes_the_most_precise_place_of_a_location_field(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Event note: government of Syria vs. civilians. Location: Homs city, Baba Amr "
        "neighbourhood. Fatalities: 6."
    )
    found = [i for i in run(text, resolver) if i.killed_best is not None]
    assert [i.killed_best for i in found] == [6]
    loc = found[0].location
    assert loc is not None and loc.place_name == "Baba Amr" and loc.admin1 == "Homs"


def test_placeless_count_takes_the_one_governorate_of_the_articles_places(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Government forces shelled Homs city and the Baba Amr neighbourhood. "
        "The monitor said six people were killed."
    )
    found = [i for i in run(text, resolver) if i.killed_best is not None]
    assert [i.killed_best for i in found] == [6]
    loc = found[0].location
    assert loc is not None and loc.admin1 == "Homs"


def test_placeless_count_stays_unplaced_when_places_span_governorates(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Shelling killed 12 people on Friday, a monitor said. Earlier, rebels had shelled "
        "Mhardeh and government jets bombed Jisr al-Shughur."
    )
    found = [i for i in run(text, resolver) if i.killed_best == 12]
    assert len(found) == 1 and found[0].location is None


def test_a_separate_strike_nearby_is_not_a_part_of_the_first(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air strikes on a market in a town of Idlib province killed at least 25 people on "
        "Tuesday. The strikes hit the main market in Kafr Nabl in Idlib province. In the "
        "village of Hass, a separate strike killed two men."
    )
    counted = [i for i in run(text, resolver) if i.killed_best and not i.part_of]
    assert sorted(i.killed_best for i in counted) == [2, 25]


def test_another_sources_toll_after_a_linked_place_widens_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air strikes hit a bakery in the rebel-held part of Aleppo on Monday, killing at least "
        "16 people, rescuers said.\n\nThe civil defence said the strikes destroyed the bakery "
        "in the Bustan al-Qasr neighbourhood. The Syrian Observatory put the toll at 19."
    )
    counted = [i for i in run(text, resolver) if i.killed_best and not i.part_of
               and not i.is_cumulative]
    assert [i.killed_best for i in counted] == [16]


def test_a_blast_through_a_market_is_placed_at_its_town(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Suicide bomb tears through Manbij market, killing 17", resolver)
    assert inc.killed_best == 17
    want = resolver.resolve("Manbij").best.place
    assert inc.location is not None and inc.location.place_id == want.place_id


def test_a_side_clause_after_the_count_does_not_give_its_place(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "Government jets struck the rebel-held town of Saraqeb on Monday, killing at least 11 "
        "people, as insurgents pressed their advance toward the city of Hama.",
        resolver,
    )
    assert inc.location is not None and inc.location.admin1 == "Idleb"


def test_a_place_set_in_the_town_named_after_it_is_looked_for_near_that_town(resolver) -> None:  # type: ignore[no-untyped-def]
    # Ziraa exists in Aleppo governorate; the text sets it in Lattakia city.
    inc = one(
        "Rockets fell on al-Ziraa and Sheikh Daher neighborhoods in Lattakia city, killing "
        "four people.",
        resolver,
    )
    assert inc.location is not None and inc.location.admin1 == "Lattakia"
    inc = one(
        "A car bomb exploded at the al-Rashideen crossing on the western outskirts of Aleppo, "
        "killing 16 people.",
        resolver,
    )
    assert inc.location is not None and inc.location.admin1 == "Aleppo"


def test_two_joined_place_phrases_are_not_one_place_inside_the_other(resolver) -> None:  # type: ignore[no-untyped-def]
    found = read_drafts(
        Article(
            "t",
            "Shelling on the village of Jubata al-Khashab and the outskirts of al-Hamidiyah "
            "killed two fighters.",
            date=FRIDAY,
        )
    )
    assert [d.place.ref.near_to for d in found if d.place is not None] == [None]


def test_counts_that_add_up_to_the_total_are_parts_not_second_figures(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Bombs tore through Jableh and Tartus on Monday, killing at least 60 people. "
        "The monitor said 35 people died in Jableh, where bombers hit the bus station. "
        "Twenty-five were killed in Tartus.",
        resolver,
    )
    assert [i.killed_best for i in found if i.part_of is None and i.killed_best] == [60]


def test_a_figure_told_as_an_earlier_event_is_not_a_second_figure(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Bombs struck the town of Sayyida Zeinab on Sunday, killing at least 40 people. "
        "Hours earlier, twin car bombs hit the Zahraa neighborhood of the central city of "
        "Homs, killing 30 people, the monitor said.",
        resolver,
    )
    counted = sorted(i.killed_best for i in found if i.part_of is None and i.killed_best)
    assert counted == [30, 40]
    homs = next(i for i in found if i.killed_best == 30)
    assert homs.location is not None and homs.location.admin1 == "Homs"


def test_so_far_for_one_days_event_is_that_events_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "The monitor has so far documented the names of 57 villagers who were killed in the "
        "town of Qubeir on Wednesday.",
        resolver,
    )
    assert (inc.killed_best, inc.is_cumulative) == (57, False)


def test_a_toll_phrase_whose_number_counts_the_injured_gives_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The number of people killed in the air strike on the market of Maaret al-Numan in "
        "southern Idlib province on Monday morning has risen to 38. The toll is expected to "
        "rise because of the number of people seriously injured, estimated at more than 90.",
        resolver,
    )
    assert [i.killed_best for i in found if i.killed_best is not None] == [38]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Gunmen ambushed a bus near Tadmur on Saturday, martyring seven of them.", 7),
        ("Three shepherds were killed by a landmine near Uqayribat on Tuesday.", 3),
        ("A bomber struck a cafe in Manbij, killing two Americans and at least 9 other people.",
         11),
    ],
)
def test_more_ways_of_naming_the_dead(text: str, best: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert one(text, resolver).killed_best == best


def test_a_rival_sources_figure_in_the_same_sentence_widens_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Two bombs struck a bus station in Jableh on Monday, leaving at least 50 dead, the "
        "monitor said, while the provincial governor spoke of 31 people dead.",
        resolver,
    )
    assert [(i.killed_low, i.killed_best) for i in found if i.killed_best] == [(31, 50)]


def test_a_toll_over_a_campaign_of_weeks_is_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Activists say more than 400 people have died in the army's six-week offensive.",
              resolver)
    assert inc.is_cumulative


def test_a_month_that_dates_the_start_of_a_period_is_not_the_events_date(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "State television said 40 soldiers had been killed by gunmen in the town of Jisr "
        "al-Shughour, the deadliest attack on the army since the uprising began in March.",
        resolver,
        date=dt.date(2011, 6, 6),
    )
    assert (inc.killed_best, inc.is_cumulative) == (40, False)


def test_dead_named_again_inside_a_larger_count_are_its_part(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Rockets hit a media centre in the Baba Amr district on Wednesday, killing two "
        "journalists. Activists said at least 20 people were killed in Baba Amr on Wednesday, "
        "including the two journalists.",
        resolver,
    )
    assert [i.killed_best for i in found if i.killed_best and i.part_of is None] == [20]


def test_a_named_person_and_n_others_are_n_plus_one(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The group said Abu Omar al-Shami and three others were killed in Saraqeb.",
              resolver)
    assert inc.killed_best == 4
    inc = one("Shelling hit Saraqeb and three others were killed.", resolver)
    assert inc.killed_best == 3


def test_where_the_dead_came_from_and_the_attackers_fled_to_are_not_the_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Five shepherds were killed on Monday in an attack near the town of Uqayribat in "
        "eastern Hama. The victims, from the village of al-Saan, were shot dead before the "
        "attackers fled towards the desert of Homs. The attack raised to more than 90 the "
        "number of people killed since February.",
        resolver,
    )
    assert {i.location.admin1 for i in found if i.location is not None} == {"Hama"}


def test_a_count_in_a_denied_report_is_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The Civil Defence denied reports circulated on social media that 15 people had been "
        "killed in an air strike on Kafr Takharim.",
        resolver,
    )
    assert [i.killed_best for i in found if i.killed_best is not None] == []


def test_counts_after_a_nationwide_total_are_its_parts(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Security forces killed at least 60 people across the country on Friday, activists "
        "said. Twelve people were killed in Homs and seven in the town of Nawa.",
        resolver,
    )
    assert [i.killed_best for i in found if i.killed_best and i.part_of is None] == [60]


def test_a_speaker_after_a_list_of_victims_is_no_victim(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Rockets hit a market in Jableh, killing three people, a local official said.",
               resolver).killed_best == 3
    assert one("Rockets hit a market in Jableh, killing three people, a nurse told AFP.",
               resolver).killed_best == 3
    assert one("Shelling killed two children, a woman and an elderly man in Jableh.",
               resolver).killed_best == 4


def test_a_place_the_gazetteer_cannot_place_takes_the_dateline_area(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("DEIR EZ-ZOR, Syria (Reuters) - A mortar round struck the Karnak bakery on "
              "Tuesday, killing two men.", resolver)
    assert inc.location is not None and inc.location.admin1 == "Deir-ez-Zor"
    assert inc.location.precision == 4
    # A name known abroad takes nothing from the dateline.
    found = run("DARAA, Syria (AP) — A car bomb killed four people in Mosul on Friday.", resolver)
    assert all(i.location is None for i in found if i.killed_best == 4)


def test_fell_as_martyrs_is_killed(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Four fighters fell as martyrs in clashes near Kasab on Sunday.",
               resolver).killed_best == 4
    assert one("Two policemen fell martyrs when a bomb went off in Jableh.",
               resolver).killed_best == 2


def test_the_port_of_x_places_a_strike_with_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Warplanes hit warehouses at the country's second port of Tartus overnight, "
                "setting fuel tanks ablaze.", resolver)
    assert [(i.event_type, i.location.admin1) for i in found] == [("airstrike", "Tartous")]


def test_a_second_source_s_finer_place_the_gazetteer_lacks_keeps_the_first(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes killed at least 40 soldiers near Palmyra airport on Sunday, the ministry "
        "said. The Observatory said at least 44 soldiers were killed in the strikes on the Tal "
        "Zuhur hill overlooking the airport.",
        resolver,
    )
    (inc,) = [i for i in found if i.killed_best is not None]
    assert inc.killed_best == 40
    assert inc.location is not None and inc.location.admin1 == "Homs"


def test_a_toll_from_an_event_named_by_its_place_is_placed_there(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Death toll from Azaz truck bombing climbs to 19, monitor says", resolver)
    assert inc.killed_best == 19 and inc.location.admin1 == "Aleppo"
    inc = one("Twelve people died from Russian air strikes on Saraqib.", resolver)
    assert inc.location.admin1 == "Idleb"


def test_a_toll_since_the_fighting_broke_out_is_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Clashes in the village of Tabni killed six fighters on Tuesday. That raised to 41 "
        "the number of people killed since the fighting broke out on Saturday.",
        resolver,
    )
    assert [(i.killed_best, i.is_cumulative) for i in found if i.killed_best] == [
        (6, False), (41, True)]
    found = run(
        "Rockets killed three civilians in Ariha on Monday. Since the escalation of "
        "hostilities started on 2 March, at least 90 civilians have been killed in the area.",
        resolver,
        date=dt.date(2018, 3, 20),
    )
    assert [(i.killed_best, i.is_cumulative) for i in found if i.killed_best] == [
        (3, False), (90, True)]


def test_the_execution_or_massacre_of_n_is_killed(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Activists documented the execution of 17 detainees in the village of "
               "Tal Mardikh.", resolver).killed_best == 17
    assert one("The massacre of 30 villagers in Aqrab shocked the region.",
               resolver).killed_best == 30


def test_an_accusation_s_figure_is_another_figure_for_the_same_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Militants executed at least 120 people in the town of Sukhnah on Sunday, a monitor "
        "said. State media accused the group of carrying out a "
        "massacre of 200 people in the town, known in Arabic as al-Sukhnah.",
        resolver,
    )
    counted = [i for i in found if i.killed_best and i.part_of is None and not i.is_cumulative]
    assert [(i.killed_low, i.killed_best) for i in counted] == [(120, 120)]


def test_a_risen_toll_s_second_statement_gives_it_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Rockets hit the Masyaf area on Sunday, killing 11 people, the health directorate "
        "said. The governor later said the toll had risen to 15, adding that several of the "
        "wounded remain at Masyaf National Hospital.",
        resolver,
    )
    assert [i.killed_best for i in found if i.killed_best] == [15]


def test_a_second_source_after_a_long_quotation_restates_the_same_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes hit a school in the village of Kafr Nabudah on Monday, killing 19 "
        "children and two teachers, UNICEF said. \"This is an outrage. Children are not "
        "targets. They never are,\" its director said. The Observatory said at least 26 "
        "civilians were killed in the strikes on Kafr Nabudah.",
        resolver,
    )
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found if i.killed_best] == [
        (21, 21, 26)]


# --------------------------------------------------------------------------------------------
# Developments: events told with no violence, placed, never counted
DEVELOPMENTS = [
    ("More than 40,000 people have fled the town of Maarat al-Numan since Sunday, the UN said.",
     "displacement", "Idleb"),
    ("Some 2,000 families have been displaced from villages around Tal Tamr this week.",
     "displacement", "Al-Hasakeh"),
    ("Hundreds of refugees returned to their homes in the town of Qusayr on Monday.",
     "return", "Homs"),
    ("An aid convoy of 30 trucks entered the besieged town of Madaya on Tuesday.", "aid",
     "Rural Damascus"),
    ("Thousands of protesters rallied in the city of Sweida on Friday against the government.",
     "protest", "As-Sweida"),
    ("Security forces arrested 14 young men in the town of Jassem on Wednesday.", "arrest",
     "Dar'a"),
    ("A ceasefire took effect in the town of Daraa al-Balad on Thursday after talks.",
     "agreement", "Dar'a"),
    ("Security services raided the town of Qudsaya, arresting no fewer than 12 young men.",
     "arrest", "Rural Damascus"),
    ("Inter-agency convoys delivered food and medicines to Madaya on 11 January.", "aid",
     "Rural Damascus"),
    ("Hundreds of people demonstrated in the town of Busra al-Sham on Wednesday.", "protest",
     "Dar'a"),
    ("About 1,100 refugees returned from Lebanon through the Jdeidet Yabous crossing.",
     "return", "Rural Damascus"),
    ("Some 900 people have left the camp at Rukban since Sunday, arriving in Homs city.",
     "displacement", "Rural Damascus"),
    ("Twenty trucks loaded with humanitarian aid crossed into Idlib on Monday.", "aid",
     "Idleb"),
    ("Opposition fighters swept into the city of Hama on Thursday, residents said.",
     "territory", "Hama"),
    ("Government troops raised the national flag in the town of Busra al-Sham on Saturday.",
     "territory", "Dar'a"),
    ("Hundreds of Kurdish-led fighters rolled into the town of Manbij on Friday.",
     "territory", "Aleppo"),
    ("A deal was reached on Tuesday to evacuate rebels from the town of Madaya.",
     "agreement", "Rural Damascus"),
    ("The UN delivered food and medicines to the besieged town of Madaya on Monday.", "aid",
     "Rural Damascus"),
    ("Red Crescent teams helped evacuate 300 people from the town of Qusayr on Sunday.",
     "displacement", "Homs"),
    ("Army units restored security and stability to the town of Qusayr on Tuesday.",
     "territory", "Homs"),
    # what they would do next is another clause: the takeover is told as done
    ("Rebel brigades declared victory in the town of Nawa on Sunday, and said they would "
     "open the roads to traders.", "territory", "Dar'a"),
]


def test_control_taken_long_ago_is_no_development(resolver) -> None:  # type: ignore[no-untyped-def]
    # "since ... took control" dates the water cut; it is not the article's development
    found = run("The water station near Ras al-Ain has stopped pumping for the ninth time "
                "since Turkish-backed groups took control of the area last year.", resolver)
    assert [i.category for i in found] == []


def test_people_who_have_left_are_no_displacement(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("People speak of the profiteers in Latakia and of the thousands who have left "
                "for Europe.", resolver)
    assert [i.category for i in found] == []


@pytest.mark.parametrize(("text", "category", "admin1"), DEVELOPMENTS)
def test_a_development_is_placed_with_its_category_and_no_count(text, category, admin1,  # type: ignore[no-untyped-def]
                                                               resolver) -> None:
    (inc,) = run(text, resolver)
    assert (inc.category, inc.event_type, inc.location.admin1) == (category, "other", admin1)
    assert inc.killed_best is None and inc.killed_low is None and inc.injured_best is None


@pytest.mark.parametrize(
    "text",
    [
        "The UN called for a ceasefire in the town of Daraa al-Balad.",  # only spoken of
        "The evacuation of the town of Zabadani is expected to begin on Friday.",  # to come
        "Electricity supply returned to the city of Homs on Monday.",  # no people
        "The shelter hosts displaced families from Maarat al-Numan.",  # who they are
        "Thousands of Syrians fled to Germany in the summer.",  # to a foreign country
        "No aid convoy has entered the town of Madaya since January.",  # negated
        "Families who had fled Homs in 2012 are still in Lebanon.",  # long ago
    ],
)
def test_what_is_no_development(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert [i.category for i in run(text, resolver)] == []


def test_a_development_beside_an_attack_adds_no_death(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes killed nine civilians in the town of Saraqib on Monday. Thousands of "
        "residents have fled Saraqib since the strikes began.",
        resolver,
    )
    assert [(i.category, i.killed_best) for i in found] == [
        ("violence", 9), ("displacement", None)]


def test_a_list_after_a_comma_that_names_a_group_adds_none(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Gunmen shot dead three members of one family, a father and his two sons, "
               "near Salkhad on Monday.", resolver).killed_best == 3
    assert one("An air strike killed three people, a woman and her two sons, in Ariha.",
               resolver).killed_best == 3
    # A list of other victims still adds up.
    assert one("Shelling killed two children, a woman and an elderly man in Jableh.",
               resolver).killed_best == 4


def test_a_district_and_governorate_in_brackets_set_the_place_in_that_governorate(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Militants attacked a bus on the Ithriyah - Raqqa road near Ithriyah "
              "(Salamiyeh, Hama), killing 6 soldiers.", resolver)
    assert inc.location.admin1 == "Hama"


@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        ("Strikes killed at least 30 civilians in Raqqa over the past 24 hours, a monitor said.",
         False),
        ("Strikes killed at least 300 civilians in Raqqa over the past month, a monitor said.",
         True),
        ("At least 90 people were executed in and around Palmyra in the first nine days after "
         "the group seized it.", True),
        # (beside another count: a lone toll of the last few days is the article's event,
        # see test_a_toll_since_an_offensive_began_on_a_named_day_is_a_window)
        ("The monitor said more than 300 people, most of them fighters, had been killed since "
         "the offensive began on Wednesday in Idlib. A car bomb killed two people in Azaz.",
         True),
    ],
)
def test_what_makes_a_running_toll(text: str, cumulative: bool, resolver) -> None:  # type: ignore[no-untyped-def]
    (inc,) = [i for i in run(text, resolver) if i.killed_best and i.killed_best > 2]
    assert inc.is_cumulative is cumulative


def test_deaths_over_the_same_period_are_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "On 5 February, shelling hit a market in Ariha, killing at least eight civilians. "
        "The UN has recorded at least 250 civilian deaths in Idleb governorate over the same "
        "period.", resolver)
    assert [(i.killed_best, i.is_cumulative) for i in found if i.killed_best] == [
        (8, False), (250, True)]


def test_an_earlier_report_this_month_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Coalition air strikes killed at least 40 civilians in a village near Manbij on "
        "Tuesday, the Observatory said. Earlier this month, the Observatory said strikes had "
        "killed 15 civilians in Manbij itself.", resolver)
    assert [i.killed_best for i in found if i.killed_best] == [40]


def test_one_victim_named_by_its_role(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("A drone hit a car near Hadar, killing its driver, a local man.",
               resolver).killed_best == 1
    assert one("A bomb exploded in a car in Mezzeh, killing the owner of the car.",
               resolver).killed_best == 1
    assert one("Shelling killed a child, a woman and two men in Jableh.",
               resolver).killed_best == 4


def test_small_figures_of_two_sources_for_the_same_place_are_one_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The army said the strike on the Shayrat air base killed six people. The Observatory "
        "said seven soldiers were killed at the Shayrat air base, including an officer.",
        resolver,
    )
    assert [(i.killed_best, i.killed_high) for i in found if i.killed_best] == [(6, 7)]
    # Small counts in two places stay two incidents.
    found = run("Shelling killed six people in Ariha. Seven people were killed in Saraqib.",
                resolver)
    assert sorted(i.killed_best for i in found if i.killed_best) == [6, 7]


def test_members_of_a_unit_named_at_length(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Fourteen members of Syria's new interior ministry forces were killed in an "
               "ambush in Tartus province.", resolver).killed_best == 14


def test_also_in_a_relative_clause_tells_no_other_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Militants ambushed a bus carrying soldiers near Palmyra on Wednesday, killing 25 "
        "people, state media said. The Observatory said 37 soldiers had been killed in the "
        "attack, which it said also involved roadside bombs.",
        resolver,
    )
    assert [(i.killed_best, i.killed_high) for i in found if i.killed_best] == [(25, 37)]


def test_the_dead_named_one_by_one(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Gunmen shot dead Khaled Mahmoud al-Hariri, a former rebel commander, in the town "
              "of Nawa on Tuesday.", resolver)
    assert inc.killed_best == 1 and inc.location.admin1 == "Dar'a"
    assert one("A bomb exploded in Jableh, killing police chief Samer Hassan and Ali "
               "Mansour.", resolver).killed_best == 2
    assert one("Abu Omar al-Shishani was killed in an air strike near Shaddadi.",
               resolver).killed_best == 1
    # An actor or a unit is no person.
    found = run("Coalition strikes killed Islamic State fighters in Raqqa.", resolver)
    assert [i.killed_best for i in found] == [None]


def test_a_year_in_a_relative_clause_dates_the_person_not_the_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Gunmen shot dead a former commander who signed a settlement deal in 2016 "
                "in the town of Nawa on Tuesday.", resolver)
    assert [i.killed_best for i in found] == [1]


def test_a_facility_named_whole_resolves_as_written(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Israeli missiles targeted positions in the vicinity of Damascus International "
                "Airport shortly after midnight.", resolver)
    assert [i.location.admin1 for i in found] == ["Rural Damascus"]


def test_a_place_named_as_syrias_is_a_place_without_a_preposition(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Car bomb kills seven near busy bakery of Syria's Tal Abyad, officials say",
              resolver)
    assert inc.location.admin1 == "Ar-Raqqa"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("IS - Civilians. Al-Bab, Halab. 2016-11-30. A car bomb hit a bus station. "
         "Deaths: best estimate 9 (low 8, high 11).", "Aleppo"),
        ("Government - insurgents. Talbiseh and al-Rastan, Hims. 2015-10-02. Air strikes; "
         "deaths: 14 (civilians 12, fighters 2).", "Homs"),
        ("Government offensive. Jabal al-Akrad, Lattakia governorate (Rabee'a subdistrict). "
         "Offensive on the mountain villages. Reported deaths: best 17 (low 15, high 20).",
         "Lattakia"),
    ],
)
def test_a_notes_place_line_places_its_counts(text: str, admin1: str, resolver) -> None:  # type: ignore[no-untyped-def]
    counted = [i for i in run(text, resolver) if i.killed_best]
    assert counted and all(i.location is not None and i.location.admin1 == admin1
                           for i in counted)


def test_victims_named_again_between_count_and_verb(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Two civilians, a farmer and his nephew, were reportedly killed when a drone "
               "struck a truck near Amuda.", resolver).killed_best == 2


def test_a_named_victim_after_the_day(resolver) -> None:  # type: ignore[no-untyped-def]
    assert one("Gunmen assassinated on Tuesday Brigadier General Hassan Haidar near his "
               "house in Sahnaya.", resolver).killed_best == 1


def test_a_year_in_a_since_clause_is_no_background(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A suicide bomber struck a restaurant in Manbij on Wednesday, killing four "
              "Americans and at least 15 other people, in the deadliest attack on U.S. forces "
              "since they deployed in 2015.", resolver)
    assert inc.killed_best == 19 and inc.place == "Manbij"
    # A since clause with dead of its own tells of that earlier event, and its year dates it.
    found = run("The attack is one of the deadliest since sarin killed hundreds in Eastern "
                "Ghouta in August 2013.", resolver, date=dt.date(2017, 4, 5))
    assert [i.killed_best for i in found if i.killed_best] == []


def test_a_year_in_a_since_clause_with_its_own_dead_dates_only_that_clause(resolver) -> None:  # type: ignore[no-untyped-def]
    # the earlier event's dead are background; the sentence's own count before the clause
    # is the news
    found = run("A car bomb killed 41 people at a bus station in Jableh on Monday, the worst "
                "attack on the coast since gunmen killed dozens there in 2016.", resolver,
                date=dt.date(2019, 3, 6))
    counted = [(i.killed_best, i.location.admin1 if i.location else None) for i in found
               if i.killed_best]
    assert counted == [(41, "Lattakia")]
    found = run("Shelling killed nine civilians in Douma, the most since a 2018 chemical "
                "attack killed 43 people in the town.", resolver, date=dt.date(2020, 5, 2))
    assert [i.killed_best for i in found if i.killed_best] == [9]
    # a year outside the since clause still makes the whole sentence background
    found = run("In 2015 a barrel bomb killed 30 people in Jableh, the deadliest since a "
                "blast killed 12 there in 2013.", resolver, date=dt.date(2019, 3, 6))
    assert [i.killed_best for i in found if i.killed_best] == []


def test_a_differing_account_is_the_same_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Activists said more than 150 people were killed in the village of Qubeir on "
        "Thursday when troops stormed it. State television gave a different account, saying "
        "that four soldiers were killed in clashes with armed groups in Qubeir.",
        resolver,
    )
    counted = [i for i in found if i.killed_best and i.part_of is None]
    assert [i.killed_best for i in counted] == [151]
    assert "four soldiers" in counted[0].text  # the other account stays readable


def test_the_attackers_claimed_figure_is_no_more_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Militants killed six members of the SDF in an attack on a checkpoint near Shuhail "
        "on Monday. The group claimed the attack through its news agency, saying it had "
        "killed 15 fighters.",
        resolver,
    )
    assert [i.killed_best for i in found if i.killed_best] == [6]


# --------------------------------------------------------------------------------------------
# Session 7: "N more" and parts named before the rest of a total
def test_n_more_were_killed_counts_n_not_one_named_person(resolver):
    inc = one("Three more were killed in a drone strike on Maarat al-Numan.", resolver)
    assert inc.killed_best == 3


def test_a_place_after_killed_in_is_not_a_persons_name(resolver):
    inc = one("Rockets killed two shepherds; others were killed in raids on Kafr Zita.", resolver)
    assert inc.killed_best == 2


def test_vague_scores_more_is_still_not_a_count(resolver):
    text = ("Shelling killed 30 people in Douma on Friday. Scores more were reported dead "
            "across the country.")
    assert _total(run(text, resolver)) == 30


def test_a_named_part_and_n_more_make_up_the_total(resolver):
    text = ("Barrel bombs hit two districts of Hama on Friday, killing at least 17 people. "
            "Activists said 12 of the dead were in the Arbaeen district, and five more were "
            "killed in nearby Kafr Zita.")
    found = run(text, resolver)
    assert [i.killed_best for i in found if i.killed_best and pipeline.counted(i)] == [17]
    assert sorted(i.killed_best for i in found if i.part_of) == [5, 12]


# A running toll "since Sunday" that is the article's only count is the event's toll
MONDAY = dt.date(2017, 3, 20)


def test_a_recent_window_toll_alone_is_the_events_toll(resolver):
    text = ("Rebels attacked army positions in Qaboun for a second day on Monday. The "
            "Observatory said 18 soldiers and 11 rebels had been killed in the fighting since "
            "Sunday morning.")
    assert _total(run(text, resolver, date=MONDAY)) == 29


def test_a_war_long_toll_alone_stays_a_running_toll(resolver):
    text = ("Rebels attacked army positions in Qaboun on Monday. More than 300,000 people have "
            "been killed in the fighting since March 2011.")
    assert _total(run(text, resolver, date=MONDAY)) is None


def test_a_recent_window_toll_beside_a_new_count_stays_running(resolver):
    text = ("Airstrikes killed 12 people in Douma on Monday. The death toll since Saturday "
            "is at least 40.")
    assert _total(run(text, resolver, date=MONDAY)) == 12


def test_a_thousands_comma_does_not_start_a_list_of_counts(resolver):
    text = ("Shelling killed 12 people in Douma on Friday, including over 4,500 displaced "
            "residents' relatives, activists said.")
    assert [i.killed_best for i in run(text, resolver) if i.killed_best] == [12]
    text = "The flood killed more than 1,200 people in the north, including over 3,400 in camps."
    assert all(i.killed_best != 400 for i in run(text, resolver))


def test_a_development_in_the_dateline_sentence_is_placed_at_the_dateline(resolver):
    text = ("JARABULUS, Syria (AP) — A convoy of 20 U.N. trucks carrying flour and blankets "
            "crossed into northern Syria on Friday, the largest delivery since fighting a "
            "month ago cut the road.")
    found = run(text, resolver)
    assert [(i.category, i.location.admin1 if i.location else None) for i in found] == [
        ("aid", "Aleppo")]
    assert found[0].killed_best is None


def test_a_foreign_dateline_places_no_development(resolver):
    text = ("BEIRUT (Reuters) - A convoy of 20 U.N. trucks carrying flour crossed into "
            "northern Syria on Friday.")
    assert [i for i in run(text, resolver) if i.location is not None] == []


NOVEMBER = dt.date(2018, 11, 9)


def test_a_month_naming_an_earlier_attack_is_background(resolver):
    text = ("Troops freed six hostages near Palmyra on Thursday. Gunmen seized them in the "
            "July attacks on Sweida, in which more than 200 people were killed.")
    assert _total(run(text, resolver, date=NOVEMBER)) is None


def test_deaths_someone_reported_at_the_time_are_background(resolver):
    text = ("Troops freed six hostages near Palmyra on Thursday. Three of the captives died "
            "in captivity, relatives said at the time.")
    assert _total(run(text, resolver, date=NOVEMBER)) is None


def test_a_month_of_this_season_still_dates_the_news(resolver):
    text = "Airstrikes killed 9 people in the November attacks on Saraqeb, activists said."
    assert _total(run(text, resolver, date=NOVEMBER)) == 9


def test_a_source_raising_its_toll_updates_the_count_not_a_later_event(resolver):
    text = ("A suspected gas attack on a town in Idlib province killed at least 40 people on "
            "Friday, a monitor said.\n\nHours later, a rocket struck a clinic where victims were "
            "treated. By evening, the Observatory had raised its toll to 61.")
    assert _total(run(text, resolver)) == 61


def test_since_a_year_when_tells_an_earlier_event(resolver):
    text = ("A chemical attack killed 58 people in Khan Sheikhoun on Friday, the deadliest "
            "since 2013, when sarin killed hundreds in Ghouta.")
    assert _total(run(text, resolver)) == 58
    text = ("The attack was the deadliest in Syria since 2013, when hundreds died in the "
            "suburbs of Damascus.")
    assert _total(run(text, resolver)) is None


def test_another_sources_toll_with_its_own_place_is_a_figure_for_the_same_event(resolver):
    text = ("Twin bombs near a shrine in the Old City of Damascus killed at least 30 people on "
            "Saturday, officials said. The Observatory put the toll at 52 and said the bombs "
            "struck buses near the Bab Touma gate.")
    assert _total(run(text, resolver)) == 30


def test_the_other_sides_account_of_the_massacre_adds_no_dead(resolver):
    text = ("Activists accused militiamen of killing at least 40 people in a village in Hama "
            "province on Thursday.\n\nState television accused terrorists of committing the "
            "massacre and said seven people had been killed.")
    assert _total(run(text, resolver)) == 40


def test_the_other_sides_retaliation_in_the_same_province_is_its_own_event(resolver):
    text = ("At least 20 Turkish soldiers were killed in an air strike by Syrian government "
            "forces in Idlib province on Thursday. Turkey hit back. The Observatory said "
            "Turkish retaliatory shelling killed 9 Syrian troops around Saraqeb.")
    assert _total(run(text, resolver)) == 29


def test_a_town_inside_the_area_of_a_larger_count_stays_a_part(resolver):
    text = ("Government bombing killed 40 people in Idlib province on Thursday. In the town of "
            "Saraqeb, airstrikes killed 12.")
    assert _total(run(text, resolver)) == 40


def test_an_elliptic_count_after_a_long_where_clause(resolver):
    text = ("Bombs tore through Tartus and Jableh on Monday, killing at least 60 people. The "
            "Observatory said 41 people were killed in Jableh, where suicide bombers struck a "
            "bus station and a hospital emergency ward, and 19 in Tartus, where a car bomb "
            "exploded at a bus station.")
    found = run(text, resolver)
    assert _total(found) == 60
    assert sorted(i.killed_best for i in found if i.part_of) == [19, 41]


def test_a_neighbour_and_a_relative_are_victims(resolver):
    inc = one("A mortar hit a house in Azaz, killing a woman, her two sons and a neighbour.",
              resolver)
    assert inc.killed_best == 4


def test_an_elliptic_count_with_its_own_victims_and_place(resolver):
    text = ("Turkish shelling killed 9 civilians in and around Ras al-Ain and six fighters of "
            "the Syrian Democratic Forces near Tal Abyad on Friday.")
    found = run(text, resolver)
    assert sorted(i.killed_best for i in found if i.killed_best) == [6, 9]


APRIL = dt.date(2016, 4, 28)


def test_a_month_in_a_relative_clause_dates_its_noun_not_the_event(resolver):
    text = ("Rebel shelling killed 14 people in the Midan neighborhood of Aleppo on Thursday, "
            "despite a partial truce that came into effect in February.")
    assert _total(run(text, resolver, date=APRIL)) == 14
    text = "Rebel shelling killed 14 people in the Midan neighborhood of Aleppo in February."
    assert _total(run(text, resolver, date=APRIL)) is None


def test_a_count_on_the_other_side_of_a_city_is_another_event(resolver):
    text = ("Airstrikes destroyed a hospital in the rebel-held part of Aleppo overnight, killing "
            "at least 27 people, activists said.\n\nOn the government side of the divided city, "
            "rebel shelling killed 14 people in the Midan neighborhood, state media reported.")
    assert _total(run(text, resolver, date=APRIL)) == 41


def test_the_other_sides_dead_told_after_the_verb_add_to_the_count(resolver):
    inc = one("At least 30 soldiers were killed in the assault on the southern districts of "
              "Hasakeh, along with 20 IS fighters.", resolver)
    assert inc.killed_best == 50
    inc = one("Nine civilians were killed in the shelling of Douma, as well as two rescuers.",
              resolver)
    assert inc.killed_best == 11


def test_found_dead_or_killed_is_a_count(resolver):
    assert one("Two men were found dead in Zaidal.", resolver).killed_best == 2
    assert one("Three farmers were found shot dead near Kafr Zita.", resolver).killed_best == 3


def test_a_killing_after_a_reaction_is_the_news(resolver):
    text = ("Authorities imposed a curfew on Homs after a man and his wife were found killed in "
            "their home in the nearby town of Zaidal.")
    assert _total(run(text, resolver)) == 2


def test_a_killing_on_an_earlier_day_after_a_reaction_is_its_cause(resolver):
    text = ("Turkey launched a military operation in Idlib on Sunday after 20 of its soldiers "
            "were killed in an air strike on Thursday.")
    assert _total(run(text, resolver)) is None


def test_a_headline_total_and_its_breakdown_of_the_day_before(resolver):
    text = ("SNHR: 9 civilians killed in regime bombardment of Douma and Arbin\n\nRegime "
            "artillery targeted Douma on July 11, 2017, killing six civilians. On the same day, "
            "a missile hit Arbin, killing three others.")
    assert _total(run(text, resolver, date=dt.date(2017, 7, 12))) == 9


def test_an_event_notes_deaths_field_listing_sides(resolver):
    text = ("Fighting for the Quneitra crossing, 6 June 2013. Deaths: 12 rebels and 7 soldiers, "
            "and 1 civilian.")
    assert _total(run(text, resolver, date=dt.date(2013, 6, 7))) == 20


def test_fighters_who_fell_in_the_fighting_are_dead(resolver):
    inc = one("The Free Syrian Army said 30 of its fighters fell in the fighting in Qusayr.",
              resolver)
    assert inc.killed_best == 30


def test_a_short_relative_clause_between_victim_and_verb(resolver):
    inc = one("A former rebel fighter who had joined the settlement was killed by a bomb "
              "planted in his car in Jubata al-Khashab.", resolver)
    assert inc.killed_best == 1


def test_the_death_of_a_named_person_is_one_dead(resolver):
    inc = one("The network documented the death of Mohammad Khaled al-Ahmad, 31, due to "
              "torture in Saydnaya Military Prison.", resolver)
    assert inc.killed_best == 1


def test_a_running_toll_does_not_widen_the_count_before_it(resolver):
    text = ("The network documented the death of Mohammad Khaled al-Ahmad, 31, due to torture "
            "in Saydnaya Military Prison. It has documented 95 deaths due to torture in "
            "detention centers since the beginning of August.")
    found = run(text, resolver)
    first = [i for i in found if not i.is_cumulative]
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in first] == [(1, 1, 1)]
    assert [i.killed_best for i in found if i.is_cumulative] == [95]


def test_another_sources_figure_goes_to_the_count_of_its_size(resolver):
    text = ("Car bombs ripped through a square in Aleppo on Wednesday, killing at least 30 "
            "people, as a mortar round killed four civilians in Azaz. The Observatory said 45 "
            "people were killed.")
    found = {i.killed_best: i for i in run(text, resolver) if i.killed_best}
    assert found[4].killed_high == 4
    assert found[30].killed_low == 30 and found[30].killed_high is None


def test_a_deaths_field_with_words_before_its_colon(resolver):
    text = ("Fighting in Baba Amr district, Homs city, 29 February 2012. Deaths in the clashes "
            "on 29 February: 9 FSA fighters and 4 government soldiers.")
    assert _total(run(text, resolver, date=dt.date(2012, 3, 1))) == 13


def test_a_list_of_people_named_by_their_posts(resolver):
    inc = one("A bomb tore through a meeting in Damascus, killing the president's "
              "brother-in-law, the defence minister and a senior general.", resolver)
    assert inc.killed_best == 3
    inc = one("A bomb in Damascus killed the governor's driver and two guards.", resolver)
    assert inc.killed_best == 3


def test_the_post_after_a_comma_is_still_an_apposition_or_a_speaker(resolver):
    inc = one("A car bomb in Azaz killed 12 people, the police chief said.", resolver)
    assert inc.killed_best == 12
    inc = one("Gunmen in Tafas killed Ahmad al-Zoubi, the local commander.", resolver)
    assert inc.killed_best == 1


def test_a_quarter_found_far_from_the_city_its_clause_names_is_that_city(resolver):
    text = ("Government forces shelled rebel-held districts of the eastern city of Deir Ezzor on "
            "Tuesday, killing at least 21 people, among them seven members of one family in the "
            "Hamidiyeh neighbourhood.")
    inc = one(text, resolver)
    assert inc.location is not None and inc.location.admin1 == "Deir-ez-Zor"
    assert inc.location.precision == 2


# --------------------------------------------------------------------------------------------
# Session 8: rival figures under another name, "a higher toll", parts in a named
# governorate, attackers as victims
def test_a_source_giving_a_higher_toll_is_the_same_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Monitors counted at least 40 bodies after government forces stormed the village of "
        "Kafr Laha on Monday. Local activists gave a much higher toll, saying 65 people died "
        "in Taldou and nearby villages.",
        resolver,
    )
    assert _total(found) == 40


def test_a_figure_under_another_name_of_the_same_town_is_no_more_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    # Palmyra and Tadmur are one place in the gazetteer: state media's figure for "Tadmur"
    # is another figure for the dead already counted in Palmyra.
    found = run(
        "Militants killed at least 120 people in Palmyra after seizing the city on Tuesday, "
        "a monitoring group said. Residents fled towards Homs. Officials appealed for help. "
        "State media said militants had carried out a massacre of about 200 civilians in "
        "Tadmur.",
        resolver,
    )
    assert _total(found) == 120
    # two names of different places stay two events
    found = run(
        "Militants killed at least 120 people in Palmyra on Tuesday, a monitoring group said. "
        "State media said militants had carried out a massacre of about 200 civilians in "
        "Al-Qaryatayn.",
        resolver,
    )
    assert _total(found) == 320


def test_parts_in_a_governorate_the_total_names_are_its_parts(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes killed at least 10 people in southern Idlib and northern Hama on Monday, "
        "rescuers said. Six died in Khan Sheikhoun. Four were killed in Kafr Zita.",
        resolver,
    )
    assert _total(found) == 10
    hama = [i for i in found if i.location and i.location.admin1 == "Hama" and i.killed_best]
    assert hama and all(i.part_of is not None for i in hama)


def test_attackers_and_assailants_are_victims_counted(resolver) -> None:  # type: ignore[no-untyped-def]
    for noun in ("attackers", "assailants", "extremists", "IS attackers"):
        inc = one(f"In Sweida, 12 {noun} were killed on Tuesday.", resolver)
        assert inc.killed_best == 12, noun
        assert "fighters" in inc.victims, noun


def test_the_killers_counted_before_the_verb_are_not_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Three gunmen killed four farmers near Salamiyah on Monday.", resolver)
    assert _total(found) == 4
    found = run("Three gunmen were killed near Salamiyah on Monday.", resolver)
    assert _total(found) == 3


def test_civilians_another_source_counts_are_not_a_figure_for_the_soldiers(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The army said the missile strike on the Tiyas air base killed five soldiers on "
        "Sunday. State media said eight civilians were killed in villages around the base.",
        resolver,
    )
    assert _total(found) == 13
    # "people" says nothing of who they were: another source's figure for the same dead
    found = run(
        "The army said the missile strike on the Tiyas air base killed five soldiers on "
        "Sunday. The Observatory said eight people were killed.",
        resolver,
    )
    assert _total(found) == 5


def test_a_further_count_with_its_own_modifiers_and_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Coalition jets killed at least 30 militants near Mayadin and 12 Iran-backed "
        "militia fighters in the countryside of Albu Kamal on Friday.",
        resolver,
    )
    assert _total(found) == 42


def test_a_count_after_including_is_a_part_of_the_count_before(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Activists said at least 40 people were killed in the town of Daraya on Sunday, "
        "including dozens shot dead in their homes.",
        resolver,
    )
    assert _total(found) == 40


def test_a_lone_toll_of_a_few_days_offensive_counts(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Activists said at least 60 people were killed in a week-long army offensive on the "
        "town of Rastan, including dozens killed in air raids.",
        resolver,
        date=dt.date(2013, 4, 21),
    )
    assert _total(found) == 60
    # a toll over weeks stays a running toll
    found = run(
        "Troops have not shelled Rastan for the past two days, residents said, after two "
        "weeks in which attacks killed dozens.",
        resolver,
        date=dt.date(2013, 4, 21),
    )
    assert _total(found) is None


def test_an_event_the_news_came_a_day_after_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Gunmen killed at least 30 people in the village of Aqrab on Friday. The killings "
        "came a day after at least 20 people were killed in the nearby town of Houla.",
        resolver,
    )
    assert _total(found) == 30


def test_a_bare_figure_later_in_the_article_is_another_figure(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "A gas attack on the town of Saraqeb killed at least 40 people on Tuesday, a "
        "monitor said. Doctors described symptoms of choking. The army denied using gas. "
        "Russia blamed the rebels. The United Nations called for an inquiry. The local "
        "health directorate said 55 had died.",
        resolver,
    )
    assert _total(found) == 40


def test_a_toll_since_an_offensive_began_on_a_named_day_is_a_window(resolver) -> None:  # type: ignore[no-untyped-def]
    text = (
        "BEIRUT, Nov 28 (Reuters) - Fighting between troops and insurgents west of Aleppo "
        "has killed at least 90 people since the militants launched an offensive on "
        "Wednesday, a monitor said. Rebels said they had captured several villages."
    )
    found = run(text, resolver, date=dt.date(2024, 11, 28))
    toll = [i for i in found if i.killed_best == 90]
    assert toll and _total(found) == 90  # the lone toll of the last days counts
    # beside another count it stays a running toll
    found = run(
        text + " Separately, a car bomb killed four people in Azaz on Thursday.",
        resolver,
        date=dt.date(2024, 11, 28),
    )
    assert _total(found) == 4


def test_a_vague_lead_then_a_precise_toll_of_the_battle(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Militants seized the Kweires air base on Sunday after days of fighting that killed "
        "hundreds on both sides. The Observatory said at least 250 militants and 120 "
        "soldiers had been killed since the assault began last Tuesday.",
        resolver,
        date=dt.date(2014, 8, 25),
    )
    assert _total(found) == 370
    # a vague count of another order of magnitude is another count
    found = run(
        "Militants seized the Kweires air base on Sunday after fighting that killed dozens. "
        "The Observatory said at least 250 militants and 120 soldiers had been killed since "
        "the assault began last Tuesday.",
        resolver,
        date=dt.date(2014, 8, 25),
    )
    assert _total(found) == 24


def test_victims_named_among_them_add_none(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "A mortar bomb killed four civilians, a man and his two daughters among them, in "
        "the town of Jisr al-Shughur on Monday.",
        resolver,
    )
    assert inc.killed_best == 4


def test_some_of_the_civilians_counted_before_are_parts_with_places(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Turkish shelling has killed at least 10 civilians, a monitor said. Six of the "
        "civilians were killed in Ras al-Ain, and four in Tal Abyad.",
        resolver,
    )
    assert _total(found) == 10
    parts = [i for i in found if i.part_of is not None]
    assert sorted(i.killed_best for i in parts) == [4, 6]
    assert {i.location.admin1 for i in parts if i.location} == {"Al-Hasakeh", "Ar-Raqqa"}
    # "two of the militants" are often the attackers, not some of those counted
    found = run(
        "Militants killed eight members of the SDF in an attack near Diban on Saturday. A "
        "spokesman said the attackers opened fire from two trucks and that two of the "
        "militants were killed in the ensuing gunfight.",
        resolver,
    )
    assert _total(found) == 10


def test_counts_listed_after_a_colon_are_parts_of_the_total(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Activists: 60 martyrs today: 25 in Hama, 20 in Idlib, 10 in Homs and 5 in Aleppo.",
        resolver,
    )
    assert _total(found) == 60


def test_a_headline_retold_in_the_body_under_an_unknown_name_is_one_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Rockets kill 4 in Aleppo's Midan district\n\nFour civilians were killed when rockets "
        "struck the Old Souk quarter on Monday.",
        resolver,
    )
    assert _total(found) == 4


def test_the_attack_responded_to_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "U.S. strikes killed at least 18 Iran-backed fighters near Mayadin, a monitor said, "
        "in response to a drone attack that killed two U.S. soldiers in Jordan.",
        resolver,
    )
    assert _total(found) == 18


def test_a_nationwide_count_takes_no_dateline_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "DAMASCUS (AP) - Security forces fired on protesters across the country on Friday, "
        "killing at least 60 people. Activists said 25 people died in the southern town of "
        "Izraa and 12 in Homs.",
        resolver,
    )
    top = max((i for i in found if i.killed_best), key=lambda i: i.killed_best)
    assert top.killed_best == 60
    assert top.location is None or top.location.admin1 != "Damascus"


def test_the_syrian_capital_is_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A car bomb exploded in the Syrian capital on Friday, killing 12 people.", resolver)
    assert inc.location is not None and inc.location.admin1 == "Damascus"


def test_an_event_a_day_earlier_told_after_the_news_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Suicide bombers stormed a security office in Hama on Saturday, killing at least 30 "
        "people, a monitor said. A day earlier, a car bomb near Manbij killed 40 people.",
        resolver,
    )
    assert _total(found) == 30
    # alone, the earlier day's event is the news
    found = run("A day earlier, a car bomb near Manbij killed 40 people.", resolver)
    assert _total(found) == 40


def test_beside_the_syrian_capital_is_rural_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    for where in ("south of the Syrian capital", "near the Syrian capital"):
        inc = one(f"A car bomb exploded at a checkpoint {where} on Friday, killing 9 people.",
                  resolver)
        assert inc.location is not None and inc.location.admin1 == "Rural Damascus", where


def test_a_quarter_of_damascus_told_after_a_count_in_damascus_is_its_part(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "An air strike destroyed a building in Damascus on Monday, killing seven officers, "
        "state media said. A monitor said a guard was killed in the Mezzeh district.",
        resolver,
    )
    assert _total(found) == 7
    # "central Damascus" is the city told again, not a quarter inside it
    found = run(
        "Bombs exploded on a bus in central Damascus on Wednesday, killing 14 people. Hours "
        "later, shelling hit Ariha in Idlib province, killing 13 people.",
        resolver,
    )
    assert _total(found) == 27


@pytest.mark.parametrize(
    "noun", ["teacher", "pilot", "activist", "Russian marine", "elderly man", "shopkeeper",
             "laborer", "neighbour", "student", "cameraman"],
)
def test_one_person_named_by_a_singular_noun_is_one_dead(noun: str, resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(f"A {noun} was killed in Homs on Monday.", resolver)
    assert inc.killed_best == 1


def test_a_very_large_toll_of_one_night_of_gas_attacks_counts(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The opposition accused government forces on Wednesday of killing more than 1,200 "
        "people in poison gas attacks on rebel-held suburbs east of Damascus.",
        resolver,
    )
    assert _total(found) == 1201
    # a toll this large with no single event stays a campaign's
    found = run("Government forces have killed more than 1,200 people in eastern Damascus.",
                resolver)
    assert _total(found) is None


def test_another_incident_in_the_same_governorate_is_not_the_same_event(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Unknown gunmen shot dead a former rebel in the town of Nawa in western Daraa "
        "countryside. In another incident, the body of a young man was found near Inkhil in "
        "northern Daraa countryside.",
        resolver,
    )
    assert _total(found) == 2


def test_near_a_town_in_the_area_named_after_it_is_near_the_town(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The body of a man was found near Inkhil in northern Daraa countryside.", resolver)
    assert inc.location is not None and inc.location.precision <= 2
    assert "Inkhil" in (inc.place or "")


def test_one_also_killed_in_the_attack_is_more_dead_not_a_part(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "An Israeli strike on the Syrian side of the Golan Heights killed five fighters on "
        "Sunday. An Iranian general was also killed in the attack near the town of Khan "
        "Arnabah in Quneitra province.",
        resolver,
    )
    assert _total(found) == 6


def test_a_monitors_deaths_of_two_sides_add_up(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "The monitor documented the death of 9 members of the regime forces and 6 fighters "
        "of the factions in today's fighting around Kafr Zita.",
        resolver,
    )
    assert inc.killed_best == 15
    # a second unit named with "and" is no count
    inc = one("Clashes killed 9 members of the army and allied militias near Kafr Zita.",
              resolver)
    assert inc.killed_best == 9


def test_dead_in_which_after_a_since_clause_are_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one(
        "The number of assassinations in Daraa province has reached 120 since the beginning "
        "of the year, in which 95 people were killed.",
        resolver,
    )
    assert inc.is_cumulative


def test_dead_killed_last_week_are_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Jets struck Saraqeb on Thursday, killing 6 civilians. The president offered "
        "condolences for the 20 soldiers killed last week.",
        resolver,
    )
    assert _total(found) == 6


def test_a_months_toll_is_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The monitor says at least 20 civilians were killed in the shelling of Daraa "
              "during August.", resolver, date=dt.date(2021, 9, 1))
    assert inc.is_cumulative


def test_the_earlier_attack_after_which_a_strike_came_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Missiles struck the Tiyas air base on Friday, killing five soldiers. The president "
        "said the strike came after the gas attack on Douma, which killed more than 40 "
        "people on Saturday.",
        resolver,
    )
    assert _total(found) == 5


def test_another_sources_perfect_tense_figure_after_a_running_toll_is_one_too(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Troops encircled Rastan on Sunday. Rights groups say more than 900 civilians have "
        "been killed since the uprising began. The government says more than 100 soldiers "
        "have been killed.",
        resolver,
    )
    assert _total(found) is None


def test_the_dead_included_is_who_died_or_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    # no count before: the dead it lists are the count
    found = run("Militants stormed villages near Sweida on Wednesday. The dead included 40 "
                "civilians and 25 pro-government fighters.", resolver)
    assert _total(found) == 65
    # after a count: who they were, no more dead
    found = run("Air strikes killed 30 people in Douma on Monday. The dead included 12 "
                "children and five women.", resolver)
    assert _total(found) == 30
    found = run("Gunmen killed nine policemen in Muzayrib on Wednesday. State media said the "
                "dead included two officers. A monitor said two of the attackers were also "
                "killed.", resolver)
    assert _total(found) == 11


def test_rescuers_among_the_dead_elsewhere_are_the_event_told_there(resolver) -> None:  # type: ignore[no-untyped-def]
    # parts with a place of their own in another governorate are not parts of the first count
    # when the article tells their event later
    found = run(
        "Shelling killed another 40 people in Douma on Thursday, while two rescuers were among "
        "those slain in Idlib province. In Idlib, strikes hit a civil defence centre in the "
        "town of Saraqeb. Two volunteers were killed.",
        resolver,
    )
    idlib = [i for i in found if i.location and i.location.admin1 == "Idleb" and i.killed_best]
    assert len(idlib) == 1 and idlib[0].part_of is None
    assert _total(found) == 42


def test_another_sources_toll_is_for_the_count_not_an_event_told_between(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Israeli air strikes near the Syrian capital overnight killed three soldiers, the "
        "army said on Monday. The strikes targeted positions near the airport and in the "
        "area of al-Kiswah to the south, where Iranian forces keep a base. Air defences "
        "destroyed more than 20 missiles, the army said. The Observatory gave a higher toll "
        "of 9 dead, among them two Syrians, and said the rest were foreign fighters.",
        resolver,
    )
    assert _total(found) == 3
    counted = [i for i in found if i.killed_best]
    assert len(counted) == 1 and counted[0].killed_high == 9


def test_a_placeless_lead_takes_the_place_of_the_event_told_next(resolver) -> None:  # type: ignore[no-untyped-def]
    # wire copy: a lead with no town, then the event taken up again ("the raid", "the
    # convoy") where it happened
    found = run(
        "A suspected air raid on a market in northern Syria killed at least 17 people on "
        "Thursday, a monitor said. The raid on the town of Saraqib in Idlib province came "
        "shortly after noon, when warplanes struck the crowded market.",
        resolver,
    )
    counted = [i for i in found if i.killed_best]
    assert len(counted) == 1 and len(found) == 1
    assert counted[0].killed_best == 17 and counted[0].location.admin1 == "Idleb"
    assert "Saraqib" in counted[0].text
    found = run(
        "Gunmen ambushed a convoy carrying workers in the desert on Monday, killing 11, state "
        "media said. The convoy came under fire near the town of al-Sukhnah in eastern Homs "
        "province. Four others were wounded.",
        resolver,
    )
    assert len(found) == 1
    assert found[0].killed_best == 11 and found[0].injured_best == 4
    assert found[0].location.admin1 == "Homs"


def test_a_placeless_lead_keeps_off_other_events_and_reactions(resolver) -> None:  # type: ignore[no-untyped-def]
    # another event told next, or a reaction to the attack, does not place the lead
    found = run(
        "A suspected air raid on a market in northern Syria killed at least 17 people on "
        "Thursday, a monitor said. Separately, the raid on Saraqib destroyed a bakery. "
        "Shelling also hit Douma.",
        resolver,
    )
    lead = next(i for i in found if i.killed_best == 17)
    assert lead.place is None or "Saraqib" not in lead.place
    found = run(
        "A car bomb killed eight people in southern Syria on Sunday, a monitor said. Druze "
        "leaders in Sweida condemned the attack.",
        resolver,
    )
    lead = next(i for i in found if i.killed_best == 8)
    assert lead.place is None or "Sweida" not in lead.place
    # no "the ..." that takes the lead's event up: a new event of its own
    found = run(
        "An attack on a bus in central Syria killed nine soldiers on Friday. Warplanes "
        "struck Kafr Zita in Hama province.",
        resolver,
    )
    lead = next(i for i in found if i.killed_best == 9)
    assert lead.place is None or "Kafr Zita" not in lead.place


def test_another_figure_placed_by_its_event_sentence_places_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    # the first count names no town; another source's figure comes after the sentence that
    # names it, and carries that place back to the count it widens
    found = run(
        "Shelling on a rebel-held town killed at least 30 people on Tuesday, activists said. "
        "The Observatory said artillery pounded Kafr Nabl in Idlib province from dawn. The "
        "local council gave a higher toll of 41 dead.",
        resolver,
    )
    counted = [i for i in found if i.killed_best and pipeline.counted(i)]
    assert len(counted) == 1
    assert counted[0].killed_best == 30
    assert counted[0].location.admin1 == "Idleb"


@pytest.mark.parametrize(
    "text",
    [
        "A patrol came under heavy fire near Ain Issa on Tuesday. No one was hurt.",
        "Turkish-backed factions and SDF fighters exchanged fire near Ain Issa on Tuesday.",
    ],
)
def test_fire_exchanged_or_come_under_is_an_attack(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(text, resolver)
    assert [(i.event_type, i.killed_best) for i in found] == [("attack", None)]
    assert found[0].location.admin1 == "Ar-Raqqa"


def test_at_the_entrance_of_a_town_is_beside_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Gunmen opened fire on a checkpoint at the northern entrance of Saraqib, "
                "killing two soldiers.", resolver)
    assert [(i.killed_best, i.location.admin1, i.location.precision) for i in found] == [
        (2, "Idleb", 2)
    ]


def test_a_count_right_before_its_own_window_is_the_events_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    # the sentence's day is the report's ("on Friday"); the count's own window ("since
    # Tuesday") makes it the running toll of the event the article is about, which counts
    # when it is the article's only count
    found = run(
        "Fighting between rebels and government forces around a prison in Hama raged for a "
        "fourth day on Friday, leaving at least 64 people dead since Tuesday, a monitor said.",
        resolver,
    )
    assert _total(found) == 64
    # a day's count with a window told after it keeps its day: the window's toll runs
    found = run(
        "Shelling killed at least nine civilians in Douma on Friday, bringing the toll since "
        "Tuesday to 40, a monitor said.",
        resolver,
    )
    assert _total(found) == 9


def test_the_wars_age_is_no_long_span_of_a_short_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "At least 212 people have been killed in three days of clashes in the countryside of "
        "Hama, a monitor said on Friday, one of the worst episodes of the country's 13-year "
        "conflict.",
        resolver,
    )
    assert _total(found) == 212
    found = run(
        "At least 212 people have been killed in three days of clashes in the countryside of "
        "Hama, a monitor said on Friday, after months of bombardment.",
        resolver,
    )
    assert _total(found) is None


@pytest.mark.parametrize(
    "text",
    [
        "Since the establishment of the Civil Defence, 134 of our volunteers have been killed "
        "while on duty.",
        "Since its founding in 2013, the rescue group has lost 134 volunteers, who were killed "
        "in air strikes.",
        "The Observatory says 225 civilians were killed in coalition strikes between April 23 "
        "and May 23.",
    ],
)
def test_tolls_since_a_founding_or_between_two_dates_are_running(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(text, resolver)
    assert _total(found) is None
    assert all(i.is_cumulative for i in found if i.killed_best)


def test_a_toll_over_or_from_n_days_is_running_beside_the_days_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Government shelling killed 48 people in Douma on Friday, a monitor said, raising the "
        "death toll over three days to 170.",
        resolver,
    )
    assert _total(found) == 48
    found = run(
        "Clashes between rebels and troops near Morek killed at least seven people on Friday, "
        "raising the toll from five days of fighting to 33.",
        resolver,
    )
    assert _total(found) == 7


def test_another_source_putting_the_toll_in_the_same_sentence_widens_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Troops shelled the Khalidiyeh district of Homs on Friday, killing 17 people, a monitor "
        "said, while activists put the toll at 31.",
        resolver,
    )
    counted = [i for i in found if i.killed_best]
    assert [(i.killed_best, i.killed_high) for i in counted] == [(17, 31)]


def test_an_event_someone_is_blamed_for_after_the_news_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Turkish drone strikes killed seven fighters near Qamishli on Friday, the SDF said. "
        "Ankara blames the group for the Oct. 1 bombing in Ankara, which killed two police "
        "officers.",
        resolver,
    )
    assert _total(found) == 7
    # told first, the event blamed is the news
    found = run(
        "The government blamed rebels for a car bombing in Jableh on Friday that killed 12 "
        "people.",
        resolver,
    )
    assert _total(found) == 12


def test_a_figure_given_earlier_for_the_same_dead_is_no_more_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "A gunman opened fire inside a mosque in the Syrian city of Aleppo during Friday "
        "prayers, killing 25 people, the health ministry said on Saturday. The ministry had "
        "initially reported 18 dead at the Grand Mosque in the Salihin neighbourhood of "
        "Aleppo, before raising the toll as several of the wounded died overnight.",
        resolver,
    )
    assert _total(found) == 25


def test_tolls_since_the_resumption_or_announcement_of_something_are_running(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Regime barrel bombs killed 14 civilians in Anadan on Friday. With these casualties, the "
        "number of civilians killed in the area since the resumption of the air campaign has "
        "risen to 96.",
        resolver,
    )
    assert _total(found) == 14
    # the article's only toll, from a day named after "on", less than a week back: its event
    found = run(
        "Since the announcement of the end of the truce on Monday, air strikes on Anadan have "
        "killed at least 41 civilians.",
        resolver,
    )
    assert _total(found) == 41


def test_a_vague_lead_made_precise_by_another_sentences_figure_takes_it(resolver) -> None:  # type: ignore[no-untyped-def]
    # "dozens" in the lead; the figure told in a later sentence with no event of its own is
    # the same dead, precise; a raise of that figure updates it
    found = run(
        "A car bomb outside a mosque in the city of Hama killed dozens of people on Friday, "
        "state media said. The health minister told state television that 57 people had been "
        "killed and some 130 wounded. Late on Friday the ministry raised the death toll to 63.",
        resolver,
    )
    assert _total(found) == 63
    found = run(
        "A car bomb outside a mosque in the city of Hama killed dozens of people on Friday, "
        "state media said. The health minister told state television that 57 people had been "
        "killed.",
        resolver,
    )
    assert _total(found) == 57


def test_dead_of_an_event_some_weeks_before_the_news_are_background(resolver) -> None:  # type: ignore[no-untyped-def]
    # the earlier event's dead, told in the clause after "N weeks after", are not news; the
    # news before that clause counts
    found = run(
        "Gunmen killed at least 40 villagers in a hamlet near Maarzaf on Wednesday, less than "
        "two weeks after a massacre in Houla that claimed more than 100 lives.",
        resolver,
    )
    assert _total(found) == 40
    found = run(
        "The hospital in Saraqib reopened on Monday, three months after it was damaged in an air "
        "raid that killed 12 people.",
        resolver,
    )
    assert _total(found) is None
    # a main clause after the phrase is the news
    found = run("Two days after the attack on Douma, jets killed 30 people in Harasta.", resolver)
    assert _total(found) == 30


def test_the_number_of_a_long_description_executed_has_risen(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The number of Al-Sheitaat tribe members who were executed by the Islamic State in the "
        "eastern countryside of Deir Ezzor has risen to 350, most of them civilians.",
        resolver,
    )
    assert _total(found) == 350


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Unknown gunmen shot dead on Wednesday a member of the local council in Douma.", 1),
        ("Regime jets killed late on Monday night 14 civilians in the town of Saraqib.", 14),
    ],
)
def test_a_day_between_the_verb_and_its_dead(text: str, killed: int, resolver) -> None:  # type: ignore[no-untyped-def]
    assert _total(run(text, resolver)) == killed


def test_a_days_count_before_the_sentences_window_is_that_days(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The Observatory says 22 civilians have been killed today in air strikes on Douma, "
        "bringing the death toll since Monday to 180.",
        resolver,
    )
    assert _total(found) == 22


def test_a_liveblog_clock_time_is_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("09:15 – Five soldiers were killed in shelling on Taftanaz, the army said.",
                resolver)
    assert _total(found) == 5


def test_an_item_joined_to_more_speakers_is_a_speaker_not_a_victim(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Missiles struck a hospital in Azaz, killing at least 14 people, a doctor and "
                "local residents said.", resolver)
    assert _total(found) == 14
    found = run("Missiles struck a hospital in Azaz, killing 14 people, a doctor and a nurse.",
                resolver)
    assert _total(found) == 16


@pytest.mark.parametrize(
    "text",
    [
        "Three senior security officials went on trial in absentia in Paris on Tuesday over the "
        "deaths of a man and his son who died in detention in Damascus.",
        "A court in Koblenz convicted a former officer over the killing of 27 detainees at a "
        "prison in Damascus.",
    ],
)
def test_killings_a_court_tries_are_not_news(text: str, resolver) -> None:  # type: ignore[no-untyped-def]
    assert _total(run(text, resolver)) is None


def test_a_court_struck_is_news(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("A car bomb exploded outside the court in Damascus on Tuesday, killing 12.",
                resolver)
    assert _total(found) == 12


def test_a_count_named_again_later_in_a_list_of_parts_is_a_part(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The ministry says 12 members of the security forces have been killed in Sweida today. "
        "A monitor says at least 43 people have been killed today in Sweida city, including 19 "
        "local fighters, the 12 security personnel and 12 civilians.",
        resolver,
    )
    assert _total(found) == 43


def test_the_last_item_of_an_including_list_is_a_part(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The network documented the killing of 89 civilians in Idlib province in January, "
        "including 18 children and seven women (adult female), and four deaths due to torture.",
        resolver,
    )
    assert _total(found) == 89
    # "four more" after the list are more dead
    found = run(
        "Air strikes killed 30 people in Douma, including 12 children and six women, and four "
        "more died in Harasta.",
        resolver,
    )
    assert _total(found) == 34


def test_the_capital_before_its_name_and_the_town_taken_up_again(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Rebels stormed the provincial capital Idlib on Saturday, killing 30 soldiers.",
                resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(30, "Idleb")]
    found = run(
        "Government forces captured the town of Kafr Nabuda in northern Hama province on "
        "Wednesday, a monitor said.\n\nThe monitor said fighting for the town had killed 42 "
        "combatants over the past 24 hours.",
        resolver,
    )
    counted = [i for i in found if i.killed_best]
    assert [(i.killed_best, i.location.admin1) for i in counted] == [(42, "Hama")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # an event note's place line opening with a particle, or ending with "city"
        ("IS - Civilians (one-sided). 28 August 2014. al-Thawrah (Tabqa), Ar-Raqqa. IS "
         "publicly executed five men in the town square. Civilian deaths: 5.", "Ar-Raqqa"),
        ("PYD - Nusra. 26 October 2013. Sheikh Maqsoud neighbourhood, Aleppo city. Clashes "
         "on the edge of the district. 6 YPG and 4 JN fighters killed.", "Aleppo"),
        # a name with its governorate in brackets, whatever comes before it
        ("On 2 May 2020, a VBIED exploded in the main market of Tell Abiad (Ar-Raqqa), killing "
         "8 people.", "Ar-Raqqa"),
        ("Gunmen opened fire on a car on the road between Tall Kalakh and Al-Hawash (Homs), "
         "killing 2 NDF members.", "Homs"),
        ("Clashes broke out near Arab Saeed (Jisr Ash-Shugur, Idleb). 3 fighters were killed.",
         "Idleb"),
    ],
)
def test_event_note_places(text: str, admin1: str, resolver) -> None:  # type: ignore[no-untyped-def]
    # event note place lines and names with their governorate in brackets
    counted = [i for i in run(text, resolver) if i.killed_best]
    assert counted
    assert all(i.location is not None and i.location.admin1 == admin1 for i in counted)


def test_the_dead_of_a_named_earlier_days_attack_are_background(resolver) -> None:  # type: ignore[no-untyped-def]
    # FRIDAY: Tuesday's attack is an earlier one, told beside the news of the day
    found = run(
        "The base was used to launch Tuesday's chemical attack on Khan Sheikhoun, which killed "
        "more than 80 people, the president said. The army said the missile strike on the "
        "Shayrat air base killed six soldiers.",
        resolver,
    )
    assert _total(found) == 6
    # alone, it is what the article reports
    found = run("Tuesday's chemical attack on Khan Sheikhoun, which killed more than 80 "
                "people, drew wide condemnation.", resolver)
    assert _total(found) == 81


def test_near_damascus_is_rural_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    # the city is a governorate of its own: a town near it lies in the one around it
    found = run("A gas attack on the last rebel-held town near Damascus killed at least 42 "
                "people on Saturday.", resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(42, "Rural Damascus")]
    found = run("Shelling near Aleppo killed four people on Saturday.", resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(4, "Aleppo")]


def test_in_the_capital_is_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Mortar rounds fell near the Dama Rose hotel in the capital on Tuesday, "
                "wounding three people.", resolver)
    assert [(i.injured_best, i.location.admin1) for i in found] == [(3, "Damascus")]
    # another country's capital is not
    found = run("A car bomb exploded in the capital of Iraq on Tuesday, killing nine.", resolver)
    assert all(i.location is None or i.location.admin1 != "Damascus" for i in found)


def test_parts_that_add_up_to_a_total_in_two_governorates(resolver) -> None:  # type: ignore[no-untyped-def]
    # the total is placed at one of its towns; its parts add up to it exactly, one of them
    # in another governorate
    found = run(
        "A wave of bombings tore through a suburb of Damascus and the city of Homs on Sunday, "
        "killing 140 people. In the Sayyida Zeinab district, a car bomb killed at least 83 "
        "people, state TV said. Earlier in the day, two car bombs exploded in Homs' al-Zahra "
        "neighborhood, killing 57 people.",
        resolver,
    )
    assert _total(found) == 140


def test_another_source_saying_the_strikes_had_killed_more_is_a_rival_figure(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Air strikes killed at least 56 civilians in a village near Manbij on Tuesday, a "
        "monitor said. The monitor said the strikes hit the village of Tokhar. The opposition "
        "coalition said the strikes had killed more than 120 people.",
        resolver,
    )
    assert _total(found) == 56


def test_a_toll_a_source_had_put_before_the_rise_adds_none(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Toll from suspected chemical attack in Syria's Idlib rises to 72\n\n"
        "The death toll from a suspected chemical attack on a rebel-held town in northwestern "
        "Syria rose to 72 on Friday, a monitor said. The monitor had put the toll at 58 on "
        "Thursday, when residents of Khan Sheikhoun in Idlib province were hit by a toxic gas.",
        resolver,
    )
    assert _total(found) == 72


def test_the_dead_included_told_paragraphs_later_is_a_part(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "A suicide car bomb tore through buses carrying evacuees west of Aleppo on Saturday, "
        "killing 126 people, a monitor said. The blast struck at al-Rashidin, a transit point "
        "on the western edge of the city. Thousands of residents had been waiting in buses for "
        "more than a day. The towns had been encircled since 2015. Under the deal, residents "
        "were to be exchanged for those of two other towns. The monitor said the dead included "
        "109 evacuees.",
        resolver,
    )
    assert _total(found) == 126


def test_a_count_reported_on_a_day_before_the_news_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    # FRIDAY: Friday's 62 is the news; what the monitor said on Wednesday was reported then
    found = run(
        "Militiamen killed 62 people in a district of the coastal city of Banias on Friday, a "
        "monitor said. On Wednesday, the same monitor said at least 50 people were killed in "
        "the village of al-Bayda, south of Banias.",
        resolver,
    )
    assert _total(found) == 62
    # the same day's report is news
    found = run(
        "Militiamen killed 62 people in a district of Banias on Wednesday, a monitor said. On "
        "Thursday, the same monitor said an air strike killed nine people in Jableh.",
        resolver,
    )
    assert _total(found) == 71


def test_a_toll_in_a_month_alone_is_running(resolver) -> None:  # type: ignore[no-untyped-def]
    # FRIDAY (9 Feb 2018): January's toll is the month's, beside the day's two killings
    found = run(
        "Gunmen killed a former commander in Tafas on Thursday evening. On the same day, a "
        "roadside bomb near Nawa killed two men. According to a local office, 37 people were "
        "killed in attacks in the governorate in January alone.",
        resolver,
    )
    assert _total(found) == 3


def test_a_separate_event_of_the_same_toll_in_the_same_city_is_not_merged(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "An air strike destroyed a hospital in a rebel-held part of Aleppo overnight, killing "
        "at least 14 patients and staff, the charity said. Separately, rebel shelling of "
        "government-held neighbourhoods in western Aleppo killed 14 people, state media said.",
        resolver,
    )
    assert _total(found) == 28


def test_raising_the_toll_after_a_comma_is_a_rise(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Shelling of hospital in northwest Syria kills seven\n\n"
        "Artillery fire hit a hospital in Al-Atarib on Thursday, killing at least six "
        "civilians, a monitor said. A seventh victim, a boy, died of his wounds on Friday, the "
        "monitor said, raising the toll to seven.",
        resolver,
    )
    assert _total(found) == 7


def test_a_liveblogs_risen_toll_of_a_place_updates_that_places_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Tartous countryside - live\n\n"
        "09:30 - Gunmen attacked a security checkpoint near Dreikish, killing two guards, local "
        "sources say.\n\n"
        "12:00 - The toll at the Dreikish checkpoint has risen to three after one of the "
        "wounded died.\n\n"
        "15:00 - In Sheikh Badr, another member of the security forces was killed by sniper "
        "fire.",
        resolver,
    )
    assert _total(found) == 4
    found = run(
        "13:16 - Activists in Arbin report an air strike on a residential block. Seven people "
        "killed, according to the local medical council.\n\n"
        "15:58 - The toll in Arbin has risen to 11, among them a family of five, a monitor says.",
        resolver,
    )
    assert _total(found) == 11


def test_shells_fired_by_someone_in_a_place_came_from_there(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Two people were killed when mortar shells fired by militants in the eastern "
                "Ghouta fell on Bab Sharqi in the Old City of Damascus on Sunday.", resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(2, "Damascus")]


def test_a_named_victim_in_a_relative_clause_is_one_dead(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("The rescue service mourns its driver Omar Saleh, 34, who was killed on Monday "
              "in Ariha when a drone struck his ambulance.", resolver)
    assert (inc.killed_best, inc.location.admin1) == (1, "Idleb")
    # a relative clause that dates its killing years back tells of an earlier death
    found = run("Hundreds attended the funeral of Ali Hamdan, nephew of Yusuf Hamdan, who was "
                "assassinated in Homs in 2012.", resolver)
    assert _total(found) is None


def test_another_speakers_standing_toll_is_a_rival_figure_not_an_update(resolver) -> None:  # type: ignore[no-untyped-def]
    first = ("Air strikes killed at least 30 people in the town of Saraqib on Thursday, the "
             "Syrian Observatory for Human Rights said. ")
    # another speaker's figure that merely stands at a number: the first figure stays best
    inc = one(first + "Rescue workers said the toll in Saraqib had reached 41.", resolver)
    assert (inc.killed_low, inc.killed_best) == (30, 30)
    inc = one(first + "Opposition groups said the toll exceeded 50.", resolver)
    assert inc.killed_best == 30
    # the same speaker in other words updates its own toll
    inc = one(first + "The Observatory said the toll had reached 41.", resolver)
    assert inc.killed_best == 41
    # a toll that grew is an update, whoever tells it
    inc = one(first + "The toll later rose to 41, rescue workers said.", resolver)
    assert inc.killed_best == 41


def test_a_monthly_total_in_syria_takes_in_the_governorates_told_after_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "SOHR: 310 people killed in Syria in January\n\n"
        "The Syrian Observatory for Human Rights said in its monthly tally that it documented "
        "the deaths of 310 people in Syria in January, including 41 children.\n\n"
        "Hama governorate recorded the most deaths, with 88 people killed, followed by Idlib "
        "governorate with 61.",
        resolver,
        date=dt.date(2019, 2, 1),
    )
    assert _total(found) == 310
    # a monitor's initials heading the text are no place
    assert all(i.place != "SOHR" for i in found)


def test_a_count_abroad_is_no_part_of_a_count_in_syria(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Israeli air strikes in Syria killed at least 14 fighters, a war monitor said. "
                "In Lebanon, officials said five people were killed in strikes near Hermel.",
                resolver)
    assert _total(found) == 19


def test_a_notes_fatalities_field_adds_up_the_counts_told_before_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Event date: 3 March 2025\nAdmin1: Hama | Location: Suran\n"
        "Notes: Militants attacked an army checkpoint near Suran, killing 9 soldiers. Four of "
        "the attackers were also killed in the clashes.\nFatalities: 13",
        resolver,
        date=dt.date(2025, 3, 4),
    )
    assert _total(found) == 13


def test_a_sources_bare_toll_far_after_the_event_is_a_figure_for_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "A car bomb exploded in a market in the town of Azaz on Saturday, killing at least 19 "
        "people, officials said. The blast set fire to shops. No group claimed it. The town "
        "was taken from IS in 2016. Thousands have fled there since. The Syrian Observatory "
        "for Human Rights put the death toll at 23.",
        resolver,
    )
    assert [(i.killed_best, i.killed_high) for i in found if i.killed_best] == [(19, None)]


def test_a_headline_count_told_again_in_the_body_is_one_event_whatever_its_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Rebels briefly seize Golan crossing; 11 killed in fighting\n\n"
        "Rebels seized the crossing on Thursday before troops drove them out. The fighting "
        "around the crossing and the city of Quneitra killed seven soldiers and four rebels, "
        "the Observatory said.",
        resolver,
    )
    assert _total(found) == 11
    assert {i.location.admin1 for i in found if i.killed_best} == {"Quneitra"}


def test_last_months_event_is_background_once_this_month_is_half_gone(resolver) -> None:  # type: ignore[no-untyped-def]
    text = ("In October, a counterattack near Hajin killed dozens of SDF fighters. On Thursday, "
            "air strikes on the village of al-Shaafa killed six members of one family.")
    assert _total(run(text, resolver, date=dt.date(2018, 11, 24))) == 6
    # early in the next month, last month's event may still be the news
    assert _total(run("In October, shelling killed nine people in Hajin.", resolver,
                      date=dt.date(2018, 11, 3))) == 9


def test_a_sources_raised_toll_far_down_a_liveblog_updates_its_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Saturday 20:10\nRescuers say at least 30 people have been killed in a suspected gas "
        "attack on the town of Saqba. Videos show bodies in a basement.\n\n"
        "Saturday 22:40\nA medical charity says more than 400 people have been treated.\n\n"
        "Sunday 01:15\nThe rescuers have raised their toll to 36, saying more bodies have been "
        "found in shelters near the Shuhada square.",
        resolver,
    )
    assert [(i.killed_best, i.location.admin1) for i in found if i.killed_best] == [
        (36, "Rural Damascus")
    ]


def test_the_last_item_of_a_list_of_victims_with_the_is_one_more(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A mortar round hit a minibus in Bab Touma, killing three students and the driver.",
              resolver)
    assert inc.killed_best == 4
    # "the ..." that opens a clause of its own is no victim
    inc = one("Shelling killed 31 people and the police chief said it came from Jobar.", resolver)
    assert inc.killed_best == 31


def test_a_toll_since_a_town_was_taken_is_a_running_toll(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "Militants shot dead 12 captured soldiers in Palmyra, a monitor said on Friday. The "
        "group had killed more than 150 people in and around the town since it captured it. "
        "Activists say hundreds of people were killed in the district during that period.",
        resolver,
    )
    assert _total(found) == 12


def test_a_lone_toll_since_days_ago_is_the_news_and_a_rival_account_widens_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "The militants have executed at least 90 people since they seized the town of Sukhnah "
        "three days ago, the Observatory said on Friday.\n\n"
        "State television accused the militants of \"a massacre\" of 120 people in the town.",
        resolver,
    )
    assert [(i.killed_low, i.killed_best, i.killed_high, i.is_cumulative) for i in found
            if i.killed_best] == [(90, 90, None, False)]


def test_a_list_of_victims_after_an_en_dash_dateline_adds_up(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Nawa – An old man and a boy died today, Tuesday, in shelling on the town.",
              resolver)
    assert inc.killed_best == 2
    inc = one("GENEVA, 3 May 2019 – Twelve children and two nurses were killed when shells hit "
              "a clinic in Kafr Nabl.", resolver)
    assert inc.killed_best == 14


def test_more_singular_victim_nouns(resolver) -> None:  # type: ignore[no-untyped-def]
    for noun in ("schoolteacher", "baker", "vendor"):
        inc = one(f"Gunmen on a motorcycle shot dead a {noun} in Jasim on Monday.", resolver)
        assert inc.killed_best == 1, noun


def test_a_report_told_in_the_past_perfect_on_an_earlier_day_is_background(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Militants executed five men this morning in a square in the city of al-Bab. "
                "The monitor had documented on 1 February the execution of three men in Manbij.",
                resolver, date=dt.date(2018, 2, 9))
    assert _total(found) == 5


def test_a_risen_toll_naming_earlier_counts_as_its_parts_counts_them_once(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "16:05\nThe SDF says air strikes have killed three civilians in the village of Tal "
        "Halaf.\n\n17:30\nA shell has killed a woman in Amuda, medics say.\n\n"
        "19:45\nMortars land in a Turkish border town. No casualties are reported.\n\n"
        "21:10\nThe SDF now says the number of civilians killed today has risen to ten, "
        "including the three in Tal Halaf and the woman in Amuda.",
        resolver,
    )
    assert _total(found) == 10


def test_an_age_is_a_modifier_and_a_name_between_commas_keeps_the_kin(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A shell killed a seven-year-old boy, Karim, and his mother in Skeilbiyeh on "
              "Tuesday.", resolver)
    assert inc.killed_best == 2


def test_a_body_of_members_is_no_dead_but_the_body_of_a_man_is(resolver) -> None:  # type: ignore[no-untyped-def]
    assert _total(run("The council's executive body of 30 members will meet in Geneva next week.",
                      resolver)) is None
    assert one("The body of the young man was found near Shahba on Friday.",
               resolver).killed_best == 1


def test_a_headlines_place_gives_way_to_the_same_name_told_beside_a_town(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run(
        "At least 30 killed in village of Bayda, activists say\n\n"
        "Troops and militiamen killed at least 30 people in the coastal village of Bayda near "
        "the city of Banias, activists said on Friday.",
        resolver,
    )
    assert [(i.killed_best, i.location.admin1) for i in found if i.killed_best] == [
        (30, "Tartous")
    ]


def test_an_unknown_square_set_in_part_of_a_city_is_placed_in_the_city(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("An air strike hit a ministry building in Marjeh Plaza, central Damascus, "
                "killing three people.", resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(3, "Damascus")]


def test_victims_described_by_what_they_were_accused_of_before_the_verb(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Three men accused of smuggling fuel to the regime were shot dead in Tabqa on "
              "Sunday.", resolver)
    assert (inc.killed_best, inc.location.admin1) == (3, "Ar-Raqqa")


def test_one_victim_told_by_a_pronoun_and_a_similar_attack_told_after_it(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Gunmen opened fire on a member of the local police on the outskirts of Jasim "
                "on Wednesday evening, killing him instantly. The monitor documented on Monday "
                "the killing of three soldiers near Inkhil in a similar attack.", resolver)
    assert [(i.killed_best, i.location.admin1) for i in found if i.killed_best] == [
        (1, "Dar'a")
    ]
    assert one("Masked men shot her dead outside her home in Tafas.", resolver).killed_best == 1


def test_a_military_statements_eliminated_people_are_dead_but_not_its_facilities(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("Su-24 bombers struck a command post near Kafr Zita. More than 40 militants were "
              "eliminated and 12 facilities were destroyed.", resolver)
    assert (inc.killed_best, inc.location.admin1) == (41, "Hama")
    inc = one("Aircraft engaged 90 terrorist facilities and eliminated 25 gunmen near Palmyra.",
              resolver)
    assert inc.killed_best == 25
    assert _total(run("Troops eliminated 5 positions of the militants near Palmyra.",
                      resolver)) is None


def test_a_district_of_the_capital_by_a_possessive_is_in_damascus(resolver) -> None:  # type: ignore[no-untyped-def]
    inc = one("A suicide bomber blew himself up at an intersection in the capital's Midan "
              "district, killing 19 people, the interior minister said.", resolver)
    assert (inc.killed_best, inc.location.admin1) == (19, "Damascus")


def test_a_labelled_sources_figure_after_another_is_a_rival_figure(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Masyaf: Israeli strikes on a research centre and nearby roads. Syrian Health "
                "Ministry: 14 killed, 37 wounded. SOHR: 19 killed.", resolver)
    assert [(i.killed_best, i.killed_high) for i in found if i.killed_best] == [(14, 19)]


def test_a_development_with_a_day_of_its_own_is_news_whatever_else_is_past(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Government forces entered the towns of Yalda and Babila south of Damascus on "
                "Thursday after the last rebels boarded buses for the north, completing a "
                "surrender deal reached earlier this month.", resolver)
    assert [(i.category, i.location.admin1) for i in found] == [("agreement", "Rural Damascus")]


#: Articles and the toll their counted incidents add up to, one rule of sessions 10 and 11
#: each.
ARTICLE_TOLLS = [
    pytest.param(
        "A single civilian was killed in a drone strike on a car north of Idlib city on "
        "Sunday. Local sources said four militants died alongside the civilian.",
        5,
        id="a_single_civilian_is_no_part_of_the_fighters_killed_with_him",
    ),
    pytest.param(
        "A landmine killed two shepherds near Oqeirbat on Monday. Dozens of sheep were "
        "also killed, and 40 head of cattle died in the blast.",
        2,
        id="animals_killed_are_no_dead",
    ),
    pytest.param(
        "Two brothers were reportedly killed when aircraft struck a house in Hajin. "
        "Militant media claimed that 15 civilians had died in the strike.",
        2,
        id="a_claim_about_the_strike_just_told_is_a_rival_figure",
    ),
    pytest.param(
        "1/ A former rebel commander was shot dead by gunmen in Tafas this morning.\n\n"
        "2/ Since 2018, hundreds of people have been killed in assassinations across "
        "the south.",
        1,
        id="a_period_fronted_in_a_threads_post_is_a_running_toll",
    ),
    pytest.param(
        "Clashes between security forces and gunmen in Sahnaya killed at least 14 people "
        "on Wednesday, a monitor said. The fighting came a day after 11 people died in "
        "clashes in the suburb of Jaramana.",
        14,
        id="the_dead_the_news_came_after_are_background",
    ),
    pytest.param(
        "Troops stormed the city of Hama on Sunday, killing at least 60 people, activists "
        "said. At least 15 people were killed elsewhere in the country, among them five "
        "in Deir el-Zour and three in Harak.",
        75,
        id="dead_elsewhere_are_more_dead_and_their_breakdown_a_part",
    ),
    pytest.param(
        "A bomb tore through a meeting in Damascus on Wednesday, killing two ministers, "
        "state television said. Former minister Hassan Saleh, who headed the crisis "
        "cell, also died of his wounds.",
        3,
        id="a_named_victim_after_a_who_clause_who_also_died",
    ),
    pytest.param(
        "Security sources say 12 members of the security forces were killed in an ambush "
        "near Jableh. The monitor says 20 of the gunmen were also killed in the "
        "fighting, along with 3 civilians.",
        35,
        id="dead_also_killed_later_are_no_wider_count_of_the_first",
    ),
    pytest.param(
        "13:10 - Loud explosions heard in central Damascus. Witnesses say jets struck the "
        "General Staff headquarters near Umayyad Square.\n\n"
        "13:45 - Israel's military warns of further action over Sweida.\n\n"
        "14:30 - Syria's health ministry: one person killed, 18 injured in the strikes in "
        "Damascus.\n\n17:05 - Health ministry updates the toll: three killed, 34 injured.",
        3,
        id="a_source_updating_its_toll_gives_a_rise",
    ),
    pytest.param(
        "SOHR | Security chaos in Daraa | Former rebel commander and two others killed in "
        "separate incidents\n\n"
        "A former rebel commander was shot dead by unknown gunmen in the town of Jasim on "
        "Monday.\n\n"
        "In another incident, a man and his son were killed when gunmen opened fire on their "
        "car near Tafas.",
        3,
        id="a_headline_with_section_labels_sums_up_the_separate_incidents",
    ),
    # session 11
    pytest.param(
        "A mortar bomb hit a school in Aleppo on Tuesday, killing seven children and their "
        "teacher.",
        8,
        id="a_possessive_before_one_more_victim",
    ),
    pytest.param(
        "A roadside bomb in Tafas on Monday killed a local official and his driver.",
        2,
        id="a_possessive_before_one_more_victim_after_a_singular",
    ),
    pytest.param(
        "Four PKK/YPG militants were killed in a drone strike near Manbij on Sunday.",
        4,
        id="a_slashed_name_before_the_victims",
    ),
    pytest.param(
        "Gunmen shot dead a former rebel commander and his three sons in Nawa on Monday.",
        4,
        id="the_last_noun_of_a_compound_is_the_victim",
    ),
    pytest.param(
        "A missile hit a car near Qatana on Tuesday, killing the three men inside.",
        3,
        id="a_definite_count_after_the_verb",
    ),
    pytest.param(
        "Four soldiers were killed in shelling on a post at Taftanaz on Monday. The "
        "attack came a week after six soldiers and a civilian driver were killed in "
        "shelling near Saraqib.",
        4,
        id="dead_listed_after_after_are_the_earlier_event",
    ),
    pytest.param(
        "Regime shelling killed 17 civilians in Douma on Tuesday, bringing to 240 the number of "
        "people killed since the government escalated its assault on Friday.",
        17,
        id="a_running_toll_since_an_escalation",
    ),
    pytest.param(
        "Turkish drones killed 17 civilians in Douma on Tuesday. The monitor has documented 30 "
        "drone attacks on the area since the beginning of 2021, which have killed 240 people.",
        17,
        id="a_perfect_relative_clause_counts_over_the_period_before_it",
    ),
    pytest.param(
        "Kurdish fighters pushed back the militants in Kobani on Sunday, and at least 21 "
        "IS fighters and six Kurdish militiamen were killed, a monitor said.",
        27,
        id="a_list_of_dead_after_comma_and",
    ),
    pytest.param(
        "Insurgents launched an offensive west of Aleppo on Wednesday. The monitor said "
        "at least 61 fighters had been killed since the assault began at dawn.",
        61,
        id="a_toll_since_dawn_is_the_days_own",
    ),
    pytest.param(
        "Regime shelling killed 7 people in Douma on Wednesday. The monitor said at "
        "least 61 people had been killed since the assault began on Sunday.",
        7,
        id="a_toll_since_days_before_is_a_running_toll",
    ),
    pytest.param(
        "Two children, brothers aged eight and 11, were killed by a landmine near Tafas on "
        "Monday.",
        2,
        id="the_dead_set_out_again_before_the_verb",
    ),
    pytest.param(
        "SNHR documented the killing of three civilians in Daraa governorate on Monday. "
        "Gunmen shot dead a man in Nawa. Two children, brothers aged eight and 11, were "
        "killed by a landmine near Tafas.",
        3,
        id="incidents_told_after_their_total_are_its_parts",
    ),
    pytest.param(
        "Eight years ago today, more than 300 people were killed in a chemical attack on "
        "the town of Zamalka. Shelling killed two people in Douma on Monday.",
        2,
        id="today_after_ago_is_an_anniversary",
    ),
    pytest.param(
        "Barrel bombs hit a field hospital in Daret Azza, killing two medical staff and five "
        "patients.",
        7,
        id="staff_are_victims",
    ),
    pytest.param(
        "Militants beheaded a retired archaeologist in the city of Palmyra on Tuesday.",
        1,
        id="one_scholar_is_one_victim",
    ),
    pytest.param(
        "Air strikes killed 40 people in Douma on Tuesday, bringing to 95 the number of people "
        "killed there in 48 hours.",
        40,
        id="a_two_day_toll_holding_the_days_is_a_running_toll",
    ),
    pytest.param(
        "Coalition strikes killed 42 civilians in al-Bukamal in the past 48 hours, a monitor "
        "said.",
        42,
        id="a_two_day_toll_told_alone_is_the_events",
    ),
    pytest.param(
        "Air strikes killed 11 civilians in northwest Syria on Friday. Eight of the dead were "
        "killed in strikes on Kafr Nabuda, where rebels launched a counter-attack on Tuesday. "
        "Three more civilians died in strikes on the town of Khan Sheikhun.",
        11,
        id="parts_of_a_total_are_not_dated_by_a_where_clause",
    ),
    pytest.param(
        "A former commander was killed by gunmen in the city of Nawa on Saturday. Hours "
        "later, a young man was killed by gunmen in the city of Jasim.",
        2,
        id="one_dead_in_each_of_two_towns_are_two",
    ),
    pytest.param(
        "SOHR activists have documented the death of 4 people in Daraa within the past 24 "
        "hours, as follows:\n– a young man was shot dead by unknown gunmen in Jasim city in "
        "the northern countryside of Daraa;\n– a member of the 8th Brigade was killed by an "
        "IED explosion targeting his car near Inkhil;\n– a man was found dead with bullet "
        "wounds near Da'el.",
        4,
        id="a_list_announced_by_its_total_is_its_parts",
    ),
    pytest.param(
        "Rebels said they shot one of the pilots dead as he parachuted down near Latakia.",
        1,
        id="shot_one_of_them_dead",
    ),
    pytest.param(
        "Snipers shot five people in Douma on Monday, wounding them.",
        None,
        id="shot_with_no_dead_after_is_no_death",
    ),
    pytest.param(
        "07:45 Warplanes struck the town of Saraqib at dawn, activists say.\n\n10:30 The "
        "health directorate says at least 40 people have been killed.\n\n14:00 The health "
        "directorate now says 53 people have died, including 11 children.",
        53,
        id="a_source_that_now_says_more_raises_its_toll",
    ),
    pytest.param(
        "Fares Khalil al-Hamad, a commander of the National Defence Forces in the town, has "
        "been killed in clashes in Kessab along with five other NDF members.",
        6,
        id="a_named_dead_who_he_was_and_those_killed_with_him",
    ),
    pytest.param(
        "Doctors condemn attack on Kafr Nabl hospital that killed a nurse\n\nA barrel bomb "
        "hit the hospital in Kafr Nabl on Saturday. The attack killed Dr. Samer Haddad, a "
        "surgeon, and a patient who was waiting for treatment.",
        2,
        id="a_headlines_one_dead_is_one_of_the_bodys",
    ),
    pytest.param(
        "SNHR Daily Report: Two Civilians Killed on March 3, 2019\n\nOn Sunday, March 3, "
        "2019, SNHR documented the killing of two civilians in Syria.\n\nGunmen shot dead a "
        "young man at a checkpoint in Qamishli city.\n\nSNHR also documented the death of a "
        "detainee due to torture in a regime detention center.",
        2,
        id="a_monitors_next_entry_is_another_death_of_its_total",
    ),
]


@pytest.mark.parametrize(("text", "toll"), ARTICLE_TOLLS)
def test_the_article_toll_adds_up_its_counted_incidents(  # type: ignore[no-untyped-def]
    text: str, toll: int | None, resolver
) -> None:
    assert _total(run(text, resolver)) == toll


def test_a_name_set_beside_a_town_keeps_that_place_when_named_again(resolver) -> None:  # type: ignore[no-untyped-def]
    # "al-Mazraa" alone is a quarter of Damascus; set west of Sweida, it is there throughout
    found = run(
        "Shelling killed two civilians in al-Mazraa, west of Sweida, on Monday. "
        "On Tuesday, a drone strike killed three fighters in al-Mazraa.",
        resolver,
    )
    assert [(i.killed_best, i.location.admin1) for i in found] == [
        (2, "As-Sweida"), (3, "As-Sweida")]
    # a town the name alone finds is kept: "Sweida" is the city, not a namesake near a village
    found = run(
        "Israeli jets struck tanks moving toward Sweida, near the village of al-Mazraa. "
        "Shelling killed four people in Sweida on Tuesday.",
        resolver,
    )
    assert found[-1].location.admin1 == "As-Sweida"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the hospital's name is no place: the city it stands in is
        ("Artillery shells hit al-Shifa hospital in the city of Afrin on Monday, killing five "
         "patients.", "Afrin"),
        ("Thousands protested on Friday in al-Karama square in the centre of al-Suwayda city.",
         "al-Suwayda city"),
        # a town's hospital set in its governorate keeps the town
        ("Airstrikes hit the Kafr Nabl hospital in Idlib province on Monday, killing two "
         "nurses.", "Kafr Nabl"),
    ],
)
def test_a_building_named_for_no_place_stands_in_the_place_after_it(text: str, place: str,  # type: ignore[no-untyped-def]
                                                                   resolver) -> None:
    assert [i.place for i in run(text, resolver)] == [place]


def test_an_attack_fought_off_is_an_event_with_no_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Turkish troops repelled an attack by YPG fighters on an observation post near "
                "Marea in northern Aleppo province on Sunday.", resolver)
    assert [(i.killed_best, i.location.admin1) for i in found] == [(None, "Aleppo")]


def test_where_the_displaced_fled_fighting_is_not_where_the_strike_hit(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Airstrikes hit a camp for displaced people on Thursday, killing 12 people. The "
                "strikes hit the Kammouna camp near the town of Sarmada in Idlib province, which "
                "houses about 2,000 people who fled fighting in Aleppo and Hama.", resolver)
    assert found[0].location.admin1 == "Idleb"


def test_a_rescue_service_as_a_label_is_no_place(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("CAR BOMB in #Azaz near the vegetable market\n\nCivil Defense: at least 6 dead, "
                "dozens injured\n\nUPDATE: toll in #Azaz car bomb rises to 9 dead.", resolver)
    assert [(i.killed_best, i.place) for i in found if i.killed_best] == [(9, "Azaz")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # a two-word feature after a name with no preposition before it
        ("Hmeimim air base came under attack overnight by 13 drones, the ministry said.",
         "Lattakia"),
        ("Rebel shells fell on Kuweires military airport on Monday, killing two soldiers.",
         "Aleppo"),
    ],
)
def test_a_facility_named_with_a_two_word_feature_is_a_place(text: str, admin1: str,  # type: ignore[no-untyped-def]
                                                            resolver) -> None:
    assert [i.location.admin1 for i in run(text, resolver)] == [admin1]


def test_sources_that_speak_of_another_figure_widen_the_count(resolver) -> None:  # type: ignore[no-untyped-def]
    found = run("Suwayda 24: 5 local fighters killed in clashes in al-Mazraa, west of Sweida. "
                "Government sources speak of 9 dead in al-Mazraa.", resolver)
    assert [(i.killed_low, i.killed_best, i.killed_high) for i in found if i.killed_best] == [
        (5, 5, 9)]

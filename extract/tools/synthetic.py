"""Synthetic news articles about the Iraq-Syria conflict, for benchmarking the whole pipeline.

``make bench`` needs corpora of 1k to 100k articles that look like what the loader, cleaner and
extractor meet in real life, that are the same on every machine, and whose true content is
known. This module writes them:

* Sentences are composed from the reference data (``actors.csv``, ``actor_aliases.csv``,
  ``places.csv``) and the hand-written phrase templates below, which cover the ACLED sub-event
  types of ``event_patterns.csv``; about 20% of articles report no event at all.
* The noise is the real one: web boilerplate (some that the cleaner removes, some that it does
  not), captions, datelines of several agencies, stray whitespace, typos, curly quotes, a few
  cp1252 files, wire copy republished verbatim (~3%) and the same event retold by another
  outlet (~5%), which the dbt cross-article matching is there to merge.
* Formats follow ``extract.loading.files``: ~85% one ``.txt`` per article, the rest in ``.jsonl``
  feeds and ``.csv`` exports of up to 50 records (fields ``id, title, text, published_at/date,
  url, source``), plus a few ``.html`` pages; at most 1,000 files per ``batch-NNNN/`` folder.
* Article ``i`` is a pure function of ``(seed, i)`` (its own ``random.Random``, seeded from a
  string, never from ``hash()``), so a corpus can be extended with ``start`` or generated in
  parallel, and the same arguments always give byte-identical files.
* Everything composed is written to a truth CSV, one row per event, so recall can be measured.
  ``extract.loading.files.input_files`` reads every file below the corpus folder, so the truth file
  lives *beside* it: ``<folder>.truth.csv`` (``<folder>.truth-from-<start>.csv`` when ``start``
  is not 0, so extending a corpus never overwrites the first truth file).

Articles are streamed: only one feed file (<= 50 records) is ever held in memory.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import itertools
import json
import math
import queue
import random
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from extract.coding.reference import DEFAULT_REFERENCE_DIR, Reference, load_reference
from extract.coding.text import phrase_key

# ======================================================================================
# Phrase templates (data). Slots: {a1}/{A1} actor 1 (capitalised), {a1m} actor 1 as people
# ("Islamic State fighters"), {air1} actor 1's aircraft ("Turkish warplanes"), {a2} the armed
# target, {civ} civilian victims ("shepherds"), {loc} where (always names a gazetteer place),
# {tloc} a place as the object of a capture, {ploc} where a crowd gathered, {when} the event
# day relative to the dateline, {kill} an optional casualty tail, {k}/{K} the fatality count,
# {n}/{N} another count, {issue}/{grievance} what protesters want. A template's slots decide
# which actors and figures the event gets, so the truth file says exactly what the text says.
# ======================================================================================

EVENT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Shelling/artillery/missile attack": (
        "{A1} shelled positions held by {a2} {loc} {when}{kill}.",
        "{A1m} fired mortar rounds at {a2} {loc} {when}{kill}.",
        "{When}, {a1} pounded {a2} positions {loc} with heavy artillery{kill}.",
        "{A1} launched an artillery barrage against {a2} {loc} {when}{kill}.",
        "{A1} fired Katyusha rockets at {a2} {loc} {when}{kill}.",
        "{A2} positions {loc} came under mortar fire from {a1} {when}{kill}.",
        "{A1} said its forces shelled hideouts of {a2} {loc} {when}{kill}.",
        "Rockets fired by {a1} slammed into {a2} positions {loc} {when}{kill}.",
    ),
    "Armed clash": (
        "{A1m} clashed with {a2} {loc} {when}{kill}.",
        "Clashes erupted between {a1} and {a2} {loc} {when}{kill}.",
        "{A2} repelled an attack by {a1m} {loc} {when}{kill}.",
        "{A1m} ambushed a patrol of {a2} {loc} {when}{kill}.",
        "{A1m} attacked a checkpoint manned by {a2} {loc} {when}{kill}.",
        "Fierce fighting broke out {loc} {when} between {a1} and {a2}{kill}.",
        "{A1} and {a2} fought for hours {loc} {when}{kill}.",
        "{A1m} stormed {a2} positions {loc} {when}{kill}, sparking a lengthy exchange of fire.",
    ),
    "Air/drone strike": (
        "{A1} carried out air strikes on hideouts of {a2} {loc} {when}{kill}.",
        "A drone strike by {a1} hit a vehicle carrying {a2m} {loc} {when}{kill}.",
        "{Air1} struck positions of {a2} {loc} {when}{kill}.",
        "{A1} said its aircraft bombed {a2} targets {loc} {when}{kill}.",
        "An air strike by {a1} targeted a gathering of {a2m} {loc} {when}{kill}.",
        "{A1} conducted a drone strike against {a2} {loc} {when}{kill}.",
        "{Air1} bombed a residential area {loc} {when}, killing {k} {civ}.",
        "An air raid by {a1} killed {k} {civ} {loc} {when}.",
    ),
    "Suicide bomb": (
        "A suicide bomber blew himself up among {civ} {loc} {when}, killing {k}.",
        "{A1m} detonated an explosive vest at a checkpoint of {a2} {loc} {when}{kill}.",
        "A suicide car bombing claimed by {a1} targeted a base of {a2} {loc} {when}{kill}.",
        "{A1} claimed responsibility for a suicide attack on {a2} {loc} {when}{kill}.",
        "A suicide bomber attacked a market crowded with {civ} {loc} {when}, killing {k}.",
    ),
    "Remote explosive/landmine/IED": (
        "A roadside bomb struck a patrol of {a2} {loc} {when}{kill}.",
        "An improvised explosive device exploded near a vehicle carrying {a2} {loc} {when}{kill}.",
        "A car bomb exploded in a busy market {loc} {when}, killing {k} {civ}.",
        "{A1m} planted a roadside bomb that hit a patrol of {a2} {loc} {when}{kill}.",
        "{K} {civ} were killed when a landmine left by {a1} exploded {loc} {when}.",
        "{A1m} detonated an IED targeting {a2} {loc} {when}{kill}.",
        "{K} {civ} were killed by a landmine {loc} {when}.",
    ),
    "Grenade": (
        "{A1} threw a hand grenade at {a2} {loc} {when}{kill}.",
        "{A1} threw a grenade at a group of {civ} {loc} {when}{kill}.",
        "{A1} carried out a grenade attack on {a2} {loc} {when}{kill}.",
    ),
    "Attack": (
        "{A1m} attacked {civ} {loc} {when}{kill}.",
        "{A1m} stormed a house {loc} {when}, killing {k} {civ}.",
        "{A1} executed {k} {civ} {loc} {when}.",
        "{K} {civ} were killed in an attack by {a1} {loc} {when}.",
        "{A1m} raided a farm {loc} {when}, killing {k} {civ}.",
        "{A1m} shot dead {k} {civ} {loc} {when}.",
        "{A1m} opened fire on {civ} {loc} {when}{kill}.",
    ),
    "Abduction/forced disappearance": (
        "{A1m} abducted {n} {civ} {loc} {when}.",
        "{N} {civ} were kidnapped by {a1} {loc} {when}.",
        "{A1} kidnapped a local official {loc} {when}, his family said.",
        "{A1m} took {n} {civ} hostage {loc} {when}.",
    ),
    "Arrests": (
        "{A1} arrested {n} suspected {a2m} {loc} {when}.",
        "{A1} said they detained a senior leader of {a2} {loc} {when}.",
        "{N} people suspected of links to {a2} were rounded up by {a1} {loc} {when}.",
        "{A1} detained {n} members of {a2} in a security operation {loc} {when}.",
    ),
    "Government regains territory": (
        "{A1} recaptured {tloc} from {a2} {when}{kill}.",
        "{A1} retook {tloc} from {a2m} {when} following heavy fighting{kill}.",
        "{A1} said they had liberated {tloc} from {a2} {when}.",
        "{A1} regained control of {tloc} {when}, driving out {a2m}{kill}.",
        "{A1} seized back {tloc} from {a2} {when}.",
    ),
    "Non-state actor overtakes territory": (
        "{A1m} seized {tloc} from {a2} {when}{kill}.",
        "{A1} captured {tloc} {when}, after {a2} withdrew from the area.",
        "{A1} took control of {tloc} {when} following clashes with {a2}{kill}.",
        "{A1m} overran a checkpoint of {a2} {loc} {when}{kill}.",
    ),
    "Peaceful protest": (
        "Hundreds of {a1} rallied {ploc} {when} to demand {issue}.",
        "{A1} took to the streets {ploc} {when}, protesting against {grievance}.",
        "Thousands of {a1} staged a demonstration {ploc} {when} over {grievance}.",
        "{A1} gathered {ploc} {when} in a protest against {grievance}.",
        "{A1} held a sit-in {ploc} {when}, demanding {issue}.",
    ),
    "Violent demonstration": (
        "{A1} hurled stones at {a2} {ploc} {when} during violent protests over {grievance}{kill}.",
        "Angry {a1} rioted {ploc} {when}, torching tyres and blocking main roads.",
        "{A1} rioted {ploc} {when} over {grievance}, pelting {a2} with stones{kill}.",
    ),
    "Disrupted weapons use": (
        "{A1} defused {n} explosive devices planted by {a2} {loc} {when}.",
        "{A1} seized a large weapons cache belonging to {a2} {loc} {when}.",
        "{A1} found an arms depot used by {a2m} {loc} {when}.",
        "{A1} shot down a drone launched by {a2} {loc} {when}.",
    ),
    "Looting/property destruction": (
        "{A1m} torched homes belonging to {civ} {loc} {when}.",
        "{A1m} set fire to wheat fields {loc} {when}, {civ} said.",
        "{A1m} looted shops {loc} {when}.",
    ),
    "Agreement": (
        "{A1} and {a2} agreed to a ceasefire {loc} {when}, local sources said.",
        "A truce between {a1} and {a2} took effect {loc} {when}.",
    ),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "Shelling/artillery/missile attack": ("{A1} shells {a2} positions in {prov}", "Shelling hits {place} as fighting flares in {prov}", "{K} killed in shelling near {place}"),
    "Armed clash": ("{A1} clash with {a2} in {prov}", "Clashes near {place} leave {k} dead", "Fighting flares between {a1} and {a2} in {prov}"),
    "Air/drone strike": ("Air strike hits {a2} hideout in {prov}", "{A1} strikes {a2} targets near {place}", "Drone strike kills {k} in {prov}"),
    "Suicide bomb": ("Suicide bombing kills {k} in {prov}", "Suicide attack hits {place}"),
    "Remote explosive/landmine/IED": ("Roadside bomb kills {k} in {prov}", "Blast hits {place} in {prov}", "Landmine kills {k} near {place}"),
    "Grenade": ("Grenade attack in {place} wounds several", "Grenade attack reported in {prov}"),
    "Attack": ("Gunmen kill {k} civilians in {prov}", "{A1} blamed for deadly attack near {place}", "Civilians killed in {prov} attack"),
    "Abduction/forced disappearance": ("Gunmen abduct villagers in {prov}", "Kidnapping reported near {place}"),
    "Arrests": ("{A1} detain suspects linked to {a2} in {prov}", "Security sweep in {prov} nets suspects"),
    "Government regains territory": ("{A1} retake {place} from {a2}", "Troops recapture villages in {prov}"),
    "Non-state actor overtakes territory": ("{A1} seize {place} in {prov}", "{A1} capture villages near {place}"),
    "Peaceful protest": ("Protesters rally in {place} over {grievance}", "Hundreds demonstrate in {place}"),
    "Violent demonstration": ("Protests turn violent in {place}", "Riots in {place} over {grievance}"),
    "Disrupted weapons use": ("Security forces seize weapons cache in {prov}", "Explosives defused near {place}"),
    "Looting/property destruction": ("Homes torched near {place}", "Crops set ablaze in {prov}"),
    "Agreement": ("Ceasefire agreed in {prov}", "Truce holds near {place}"),
}

# Sentences that elaborate the lead event without telling a new act: any event, violent ones
# (someone was hurt), and protests.
FOLLOW_UPS: tuple[str, ...] = (
    "Local officials said reinforcements had been sent to the area.",
    "The area has seen repeated security incidents in recent weeks, residents said.",
    "It was the third such incident in {prov} this month.",
    "A curfew was imposed in parts of {prov} following the incident.",
    "A security source, who spoke on condition of anonymity, confirmed the account.",
)
FOLLOW_UPS_VIOLENT: tuple[str, ...] = (
    "A security source, who spoke on condition of anonymity, confirmed the toll.",
    "There was no immediate claim of responsibility.",
    "The wounded were taken to a hospital in {anchor}, a medical source said.",
    "Residents said they heard loud explosions throughout the night.",
    "Security forces cordoned off the area and launched a search for the perpetrators.",
    "Casualty figures could not be independently verified.",
    "Local officials said the victims came from families well known in the area.",
)
FOLLOW_UPS_PROTEST: tuple[str, ...] = (
    "The protesters carried banners and chanted slogans against the provincial government.",
    "Organisers said they would return every week until their demands were met.",
    "Security forces were deployed around the site and the roads leading to it.",
    "Similar gatherings have taken place in {prov} every summer, when power cuts are at their worst.",
)
# Who a report is attributed to ("..., the Security Media Cell said."). None is an actor name.
ATTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "IQ": ("the Security Media Cell", "a police source", "local officials", "a security official", "a medical source", "witnesses"),
    "SY": ("the Syrian Observatory for Human Rights", "activists", "a local source", "state news agency SANA", "the SDF media office", "witnesses"),
}
# Acts that did not happen or have not yet: the extractor should flag them negated or
# hypothetical. They are not in the truth file.
DISTRACTORS: tuple[str, ...] = (
    "Officials denied reports that {a1} had shelled {place}.",
    "{A1} threatened to launch an offensive on {place} in the coming days.",
    "{A1} said it had not carried out any air strikes near {place}.",
    "Residents fear {a1} could attack {place} again.",
)
NONVIOLENT = frozenset({"Arrests", "Disrupted weapons use", "Agreement", "Peaceful protest"})
SYRIA_MONITOR = "The Syrian Observatory for Human Rights, a Britain-based war monitor, put the death toll at {k}."

BACKGROUND: dict[str, tuple[str, ...]] = {
    "IQ": (
        "Iraq declared victory over Islamic State in December 2017, but remnants of the group still operate in remote desert and mountain areas.",
        "The Popular Mobilization Forces, an umbrella of mostly Shia armed groups, were formally made part of Iraq's state security apparatus in 2016.",
        "About 2,500 US troops remain in Iraq on a mission to advise and assist local forces.",
        "Officials have warned that militants could exploit security gaps along the porous border with Syria.",
        "Thousands of families displaced during the war still live in camps across {prov} province.",
        "The government in Baghdad has struggled to rebuild towns devastated during the war against the militants.",
        "{prov} was among the provinces hardest hit during the militants' rule between 2014 and 2017.",
        "Islamic State continues to carry out sporadic attacks in northern and western Iraq.",
        "Local leaders in {prov} have long complained that reconstruction funds never reached their districts.",
        "Security analysts say the group now relies on small, mobile cells rather than holding territory.",
        "Iraq's prime minister has pledged to bring all weapons under state control — a promise that has proved hard to keep.",
        "The disputed territories between Baghdad and the Kurdistan Region, including parts of {prov}, have long been a security vacuum.",
        "Rights groups say thousands of people detained on suspicion of links to the militants have been held without trial.",
        "Iraq has enjoyed relative stability in recent years, although political rivalries and armed factions remain a source of tension.",
        "The Kurdistan Region and the federal government in Baghdad remain at odds over oil exports and the payment of public salaries.",
        "Many of the Sunni Arab areas that fell under militant control in 2014 have yet to be fully rebuilt.",
        "Officials in {prov} say the rugged terrain and orchards along the river make it difficult to track small groups of fighters.",
        "Iraqi officials say cooperation with Syrian and Kurdish authorities along the border has improved over the past year.",
        "A concrete wall, watchtowers and thermal cameras have been installed along parts of the frontier with Syria.",
        "Tribal leaders in {prov} have called on the government to do more to protect rural communities.",
        "Washington and Baghdad have been negotiating the future of the US-led coalition's mission in Iraq.",
        "Iran-aligned factions have repeatedly demanded the withdrawal of foreign troops from the country.",
        "Security in {anchor} has improved markedly since 2017, with markets and restaurants busy late into the night.",
        "Unemployment among young people in {prov} is estimated at more than 30 percent, according to local officials.",
        "Residents of {anchor} say checkpoints on the main roads have made travel slow but safer.",
    ),
    "SY": (
        "Syria's conflict, which began in 2011 with the repression of peaceful protests, has killed more than half a million people.",
        "The Kurdish-led Syrian Democratic Forces control much of the country's north-east, with backing from the US-led coalition.",
        "Idlib, the last major opposition stronghold, is home to some three million people, many of them displaced from other parts of the country.",
        "A ceasefire brokered by Russia and Turkey in March 2020 has largely held, though violations are frequent.",
        "Turkey considers the YPG, the backbone of the SDF, an extension of the outlawed Kurdistan Workers' Party (PKK).",
        "Islamic State cells have stepped up hit-and-run attacks in the central Syrian desert in recent months.",
        "The economy of {prov} has been devastated by more than a decade of war and sanctions.",
        "Damascus has regained control of most of the country with the help of Russia and Iran.",
        "Humanitarian agencies say more than 15 million Syrians need aid, the highest number since the war began.",
        "Thousands of foreign women and children linked to the militants remain in camps run by Kurdish authorities.",
        "The front lines in {prov} have barely moved in four years.",
        "Residents of {prov} complain of chronic fuel shortages and power cuts that last most of the day.",
        "The conflict has displaced about half of Syria's pre-war population of 22 million, inside and outside the country.",
        "The Syrian pound has lost more than 99 percent of its value since 2011.",
        "Kurdish authorities in the north-east hold thousands of suspected militants in prisons and tens of thousands of their relatives in camps.",
        "The United States keeps about 900 troops in north-east Syria, most of them at bases in Hasakah and Deir ez-Zor provinces.",
        "Turkey and the opposition factions it backs hold a strip of territory along the border.",
        "Arab tribes in {prov} have long complained of marginalisation by the Kurdish-led administration.",
        "Russia has kept air and naval bases on Syria's Mediterranean coast since 2015.",
        "Aid deliveries to the north-west depend on border crossings with Turkey, which the United Nations has struggled to keep open.",
        "Many families in {prov} depend on money sent by relatives abroad.",
        "Syria was readmitted to the Arab League in 2023 after more than a decade of isolation.",
        "Truffle hunters in the desert are often killed by landmines left over from years of war.",
        "Checkpoints run by different armed groups divide the roads of {prov}, and travellers pay fees at many of them.",
    ),
    "any": (
        "Regional tensions have risen since the start of the war in Gaza in October 2023.",
        "Diplomats say the crises of the region are increasingly linked, from the Gulf to the Mediterranean.",
        "Analysts say poverty and a lack of jobs make young men vulnerable to recruitment by armed groups.",
        "Local journalists say they face growing pressure when reporting on security incidents.",
        "Independent verification is difficult because access for reporters to the area is restricted.",
        "Officials did not provide further details.",
        "The information could not be immediately confirmed by other sources.",
        "Both sides have accused each other of breaking earlier understandings.",
        "The incident came days after a visit to the area by senior military officials.",
        "Human rights organisations have repeatedly called for independent investigations into such incidents.",
        "Local media published photographs that appeared to show damaged vehicles and buildings.",
    ),
}

# Sentences about the place of the lead event: colour, no act.
EVENT_CONTEXT: tuple[str, ...] = (
    "{place} lies about {km} km from {anchor}, on a road used by farmers and traders.",
    "The area around {place} is made up of scattered villages, orchards and farmland.",
    "Residents of {place} said the security situation had worsened in recent weeks.",
    "The road between {place} and {anchor} was closed for several hours, witnesses said.",
    "Schools in {place} were closed the following day as a precaution.",
    "Shops in {place} stayed shut and the streets were largely empty, a resident said by telephone.",
)
QUOTE_ADDITIONS: tuple[str, ...] = (
    "He added that more troops would be deployed to {prov} in the coming days.",
    "He said the perpetrators would be brought to justice.",
    "He said an investigation was under way.",
    "He called on the central government to send reinforcements.",
    "He gave no further details.",
)

# What officials and residents say; each voice has its own speakers.
QUOTES: dict[str, tuple[str, ...]] = {
    "official": (
        "The situation is under control and our forces are pursuing the remaining cells",
        "We will not allow anyone to threaten the security of our people",
        "The enemy suffered heavy losses and the area is now secure",
        "Our units are on high alert along the entire sector",
        "We call on residents to cooperate with the security services",
        "These cells are trying to prove they still exist, but they are weak",
    ),
    "resident": (
        "The families here are exhausted and want only safety",
        "We have asked the authorities for more support many times",
        "We are still counting the damage",
        "Nobody tells us anything, we learn the news from social media",
        "People are afraid to go out to their fields after dark",
    ),
    "politics": (
        "The people are tired of promises, they want to see results",
        "We are open to any solution that respects the constitution",
        "Every delay costs the country money and credibility",
    ),
    "economy": (
        "Prices change every day and nobody can plan ahead",
        "Without stable electricity no factory can survive here",
        "The budget depends on oil, and oil depends on things we do not control",
    ),
    "humanitarian": (
        "The needs are enormous and the money is simply not there",
        "Families tell us they want to go home, but there is nothing to go back to",
        "Children are the first to suffer when the water is not clean",
    ),
}
SPEAKERS: dict[str, tuple[str, ...]] = {
    "official/IQ": (
        "Brig. Gen. {person}, spokesman for the Joint Operations Command",
        "{person}, a local official in {prov}",
        "{person}, a police officer in {anchor}",
        "the governor of {prov}, {person}",
        "{person}, a commander in the Popular Mobilization Forces",
    ),
    "official/SY": (
        "{person}, a spokesman for the Syrian Democratic Forces",
        "{person}, a local council member in {prov}",
        "a Syrian military source",
        "{person}, a commander of the local security forces",
    ),
    "resident": ("{person}, a resident of {anchor}", "{person}, a farmer from the area", "{person}, a shopkeeper in {anchor}", "a resident who asked not to be named"),
    "politics": ("{person}, a lawmaker from {prov}", "{person}, a political analyst in {capital}", "{person}, a member of the provincial council"),
    "economy": ("{person}, an economist in {capital}", "{person}, a trader in {anchor}", "{person}, a factory owner in {prov}"),
    "humanitarian": ("{person}, an aid worker in {anchor}", "{person}, who runs a camp in {prov}", "{person}, a doctor in {anchor}"),
}
FIRST_NAMES = ("Ahmed", "Mohammed", "Ali", "Hussein", "Omar", "Khalid", "Saad", "Yahya", "Karim", "Abbas", "Hassan", "Jabbar", "Saleh", "Farhad", "Hiwa", "Dilshad", "Mazloum", "Rebwar", "Ammar", "Firas")
LAST_NAMES = ("al-Jubouri", "al-Obeidi", "al-Dulaimi", "al-Khafaji", "al-Saadi", "Rasool", "Hamid", "al-Zubaidi", "Mahmoud", "Aziz", "Othman", "al-Ahmad", "al-Hassan", "Khalil", "Barzani", "Mustafa", "Ibrahim", "Kareem", "Nasser", "Youssef")
REPORTERS = ("John Davison", "Maya Gebeily", "Timour Azhari", "Ahmed Rasheed", "Kate Wilson", "Laila Bassam", "Samia Nakhoul", "Ahmed Aboulenein", "Daren Butler", "Tom Perry")

ISSUES = ("jobs and better public services", "an end to corruption", "the release of detained relatives", "reliable electricity", "clean drinking water", "the payment of overdue salaries")
GRIEVANCES = ("power cuts", "unemployment", "corruption", "rising prices", "water shortages", "delayed salaries", "the arrest of a local activist")

# Articles about politics, the economy or humanitarian needs: no violent act is told.
QUIET_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "politics": {
        "headlines": ("{Country} parliament debates budget amid deadlock", "Talks on new {country_adj} cabinet stall again", "{Country} leaders meet to defuse political crisis", "Provincial council in {prov} elects new governor"),
        "leads": (
            "{Country_adj} lawmakers failed again {when} to agree on the budget, extending a months-long political standoff.",
            "Political leaders in {capital} met {when} to discuss the formation of a new government, officials said.",
            "The provincial council of {prov} elected a new governor {when}, ending weeks of wrangling between rival blocs.",
            "The {country_adj} government announced {when} that it would hold talks with neighbouring countries on water sharing.",
        ),
        "body": (
            "The session was adjourned after a dispute over the allocation of funds to the provinces.",
            "Several blocs boycotted the vote, saying their demands had been ignored.",
            "The speaker of parliament said a new session would be held next week.",
            "Observers say the standoff reflects deeper rivalries over oil revenues and public sector jobs.",
            "The United Nations mission in {country} urged all parties to resolve their differences through dialogue.",
            "Turnout in the last elections was among the lowest on record.",
            "The new governor promised to improve services and tackle unemployment in {prov}.",
            "Negotiations are expected to continue into next month.",
            "Opposition figures accused the government of delaying reforms.",
            "The dispute has held up spending on roads, schools and hospitals in {prov}.",
            '"The next few weeks will decide whether the state can function at all," said {person}, a political analyst in {capital}.',
            "The dispute has delayed the appointment of several ministers and senior officials.",
            "Parliament has met only a handful of times since the start of the year.",
            "Several lawmakers said they had received no copy of the draft law before the session.",
            "The president called on all parties to put the national interest first.",
            "Critics say power-sharing arrangements have entrenched patronage and slowed decision-making.",
            "Local elections are due to be held next year, although no date has been set.",
            "Some lawmakers have proposed moving the debate to a closed session.",
        ),
    },
    "economy": {
        "headlines": ("{Country} oil exports rise to {n} barrels a day", "{Country_adj} currency slides against the dollar", "Electricity shortages hit {anchor} as temperatures soar", "Wheat harvest in {prov} beats forecasts"),
        "leads": (
            "{Country}'s oil exports rose to an average of {n} barrels per day last month, the oil ministry said {when}.",
            "The {country_adj} currency fell to a new low against the US dollar on the parallel market {when}, traders said.",
            "Residents of {anchor} endured power cuts of up to 18 hours a day {when} as temperatures passed 48 degrees Celsius.",
            "Farmers in {prov} expect a record wheat harvest this year after good rains, agriculture officials said {when}.",
        ),
        "body": (
            "The ministry said revenues reached about {pct} percent of the level forecast in the budget.",
            "Traders blamed the fall on restrictions on dollar transfers and high demand for imports.",
            "The government has promised to add new power stations, but projects have been delayed for years.",
            "Prices of food and fuel have risen by about {pct} percent since the start of the year.",
            "Economists warn that the country remains heavily dependent on oil for its public finances.",
            "Officials said they were negotiating with foreign companies to modernise the grid.",
            "Many families rely on private generators, which charge by the ampere.",
            "The central bank said it would inject more dollars into the market to stabilise the currency.",
            "Water levels in the Tigris and Euphrates have fallen sharply after years of drought.",
            "Small businesses in {anchor} say customers can no longer afford basic goods.",
            "Oil accounts for more than 90 percent of government revenue.",
            "The government has pledged to diversify the economy, but private investment remains low.",
            "Traders in {anchor} said business had slowed sharply in recent weeks.",
            "The price of a cylinder of cooking gas has doubled in some areas since the spring.",
            "Officials blame the shortfall on ageing infrastructure and illegal connections to the grid.",
            "Farmers say the cost of fuel and fertiliser has wiped out their profits.",
            "The finance ministry said salaries for public employees would be paid on time this month.",
            "Several new factories are due to open in {prov} next year, the governor's office said.",
        ),
    },
    "humanitarian": {
        "headlines": ("Aid agencies warn of funding gap in {country}", "Displaced families in {prov} face harsh winter", "Cholera cases rise in {prov}", "Families return to {place} years after displacement"),
        "leads": (
            "Aid agencies warned {when} that funding for humanitarian programmes in {country} had fallen to its lowest level in a decade.",
            "Thousands of displaced families in camps across {prov} are bracing for another winter in tents, aid workers said {when}.",
            "Health officials in {prov} reported {n} new cholera cases {when}, blaming contaminated water.",
            "Dozens of families returned to their homes in {place} {when}, years after they fled, local officials said.",
        ),
        "body": (
            "The United Nations said its appeal for {country} was only {pct} percent funded.",
            "Many returnees find their homes damaged and no schools or clinics nearby.",
            "Aid workers said children and the elderly were most at risk.",
            "The health ministry said it had sent medical teams and water purification tablets to the area.",
            "Local authorities said they lacked the money to repair water networks.",
            "The World Food Programme said it had been forced to cut rations for thousands of families.",
            "Residents said the nearest hospital was more than an hour's drive away.",
            "Officials hope to close the remaining camps by the end of the year.",
            "Several families said they could not afford the journey home.",
            "Non-governmental organisations called on donors to step up their support.",
            "The International Organization for Migration says more than a million people remain displaced.",
            "Many camps lack proper sanitation and rely on water delivered by truck.",
            "Teachers said children who returned had missed years of schooling.",
            "Local officials said about {pct} percent of houses in the area still needed repairs.",
            "Winter rains have flooded tents in several camps in recent years.",
            "Aid groups say the needs are growing while funding is shrinking.",
            "The authorities have promised compensation for damaged homes, but few families have received it.",
            "A mobile clinic visits the area once a week, residents said.",
        ),
    },
}

# Web boilerplate. REMOVED_* match the cleaner's patterns (extraction_rules.yml, boilerplate);
# KEPT_NOISE does not, and so survives cleaning as it would in a real scrape.
REMOVED_LINES: tuple[str, ...] = (
    "Advertisement", "ADS", "Sponsored", "Share this article", "Share on Facebook", "Tweet", "Print",
    "Email this article", "Skip to main content", "Back to top", "Post a Comment", "-------------",
)
KEPT_NOISE: tuple[str, ...] = (
    "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.",
    "Subscribe to our newsletter for the latest news from the region.",
    "Follow us on Telegram and X for breaking news.",
    "Click here to download our app.",
    "Related Topics",
)
CAPTIONS: tuple[str, ...] = (
    "Members of the security forces patrol a street in {anchor}, {month} {day}, {year}.",
    "Smoke rises over {anchor} in this file photo.",
    "Displaced families wait for aid at a camp in {prov}.",
    "A checkpoint on the road to {anchor}.",
)
CAPTION_CREDITS = ("(AFP)", "(Reuters)", "(AP)", "(Getty Images)", "(File photo)", "(Photo: social media)")
ARABIC_NOISE = "أحدث أقدم"

# ======================================================================================
# Scenarios: who fights whom where, and which kinds of event they produce. The actors are
# canonical names from actors.csv; their surface forms come from actor_aliases.csv.
# ======================================================================================


@dataclass(frozen=True)
class Scenario:
    name: str
    country: str
    weight: int
    provinces: tuple[tuple[str, int], ...]
    government: tuple[str, ...]  # the side that holds the area (state or de facto authority)
    opponents: tuple[str, ...]
    aircraft: tuple[str, ...]
    types: tuple[tuple[str, int], ...]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "iraq_insurgency", "IQ", 30,
        (("Anbar", 4), ("Nineveh", 4), ("Salahuddin", 4), ("Diyala", 4), ("Kirkuk", 3), ("Baghdad", 1), ("Babil", 1)),
        ("Iraqi Security Forces", "Iraqi Army", "Iraqi Police", "Counter-Terrorism Service", "Popular Mobilization Forces",
         "Badr Organization", "Kataib Hezbollah", "Asaib Ahl al-Haq", "Tribal Mobilization Forces", "Peshmerga"),
        ("Islamic State", "Islamic State", "Islamic State", "Unidentified Armed Group"),
        ("Iraqi Air Force", "US-led Coalition"),
        (("Armed clash", 18), ("Shelling/artillery/missile attack", 6), ("Air/drone strike", 12), ("Remote explosive/landmine/IED", 14),
         ("Suicide bomb", 3), ("Attack", 10), ("Abduction/forced disappearance", 5), ("Arrests", 12), ("Government regains territory", 4),
         ("Non-state actor overtakes territory", 1), ("Disrupted weapons use", 6), ("Grenade", 2), ("Looting/property destruction", 3)),
    ),
    Scenario(
        "iraq_kurdistan_turkey", "IQ", 8,
        (("Dohuk", 5), ("Erbil", 3), ("Sulaymaniyah", 2)),
        ("Turkish Armed Forces",), ("Kurdistan Workers' Party",), ("Turkish Armed Forces",),
        (("Air/drone strike", 14), ("Shelling/artillery/missile attack", 8), ("Armed clash", 4)),
    ),
    Scenario(
        "iraq_militias_us", "IQ", 4,
        (("Anbar", 3), ("Baghdad", 2), ("Erbil", 1)),
        ("United States Armed Forces", "US-led Coalition"), ("Kataib Hezbollah", "Harakat Hezbollah al-Nujaba", "Kataib Sayyid al-Shuhada"),
        ("United States Armed Forces", "US-led Coalition"),
        (("Shelling/artillery/missile attack", 10), ("Air/drone strike", 8), ("Disrupted weapons use", 2)),
    ),
    Scenario(
        "iraq_protests", "IQ", 6,
        (("Baghdad", 3), ("Basra", 3), ("Dhi Qar", 2), ("Najaf", 1), ("Sulaymaniyah", 1), ("Karbala", 1)),
        ("Iraqi Security Forces", "Iraqi Police"), ("Protesters",), (),
        (("Peaceful protest", 12), ("Violent demonstration", 3)),
    ),
    Scenario(
        "syria_east", "SY", 15,
        (("Deir ez-Zor", 4), ("Raqqa", 3), ("Hasakah", 3)),
        ("Syrian Democratic Forces", "People's Protection Units"), ("Islamic State", "Islamic State", "Unidentified Armed Group"), ("US-led Coalition",),
        (("Armed clash", 10), ("Remote explosive/landmine/IED", 6), ("Attack", 6), ("Abduction/forced disappearance", 3), ("Arrests", 8),
         ("Air/drone strike", 5), ("Non-state actor overtakes territory", 2), ("Disrupted weapons use", 2), ("Looting/property destruction", 2)),
    ),
    Scenario(
        "syria_northwest", "SY", 15,
        (("Idlib", 5), ("Aleppo", 3), ("Hama", 3), ("Latakia", 2)),
        ("Syrian Government Forces", "Russian Armed Forces", "Hezbollah"), ("Hayat Tahrir al-Sham", "Syrian Rebels"),
        ("Russian Armed Forces", "Syrian Government Forces"),
        (("Shelling/artillery/missile attack", 16), ("Air/drone strike", 12), ("Armed clash", 8), ("Government regains territory", 2),
         ("Non-state actor overtakes territory", 2), ("Agreement", 1)),
    ),
    Scenario(
        "syria_north_turkey", "SY", 8,
        (("Aleppo", 3), ("Hasakah", 3), ("Raqqa", 2)),
        ("Turkish Armed Forces", "Syrian Rebels"), ("Syrian Democratic Forces", "People's Protection Units"), ("Turkish Armed Forces",),
        (("Shelling/artillery/missile attack", 10), ("Air/drone strike", 8), ("Armed clash", 6), ("Non-state actor overtakes territory", 1)),
    ),
    Scenario(
        "syria_badia", "SY", 6,
        (("Homs", 3), ("Deir ez-Zor", 2), ("Hama", 1), ("Raqqa", 1)),
        ("Syrian Government Forces", "Hezbollah", "Iranian Armed Forces"), ("Islamic State",), ("Russian Armed Forces",),
        (("Armed clash", 6), ("Attack", 4), ("Remote explosive/landmine/IED", 3), ("Air/drone strike", 4)),
    ),
    Scenario(
        "syria_south", "SY", 6,
        (("Daraa", 4), ("Suwayda", 2), ("Quneitra", 1), ("Rif Dimashq", 1)),
        ("Syrian Government Forces",), ("Unidentified Armed Group", "Syrian Rebels"), (),
        (("Attack", 6), ("Remote explosive/landmine/IED", 4), ("Armed clash", 4), ("Abduction/forced disappearance", 3), ("Arrests", 3),
         ("Agreement", 1)),
    ),
    Scenario(
        "syria_protests", "SY", 2,
        (("Suwayda", 4), ("Idlib", 1), ("Daraa", 1)),
        ("Syrian Government Forces",), ("Protesters",), (),
        (("Peaceful protest", 1),),
    ),
)

# Aliases that read oddly as the doer of an act ("Iraqi Prime Minister shelled ..."), or that
# a reporter would not write alone.
UNNATURAL_AGENTS = frozenset({
    "Iraqi Prime Minister", "Iraqi government", "Syrian government", "Inherent Resolve", "Operation Inherent Resolve",
    "Popular Mobilization Committees", "Popular Mobilization", "Popular Mobilisation", "Hashd", "League of the Righteous",
    "Kataeb", "Brigade 30", "Brigade 50", "Brigade 16", "Joint Operations Command", "Iraqi Joint Operations Command",
    "CJTF-OIR", "QSD", "civilian", "pro-government forces", "paramilitary force", "para-military force", "Quds Force",
    "Kataib Babiliyoun", "Syrian Government Forces", "Unidentified Armed Group", "the army", "the military",
})
STATE_DESCRIPTORS = ("security forces", "government forces", "government troops", "army troops")
AIRCRAFT_WORDS = frozenset({"warplanes", "jets", "aircraft", "planes", "helicopters", "drones"})
THE_ACRONYMS = frozenset({"PMF", "PMU", "PMUs", "SDF", "YPG", "ISF", "CTS", "SAA", "FSA", "IRGC", "PKK"})
THE_LAST_WORDS = frozenset({"army", "military", "regime", "coalition", "group", "organization", "organisation", "police", "force", "brigade",
                            "service", "division", "front", "command", "party", "government", "corps"})
THE_CAPITAL_LAST_WORDS = frozenset({"Forces", "Units", "Brigades", "Guards", "Committees", "Coalition"})
GROUP_NOUNS = frozenset({"forces", "units", "brigades", "group", "front", "party", "organization", "organisation", "coalition", "army", "militias"})
ARMED_GROUP_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})

# ======================================================================================
# Outlets and their datelines.
# ======================================================================================


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    dateline: str  # style of the dateline: reuters, ap, afp, k24, xinhua, shafaq or none
    weight: int
    curly: bool  # typographic quotes and apostrophes

    @property
    def wire(self) -> bool:
        """News agencies write short paragraphs of one or two sentences."""
        return self.dateline in ("reuters", "ap", "afp", "xinhua")


OUTLETS: tuple[Outlet, ...] = (
    Outlet("Reuters", "reuters.example", "reuters", 5, False),
    Outlet("Associated Press", "apnews.example", "ap", 3, True),
    Outlet("AFP", "afp.example", "afp", 3, False),
    Outlet("Kurdistan 24", "kurdistan24.example", "k24", 2, True),
    Outlet("Rudaw", "rudaw.example", "none", 2, True),
    Outlet("Shafaq News", "shafaq.example", "shafaq", 2, False),
    Outlet("The New Arab", "newarab.example", "none", 1, True),
    Outlet("Xinhua", "xinhua.example", "xinhua", 1, False),
    Outlet("North Press Agency", "npasyria.example", "none", 1, True),
    Outlet("Enab Baladi", "enabbaladi.example", "none", 1, True),
)
DATELINE_CITIES = {
    "IQ": {"Erbil": "ERBIL", "Dohuk": "ERBIL", "Sulaymaniyah": "SULAIMANIYAH", "Nineveh": "MOSUL", "Kirkuk": "KIRKUK", "Basra": "BASRA", "": "BAGHDAD"},
    "SY": {"Hasakah": "QAMISHLI", "Raqqa": "QAMISHLI", "Idlib": "BEIRUT", "Daraa": "AMMAN", "": "BEIRUT"},
}
AP_SMALL_CITIES = {"IQ": ("KIRKUK", "MOSUL", "BASRA"), "SY": ("QAMISHLI", "IDLIB")}
COUNTRY_NAMES = {"IQ": ("Iraq", "Iraqi", "Baghdad"), "SY": ("Syria", "Syrian", "Damascus")}
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
COMPASS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")

# ======================================================================================
# Corpus shape.
# ======================================================================================

YEAR = 2024
BLOCK = 50  # records per .jsonl/.csv file; also the unit in which formats are assigned
BATCH = 1000  # articles (so at most that many files) per batch-NNNN folder
DUPLICATE_WINDOW = 100  # a copy's source is an earlier article of the same aligned window
BLOCK_CYCLE = ("files",) * 17 + ("jsonl", "jsonl", "csv")  # 85% of articles one per file
HTML_SHARE = 0.005
EXACT_COPY_SHARE = 0.03
REWRITE_SHARE = 0.05
QUIET_SHARE = 0.20
TRUTH_COLUMNS = ("article_number", "file", "record", "sub_event_type", "actor1", "actor2", "place", "admin1", "country_code", "fatalities")


# ======================================================================================
# Vocabulary derived from the reference data.
# ======================================================================================


@dataclass(frozen=True)
class Surface:
    """One way to write an actor, with the article English wants before it."""

    text: str  # "the Iraqi army"
    bare: str  # "Iraqi army"
    kind: str  # name, acronym or descriptor
    needs_antecedent: bool


@dataclass(frozen=True)
class ActorWords:
    actor: str
    family: str
    actor_type: str
    surfaces: tuple[Surface, ...]
    aircraft: tuple[Surface, ...]

    @property
    def is_state(self) -> bool:
        return self.actor_type == "State forces"


@dataclass(frozen=True)
class PlaceWords:
    name: str  # the gazetteer name (what the extractor reports as location)
    admin1: str
    country_code: str
    kind: str
    population: int
    spellings: tuple[str, ...]  # plain spellings a reporter would use; the first is preferred


@dataclass(frozen=True, eq=False)  # hashed by identity: one per reference directory
class Vocabulary:
    actors: dict[str, ActorWords]
    places: dict[str, tuple[PlaceWords, ...]]  # by admin1
    provinces: dict[str, tuple[str, ...]]  # admin1 -> spellings of the province
    anchors: dict[str, str]  # admin1 -> spelling of its largest town, for "30 km south of ..."


def _ascii_spelling(name: str) -> str:
    """A gazetteer name as a reporter types it: "Ḩadīthah" -> "Hadithah"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[‘’ʿʾ`]", "", plain).strip()


_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "an", "at", "ed", "es", "abu", "bin", "of", "the"})
_PLAIN_NAME = re.compile(r"^[A-Z][A-Za-z'\- ]{3,40}$")


def _writable(spelling: str) -> bool:
    """Capitalised words (but for Arabic particles), as the place matcher expects of names."""
    if not _PLAIN_NAME.match(spelling):
        return False
    words = re.split(r"[\s\-]+", spelling)
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words) and words[-1][:1].isupper()


def _with_article(alias: str, kind: str) -> str:
    if alias.lower().startswith("the "):
        return alias
    last = alias.split()[-1]
    if kind == "acronym":
        return f"the {alias}" if alias in THE_ACRONYMS else alias
    if last.lower() in THE_LAST_WORDS or last in THE_CAPITAL_LAST_WORDS:
        return f"the {alias}"
    return alias


@lru_cache(maxsize=2)
def vocabulary(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> Vocabulary:
    """Actor and place words from the reference tables (read once).

    The project's own ``seeds/reference`` is the default, not ``CONFLICT_REFERENCE_DIR``, so a
    corpus depends only on the seed and the checked-in data.
    """
    ref = load_reference(reference_dir)
    return Vocabulary(actors=_actor_words(ref), **_place_words(ref))


def _actor_words(ref: Reference) -> dict[str, ActorWords]:
    found: dict[str, list[Surface]] = {name: [] for name in ref.actors}
    aircraft: dict[str, list[Surface]] = {name: [] for name in ref.actors}
    defaults = {cc: ref.state_actor(cc) for cc in ("IQ", "SY")}
    for alias in ref.aliases:
        if alias.alias in UNNATURAL_AGENTS:
            continue
        if alias.actor == "@state":
            if alias.alias not in STATE_DESCRIPTORS:
                continue
            owners = [a.actor for a in defaults.values() if a is not None]
        else:
            owners = [alias.actor]
        surface = Surface(_with_article(alias.alias, alias.kind), alias.alias, alias.kind, alias.needs_antecedent)
        for owner in owners:
            if alias.alias.split()[-1].lower() in AIRCRAFT_WORDS:
                aircraft[owner].append(surface)
            else:
                found[owner].append(surface)
    return {
        name: ActorWords(name, actor.family, actor.actor_type, tuple(found[name]), tuple(aircraft[name]))
        for name, actor in ref.actors.items()
    }


def _place_words(ref: Reference) -> dict[str, object]:
    """Populated places of Iraq and Syria, spelt so that only one province can be meant."""
    areas: dict[tuple[str, ...], set[str | None]] = {}
    for place in ref.places.values():
        for form in (place.name, *place.aliases):
            stripped = re.match(r"^(?:al|el|ad|ar|as|ash|az|an|at)[\s\-']+(.{4,})$", form, re.IGNORECASE)  # also "Qaim" for "Al Qaim"
            for variant in (form, stripped.group(1) if stripped else None):
                if variant:
                    areas.setdefault(phrase_key(variant), set()).add(place.admin1_code if place.feature_kind != "country" else "country")
    taken = {phrase_key(a.alias) for a in ref.aliases} | {phrase_key(a.alias) for a in ref.organisation_aliases}
    places: dict[str, list[PlaceWords]] = {}
    provinces: dict[str, tuple[str, ...]] = {}
    for place in ref.places.values():
        if place.country_code not in ("IQ", "SY") or not place.admin1:
            continue
        spellings: list[str] = []
        for form in (_ascii_spelling(place.name), *place.aliases):
            key = phrase_key(form)
            if _writable(form) and key not in taken and areas.get(key, set()) <= {place.admin1_code} and form not in spellings:
                spellings.append(form)
        if not spellings:
            continue
        if place.feature_kind == "province":
            provinces[place.admin1] = tuple(spellings)
        elif place.feature_kind in ("city", "town", "village", "airbase", "border_crossing", "mountain", "desert"):
            places.setdefault(place.admin1, []).append(
                PlaceWords(place.name, place.admin1, place.country_code, place.feature_kind, place.population, tuple(spellings))
            )
    anchors = {
        admin1: max((p for p in group if p.kind in ("city", "town")), key=lambda p: p.population, default=group[0]).spellings[0]
        for admin1, group in places.items()
    }
    ordered = {admin1: tuple(sorted(group, key=lambda p: p.name)) for admin1, group in places.items()}
    return {"places": ordered, "provinces": provinces, "anchors": anchors}


# ======================================================================================
# Planning: what article i is about. Pure functions of (seed, number).
# ======================================================================================


def _rng(seed: int, number: int, stream: str) -> random.Random:
    """A generator for one purpose of one article. A string seed goes through SHA-512, so the
    sequence is the same on every run and machine (unlike ``hash()``)."""
    return random.Random(f"synthetic/{seed}/{number}/{stream}")


@dataclass(frozen=True)
class TemplateSpec:
    text: str
    uses_actor1: bool
    uses_aircraft: bool
    target: str | None  # "a2" (an armed actor), "civ" (civilians) or None
    needs_count: bool  # the fatality count is part of the sentence
    has_tail: bool  # the optional casualty tail {kill}


@lru_cache(maxsize=512)
def _spec(text: str) -> TemplateSpec:
    slots = {s.lower() for s in re.findall(r"{(\w+)}", text)}
    target = "a2" if {"a2", "a2m"} & slots else "civ" if "civ" in slots else None
    return TemplateSpec(text, bool({"a1", "a1m", "air1"} & slots), "air1" in slots, target, "k" in slots, "kill" in slots)


SPECS: dict[str, tuple[TemplateSpec, ...]] = {kind: tuple(_spec(t) for t in texts) for kind, texts in EVENT_TEMPLATES.items()}


@dataclass(frozen=True)
class EventPlan:
    sub_event_type: str
    template: int
    actor1: str | None
    actor2: str | None
    place: PlaceWords
    fatalities: int | None
    day: date
    scenario: str


@dataclass(frozen=True)
class ArticlePlan:
    number: int
    published: date
    country: str
    province: str
    outlet: Outlet
    events: tuple[EventPlan, ...]  # empty for a quiet article
    topic: str | None  # politics, economy or humanitarian for a quiet article


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _published(rng: random.Random) -> date:
    return date(YEAR, 1, 1) + timedelta(days=rng.randrange(366 if YEAR % 4 == 0 else 365))


def _pick_place(rng: random.Random, vocab: Vocabulary, admin1: str, crowd: bool) -> PlaceWords:
    """A populated place of the province; a crowd gathers in a city or town."""
    group, cumulative = _place_pool(vocab, admin1, crowd)
    return rng.choices(group, cum_weights=cumulative)[0]


@lru_cache(maxsize=256)
def _place_pool(vocab: Vocabulary, admin1: str, crowd: bool) -> tuple[tuple[PlaceWords, ...], tuple[int, ...]]:
    group = vocab.places[admin1]
    if crowd:
        group = tuple(p for p in group if p.kind in ("city", "town")) or group
    return group, tuple(itertools.accumulate({"city": 3, "town": 3, "village": 2}.get(p.kind, 1) for p in group))


def _state(vocab: Vocabulary, actor: str) -> bool:
    words = vocab.actors[actor]
    return words.is_state or vocab.actors[words.family].is_state


def _actor_pools(vocab: Vocabulary, kind: str, scenario: Scenario) -> tuple[tuple[str, ...], Callable[[str], tuple[str, ...]]]:
    """Who can do an act of this kind in the scenario, and against whom."""
    gov, opp = scenario.government, scenario.opponents

    def other_side(actor: str) -> tuple[str, ...]:
        return opp if actor in gov else gov

    if kind == "Air/drone strike":
        return scenario.aircraft, lambda _: tuple(a for a in opp if a != "Unidentified Armed Group") or opp
    if kind in ("Armed clash", "Shelling/artillery/missile attack"):
        side = gov + opp
        return side, other_side
    if kind == "Government regains territory":
        return tuple(a for a in gov if _state(vocab, a)), lambda _: tuple(a for a in opp if a != "Unidentified Armed Group")
    if kind == "Non-state actor overtakes territory":
        doers = tuple(a for a in gov + opp if not _state(vocab, a) and a != "Unidentified Armed Group")
        return doers, lambda a: tuple(x for x in other_side(a) if x != "Unidentified Armed Group")
    if kind in ("Arrests", "Disrupted weapons use", "Agreement"):
        return gov, lambda _: opp
    if kind in ("Peaceful protest", "Violent demonstration"):
        return ("Protesters",), lambda _: gov
    return opp, lambda _: gov


def _fatalities(rng: random.Random, required: bool) -> int | None:
    """Counts as reports give them: often none, mostly small, sometimes "dozens" (ACLED: 12)."""
    roll = rng.random()
    if not required and roll < 0.35:
        return None
    if not required and roll < 0.45:
        return 0
    values = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 40)
    weights = (0 if required else 14, 14, 12, 9, 8, 6, 5, 4, 3, 5, 5, 3, 3, 2, 1)  # "killing {k} shepherds" needs a plural
    return rng.choices(values, weights=weights)[0]


def _cast_pool(vocab: Vocabulary, scenario: Scenario, kind: str, spec: TemplateSpec) -> tuple[tuple[str, ...], Callable[[str], tuple[str, ...]]]:
    """The doers a template can take in this scenario (each with at least one target if the
    template names one), and the targets of each."""
    doers, targets_of = _actor_pools(vocab, kind, scenario)
    pool = tuple(a for a in doers if not spec.uses_aircraft or vocab.actors[a].aircraft)
    if spec.target == "a2":
        pool = tuple(a for a in pool if targets_of(a))
    return pool, targets_of


@lru_cache(maxsize=256)
def _usable_templates(scenario_name: str, kind: str) -> tuple[int, ...]:
    scenario = next(s for s in SCENARIOS if s.name == scenario_name)
    return tuple(i for i, spec in enumerate(SPECS[kind]) if _cast_pool(vocabulary(), scenario, kind, spec)[0])


def _plan_event(rng: random.Random, vocab: Vocabulary, scenario: Scenario, kind: str, published: date) -> EventPlan:
    specs = SPECS[kind]
    usable = _usable_templates(scenario.name, kind)
    if not usable:
        raise ValueError(f"scenario {scenario.name} cannot cast any template of {kind!r}: check SCENARIOS")
    index = rng.choice(usable)
    spec = specs[index]
    pool, targets_of = _cast_pool(vocab, scenario, kind, spec)
    doer = rng.choice(pool)
    actor1 = doer if spec.uses_actor1 else None
    actor2 = rng.choice(targets_of(doer)) if spec.target == "a2" else "Civilians" if spec.target == "civ" else None
    place = _pick_place(rng, vocab, _weighted(rng, scenario.provinces), crowd=kind in ("Peaceful protest", "Violent demonstration"))
    fatalities = _fatalities(rng, spec.needs_count) if (spec.needs_count or spec.has_tail) else None
    if kind in ("Peaceful protest", "Violent demonstration", "Arrests", "Disrupted weapons use", "Agreement") and not spec.needs_count:
        fatalities = None if fatalities is None or rng.random() < 0.8 else fatalities
    day = published - timedelta(days=rng.choices((0, 1, 2, 3), weights=(30, 45, 15, 10))[0])
    return EventPlan(kind, index, actor1, actor2, place, fatalities, day, scenario.name)


def plan_article(seed: int, number: int) -> ArticlePlan:
    """What article ``number`` is about, before any wording is chosen."""
    vocab = vocabulary()
    rng = _rng(seed, number, "plan")
    published = _published(rng)
    outlet = rng.choices(OUTLETS, weights=[o.weight for o in OUTLETS])[0]
    if rng.random() < QUIET_SHARE:
        country = rng.choice(("IQ", "IQ", "SY"))
        province = rng.choice(_provinces_of(country))
        return ArticlePlan(number, published, country, province, outlet, (), rng.choice(tuple(QUIET_TOPICS)))
    scenario = rng.choices(SCENARIOS, weights=[s.weight for s in SCENARIOS])[0]
    kinds = [_weighted(rng, scenario.types)]
    extra = rng.choices((0, 1, 2), weights=(60, 30, 10))[0]
    for _ in range(extra):
        options = [(k, w) for k, w in scenario.types if k not in kinds]
        if options:
            kinds.append(_weighted(rng, options))
    events = tuple(_plan_event(rng, vocab, scenario, kind, published) for kind in kinds)
    return ArticlePlan(number, published, scenario.country, events[0].place.admin1, outlet, events, None)


@lru_cache(maxsize=4)
def _provinces_of(country: str) -> tuple[str, ...]:
    vocab = vocabulary()
    return tuple(sorted(p for p, group in vocab.places.items() if group[0].country_code == country and p in vocab.provinces))


@dataclass(frozen=True)
class Role:
    """Whether an article is original, a verbatim copy, or the same event retold elsewhere."""

    kind: str  # original, copy or rewrite
    source: int | None = None


def is_html(seed: int, number: int) -> bool:
    return _block_kind(seed, number // BLOCK) == "files" and _rng(seed, number, "html").random() < HTML_SHARE


def article_role(seed: int, number: int) -> Role:
    """Copies point at an earlier original of the same aligned window of 100 articles, so a
    corpus extended from a multiple of 100 (``start``) never repeats text of the first one."""
    rng = _rng(seed, number, "role")
    roll = rng.random()
    window = number - number % DUPLICATE_WINDOW
    if roll >= EXACT_COPY_SHARE + REWRITE_SHARE or number == window or is_html(seed, number):
        return Role("original")
    kind = "copy" if roll < EXACT_COPY_SHARE else "rewrite"
    for _ in range(8):
        source = rng.randrange(window, number)
        if _rng(seed, source, "role").random() < EXACT_COPY_SHARE + REWRITE_SHARE or is_html(seed, source):
            continue  # the source must itself be an original (and not a page trafilatura rewrites)
        if kind == "rewrite" and not plan_article(seed, source).events:
            continue
        return Role(kind, source)
    return Role("original")


# ======================================================================================
# Rendering: a plan becomes text.
# ======================================================================================


def _count(n: int) -> str:
    """AP style: words below ten, digits from ten; the vague counts as reporters write them."""
    if n == 12:
        return "dozens of"
    return NUMBER_WORDS[n] if n < 10 else str(n)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_SINGULAR = {"soldiers": "soldier", "policemen": "policeman", "fighters": "fighter", "members": "member", "militants": "militant",
             "civilians": "civilian", "people": "person", "villagers": "villager", "residents": "resident", "shepherds": "shepherd",
             "farmers": "farmer", "worshippers": "worshipper", "personnel": "member of staff", "jihadists": "jihadist"}


def _noun(count: int, plural: str) -> str:
    if count == 1:
        return f"one {_SINGULAR.get(plural, 'person')}" if plural in _SINGULAR else "one person"
    return f"{_count(count)} {plural}"


def _date_phrase(rng: random.Random, day: date, published: date) -> str:
    offset = (published - day).days
    weekday = WEEKDAYS[day.weekday()]
    roll = rng.random()
    if roll < 0.15:
        return f"on {MONTHS[day.month - 1]} {day.day}" if rng.random() < 0.7 else f"on {day.day} {MONTHS[day.month - 1]}"
    if offset == 1 and roll < 0.35:
        return rng.choice(("yesterday", "last night"))
    if offset == 0 and roll < 0.3:
        return rng.choice(("today", "this morning"))
    return rng.choice((f"on {weekday}", f"on {weekday}", f"late on {weekday}", f"early on {weekday}", f"on {weekday} night", f"on {weekday} morning"))


@dataclass
class _Article:
    """The rendered text of an article, and what it tells."""

    number: int
    title: str | None
    head: str  # lines a scraper kept above the headline (page header, menus)
    body: str
    published: date
    outlet: Outlet
    url: str
    events: tuple[EventPlan, ...]

    def text(self, with_title: bool) -> str:
        title = f"{self.title}\n\n" if with_title and self.title else ""
        return f"{self.head}{title}{self.body}"


@lru_cache(maxsize=512)
def _surface_pool(vocab: Vocabulary, actor: str, antecedent: bool, headline: bool) -> tuple[tuple[Surface, ...], tuple[int, ...]]:
    """The spellings of an actor that fit here, and their cumulative weights: names first, long
    formal names rarely, descriptors that need an antecedent only once the group was named."""
    usable = tuple(s for s in vocab.actors[actor].surfaces if antecedent or not s.needs_antecedent)
    if headline:
        usable = tuple(s for s in usable if s.kind != "descriptor" or not s.bare[:1].islower()) or usable
    weights = ({"name": 5, "acronym": 2, "descriptor": 3}[s.kind] * (2 if s.needs_antecedent else 1) // (5 if len(s.bare.split()) > 3 else 1) or 1
               for s in usable)
    return usable, tuple(itertools.accumulate(weights))


class _Writer:
    """Composes one article; remembers which actors it has named, so that descriptors that
    need an antecedent ("the militants") appear only after the group was named."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, plan: ArticlePlan, published: date, outlet: Outlet) -> None:
        self.rng = rng
        self.vocab = vocab
        self.plan = plan
        self.published = published
        self.outlet = outlet
        self.named: set[str] = set()

    # --- words -------------------------------------------------------------------------

    def actor(self, name: str, members: bool = False, headline: bool = False) -> str:
        words = self.vocab.actors[name]
        usable, cumulative = _surface_pool(self.vocab, name, words.family in self.named, headline)
        surface = self.rng.choices(usable, cum_weights=cumulative)[0]
        if not surface.needs_antecedent:
            self.named.add(words.family)
        if not members or surface.kind == "descriptor":
            return surface.text
        last = surface.bare.split()[-1].lower()
        if (words.actor_type in ARMED_GROUP_TYPES or words.actor == "Peshmerga") and last not in GROUP_NOUNS and len(surface.bare.split()) <= 3:
            noun = self.rng.choice(("militants", "fighters") if words.family == "Islamic State" else ("fighters", "members"))
            return f"{surface.bare} {noun}"
        return surface.text

    def aircraft(self, name: str) -> str:
        self.named.add(self.vocab.actors[name].family)
        return self.rng.choice(self.vocab.actors[name].aircraft).text

    def civilians(self) -> str:
        return self.rng.choice(("civilians", "civilians", "villagers", "residents", "shepherds", "farmers", "worshippers"))

    def place(self, place: PlaceWords) -> str:
        spellings = place.spellings
        return spellings[0] if len(spellings) == 1 or self.rng.random() < 0.8 else self.rng.choice(spellings[1:])

    def province(self, admin1: str) -> str:
        spellings = self.vocab.provinces.get(admin1, (admin1,))
        return spellings[0] if self.rng.random() < 0.85 else self.rng.choice(spellings)

    def location(self, place: PlaceWords) -> str:
        """Where: the named place, often with its province or a distance from a bigger town."""
        name, rng = self.place(place), self.rng
        core = {
            "village": (f"in the village of {name}", f"near the village of {name}", f"in {name} village", f"in {name}"),
            "town": (f"in the town of {name}", f"near {name}", f"in {name}", f"on the outskirts of {name}"),
            "city": (f"in {name}", f"in the city of {name}", f"on the outskirts of {name}"),
            "airbase": (f"at the {name} air base", f"near {name}"),
            "mountain": (f"in the {name} mountains",),
        }.get(place.kind, (f"near {name}",))
        phrase = rng.choice(core)
        roll = rng.random()
        anchor = self.vocab.anchors.get(place.admin1)
        if roll < 0.15 and anchor and anchor != name:
            return f"{phrase}, {rng.choice((15, 20, 25, 30, 40, 60))} km {rng.choice(COMPASS)} of {anchor}"
        if roll < 0.6:
            province = self.province(place.admin1)
            if place.country_code == "SY" and rng.random() < 0.3:
                return f"{phrase} in the {province} countryside"
            return f"{phrase} in {rng.choice(('', '', 'northern ', 'southern ', 'eastern ', 'western '))}{province}{rng.choice((' province', ' province', ' governorate', ''))}"
        return phrase

    def territory(self, place: PlaceWords) -> str:
        name = self.place(place)
        phrase = {"village": f"the village of {name}", "town": f"the town of {name}"}.get(place.kind, name)
        if self.rng.random() < 0.5:
            phrase += f" in {self.province(place.admin1)} province"
        return phrase

    def crowd_place(self, place: PlaceWords) -> str:
        name = self.place(place)
        return self.rng.choice((f"in {name}", f"in central {name}", f"outside the provincial council building in {name}",
                                f"in front of the governorate building in {name}", f"in the streets of {name}"))

    def casualties(self, count: int | None, target: str | None, actor2: str | None) -> str:
        """The optional tail ", killing three soldiers and wounding five others"."""
        rng = self.rng
        if count is None:
            return rng.choice(("", "", "", ", officials said", ", a security source said", ", according to local sources"))
        if target == "civ":
            noun = self.civilians() if rng.random() < 0.6 else "people"
        elif actor2:
            words = self.vocab.actors[actor2]
            noun = ("militants" if words.family == "Islamic State" else "fighters") if not words.is_state else rng.choice(("soldiers", "members", "personnel"))
            if actor2 == "Iraqi Police":
                noun = "policemen"
        else:
            noun = "people"
        wounded = rng.randint(1, 20)
        if count == 0:
            return f", wounding {_noun(wounded, noun)}"
        phrase = _noun(count, noun)
        return rng.choice((
            f", killing {phrase}", f", killing {phrase}", f", killing at least {phrase}",
            f", killing {phrase} and wounding {_count(wounded) if wounded != 12 else 'a dozen'} others", f", leaving {phrase} dead",
        ))

    # --- sentences ---------------------------------------------------------------------

    def event_sentence(self, event: EventPlan, template: str) -> str:
        """The sentence telling ``event``, sometimes attributed to a source, as wires do."""
        values: dict[str, str] = {}
        spec = _spec(template)

        def fill(key: str) -> str:
            low = key.lower()
            if low not in values:
                values[low] = self._slot(low, event, spec)
            return _cap(values[low]) if key[:1].isupper() else values[low]

        sentence = _fill(template, fill)
        first = _parts(template)[1].lower() if template.startswith("{") else ""
        # Mid-sentence, the first word keeps its capital only if it is a name ("Islamic State").
        lower = sentence[:1].lower() + sentence[1:] if not first.startswith(("a1", "a2", "air1")) or values[first][:1].islower() else sentence
        roll = self.rng.random()
        if roll < 0.12:
            return f"{sentence[:-1]}, {self.rng.choice(ATTRIBUTIONS[self.plan.country])} said."
        if roll < 0.2:
            return f"{_cap(self.rng.choice(ATTRIBUTIONS[self.plan.country]))} said {lower}"
        if roll < 0.26:
            return f"According to {self.rng.choice(ATTRIBUTIONS[self.plan.country])}, {lower}"
        return sentence

    def distractor(self, event: EventPlan) -> str:
        actor = event.actor1 if event.actor1 not in (None, "Protesters") else None
        if actor is None:
            return ""
        templates = [t for t in DISTRACTORS if "air strikes" not in t or self.vocab.actors[actor].aircraft]
        template = self.rng.choice(templates)
        return _fill(template, lambda key: _cap(self.actor(actor)) if key == "A1" else self.actor(actor) if key == "a1" else self.common(key, event.place))

    def _slot(self, key: str, event: EventPlan, spec: TemplateSpec) -> str:
        if key == "a1":
            return self.actor(event.actor1 or "Islamic State")
        if key == "a1m":
            return self.actor(event.actor1 or "Islamic State", members=True)
        if key == "air1":
            return self.aircraft(event.actor1 or "US-led Coalition")
        if key == "a2":
            return self.actor(event.actor2 or "Iraqi Security Forces")
        if key == "a2m":
            return self.actor(event.actor2 or "Islamic State", members=True)
        if key == "civ":
            return self.civilians()
        if key == "loc":
            return self.location(event.place)
        if key == "tloc":
            return self.territory(event.place)
        if key == "ploc":
            return self.crowd_place(event.place)
        if key == "when":
            return _date_phrase(self.rng, event.day, self.published)
        if key == "kill":
            return self.casualties(event.fatalities, spec.target, event.actor2)
        if key == "k":
            return _count(event.fatalities or 2)
        if key == "n":
            return _count(self.rng.choice((2, 3, 4, 5, 6, 7, 8, 11, 14)))
        if key == "issue":
            return self.rng.choice(ISSUES)
        if key == "grievance":
            return self.rng.choice(GRIEVANCES)
        return self.common(key, event.place)

    def common(self, key: str, place: PlaceWords | None = None) -> str:
        """Slots shared by all sentences: names of the article's country, province, people."""
        admin1 = place.admin1 if place else self.plan.province
        rng = self.rng
        if key == "prov":
            return self.province(admin1)
        if key == "anchor":
            return self.vocab.anchors.get(admin1) or COUNTRY_NAMES[self.plan.country][2]
        if key == "person":
            return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if key == "place":
            return self.place(place or rng.choice(self.vocab.places[admin1]))
        if key in ("country", "country_adj", "capital"):
            return COUNTRY_NAMES[self.plan.country][("country", "country_adj", "capital").index(key)]
        if key == "n":
            return f"{rng.randint(12, 95) * 50:,}"
        if key == "pct":
            return str(rng.randint(18, 70))
        if key == "km":
            return str(rng.choice((5, 10, 15, 20, 30, 45)))
        if key == "when":
            return _date_phrase(rng, self.published - timedelta(days=rng.choice((0, 1))), self.published)
        if key == "month":
            return MONTHS[self.published.month - 1]
        if key == "day":
            return str(self.published.day)
        if key == "year":
            return str(self.published.year)
        raise KeyError(f"unknown slot {{{key}}} in a template")

    def sentence(self, template: str, place: PlaceWords | None = None) -> str:
        return _fill(template, lambda key: _cap(self.common(key.lower(), place)) if key[:1].isupper() else self.common(key, place))

    def headline(self, event: EventPlan) -> str:
        options = [h for h in HEADLINES[event.sub_event_type] if "{k}" not in h.lower() or (event.fatalities or 0) >= 2 and event.fatalities != 12]
        options = [h for h in options if ("{a1}" not in h.lower() or event.actor1) and ("{a2}" not in h.lower() or event.actor2 not in (None, "Civilians"))]
        template = self.rng.choice(options or ["Violence reported in {prov}"])
        spec = _spec("")

        def fill(key: str) -> str:
            low = key.lower()
            if low in ("a1", "a2"):
                actor = event.actor1 if low == "a1" else event.actor2
                value = self.actor(actor or "Islamic State", headline=True)
            else:
                value = self._slot(low, event, spec)
            value = re.sub(r"^the ", "", value)
            return _cap(value) if key[:1].isupper() else value

        return _fill(template, fill)

    def quote(self, voice: str, words: str) -> str:
        speakers = SPEAKERS.get(voice) or SPEAKERS[f"{voice}/{self.plan.country}"]
        speaker = self.sentence(self.rng.choice(speakers))
        subject = speaker + ("," if "," in speaker else "")  # "Karim Hamid, a local official, said"
        form = self.rng.random()
        if form < 0.4:
            return f'"{words}," said {speaker}.'
        if form < 0.7:
            return f'"{words}," {subject} told {self.outlet.name}.'
        return f'{_cap(subject)} said: "{words}."'


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[str, ...]:
    """A template split into literal text (even positions) and slot names (odd positions)."""
    return tuple(re.split(r"{(\w+)}", template))


def _fill(template: str, fill: Callable[[str], str]) -> str:
    parts = _parts(template)
    if len(parts) == 1:
        return template
    return "".join(part if i % 2 == 0 else fill(part) for i, part in enumerate(parts))


def _typo(rng: random.Random, sentence: str) -> str:
    """Swap two letters of one lower-case word, as hurried copy does."""
    words = [m for m in re.finditer(r"\b[a-z]{6,}\b", sentence)]
    if not words:
        return sentence
    word = rng.choice(words)
    i = word.start() + rng.randrange(1, len(word.group()) - 2)
    return sentence[:i] + sentence[i + 1] + sentence[i] + sentence[i + 2 :]


def _dateline(rng: random.Random, outlet: Outlet, country: str, admin1: str, published: date) -> str:
    cities = DATELINE_CITIES[country]
    city = cities.get(admin1, cities[""])
    month, day, year = MONTHS[published.month - 1], published.day, published.year
    style = outlet.dateline
    if style == "reuters":
        return f"{city}, {month} {day}, {year} (Reuters) - " if rng.random() < 0.9 else f"{city}, {month[:3]} {day} (Reuters) - "
    if style == "ap":
        if rng.random() < 0.2:
            return f"{rng.choice(AP_SMALL_CITIES[country])}, {COUNTRY_NAMES[country][0]} (AP) — "
        return f"{city} (AP) — " if rng.random() < 0.5 else f"{city}, {AP_MONTHS[published.month - 1]} {day}, {year} (AP) — "
    if style == "afp":
        return f"{city.title()} (AFP) - "
    if style == "k24":
        return f"{'ERBIL' if country == 'IQ' else 'QAMISHLI'} (Kurdistan 24) – "
    if style == "xinhua":
        return f"{city}, {month[:3]}. {day} (Xinhua) -- "
    if style == "shafaq":
        return "Shafaq News/ "
    return ""


def _paragraph_count(rng: random.Random) -> int:
    return max(3, min(15, round(rng.lognormvariate(math.log(10.0), 0.38))))


def render(seed: int, number: int) -> _Article:
    """The text of article ``number``: an original, or another outlet's retelling of one."""
    role = article_role(seed, number)
    if role.kind == "copy" and role.source is not None:
        return render(seed, role.source)
    rng = _rng(seed, number, "text")
    plan = plan_article(seed, number)
    published, outlet = plan.published, plan.outlet
    events = plan.events
    if role.kind == "rewrite" and role.source is not None:
        source = plan_article(seed, role.source)
        main = source.events[0]
        published = main.day + timedelta(days=rng.choice((0, 1)))
        alternatives = [i for i, s in enumerate(SPECS[main.sub_event_type])
                        if i != main.template and _same_shape(s, SPECS[main.sub_event_type][main.template], main.fatalities)]
        events = (EventPlan(main.sub_event_type, rng.choice(alternatives) if alternatives else main.template, main.actor1, main.actor2,
                            main.place, main.fatalities, main.day, main.scenario),)
        outlet = rng.choice([o for o in OUTLETS if o != source.outlet])
        plan = ArticlePlan(number, published, source.country, source.province, outlet, events, None)
    writer = _Writer(rng, vocabulary(), plan, published, outlet)
    return _compose(writer, plan, number, events)


def _same_shape(a: TemplateSpec, b: TemplateSpec, fatalities: int | None) -> bool:
    """Templates that tell the same actors and figures (so a retelling keeps the facts)."""
    if (a.uses_actor1, a.uses_aircraft, a.target) != (b.uses_actor1, b.uses_aircraft, b.target):
        return False
    if fatalities is None:
        return not a.needs_count
    return a.has_tail or (a.needs_count and fatalities >= 2)  # "{k} shepherds" needs a plural


def _compose(writer: _Writer, plan: ArticlePlan, number: int, events: tuple[EventPlan, ...]) -> _Article:
    """Lead, then elaboration, background, quotes and any further events, in wire style."""
    rng = writer.rng
    target = _paragraph_count(rng)
    if events:
        main = events[0]
        lead = writer.event_sentence(main, EVENT_TEMPLATES[main.sub_event_type][main.template])
        title = writer.headline(main) if rng.random() < 0.85 else None
        kind = main.sub_event_type
        follow_ups = FOLLOW_UPS_PROTEST if kind == "Peaceful protest" else FOLLOW_UPS if kind in NONVIOLENT else FOLLOW_UPS + FOLLOW_UPS_VIOLENT
        first = [writer.sentence(rng.choice(follow_ups), main.place)]
        if plan.country == "SY" and main.fatalities and rng.random() < 0.4:
            first.append(writer.sentence(SYRIA_MONITOR.replace("{k}", str(main.fatalities)), main.place))
        first += [writer.sentence(t, main.place) for t in rng.sample(EVENT_CONTEXT, rng.choice((0, 1, 1, 2)))]
        extra = [writer.event_sentence(e, EVENT_TEMPLATES[e.sub_event_type][e.template]) for e in events[1:]]
        if rng.random() < 0.1 and (denied := writer.distractor(main)):
            first.append(denied)
        pool = BACKGROUND[plan.country] + BACKGROUND["any"]
        voices = ("official", "official", "resident")
    else:
        topic = QUIET_TOPICS[plan.topic or "politics"]
        lead = writer.sentence(rng.choice(topic["leads"]))
        title = writer.sentence(rng.choice(topic["headlines"])) if rng.random() < 0.85 else None
        first, extra = [], []
        pool = topic["body"] + tuple(rng.sample(BACKGROUND[plan.country], 2))
        voices = (plan.topic or "politics",)
    chosen: list[str] = []
    for template in rng.sample(pool, min(len(pool), 2 * target + 2)):
        if template not in chosen:
            chosen.append(template)
    sentences = _Sentences(writer, first, chosen)
    quotes: list[str] = []
    heard: set[str] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        voice = rng.choice(voices)
        words = rng.choice(QUOTES[voice])
        if words not in heard:
            heard.add(words)
            addition = " " + writer.sentence(rng.choice(QUOTE_ADDITIONS)) if voice == "official" and rng.random() < 0.35 else ""
            quotes.append(writer.quote(voice, words) + addition)

    paragraphs = [lead + (" " + sentences.take(1) if sentences and rng.random() < 0.3 else "")]
    while len(paragraphs) < target and (sentences or quotes or extra):
        roll = rng.random()
        if extra and (roll < 0.3 and len(paragraphs) >= 2 or not (sentences or quotes)):
            paragraphs.append(_follow_on(rng, extra.pop(0)))
        elif quotes and (roll < 0.55 or not sentences):
            paragraphs.append(quotes.pop(0))
        elif sentences:
            size = rng.choice((1, 2, 2, 2, 3) if plan.outlet.wire else (2, 3, 3, 4, 4))
            paragraphs.append(sentences.take(size))
    paragraphs += [_follow_on(rng, sentence) for sentence in extra]  # every composed event is told

    paragraphs = [_typo(rng, p) if rng.random() < 0.02 else p for p in paragraphs]
    dateline = _dateline(rng, plan.outlet, plan.country, plan.province, writer.published)
    head, body = _dress(rng, writer, plan, paragraphs, dateline, title)
    url = f"https://www.{plan.outlet.domain}/{'world/middle-east' if rng.random() < 0.5 else 'news'}/{_slug(title or lead)}-{number}"
    return _Article(number, title, head, body, writer.published, plan.outlet, url, events)


class _Sentences:
    """Sentences waiting for a paragraph: the ready ones first, then templates, filled only when
    used (most articles use a fraction of what was drawn, and filling is the costly part)."""

    def __init__(self, writer: _Writer, ready: list[str], templates: list[str]) -> None:
        self.writer, self.ready, self.templates = writer, ready, templates

    def __bool__(self) -> bool:
        return bool(self.ready or self.templates)

    def take(self, count: int) -> str:
        taken = []
        while len(taken) < count and self:
            taken.append(self.ready.pop(0) if self.ready else self.writer.sentence(self.templates.pop(0)))
        return " ".join(taken)


def _follow_on(rng: random.Random, sentence: str) -> str:
    """A further event, often introduced as such ("In a separate incident, a roadside bomb ...")."""
    prefix = rng.choice(("In a separate incident, ", "Elsewhere, ", "Meanwhile, ", "Separately, ", "", ""))
    if prefix and sentence.split(" ", 1)[0] in _COMMON_STARTS:
        sentence = sentence[0].lower() + sentence[1:]
    return prefix + sentence


# First words of event sentences that are not names, so lower-case after "Elsewhere, ".
_COMMON_STARTS = frozenset({"A", "An", "The", "Clashes", "Fierce", "Rockets", "Hundreds", "Thousands", "Angry", "According", "On", "Late",
                            "Early", "Yesterday", "Today", "This", "Security", "Government", "Gunmen", "Unknown", "Unidentified", "Armed",
                            "Rebels", "Militants", "Jihadists", "Extremists", "Terrorists", "Protesters", "Protestors", "Demonstrators",
                            "Local", "Activists", "Witnesses", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Dozens",
                            "Army", "Opposition", "Paramilitary", "Shia", "Shiite", "Tribal", "Mobilization", "Mobilisation", "Federal",
                            "Residents", "Villagers", "Civilians", "Farmers", "Shepherds", "Worshippers", "Medical", "State"})


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text[:120].lower())[:8])


def _dress(rng: random.Random, writer: _Writer, plan: ArticlePlan, paragraphs: list[str], dateline: str, title: str | None) -> tuple[str, str]:
    """Datelines, web boilerplate, captions, whitespace and typography around the paragraphs."""
    published = writer.published
    head: list[str] = []
    if rng.random() < 0.15:
        head.append(rng.choice(("Skip to main content", "-------------", "Back to top")))
    if rng.random() < (0.05 if plan.outlet.wire else 0.4):  # web pages print the day at the top
        head.append(f"{WEEKDAYS[published.weekday()]}, {MONTHS[published.month - 1]} {published.day} {published.year}")
    body: list[str] = []
    if rng.random() < 0.08:
        body.append(f"This post has been read {rng.randint(200, 9000):,} times!")
    if rng.random() < 0.10:
        body.append(writer.sentence(rng.choice(CAPTIONS)) + " " + rng.choice(CAPTION_CREDITS))
    if title and rng.random() < 0.05:
        body.append(title)  # the headline repeated under itself, as some pages do
    if rng.random() < 0.05:
        body.append(paragraphs[0])  # a standfirst that repeats the lead
    body.append(dateline + paragraphs[0])
    for paragraph in paragraphs[1:]:
        if rng.random() < 0.04:
            body.append(rng.choice(REMOVED_LINES))
        if rng.random() < 0.02:
            body.append(rng.choice(KEPT_NOISE))
        body.append(paragraph)
    tail = rng.random()
    if plan.outlet.dateline == "reuters" and rng.random() < 0.7:
        body.append(f"Reporting by {rng.choice(REPORTERS)}; Editing by {rng.choice(REPORTERS)}")
    elif tail < 0.1:
        body.append(f"Editing by {rng.choice(REPORTERS)}")
    if rng.random() < 0.08:
        teaser = writer.sentence(rng.choice(QUIET_TOPICS[rng.choice(tuple(QUIET_TOPICS))]["headlines"]))
        body.append(f"Read more: {teaser}")
    if rng.random() < 0.05:
        body.append(rng.choice(KEPT_NOISE))
    if rng.random() < 0.04:
        body.append(f"© {published.year} {plan.outlet.name}. All rights reserved.")
    if rng.random() < 0.06:
        body += ["Post a Comment", f"news@{plan.outlet.domain}", ARABIC_NOISE if rng.random() < 0.5 else "ADS"]
    if rng.random() < 0.05:
        teaser = writer.sentence(rng.choice(QUIET_TOPICS[rng.choice(tuple(QUIET_TOPICS))]["headlines"]))
        body += ["Check Also", f"{teaser} …"]

    text = _whitespace(rng, body)
    if plan.outlet.curly:
        text = re.sub(r'"([^"\n]*)"', "“\\1”", text).replace("'", "’")
    else:
        text = text.replace(" — ", " - ") if rng.random() < 0.5 else text
    return "".join(line + "\n\n" for line in head), text


def _whitespace(rng: random.Random, paragraphs: list[str]) -> str:
    """Paragraph breaks as scrapers leave them: blank lines, single newlines, stray spaces."""
    separator = rng.choice(("\n\n", "\n\n", "\n\n", "\n", "\n\n\n"))
    out = []
    for paragraph in paragraphs:
        roll = rng.random()
        if roll < 0.03:
            paragraph = paragraph.replace(". ", ".  ", 1)
        elif roll < 0.06:
            paragraph += " "
        elif roll < 0.07:
            paragraph = " " + paragraph
        out.append(paragraph)
    return separator.join(out) + ("\n" if rng.random() < 0.5 else "")


# ======================================================================================
# Files.
# ======================================================================================


@dataclass(frozen=True)
class CorpusSummary:
    folder: Path
    articles: int  # article records written (including duplicates)
    files: int  # files written
    bytes: int  # total bytes written
    duplicates: int  # records that are exact copies of an earlier article
    with_event: int  # articles composed around at least one event sentence
    truth_path: Path  # CSV: one row per composed event


@lru_cache(maxsize=16)
def _block_offset(seed: int) -> int:
    return _rng(seed, 0, "blocks").randrange(len(BLOCK_CYCLE))


def _block_kind(seed: int, block: int) -> str:
    """Which format a block of 50 articles takes: a fixed cycle, so that every 1,000 articles
    hold every format, shifted by the seed."""
    return BLOCK_CYCLE[(block + _block_offset(seed)) % len(BLOCK_CYCLE)]


def truth_path_for(folder: Path, start: int = 0) -> Path:
    """Beside the corpus folder, never inside it: the loader reads every file below the folder."""
    folder = folder.resolve()
    suffix = ".truth.csv" if start == 0 else f".truth-from-{start}.csv"
    return folder.parent / f"{folder.name}{suffix}"


class _FileWriter:
    """Writes files on one background thread, so the disk works while the next articles are
    composed (file creation costs as much as composing on a busy disk). At most ``depth``
    files wait in memory; the first write error is raised in the caller's thread."""

    def __init__(self, depth: int = 256) -> None:
        self._queue: queue.Queue[tuple[Path, bytes] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="synthetic-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    item[0].write_bytes(item[1])
                except BaseException as error:  # reported to the caller by write() or close()
                    self._error = error

    def write(self, path: Path, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((path, data))

    def __enter__(self) -> "_FileWriter":
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if kind is None and self._error is not None:
            raise self._error


@dataclass
class _Tally:
    files: _FileWriter
    written: int = 0
    bytes: int = 0
    duplicates: int = 0
    with_event: int = 0
    batches: set[int] = field(default_factory=set)


def write_corpus(folder: Path, count: int, seed: int = 0, start: int = 0) -> CorpusSummary:
    """Write `count` articles numbered start..start+count-1 under `folder` (created if needed).
    Same (count, seed, start) -> byte-identical files. `start` lets the bench add 100 *new*
    articles to an existing 100k corpus (different ids, different text, different file names).

    The truth file goes beside the folder, not inside it (the loader reads every file below the
    folder): ``<folder>.truth.csv``, or ``<folder>.truth-from-<start>.csv`` when ``start`` > 0.
    A ``start`` that is a multiple of 100 guarantees no verbatim copy of an earlier call's text."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    truth_path = truth_path_for(folder, start)
    with _FileWriter() as files, truth_path.open("w", encoding="utf-8", newline="") as handle:
        tally = _Tally(files)
        truth = csv.writer(handle, lineterminator="\n")
        truth.writerow(TRUTH_COLUMNS)
        for first, last in _blocks(start, start + count):
            kind = _block_kind(seed, first // BLOCK)
            batch = folder / f"batch-{first // BATCH:04d}"
            if first // BATCH not in tally.batches:
                batch.mkdir(exist_ok=True)
                tally.batches.add(first // BATCH)
            if kind == "files":
                for number in range(first, last):
                    _write_single(seed, number, batch, folder, truth, tally)
            else:
                _write_feed(seed, kind, range(first, last), batch, folder, truth, tally)
    return CorpusSummary(folder, count, tally.written, tally.bytes, tally.duplicates, tally.with_event, truth_path)


def _blocks(start: int, end: int) -> Iterator[tuple[int, int]]:
    """[first, last) ranges that never cross a block (and so never a batch folder)."""
    number = start
    while number < end:
        last = min(end, (number // BLOCK + 1) * BLOCK)
        yield number, last
        number = last


def _record_text(seed: int, number: int) -> tuple[_Article, str, bool]:
    """The article, the text its record carries, and whether it is a verbatim copy.

    A copy carries its source's text exactly as the source's own file held it."""
    role = article_role(seed, number)
    article = render(seed, number)
    if role.kind == "copy" and role.source is not None:
        text = article.text(_block_kind(seed, role.source // BLOCK) == "files")
        outlet = _rng(seed, number, "copy").choice([o for o in OUTLETS if o != article.outlet])
        url = f"https://www.{outlet.domain}/wires/{_slug(article.title or text)}-{number}"
        return replace(article, number=number, outlet=outlet, url=url), text, True
    return article, article.text(_block_kind(seed, number // BLOCK) == "files"), False


def _count_article(article: _Article, copy: bool, tally: _Tally) -> None:
    tally.duplicates += copy
    tally.with_event += bool(article.events)


def _truth_rows(number: int, relative: str, record: int | None, article: _Article) -> Iterator[tuple[object, ...]]:
    for event in article.events:
        yield (number, relative, "" if record is None else record, event.sub_event_type, event.actor1 or "", event.actor2 or "",
               event.place.name, event.place.admin1, event.place.country_code, "" if event.fatalities is None else event.fatalities)


def _write_single(seed: int, number: int, batch: Path, root: Path, truth: Any, tally: _Tally) -> None:
    article, text, copy = _record_text(seed, number)
    rng = _rng(seed, number, "file")
    if is_html(seed, number):
        path, data = batch / f"a{number:07d}.html", _html_page(article).encode("utf-8")
    else:
        path = batch / f"a{number:07d}.txt"
        data = _encode_txt(rng, text)
    tally.files.write(path, data)
    relative = path.relative_to(root).as_posix()
    truth.writerows(_truth_rows(number, relative, None, article))
    tally.written += 1
    tally.bytes += len(data)
    _count_article(article, copy, tally)


def _encode_txt(rng: random.Random, text: str) -> bytes:
    """Mostly UTF-8; a few files saved on Windows (CRLF, a BOM, or cp1252)."""
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "\r\n")
    if 0.05 <= roll < 0.06:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if 0.06 <= roll < 0.07:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    return text.encode("utf-8")


def _write_feed(seed: int, kind: str, numbers: range, batch: Path, root: Path, truth: Any, tally: _Tally) -> None:
    """One .jsonl feed or .csv export holding the records of a block."""
    path = batch / (f"feed-{numbers[0]:07d}.jsonl" if kind == "jsonl" else f"export-{numbers[0]:07d}.csv")
    relative = path.relative_to(root).as_posix()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n") if kind == "csv" else None
    if writer:
        writer.writerow(("id", "title", "text", "date", "url", "source"))
    for line, number in enumerate(numbers):
        article, text, copy = _record_text(seed, number)
        record = {"id": f"a{number:07d}", "title": article.title, "text": text, "url": article.url, "source": article.outlet.name}
        if writer:
            writer.writerow((record["id"], article.title or "", text, article.published.isoformat(), article.url, article.outlet.name))
            truth.writerows(_truth_rows(number, relative, line + 2, article))
        else:
            record["published_at"] = f"{article.published.isoformat()}T{_rng(seed, number, 'clock').randrange(24):02d}:00:00Z"
            buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
            truth.writerows(_truth_rows(number, relative, line + 1, article))
        _count_article(article, copy, tally)
    data = buffer.getvalue().encode("utf-8")
    tally.files.write(path, data)
    tally.written += 1
    tally.bytes += len(data)


def _html_page(article: _Article) -> str:
    """A news page with navigation, cookie banner and footer around the article."""
    e = html.escape
    title = article.title or " ".join(re.sub(r"^.*?\) [-–—]+ ", "", article.body.split("\n", 1)[0]).split()[:9])
    paragraphs = "\n".join(f"<p>{e(p.strip())}</p>" for p in article.body.split("\n") if p.strip())
    stamp = f"{article.published.isoformat()}T08:00:00+00:00"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{e(title)} | {e(article.outlet.name)}</title>"
        f"<meta property=\"og:title\" content=\"{e(title)}\"><meta property=\"og:site_name\" content=\"{e(article.outlet.name)}\">"
        f"<meta property=\"article:published_time\" content=\"{stamp}\"><link rel=\"canonical\" href=\"{e(article.url)}\"></head>\n"
        "<body><header><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/middle-east\">Middle East</a></nav></header>\n"
        f"<div class=\"cookie-banner\">{e(KEPT_NOISE[0])}</div>\n"
        f"<main><article><h1>{e(title)}</h1><time datetime=\"{stamp}\">{article.published:%d %B %Y}</time>\n{paragraphs}\n</article>\n"
        f"<aside><h2>Most read</h2><ul><li><a href=\"/1\">Oil exports rise</a></li><li><a href=\"/2\">Budget talks stall</a></li></ul></aside></main>\n"
        f"<footer>© {article.published.year} {e(article.outlet.name)}. All rights reserved.</footer></body></html>\n"
    )


# ======================================================================================
# Command line.
# ======================================================================================


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of conflict news articles (deterministic from a seed).")
    parser.add_argument("--articles", type=int, required=True, help="number of articles to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="number of the first article (to extend a corpus)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (created if needed)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    s = write_corpus(args.out, args.articles, seed=args.seed, start=args.start)
    print(
        f"{s.articles} articles ({s.with_event} with events, {s.duplicates} exact copies) in {s.files} files, "
        f"{s.bytes / 1e6:.1f} MB, to {s.folder} in {time.perf_counter() - started:.1f} s; truth: {s.truth_path}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

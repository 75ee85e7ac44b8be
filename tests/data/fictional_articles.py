"""Invented news articles set in Veltra (the demo's country), as many as a test needs, each different.

Written for the project: people, places and figures are made up, and each article's sentences are
picked and filled by its number, so no two have the same text (an import stores each once).
"""
from __future__ import annotations

from pathlib import Path

PEOPLE = ["Dalia Orsek", "Tomas Brenn", "Nadia Vorst", "Pavel Lind", "Mara Quell", "Aurel Danek", "Elin Brask",
          "Ivo Marek", "Sanne Holt", "Oskar Veld", "Lena Sorvik", "Jurek Tamm"]
ROLES = ["the finance minister", "the opposition leader", "the transport minister", "a union organiser",
         "a harbour economist", "the president", "the mayor of Marenhal", "a grain trader"]
PLACES = ["Marenhal", "Port Kessa", "Osterlund", "the northern valleys", "the coastal towns", "Veltra"]
OUTLETS = ["The Coastal Ledger", "Marenhal Evening Post", "Veltra Today", "The Kessa Courier"]
TOPICS = ["grain exports", "ferry fares", "the harbour tariff", "rail freight", "bread prices", "fishing quotas",
          "the winter budget", "teachers' pay"]

SENTENCES = [
    "“{topic_cap} will change by {pct}% before the summer,” said {p1}, {r1}.",
    "{p2}, {r2}, said the figure for {place} was {n} thousand, not the {m} thousand the ministry gave.",
    "According to {p1}, “nobody in {place} was asked before the decision on {topic}.”",
    "The council in {place} voted {n} to {m} to delay the plan, {outlet} reported on Tuesday.",
    "“We have heard these promises before,” {p2} told reporters outside the parliament in Marenhal.",
    "Officials at the ministry said {topic} had cost the state {n} million crowns in the last quarter.",
    "Critics in {place} said the government had known about the shortfall since {month}.",
    "{p1} rejected that claim. “The numbers are public, and they show a rise of {pct}%,” {short1} said.",
    "Traders at Port Kessa said {n} ships had waited at the quay this week, {m} more than a year ago.",
    "A spokesperson for the Northern Sea Council said the bloc was studying whether the rules on {topic} had been broken.",
    "In {place}, residents queued for {n} minutes on average, a survey by {outlet} found.",
    "“This is a question of trust, not of money,” said {p2}, who has led the protests since {month}.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def article(n: int, paragraphs: int = 8) -> str:
    """Article number n: a title, a byline, a dateline and `paragraphs` paragraphs of three sentences."""
    topic = TOPICS[n % len(TOPICS)]
    title = f"{topic[0].upper()}{topic[1:]}: {PLACES[n % len(PLACES)]} waits for an answer ({n})"
    lines = [title, "", f"By {PEOPLE[(n * 5) % len(PEOPLE)]}", "",
             f"{OUTLETS[n % len(OUTLETS)]} — {1 + n % 28} {MONTHS[n % len(MONTHS)]} 2026", ""]
    for k in range(paragraphs):
        sentences = []
        for j in range(3):
            i = n * 31 + k * 7 + j * 3
            p1, p2 = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 5) % len(PEOPLE)]
            sentences.append(SENTENCES[(n + k * 3 + j) % len(SENTENCES)].format(
                topic=TOPICS[(i + j) % len(TOPICS)], topic_cap=topic[0].upper() + topic[1:],
                pct=3 + (i * 7) % 40, n=2 + (i * 13) % 97, m=1 + (i * 11) % 53, p1=p1, p2=p2,
                short1=p1.split()[-1], r1=ROLES[i % len(ROLES)], r2=ROLES[(i + 3) % len(ROLES)],
                place=PLACES[(i + k) % len(PLACES)], outlet=OUTLETS[(i + 1) % len(OUTLETS)],
                month=MONTHS[(i + k) % len(MONTHS)]))
        lines += [" ".join(sentences), ""]
    return "\n".join(lines)


def write_articles(folder: Path, count: int, paragraphs: int = 8, start: int = 0) -> list[Path]:
    """`count` article files in `folder` (made if missing), named so they sort in the order written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"article_{n:05d}.txt"
        path.write_text(article(n, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths

#!/usr/bin/env python3
"""Checks that bench/search_queries.tsv is fair to the data `hiresafe seed --jobs` makes: every
query has live posts of its target category that pass its filters and contain every word the
user typed (city names aside: the city column stands for them), so an engine that finds nothing
is wrong, not starved.

    hiresafe seed --data-dir /tmp/q --jobs 100000 --seed 20261122
    python3 bench/check_search_queries.py /tmp/q/hiresafe.db [bench/search_queries.tsv]

Prints, per query, the live posts that would earn grade 3 and grade 2 (see
bench/search_queries.md), how many of the target category's filtered posts contain all the
words, and the share containing each word. Exits 1 when a query has fewer than MIN_MATCHES
posts of its category holding all its words. Never run by ctest.
"""
import csv
import json
import os
import sqlite3
import sys
import time

MIN_MATCHES = 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def city_names():
    """City code -> (province code, short names a user may type)."""
    out = {}
    with open(os.path.join(ROOT, "resources", "cities.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code\t"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 5:
                continue
            code, parent, _level, zh, en = cells[:5]
            out[code] = (parent or code, {zh, zh.removesuffix("市"), en.lower()})
    return out


def main():
    db_path = sys.argv[1]
    tsv = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "bench", "search_queries.tsv")
    cities = city_names()
    every_city_name = set().union(*(names for _, names in cities.values()))
    now = int(time.time())
    db = sqlite3.connect(db_path)
    posts = []
    for row in db.execute(
        "SELECT category_id, city_code, salary_min, salary_max, title, description, skill_tags "
        "FROM jobs WHERE status = 'open' AND expires_at > ?",
        (now,),
    ):
        category, city, smin, smax, title, description, tags = row
        tag_list = [t.casefold() for t in json.loads(tags)]
        text = " ".join([title, description, " ".join(tag_list)]).casefold()
        posts.append((category, city, smin, smax, tag_list, text))
    print(f"{len(posts)} live posts in {db_path}")

    failures = 0
    with open(tsv, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t")]
    print("id\tq\tgrade3\tgrade2\tall_words\tper_word_share")
    for q in rows:
        target, skills = q["target_category"], [s.casefold() for s in q["target_skills"].split(",") if s]
        words = [w.casefold() for w in q["q"].split() if w not in every_city_name]

        def passes(post):
            _, city, smin, smax, _, _ = post
            if q["city"]:
                province = cities.get(city, (None,))[0]
                if city != q["city"] and province != q["city"]:
                    return False
            if q["salary_min"] and smax < int(q["salary_min"]):
                return False
            if q["salary_max"] and smin > int(q["salary_max"]):
                return False
            return True

        same = [p for p in posts if p[0] == target and passes(p)]
        grade3 = sum(1 for p in same if not skills or any(s in p[4] for s in skills))
        all_words = sum(1 for p in same if all(w in p[5] for w in words))
        shares = ",".join(
            f"{w}:{sum(1 for p in same if w in p[5]) / max(1, len(same)):.2f}" for w in words
        )
        flag = "" if all_words >= MIN_MATCHES else "\tTOO FEW"
        failures += bool(flag)
        print(f"{q['id']}\t{q['q']}\t{grade3}\t{len(same) - grade3}\t{all_words}\t{shares}{flag}")
    print(f"{len(rows)} queries, {failures} with fewer than {MIN_MATCHES} matching posts")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

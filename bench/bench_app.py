"""Benchmark of the browser app: building the account map figure, and a warm rerun against a cold one.

Run from the repository root::

    .venv/bin/python bench/bench_app.py            # full: 50, 500, 5,000 people; 300 and 2,000 accounts
    .venv/bin/python bench/bench_app.py --quick    # smaller, for a smoke run

Not a timed test: it prints the figures and the ratios measured in this run (the targets are a warm
rerun at most 5% of a cold one, and a 500-person map built in well under a second).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import graphmap  # noqa: E402
from graphmap.model.records import Account, Connection, Person, TeamMembership  # noqa: E402
from graphmap.viz.figures import account_map_figure  # noqa: E402

AS_OF = graphmap.SAMPLE_AS_OF
ROLES = ["economic_buyer", "decision_maker", "technical_buyer", "user_buyer", "champion", "influencer",
         "gatekeeper", "blocker", "coach", "unknown"]
TEAM_ROLES = ["account_executive", "sales_engineer", "executive_sponsor", "customer_success", "specialist"]


def synthetic_portfolio(accounts: int, stakeholders: int, members: int, seed: int = 1) -> graphmap.AccountMap:
    """`accounts` accounts of `stakeholders` people each (an org chart of fan-out 5), `members` members per team
    drawn from a pool, and about two connection points per stakeholder of mixed strength and age."""
    rng = random.Random(seed)
    pool = max(members * 3, members + 5)
    people = [Person(f"s{i}", f"Member {i}", "supplier", role=TEAM_ROLES[i % len(TEAM_ROLES)]) for i in range(pool)]
    accs, team, conns = [], [], []
    for a in range(accounts):
        acc = f"acc{a}"
        crew = rng.sample(range(pool), members)
        accs.append(Account(acc, f"Account {a}", f"s{crew[0]}", "growth", "Grow the account."))
        team += [TeamMembership(acc, f"s{m}", TEAM_ROLES[i % len(TEAM_ROLES)], "Owns a part of the plan.")
                 for i, m in enumerate(crew)]
        for i in range(stakeholders):
            pid = f"c{a}_{i}"
            people.append(Person(pid, f"Person {a}-{i}", "customer", account_id=acc,
                                 role=ROLES[0] if i == 0 else rng.choice(ROLES), influence=rng.randint(1, 5),
                                 title="Director", reports_to="" if i == 0 else f"c{a}_{(i - 1) // 5}"))
            for _ in range(rng.choice([0, 1, 2, 2, 3])):
                conns.append(Connection(f"s{rng.choice(crew)}", pid, strength=rng.randint(1, 5),
                                        last_contact=AS_OF - dt.timedelta(days=rng.randint(0, 200))))
        for m in crew[1:]:
            conns.append(Connection(f"s{crew[0]}", f"s{m}", 4, AS_OF - dt.timedelta(days=rng.randint(0, 120))))
    # The generator can draw the same pair twice; keep one connection per pair.
    unique = {}
    for c in conns:
        unique.setdefault(frozenset((c.from_id, c.to_id)), c)
    return graphmap.AccountMap.from_records(accs, people, team, unique.values())


def timed(func, repeat: int) -> float:
    """The median wall time of `repeat` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_figures(sizes: list[int]) -> None:
    print("account map figure (one account; median of 5; seconds)")
    print(f"{'people':>8} {'team layout':>12} {'force layout':>13} {'traces':>7} {'webgl':>6}")
    for people in sizes:
        members = max(5, people // 50)
        amap = synthetic_portfolio(1, people - members, members)
        found = graphmap.analyze(amap, as_of=AS_OF)
        team = timed(lambda: account_map_figure(amap, found, "acc0", layout="team"), 5)
        force = timed(lambda: account_map_figure(amap, found, "acc0", layout="force"), 1 if people > 1000 else 3)
        fig = account_map_figure(amap, found, "acc0")
        print(f"{people:>8} {team:>12.3f} {force:>13.3f} {len(fig.data):>7} {fig.data[0].type == 'scattergl'!s:>6}")


def bench_reruns(accounts: int) -> None:
    """Cold and warm reruns of each page on a generated portfolio (`graphmap.generate`), through AppTest."""
    from streamlit.testing.v1 import AppTest

    from graphmap.generate import write_generated_map

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "map"
        counts = write_generated_map(folder, accounts, seed=1, as_of=AS_OF)
        os.environ["GRAPHMAP_MAP"] = str(folder)
        os.chdir(ROOT)
        print(f"\napp reruns on a generated {accounts}-account portfolio ({counts['people']} people, "
              f"{counts['connections']} connections); median of 5; seconds")
        print(f"{'page':>22} {'cold':>8} {'warm':>8} {'warm/cold':>10}")
        for page in ("app_pages/portfolio.py", "app_pages/account_map.py", "app_pages/findings.py",
                     "app_pages/downloads.py"):
            colds, warms = [], []
            for _ in range(5):
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
                at.run()
                if page != "app_pages/portfolio.py":
                    at.switch_page(page).run()
                # Cold: a map file changed (a new modification time), so the map is read and analysed again.
                stamp = time.time_ns() + 10**9 * len(colds)
                os.utime(folder / "connections.csv", ns=(stamp, stamp))
                start = time.perf_counter()
                at.run()
                colds.append(time.perf_counter() - start)
                assert not at.exception, at.exception
                start = time.perf_counter()
                at.run()  # warm: a rerun with nothing changed, everything expensive cached
                warms.append(time.perf_counter() - start)
            cold, warm = statistics.median(colds), statistics.median(warms)
            print(f"{page.split('/')[1]:>22} {cold:>8.3f} {warm:>8.3f} {warm / cold:>9.1%}")
        del os.environ["GRAPHMAP_MAP"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    bench_figures([50, 500] if args.quick else [50, 500, 5000])
    for accounts in ([40] if args.quick else [300, 2000]):
        bench_reruns(accounts)


if __name__ == "__main__":
    main()

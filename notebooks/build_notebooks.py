#!/usr/bin/python3
"""Writes notebooks/allocation-review.ipynb and notebooks/whatif-comparison.ipynb.

The notebooks are generated from this file so that they are committed with outputs cleared
and stay reviewable as plain Python.  Edit the cells here, then run (with Debian's python3):

    /usr/bin/python3 notebooks/build_notebooks.py           # rewrite both notebooks
    /usr/bin/python3 notebooks/build_notebooks.py --check   # exit 1 if they differ from this file

Only pandas, matplotlib and PyYAML (Debian: python3-pandas, python3-matplotlib, python3-yaml)
are used; run folders are read from their CSV and JSON files (Debian has no pyarrow).
"""
import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------
# Code shared by both notebooks (inlined in each so a notebook works on its own).
# ---------------------------------------------------------------------------------------------

FIND_RUNS = '''
import json


def repo_root():
    """The dcplan checkout this notebook sits in (the folder holding pom.xml), else the cwd."""
    here = Path.cwd().resolve()
    for d in [here, *here.parents]:
        if (d / "pom.xml").is_file() and (d / "notebooks").is_dir():
            return d
    return here


REPO = repo_root()


def newest_runs(n):
    """The n newest run folders under runs/ (oldest first), by the time summary.json was written."""
    runs = REPO / "runs"
    found = [p for p in runs.iterdir() if (p / "summary.json").is_file()] if runs.is_dir() else []
    found.sort(key=lambda p: (p / "summary.json").stat().st_mtime)
    return found[-n:]


class NotARunFolder(Exception):
    """The folder given is not a dcplan run folder."""


RUN_FILES = ["summary.json", "plan/flows.csv", "plan/servers.csv", "plan/facility.csv", "plan/unmet.csv"]


def is_hedged(p):
    """Whether p is a hedged run folder (dcplan hedge): its summary.json says "hedged": true."""
    s = Path(p) / "summary.json"
    try:
        return s.is_file() and bool(json.loads(s.read_text()).get("hedged"))
    except ValueError:
        return False


def hedged_futures(p):
    """A hedged run folder's futures as (name, run folder), central first."""
    s = json.loads((Path(p) / "summary.json").read_text())
    futures = [(f["name"], Path(p) / f.get("folder", f"scenarios/{f['name']}")) for f in s.get("scenarios") or []]
    return sorted(futures, key=lambda f: f[0] != s.get("central"))


def check_run_folder(path):
    """The run folder (or hedged run folder) as an absolute Path; raises NotARunFolder with what is missing otherwise."""
    p = Path(path).expanduser()
    if not p.is_absolute() and not p.exists() and (REPO / p).exists():
        p = REPO / p  # a path relative to the repository, e.g. runs/q3-review
    if is_hedged(p):
        missing = [f for f in ["commitments.csv"] if not (p / f).is_file()]
        missing += [f"{folder}/{f}" for _, folder in hedged_futures(p) for f in RUN_FILES if not (folder / f).is_file()]
        if missing:
            raise NotARunFolder(f"not a hedged run folder: {path} (expected commitments.csv and a run folder per future "
                                f"under scenarios/); missing: {', '.join(map(str, missing))}") from None
        return p.resolve()
    missing = [f for f in RUN_FILES if not (p / f).is_file()]
    if missing:
        raise NotARunFolder(
            f"not a run folder: {path} (expected summary.json and plan/flows.csv; make one with "
            f"bin/dcplan plan --models models --demand <demand.csv> --out runs/<name>); "
            f"missing: {', '.join(missing)}") from None
    return p.resolve()
'''.strip()

LOAD_RUN = '''
import json

import matplotlib.pyplot as plt
import pandas as pd
import yaml

pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 40)
pd.set_option("display.float_format", lambda v: f"{v:,.4g}")
plt.rcParams.update({"figure.figsize": (12, 4.5), "axes.grid": True, "grid.alpha": 0.3,
                     "axes.axisbelow": True, "legend.fontsize": "small"})

ROUND_OFF = 1e-6  # under a millionth of its whole a figure is LP round-off (dcplan.plan.ReportThresholds)


def chip_group(domestic, vendor):
    """Domestic chips versus imported ones, named by vendor (NVIDIA for the sample models)."""
    if domestic:
        return "domestic"
    return "NVIDIA" if str(vendor).lower() == "nvidia" else f"imported ({vendor})"


BUILDS_COLUMNS = ["site", "start_quarter", "ready_quarter", "mw", "capex_usd"]
HELD_COLUMNS = ["kind", "site", "chip", "committed_in", "quarter", "added", "mw", "capex_usd"]
STRANDED_COLUMNS = ["site", "chip", "quarter", "servers", "existing_servers", "held_servers", "planned_servers",
                    "capex_amortized_usd", "idle_energy_usd"]
QUARTERS = {c: str for c in ("quarter", "order_quarter", "start_quarter", "ready_quarter", "committed_in")}


def optional_csv(path, columns):
    """A CSV a run folder may not have (plan/builds.csv before contract version 2, held.csv and
    stranded.csv outside what-ifs): empty with its columns when absent."""
    return pd.read_csv(path, dtype=QUARTERS) if path.is_file() else pd.DataFrame(columns=columns)


def load_run(run):
    """Everything a chart needs from one run folder, as plain pandas tables and dicts."""
    run = Path(run)
    r = {"path": run, "summary": json.loads((run / "summary.json").read_text())}
    for name in ("flows", "servers", "facility", "unmet"):
        r[name] = pd.read_csv(run / "plan" / f"{name}.csv", dtype=QUARTERS)
    if "order_quarter" not in r["servers"]:
        r["servers"]["order_quarter"] = r["servers"]["quarter"]  # version 1: installed when ordered
    r["builds"] = optional_csv(run / "plan" / "builds.csv", BUILDS_COLUMNS)
    r["held"] = optional_csv(run / "held.csv", HELD_COLUMNS)
    r["stranded"] = optional_csv(run / "stranded.csv", STRANDED_COLUMNS)
    demand = run / "demand.csv"
    r["demand"] = (pd.read_csv(demand, dtype={"quarter": str}) if demand.is_file()
                   else pd.DataFrame(columns=["region", "workload", "quarter", "peak_ips", "avg_ips"]))

    # the model the plan was made for: resolved (base + scenario) when the run kept it
    models = run / "inputs" / "resolved"
    if not (models / "chips.yaml").is_file():
        models = run / "inputs" / "models"
    chips = []
    if (models / "chips.yaml").is_file():
        chips = (yaml.safe_load((models / "chips.yaml").read_text()) or {}).get("chips") or []
    else:
        print(f"note: {models / 'chips.yaml'} not found: chip groups and utilisation are unknown")
    r["chips"] = pd.DataFrame(
        [{"chip": c["id"], "vendor": c.get("vendor", ""), "domestic": bool(c.get("domestic", False)),
          "group": chip_group(c.get("domestic", False), c.get("vendor", ""))} for c in chips],
        columns=["chip", "vendor", "domestic", "group"])
    r["throughput"] = pd.DataFrame(
        [{"chip": c["id"], "workload": w, "throughput_ips": float(v)}
         for c in chips for w, v in (c.get("throughput_ips") or {}).items()],
        columns=["chip", "workload", "throughput_ips"])
    policy = {}
    if (models / "policy.yaml").is_file():
        policy = (yaml.safe_load((models / "policy.yaml").read_text()) or {}).get("policy") or {}
    r["policy"] = policy

    # busy servers per flow: average (and peak) inferences/s over one server's throughput
    f = r["flows"].merge(r["throughput"], on=["chip", "workload"], how="left")
    f["busy_avg"] = f["avg_ips"] / f["throughput_ips"]
    f["busy_peak"] = f["peak_ips"] / f["throughput_ips"]
    r["flows_busy"] = f.merge(r["chips"][["chip", "group"]], on="chip", how="left").fillna({"group": "unknown"})
    return r


def load_hedge(path):
    """A hedged run folder: its summary, commitments.csv, its futures' figures (one row each) and their runs."""
    path = Path(path)
    s = json.loads((path / "summary.json").read_text())
    h = {"path": path, "summary": s, "runs": {},
         "commitments": pd.read_csv(path / "commitments.csv", dtype={"quarter": str, "chip": str})}
    entries = {f["name"]: f for f in s.get("scenarios") or []}
    rows = []
    for name, folder in hedged_futures(path):
        r = h["runs"][name] = load_run(folder)
        own, f = r["summary"], entries[name]
        served, unmet = own.get("served_inferences", 0.0), own.get("unmet_inferences", 0.0)
        cost = {k: (f.get(k) or {}).get("total_cost_usd") for k in ("alone", "central_kept")}
        rows.append({"future": name, "probability": f.get("probability"), "feasible": own.get("feasible"),
                     "USD / M inferences": own.get("usd_per_million_inferences"),
                     "unmet inferences": shown(unmet, served + unmet),
                     "total cost (M USD)": musd(own.get("total_cost_usd", float("nan"))),
                     "alone (M USD)": musd(cost["alone"]) if cost["alone"] is not None else float("nan"),
                     "central kept (M USD)": musd(cost["central_kept"]) if cost["central_kept"] is not None else float("nan")})
    h["futures"] = pd.DataFrame(rows).set_index("future")
    return h


def group_of(r):
    """chip id -> domestic / NVIDIA / ... for one run."""
    return dict(zip(r["chips"]["chip"], r["chips"]["group"]))


def capex_by_site_quarter(r):
    """Server plus facility capex committed per (quarter, site), USD."""
    s = r["servers"].groupby(["quarter", "site"])["capex_usd"].sum()
    f = r["facility"].groupby(["quarter", "site"])["capex_usd"].sum()
    return s.add(f, fill_value=0.0).rename("capex_usd")


def utilisation(r):
    """Per (site, chip, quarter): installed servers, busy servers (avg and peak) and their ratio."""
    busy = r["flows_busy"].groupby(["site", "chip", "quarter"])[["busy_avg", "busy_peak"]].sum()
    u = r["servers"].set_index(["site", "chip", "quarter"])[["installed"]].join(busy, how="left").fillna(0.0)
    u["util_avg"] = u["busy_avg"] / u["installed"]
    u["util_peak"] = u["busy_peak"] / u["installed"]
    return u.reset_index()


def real_unmet(r):
    """unmet.csv without LP round-off: cells with more than a millionth of their peak unmet."""
    u = r["unmet"].merge(r["demand"][["region", "workload", "quarter", "peak_ips"]],
                         on=["region", "workload", "quarter"], how="left")
    return u[u["unmet_peak_ips"] >= ROUND_OFF * u["peak_ips"].fillna(0.0)]


def shown(value, whole):
    """A figure as the report shows it: 0 when under a millionth of its whole (round-off)."""
    return 0.0 if abs(value) < ROUND_OFF * abs(whole) else value


def workload_table(s):
    """cost_by_workload of a summary, one row per workload and the blended row (empty for older runs)."""
    w = pd.DataFrame(s.get("cost_by_workload") or [])
    if w.empty:
        return w
    w = w.set_index("workload")
    total, served = s.get("total_cost_usd", float("nan")), s.get("served_inferences", float("nan"))
    t = pd.DataFrame({
        "USD / M inferences": w["usd_per_million_inferences"].astype(float),
        "USD / M tokens": w["usd_per_million_tokens"].astype(float),
        "cost (M USD)": musd(w["cost_usd"]),
        "share of cost %": 100 * w["cost_usd"] / total,
        "share of served %": 100 * w["served_inferences"] / served,
    })
    t.loc["blended, all workloads"] = [s.get("usd_per_million_inferences", float("nan")), float("nan"),
                                       musd(total), 100.0, 100.0]
    return t


def cash_by_quarter(r):
    """Cash paid per quarter: servers on installation, facility over its construction quarters."""
    cash = pd.DataFrame({"servers": r["servers"].groupby("quarter")["capex_usd"].sum(),
                         "facility construction": r["facility"].groupby("quarter")["capex_usd"].sum()}).fillna(0.0)
    cash = cash.sort_index()
    year = cash.index.str[:4]
    cash["paid so far in the year"] = cash[["servers", "facility construction"]].sum(axis=1).groupby(year).cumsum()
    budgets = {str(y.get("year")): y.get("budget_usd") for y in r["summary"].get("capex_by_year") or []}
    cash["the year's budget"] = [budgets.get(y) for y in year]
    return cash


def musd(v):
    return v / 1e6
'''.strip()


HEDGE_SECTION = '''
def describe_hedge(h):
    """Prints and draws a hedged run: expected figures, what to commit now, the futures, EVPI and VSS."""
    hs, c = h["summary"], h["commitments"]
    e = hs.get("expected") or {}
    d = hs.get("decided_until")
    print(f"hedged over {len(h['futures'])} futures ({hs.get('risk')}), commitments shared before {d}, "
          f"central future {hs.get('central')}; expected: {e.get('usd_per_million_inferences', float('nan')):.4f} USD "
          f"per million inferences, {musd(e.get('total_cost_usd', float('nan'))):,.1f} M USD, unmet inferences "
          f"{shown(e.get('unmet_inferences', 0.0), e.get('served_inferences', 0.0) + e.get('unmet_inferences', 0.0)):,.0f}")
    servers = c[c["kind"] == "server"]
    print(f"What to do now, before {d}: order {servers['added'].sum():,.0f} servers "
          f"({', '.join(sorted(set(servers['site']))) or 'none'}) and start {c['mw'].sum():,.2f} MW "
          f"({', '.join(sorted(set(c[c['kind'] == 'facility']['site']))) or 'none'}); capex "
          f"{musd((hs.get('commitments') or {}).get('capex_usd', float('nan'))):,.1f} M USD")
    display(c)
    display(h["futures"])
    evpi, vss = hs.get("evpi") or {}, hs.get("vss") or {}
    if evpi.get("cost_usd") is not None:
        print(f"EVPI: knowing the future in advance would save {musd(evpi['cost_usd']):,.2f} M USD in expectation")
    if vss.get("cost_usd") is not None:
        print(f"VSS: planning for the central future alone and adapting later would cost "
              f"{musd(vss['cost_usd']):,.2f} M USD more in expectation")
    elif vss.get("note"):
        print(f"VSS: planning for the central future alone and adapting later would not hold up in every future: {vss['note']}")
    costs = h["futures"][["total cost (M USD)", "alone (M USD)", "central kept (M USD)"]].dropna(axis=1, how="all")
    fig, ax = plt.subplots(figsize=(10, 4))
    costs.rename(columns={"total cost (M USD)": "hedged plan", "alone (M USD)": "its own plan alone",
                          "central kept (M USD)": "central's commitments kept"}).plot.bar(ax=ax, width=0.8)
    ax.set_title(f"Total cost per future: the hedged plan against its own plan ({hs.get('risk')})")
    ax.set_ylabel("M USD")
    plt.tight_layout()
    plt.show()
'''.strip()


def code(src):
    return new_code_cell(textwrap.dedent(src).strip())


def md(src):
    return new_markdown_cell(textwrap.dedent(src).strip())


# ---------------------------------------------------------------------------------------------
# allocation-review.ipynb
# ---------------------------------------------------------------------------------------------

def allocation_review():
    cells = [
        md("""
        # Allocation review: one plan run

        Reviews one `dcplan plan` run folder: capex by site and quarter, chip mix, cost per million
        inferences, power and utilisation, unmet demand.  Set `RUN` in the first code cell, or start
        Jupyter with `DCPLAN_RUN=<run folder>` (`bin/notebooks` does); by default the newest folder
        under `runs/` is used.  Only the run folder's CSV and JSON files are read.
        """),
        code('''
import os
from pathlib import Path

# The run folder to review: set DCPLAN_RUN, or write a path here; empty means the newest under runs/.
RUN = os.environ.get("DCPLAN_RUN", "")


''' + FIND_RUNS + '''


RUN = check_run_folder(RUN or (newest_runs(1) or [REPO / "runs"])[-1])
print(f"run folder: {RUN}")
# a hedged run (dcplan hedge): review its central future's plan; its futures and commitments get a section
HEDGED = RUN if is_hedged(RUN) else None
if HEDGED:
    CENTRAL, RUN = hedged_futures(HEDGED)[0]
    print(f"a hedged run: reviewing its central future {CENTRAL} ({RUN}); its futures and shared commitments "
          f"are in the section 'Hedged run'")
'''),
        code(LOAD_RUN + '''


R = load_run(RUN)
S = R["summary"]
HEDGE = load_hedge(HEDGED) if HEDGED else None
print(f"{len(R['flows'])} flows, {len(R['servers'])} server rows, {len(R['facility'])} facility rows, "
      f"{len(R['unmet'])} unmet rows; chips: {', '.join(f'{c} ({g})' for c, g in group_of(R).items())}")
'''),
        md("""
        ## Headline figures

        `feasible` says every hard constraint holds; the binding limits below are the constraints the
        plan runs into, and short regions are those with demand left unserved.
        """),
        code('''
headline = pd.Series({
    "scenario": S.get("scenario"),
    "feasible": S.get("feasible"),
    "stopped early": S.get("stopped_early"),
    "solve seconds": S.get("solve_seconds"),
    "total cost (M USD)": musd(S.get("total_cost_usd", float("nan"))),
    "  server capex amortized (M USD)": musd(S.get("cost_usd", {}).get("server_capex_amortized", float("nan"))),
    "  facility capex amortized (M USD)": musd(S.get("cost_usd", {}).get("facility_capex_amortized", float("nan"))),
    "  energy (M USD)": musd(S.get("cost_usd", {}).get("energy", float("nan"))),
    "USD per million inferences (blended, all workloads)": S.get("usd_per_million_inferences"),
    "lower bound (M USD)": musd(S["lower_bound_usd"]) if S.get("lower_bound_usd") is not None else "not computed",
    "served inferences": S.get("served_inferences"),
    "unmet inferences": shown(S.get("unmet_inferences", 0.0),
                              S.get("served_inferences", 0.0) + S.get("unmet_inferences", 0.0)),
    "capex committed (M USD)": musd(capex_by_site_quarter(R).sum()),
    "inputs sha256": str(S.get("inputs_sha256", ""))[:16] + "...",
}, dtype=object)
display(headline.to_frame("value"))

limits = S.get("binding_limits") or []
print(f"{len(limits)} binding limits" + (":" if limits else ""))
for b in limits[:15]:
    print("  -", b.get("sentence", b))
if len(limits) > 15:
    print(f"  ... {len(limits) - 15} more in summary.json")
for s in S.get("short_regions") or []:
    print(f"short region {s.get('region')}: {s.get('unmet_inferences', 0):,.0f} inferences unmet")
for w in S.get("warnings") or []:
    print("warning:", w)
'''),
        md("""
        ## Hedged run: futures and commitments

        Only for a hedged run folder (`dcplan hedge`; the rest of this notebook reviews its central
        future's plan): the commitments every future shares before the decision quarter — what to do
        now — then each future's probability and cost under the hedged plan beside its own plan made
        alone and the plan keeping the central future's commitments, and EVPI and VSS.  In the bars,
        the gap between a future's hedged cost and its own plan alone is what holding up in the other
        futures costs it.
        """),
        code(HEDGE_SECTION + '''


if HEDGE is None:
    print("not a hedged run: no futures or shared commitments here (open a dcplan hedge run folder to see them)")
else:
    describe_hedge(HEDGE)
'''),
        md("""
        ## Cost per workload

        USD per million inferences per workload (left, log scale) and each workload's share of the
        cost against its share of the inferences served (right): an LLM inference keeps a server busy
        about a thousand times longer than an embedding, so the plan-wide figure blends workloads far
        apart.  The table's last row is that blended figure, which the workload rows add up to; per
        million tokens where `workloads.yaml` gives `tokens_per_inference`.
        """),
        code('''
WT = workload_table(S)
fig, (ax, ay) = plt.subplots(1, 2, figsize=(14, 4.2))
if WT.empty:
    for a in (ax, ay):
        a.text(0.5, 0.5, "no cost_by_workload in summary.json\\n(a run folder from before it was reported)",
               ha="center", va="center", transform=a.transAxes)
        a.set_axis_off()
else:
    rows = WT.drop(index="blended, all workloads")
    rows["USD / M inferences"].plot.bar(ax=ax, color="tab:blue", logy=True)
    ax.axhline(S.get("usd_per_million_inferences") or float("nan"), color="black", linestyle="--", linewidth=1,
               label="blended, all workloads")
    ax.legend()
    ax.set_title("USD per million inferences by workload (log scale)")
    ax.set_ylabel("USD / M inferences")
    rows[["share of cost %", "share of served %"]].plot.bar(ax=ay, width=0.8)
    ay.set_title("Share of cost vs share of inferences served")
    ay.set_ylabel("%")
plt.tight_layout()
plt.show()
if not WT.empty:
    display(WT)
    by_rw = pd.DataFrame(S.get("usd_per_million_inferences_by_region_and_workload") or {}).T
    print("USD per million inferences by region (rows) and workload (columns):")
    display(by_rw)
'''),
        md("""
        ## Where each region is served from

        Share of each region's busy servers (average load) at sites outside its countries (left) and
        on domestic chips (right), per quarter: a region served mostly across borders depends on
        residency and latency staying as they are, one on imported chips on export controls.  The
        table below is the region x site x chip sourcing of the last quarter.
        """),
        code('''
SB = pd.DataFrame(S.get("sourcing_by_region") or [])
fig, (ax, ay) = plt.subplots(1, 2, figsize=(14, 4.2), sharey=True)
if SB.empty:
    for a in (ax, ay):
        a.text(0.5, 0.5, "no sourcing_by_region in summary.json", ha="center", va="center", transform=a.transAxes)
        a.set_axis_off()
else:
    SQ = SB[SB["quarter"].notna()].copy()
    SQ["domestic"] = SQ["chip_family_share_of_busy_servers"].map(lambda m: (m or {}).get("domestic", 0.0))
    (100 * SQ.pivot(index="quarter", columns="region", values="cross_border_share_of_busy_servers")).plot(ax=ax, marker="o")
    ax.set_title("Share of busy servers across borders")
    ax.set_ylabel("%")
    (100 * SQ.pivot(index="quarter", columns="region", values="domestic")).plot(ax=ay, marker="o")
    ay.set_title("Share of busy servers on domestic chips")
    for a in (ax, ay):
        a.tick_params(axis="x", labelrotation=90)
plt.tight_layout()
plt.show()
SR = pd.DataFrame(S.get("sourcing") or [])
if not SR.empty:
    last = SR["quarter"].max()
    SR = SR[(SR["quarter"] == last) & ((SR["share_of_busy_servers"] >= ROUND_OFF) | (SR["share_of_inferences"] >= ROUND_OFF))]
    print(f"Region x site x chip in {last} (shares of the region's quarter):")
    display(SR[["region", "site", "site_country", "chip", "chip_family", "cross_border", "busy_servers",
                "share_of_busy_servers", "share_of_inferences"]].set_index(["region", "site", "chip"]))
'''),
        md("""
        ## Capex by site and quarter

        Each bar is the money committed in that quarter (servers bought plus facility expansion),
        stacked by site, and the right panel sets each year's capex against its budget (black tick):
        tall early bars mean the plan buys ahead of demand, a year near its tick is budget-bound.
        """),
        code('''
capex = capex_by_site_quarter(R).unstack("site", fill_value=0.0).sort_index()
capex = capex.loc[:, capex.sum().sort_values(ascending=False).index]
fig, (ax, ay) = plt.subplots(1, 2, figsize=(14, 4.8), gridspec_kw={"width_ratios": [3, 1]})
musd(capex).plot.bar(stacked=True, ax=ax, width=0.8, colormap="tab20")
ax.set_title("Capex committed per quarter by site (servers + facility)")
ax.set_xlabel("quarter")
ax.set_ylabel("M USD")
ax.legend(ncol=2, title="site")

years = pd.DataFrame(S.get("capex_by_year") or [])
if not years.empty:
    years = years.set_index("year")
    cols = [c for c in ("server_capex_usd", "facility_capex_usd") if c in years] or ["capex_usd"]
    names = {"server_capex_usd": "servers", "facility_capex_usd": "facility", "capex_usd": "capex"}
    musd(years[cols]).rename(columns=names).plot.bar(stacked=True, ax=ay, width=0.6,
                                                     color=["tab:blue", "tab:orange"])
    if "budget_usd" in years:
        ay.scatter(range(len(years)), musd(years["budget_usd"]), marker="_", s=900, color="black",
                   zorder=3, label="budget")
    ay.legend()
ay.set_title("Capex per year vs budget")
ay.set_ylabel("M USD")
plt.tight_layout()
plt.show()
display(musd(capex.sum()).rename("capex over the horizon, M USD").to_frame().T)
'''),
        md("""
        ## Commitments: when capacity is committed and when it arrives

        Each site's builds (orange, from construction start to the quarter the MW are ready) and server
        orders (blue, from the order quarter to the quarter they are installed, one lane per lead
        time); a long light bar is capacity committed quarters before it can serve, and a what-if's
        commitments kept from its baseline are grey. Run folders from before lead times show every
        order arriving in its own quarter and no builds.
        """),
        code('''
orders = R["servers"][R["servers"]["added"] > 0].copy()
builds = R["builds"][R["builds"]["mw"] > 0].copy()
quarters = sorted(set(R["facility"]["quarter"]) | set(orders["quarter"]) | set(orders["order_quarter"])
                  | set(builds["start_quarter"]) | set(builds["ready_quarter"]))
qx = {q: i for i, q in enumerate(quarters)}
held = set(zip(R["held"]["kind"], R["held"]["site"], R["held"]["chip"].fillna(""), R["held"]["quarter"]))
rows = []  # (label, bars): bars are (start, length, colour)
for site in sorted(set(orders["site"]) | set(builds["site"])):
    b = builds[builds["site"] == site]
    if len(b):
        rows.append((f"{site} builds", [(qx[s], qx[e] - qx[s] + 1, "grey" if ("facility", site, "", e) in held
                                         else "tab:orange") for s, e in zip(b["start_quarter"], b["ready_quarter"])]))
    for chip, o in orders[orders["site"] == site].groupby("chip"):
        rows.append((f"{site} {chip}", [(qx[s] + 0.1, qx[e] - qx[s] + 0.8, "grey" if ("server", site, chip, e) in held
                                         else "tab:blue") for s, e in zip(o["order_quarter"], o["quarter"])]))
fig, ax = plt.subplots(figsize=(14, 0.32 * len(rows) + 1.5))
for y, (label, bars) in enumerate(rows):
    for start, length, colour in bars:
        ax.broken_barh([(start, length)], (y - 0.35, 0.7), facecolors=colour, alpha=0.45, edgecolor=colour)
ax.set_yticks(range(len(rows)), [label for label, _ in rows])
ax.set_xticks(range(len(quarters)), quarters, rotation=90)
ax.invert_yaxis()
ax.set_title("Builds (construction start to ready) and server orders (order to installation) per site")
plt.tight_layout()
plt.show()
print(f"{len(builds)} builds ({builds['mw'].sum():,.1f} MW), {len(orders)} orders ({orders['added'].sum():,} servers)"
      + (f"; {len(R['held'])} commitments kept from the baseline (held.csv)" if len(R["held"]) else ""))
'''),
        md("""
        ## Cash by quarter against the budget

        Bars are the cash paid in each quarter (servers when installed, facility MW spread over their
        construction quarters), the line the cash paid so far in the year and the dashed steps the
        year's budget: where the line meets the steps the budget binds, and construction bars ahead of
        a year show a build drawing on the earlier year's money.
        """),
        code('''
cash = cash_by_quarter(R)
fig, ax = plt.subplots(figsize=(13, 4.6))
musd(cash[["servers", "facility construction"]]).plot.bar(stacked=True, ax=ax, width=0.8,
                                                          color=["tab:blue", "tab:orange"])
ax.plot(range(len(cash)), musd(cash["paid so far in the year"]), color="black", marker="o",
        label="paid so far in the year")
if cash["the year's budget"].notna().any():
    ax.step(range(len(cash)), musd(cash["the year's budget"].astype(float)), where="mid", color="tab:red",
            linestyle="--", label="the year's budget")
ax.set_ylabel("M USD (cash paid)")
ax.set_title("Cash paid per quarter against the year's budget")
ax.legend()
plt.tight_layout()
plt.show()
display(musd(cash).round(1))
'''),
        md("""
        ## Chip mix

        Left: servers installed per chip at the end of each quarter; right: the share of busy servers
        (average load ÷ throughput) on domestic versus imported chips per region — a region leaning on
        NVIDIA is the one most exposed to export-control scenarios.
        """),
        code('''
installed = R["servers"].pivot_table(index="quarter", columns="chip", values="installed", aggfunc="sum",
                                     fill_value=0).sort_index()
fig, (ax, ay) = plt.subplots(1, 2, figsize=(14, 4.8), gridspec_kw={"width_ratios": [3, 2]})
installed.plot.bar(stacked=True, ax=ax, width=0.8)
ax.set_title("Servers installed by chip")
ax.set_xlabel("quarter")
ax.set_ylabel("servers")

by_group = R["flows_busy"].groupby(["region", "group"])["busy_avg"].sum().unstack("group", fill_value=0.0)
share = by_group.div(by_group.sum(axis=1), axis=0)
colors = {"domestic": "tab:red", "NVIDIA": "tab:green"}
share.plot.barh(stacked=True, ax=ay, color=[colors.get(c, "tab:gray") for c in share.columns])
ay.set_xlim(0, 1)
ay.set_title("Share of busy servers, domestic vs imported")
ay.set_xlabel("share of busy servers (whole horizon)")
plt.tight_layout()
plt.show()
display((share * 100).round(1).add_suffix(" %"))
'''),
        md("""
        ## Cost per million inferences

        Bars are the all-in cost (amortized server and facility capex plus energy) per million
        inferences served, by region, site and chip, against the plan-wide figure (dashed); since one
        LLM chat costs about a thousand embeddings, a site or chip serving mostly LLM traffic (or
        almost nothing, like idle existing servers) sits far above the line without being wasteful.
        """),
        code('''
overall = S.get("usd_per_million_inferences")
parts = [("region", S.get("usd_per_million_inferences_by_region") or {}),
         ("site", S.get("usd_per_million_inferences_by_site") or {}),
         ("chip", S.get("usd_per_million_inferences_by_chip") or {})]
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5), gridspec_kw={"width_ratios": [5, 9, 3]})
for ax, (what, values) in zip(axes, parts):
    s = pd.Series(values, dtype=float)
    scale = ""
    if s.empty:
        ax.text(0.5, 0.5, f"no usd_per_million_inferences_by_{what}\\nin summary.json", ha="center",
                va="center", transform=ax.transAxes)
    else:
        s.plot.bar(ax=ax, color="tab:blue")
        positive = s[s > 0]
        if len(positive) and positive.max() > 30 * positive.min():
            ax.set_yscale("log")  # a site or chip that serves almost nothing dwarfs the rest
            scale = " (log scale)"
    if overall is not None:
        ax.axhline(overall, color="black", linestyle="--", linewidth=1, label=f"plan {overall:.3f}")
        ax.legend()
    ax.set_title(f"USD per million inferences by {what}{scale}")
    ax.set_xlabel(what)
    ax.set_ylabel("USD / M inferences")
plt.tight_layout()
plt.show()
'''),
        md("""
        ## Power

        IT power used (solid) against built (dashed) per site: where the lines meet the site is at its
        power limit and more load there needs a facility expansion, a wide gap is built power idle.
        """),
        code('''
fac = R["facility"].sort_values("quarter")
sites = list(fac.groupby("site")["it_mw_built"].max().sort_values(ascending=False).index)
ncol = 3
nrow = max(1, -(-len(sites) // ncol))
fig, axes = plt.subplots(nrow, ncol, figsize=(14, 2.6 * nrow), sharex=True, squeeze=False)
for ax, site in zip(axes.flat, sites):
    d = fac[fac["site"] == site]
    ax.plot(d["quarter"], d["it_mw_used"], color="tab:blue", label="used")
    ax.plot(d["quarter"], d["it_mw_built"], color="tab:red", linestyle="--", label="built")
    ax.set_title(site)
    ax.set_ylabel("IT MW")
    ax.set_ylim(bottom=0)
    ax.tick_params(axis="x", labelrotation=90)
for ax in list(axes.flat)[len(sites):]:
    ax.set_visible(False)
axes.flat[0].legend()
fig.suptitle("IT power used vs built per site")
plt.tight_layout()
plt.show()
'''),
        md("""
        ## Utilisation

        Average utilisation of installed servers (busy servers ÷ installed, busy = average load ÷
        throughput) per site and quarter: the policy's target utilisation caps the peak, so a healthy
        cell sits near target × average/peak demand, and cells well below their row (or 0 %) are
        servers bought ahead of demand or stranded at a site.
        """),
        code('''
U = utilisation(R)
by_site = U.groupby(["site", "quarter"])[["busy_avg", "installed"]].sum()
heat = (by_site["busy_avg"] / by_site["installed"]).unstack("quarter").sort_index()
target = R["policy"].get("target_utilization")
fig, ax = plt.subplots(figsize=(14, 0.45 * len(heat) + 1.8))
im = ax.imshow(heat.values, aspect="auto", cmap="viridis", vmin=0, vmax=max(1.0, float(heat.max().max())))
ax.set_xticks(range(heat.shape[1]), heat.columns, rotation=90)
ax.set_yticks(range(heat.shape[0]), heat.index)
ax.grid(False)
for i in range(heat.shape[0]):
    for j in range(heat.shape[1]):
        v = heat.iat[i, j]
        if pd.notna(v):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7,
                    color="white" if v < 0.6 else "black")
fig.colorbar(im, ax=ax, label="busy / installed (average load)")
ax.set_title("Average utilisation of installed servers by site and quarter"
             + (f" (policy target at peak: {target:.0%})" if target is not None else ""))
plt.tight_layout()
plt.show()

print("Utilisation per site and chip over the horizon (busy / installed, average and peak load):")
tot = U.groupby(["site", "chip"])[["busy_avg", "busy_peak", "installed"]].sum()
display(pd.DataFrame({"avg": tot["busy_avg"] / tot["installed"], "peak": tot["busy_peak"] / tot["installed"]})
        .unstack("chip").round(2))
'''),
        md("""
        ## Unmet demand

        Bars are inferences the plan could not serve, by quarter and region (cells with less than a
        millionth of their peak unmet are LP round-off and are left out); any bar here means a region is short, and
        the binding limits in the headline section say which constraint stopped it.
        """),
        code('''
unmet = real_unmet(R)
fig, ax = plt.subplots(figsize=(12, 4))
if unmet.empty:
    ax.text(0.5, 0.5, "no unmet demand: every region is fully served", ha="center", va="center",
            transform=ax.transAxes, fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])
else:
    u = unmet.pivot_table(index="quarter", columns="region", values="unmet_inferences", aggfunc="sum",
                          fill_value=0.0)
    horizon = sorted(set(R["demand"]["quarter"]) | set(R["flows"]["quarter"]) | set(u.index))
    u.reindex(horizon, fill_value=0.0).plot.bar(stacked=True, ax=ax, width=0.8)
    ax.set_ylabel("unmet inferences")
    ax.set_xlabel("quarter")
ax.set_title("Unmet demand by quarter and region")
plt.tight_layout()
plt.show()

regions = pd.DataFrame(S.get("regions") or [])
if not regions.empty:
    regions = regions.set_index("region")
    total = regions["served_inferences"] + regions["unmet_inferences"]
    regions["unmet_inferences"] = [shown(u, t) for u, t in zip(regions["unmet_inferences"], total)]
    regions["unmet %"] = 100 * regions["unmet_inferences"] / total
    display(regions[[c for c in ("short", "served_inferences", "unmet_inferences", "unmet %") if c in regions]])
if not unmet.empty:
    print("Largest shortfalls by region and workload (inferences):")
    display(unmet.groupby(["region", "workload"])["unmet_inferences"].sum().sort_values(ascending=False).head(10))
'''),
    ]
    return cells


# ---------------------------------------------------------------------------------------------
# whatif-comparison.ipynb
# ---------------------------------------------------------------------------------------------

def whatif_comparison():
    cells = [
        md("""
        # What-if comparison: several plan runs side by side

        Lines up the headline figures of several `dcplan plan` run folders and plots how they differ:
        capex by site and by chip, cost per inference and unmet demand.  The first run is the
        baseline the differences are taken against.  Set `RUNS` in the first code cell, or start
        Jupyter with `DCPLAN_RUNS=<run>:<run>:...` (folders separated by `:`); by default the three
        newest folders under `runs/` are compared, oldest first.
        """),
        code('''
import os
from pathlib import Path

# The run folders to compare, baseline first: set DCPLAN_RUNS (folders separated by os.pathsep, ':'
# on Linux), or list paths here; empty means the three newest folders under runs/, oldest first.
RUNS = [r.strip() for r in os.environ.get("DCPLAN_RUNS", "").split(os.pathsep) if r.strip()]


''' + FIND_RUNS + '''


RUNS = RUNS or newest_runs(3)
if not RUNS:
    raise NotARunFolder(f"not a run folder: {REPO / 'runs'} holds no runs (expected summary.json and "
                        f"plan/flows.csv; make one with bin/dcplan plan --models models --demand "
                        f"<demand.csv> --out runs/<name>)")
RUNS = [check_run_folder(r) for r in RUNS]
# a hedged run (dcplan hedge) takes part by its futures, one column each (<folder>/<future>, central first)
HEDGED = [p for p in RUNS if is_hedged(p)]
PAIRS = []
for p in RUNS:
    PAIRS += [(f"{p.name}/{name}", f.resolve()) for name, f in hedged_futures(p)] if is_hedged(p) else [(p.name, p)]
RUNS = [p for _, p in PAIRS]

# short, unique labels: the folder name, or parent/name when two folders share a name
LABELS = [label for label, _ in PAIRS]
LABELS = [f"{p.parent.name}/{label}" if LABELS.count(label) > 1 else label for label, p in PAIRS]
for i, (label, p) in enumerate(zip(LABELS, RUNS)):
    print(f"{'baseline' if i == 0 else 'what-if '} {label}: {p}")
BASE = LABELS[0]
'''),
        code(LOAD_RUN + '''


RS = {label: load_run(p) for label, p in zip(LABELS, RUNS)}


def headline(r):
    s = r["summary"]
    cost = s.get("cost_usd", {})
    busy = r["flows_busy"].groupby("group")["busy_avg"].sum()
    last_q = r["servers"]["quarter"].max()
    fac_last = r["facility"][r["facility"]["quarter"] == r["facility"]["quarter"].max()]
    served, unmet = s.get("served_inferences", 0.0), s.get("unmet_inferences", 0.0)
    return {
        "total cost (M USD)": musd(s.get("total_cost_usd", float("nan"))),
        "server capex amortized (M USD)": musd(cost.get("server_capex_amortized", float("nan"))),
        "facility capex amortized (M USD)": musd(cost.get("facility_capex_amortized", float("nan"))),
        "energy (M USD)": musd(cost.get("energy", float("nan"))),
        "USD per million inferences (blended, all workloads)": s.get("usd_per_million_inferences", float("nan")),
        **{f"USD per M inferences: {w}": v for w, v in (s.get("usd_per_million_inferences_by_workload") or {}).items()},
        **{f"USD per M tokens: {w}": v for w, v in (s.get("usd_per_million_tokens_by_workload") or {}).items()},
        "capex committed (M USD)": musd(capex_by_site_quarter(r).sum()),
        "servers installed at the end": r["servers"].loc[r["servers"]["quarter"] == last_q, "installed"].sum(),
        "IT MW built at the end": fac_last["it_mw_built"].sum(),
        "served inferences (1e12)": served / 1e12,
        "unmet inferences": shown(unmet, served + unmet),
        "unmet %": 100 * shown(unmet, served + unmet) / (served + unmet) if served + unmet else 0.0,
        "domestic share of busy servers %": 100 * busy.get("domestic", 0.0) / busy.sum() if busy.sum() else float("nan"),
        "binding limits": len(s.get("binding_limits") or []),
        "servers kept from the baseline": r["held"]["added"].sum(),
        "servers stranded by a ban (most in a quarter)": (r["stranded"].groupby("quarter")["servers"].sum().max()
                                                          if len(r["stranded"]) else 0),
        "solve seconds": s.get("solve_seconds", float("nan")),
    }


def about(r):
    s = r["summary"]
    w = s.get("what_if") or {}
    made = ("-" if not w else "hindsight (every quarter re-planned)" if w.get("mode") == "hindsight"
            else f"at {w.get('decided_until')}, keeping the baseline's commitments")
    return {"scenario": s.get("scenario"), "feasible": s.get("feasible"), "stopped early": s.get("stopped_early"),
            "what-if made": made,
            "short regions": ", ".join(x.get("region", "?") for x in s.get("short_regions") or []) or "-",
            "inputs sha256": str(s.get("inputs_sha256", ""))[:12]}
'''),
        md("""
        ## Headline figures

        One column per run; the `Δ` columns are each what-if minus the baseline (first run), so a
        negative Δ in cost or unmet demand is an improvement.  Runs with different `inputs sha256`
        planned different inputs (demand, models or scenario).  A `dcplan whatif` run says how it was
        made: at a quarter, keeping what its baseline had committed before it (`held.csv`; servers a
        ban leaves idle are in `stranded.csv`), or in hindsight (`--replan-all`).
        """),
        code('''
display(pd.DataFrame({label: about(r) for label, r in RS.items()}))
H = pd.DataFrame({label: headline(r) for label, r in RS.items()})
for label in LABELS[1:]:
    H[f"Δ {label}"] = H[label] - H[BASE]
display(H)
'''),
        md("""
        ## Hedged runs: futures and commitments

        Only for hedged run folders (`dcplan hedge`) among those compared, whose futures are the
        columns above: the commitments every future shares before the decision quarter (what to do
        now), each future's probability and cost under the hedged plan beside its own plan made alone
        and the plan keeping the central future's commitments, and EVPI and VSS.  In the bars, the gap
        between a future's hedged cost and its own plan alone is what holding up in the other futures
        costs it.
        """),
        code(HEDGE_SECTION + '''


if not HEDGED:
    print("no hedged run among these folders: no futures or shared commitments to show")
for p in HEDGED:
    print(f"--- {p.name}")
    describe_hedge(load_hedge(p))
'''),
        md("""
        ## Capex by site

        Left: capex committed over the horizon (servers plus facility) per site and run; right: the
        difference from the baseline — bars above zero are sites where the what-if spends more.
        """),
        code('''
def diff_plot(table, what, unit):
    """Grouped bars per run (left) and what-if minus baseline (right)."""
    table = table.fillna(0.0)
    table = table.loc[table.abs().max(axis=1).sort_values(ascending=False).index]
    fig, (ax, ay) = plt.subplots(1, 2, figsize=(15, 4.8))
    table.plot.bar(ax=ax, width=0.8)
    ax.set_title(f"{what} per run")
    ax.set_ylabel(unit)
    if len(table.columns) > 1:
        delta = table.drop(columns=BASE).sub(table[BASE], axis=0)
        delta.plot.bar(ax=ay, width=0.8)
        ay.axhline(0, color="black", linewidth=0.8)
        ay.set_title(f"{what}: what-if minus baseline ({BASE})")
        ay.set_ylabel(unit)
    else:
        ay.text(0.5, 0.5, "only one run: nothing to compare", ha="center", va="center", transform=ay.transAxes)
        ay.set_axis_off()
    plt.tight_layout()
    plt.show()


site_capex = pd.DataFrame({label: musd(capex_by_site_quarter(r).groupby("site").sum()) for label, r in RS.items()})
diff_plot(site_capex, "Capex by site", "M USD")
'''),
        md("""
        ## Capex by chip

        Server capex only (facility capex is shared by all chips at a site), per chip and run, and its
        difference from the baseline; a shift from NVIDIA to domestic chips shows as bars of opposite
        sign.
        """),
        code('''
chip_capex = pd.DataFrame({label: musd(r["servers"].groupby("chip")["capex_usd"].sum()) for label, r in RS.items()})
diff_plot(chip_capex, "Server capex by chip", "M USD")
'''),
        md("""
        ## Cost per inference

        All-in USD per million inferences served, plan-wide (left) and per region (right); a run whose
        bars sit lower serves the same kind of demand more cheaply, but read it together with unmet
        demand below — unserved demand costs nothing.
        """),
        code('''
overall = pd.Series({label: r["summary"].get("usd_per_million_inferences", float("nan")) for label, r in RS.items()})
by_region = pd.DataFrame({label: pd.Series(r["summary"].get("usd_per_million_inferences_by_region") or {}, dtype=float)
                          for label, r in RS.items()})
fig, (ax, ay) = plt.subplots(1, 2, figsize=(15, 4.5), gridspec_kw={"width_ratios": [1, 3]})
overall.plot.bar(ax=ax, color=[f"C{i}" for i in range(len(overall))])
ax.set_title("USD per million inferences, whole plan")
ax.set_ylabel("USD / M inferences")
by_region.plot.bar(ax=ay, width=0.8)
ay.set_title("USD per million inferences by region")
ay.set_ylabel("USD / M inferences")
plt.tight_layout()
plt.show()
display(by_region.assign(**{f"Δ {l}": by_region[l] - by_region[BASE] for l in LABELS[1:]}))
'''),
        md("""
        ## Cost per workload

        USD per million inferences per workload and run (log scale), and the difference from the
        baseline in the table: the plan-wide figure above blends workloads about a thousand times
        apart, so a what-if that shifts the mix moves it without any workload getting dearer.
        """),
        code('''
by_workload = pd.DataFrame({label: pd.Series(r["summary"].get("usd_per_million_inferences_by_workload") or {}, dtype=float)
                            for label, r in RS.items()})
fig, ax = plt.subplots(figsize=(12, 4.2))
if by_workload.dropna(how="all").empty:
    ax.text(0.5, 0.5, "no usd_per_million_inferences_by_workload in these summary.json files",
            ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
else:
    by_workload.plot.bar(ax=ax, width=0.8, logy=True)
    ax.set_ylabel("USD / M inferences")
ax.set_title("USD per million inferences by workload and run (log scale)")
plt.tight_layout()
plt.show()
display(by_workload.assign(**{f"Δ {l}": by_workload[l] - by_workload[BASE] for l in LABELS[1:]}))
tokens = pd.DataFrame({label: pd.Series(r["summary"].get("usd_per_million_tokens_by_workload") or {}, dtype=float)
                       for label, r in RS.items()})
if not tokens.empty:
    print("USD per million tokens (workloads with tokens_per_inference):")
    display(tokens)
'''),
        md("""
        ## Unmet demand

        Inferences left unserved per region and run (cells with less than a millionth of their peak
        unmet are LP round-off and are left out); a what-if with new bars here trades cost for shortfall, and its
        `short regions` row above names the regions.
        """),
        code('''
unmet = pd.DataFrame({label: real_unmet(r).groupby("region")["unmet_inferences"].sum() for label, r in RS.items()},
                     columns=LABELS)
regions = sorted(set().union(*(set(r["summary"].get("usd_per_million_inferences_by_region") or {}) for r in RS.values()))
                 | set(unmet.index))
unmet = unmet.reindex(regions).fillna(0.0)
fig, ax = plt.subplots(figsize=(12, 4.2))
if (unmet.values > 0).any():
    unmet.plot.bar(ax=ax, width=0.8)
    ax.set_ylabel("unmet inferences")
else:
    ax.text(0.5, 0.5, "no unmet demand in any run", ha="center", va="center", transform=ax.transAxes, fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])
ax.set_title("Unmet demand by region and run")
plt.tight_layout()
plt.show()
display(unmet)
'''),
    ]
    return cells


def notebook(cells):
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"  # stable ids: regenerating gives the same file
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


NOTEBOOKS = {
    "allocation-review.ipynb": allocation_review,
    "whatif-comparison.ipynb": whatif_comparison,
}


def main(argv):
    check = "--check" in argv
    stale = []
    for name, make in NOTEBOOKS.items():
        text = notebook(make())
        path = HERE / name
        if check:
            if not path.is_file() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
            print(f"wrote {path}")
    if stale:
        print(f"notebooks differ from build_notebooks.py (run /usr/bin/python3 notebooks/build_notebooks.py): "
              f"{', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

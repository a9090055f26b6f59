"""Rows of the benchmark table: a figure, the baseline measured beside it, their ratio, a target.

Every row carries the medians of its runs, the raw runs (in the JSON), and the ratio the issue
asks about, stated the way the target reads: "≥ 4× faster" rows divide the baseline's time by
SealDesk's; "≤ 1.5× the time of" rows divide SealDesk's time by the baseline's; absolute targets
(milliseconds, megabytes) are checked as they are, against the target.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    section: str
    name: str
    figure: str
    baseline: str = ""
    ratio: float | None = None
    ratio_text: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""
    runs: dict[str, list[float]] = field(default_factory=dict)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def speedup_row(
    section: str, name: str, *, count: int, unit: str, ours: list[float], base: list[float],
    base_name: str, target: float | None = None, note: str = "",
    ours_cpu: list[float] | None = None, base_cpu: list[float] | None = None,
) -> Row:
    """SealDesk vs baseline as throughput (``count`` items per run); ratio = baseline / ours.

    With CPU times, each side also shows its CPU milliseconds per item: the wall clock moves
    with the machine's load, CPU time much less.
    """
    ours_s, base_s = median(ours), median(base)
    ratio = base_s / ours_s
    ours_text, base_text = f"{count / ours_s:,.1f} {unit}/s", f"{count / base_s:,.1f} {unit}/s"
    runs = {"sealdesk_s": ours, "baseline_s": base}
    if ours_cpu and base_cpu:
        ours_text += f", {1000 * median(ours_cpu) / count:,.1f} ms CPU"
        base_text += f", {1000 * median(base_cpu) / count:,.1f} ms CPU"
        runs |= {"sealdesk_cpu_s": ours_cpu, "baseline_cpu_s": base_cpu}
    return Row(
        section, name, figure=ours_text, baseline=f"{base_name}: {base_text}",
        ratio=ratio, ratio_text=f"{ratio:.2f}× faster" if ratio >= 1 else f"{ratio:.2f}× (slower)",
        target=f"≥ {target:g}×" if target else "",
        met=None if target is None else ratio >= target,
        note=note, runs=runs,
    )


def slowdown_row(
    section: str, name: str, *, ours: list[float], base: list[float], base_name: str,
    target: float | None = None, note: str = "",
) -> Row:
    """SealDesk's time as a multiple of the baseline's; ratio = ours / baseline."""
    ours_s, base_s = median(ours), median(base)
    ratio = ours_s / base_s
    return Row(
        section, name,
        figure=f"{ours_s:.2f} s", baseline=f"{base_name}: {base_s:.2f} s",
        ratio=ratio, ratio_text=f"{ratio:.2f}× the time",
        target=f"≤ {target:g}×" if target else "",
        met=None if target is None else ratio <= target,
        note=note, runs={"sealdesk_s": ours, "baseline_s": base},
    )


def limit_row(
    section: str, name: str, *, values: list[float], unit: str, limit: float | None,
    baseline: str = "", fmt: Callable[[float], str] = lambda v: f"{v:,.2f}", note: str = "",
) -> Row:
    """An absolute figure against an absolute target (at most ``limit``)."""
    value = median(values)
    return Row(
        section, name, figure=f"{fmt(value)} {unit}", baseline=baseline,
        ratio=None if limit is None else value / limit,
        ratio_text="" if limit is None else f"{value / limit:.2f} of target",
        target="" if limit is None else f"≤ {fmt(limit)} {unit}",
        met=None if limit is None else value <= limit, note=note, runs={"values": values},
    )


def missing_row(section: str, name: str, why: str) -> Row:
    return Row(section, name, figure="—", note=why)


def render(rows: Sequence[Row]) -> str:
    """A fixed-width table, one line per row, grouped by section."""
    head = ("", "SealDesk", "baseline (same run, same files)", "ratio", "target", "")
    lines = []
    cells = [head] + [
        (f"  {r.name}", r.figure, r.baseline, r.ratio_text, r.target,
         {True: "met", False: "NOT MET", None: ""}[r.met]) for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(cell: tuple[str, ...]) -> str:
        return "  ".join(text.ljust(width) for text, width in zip(cell, widths, strict=True))

    lines.append(line(head).rstrip())
    section = None
    for row, cell in zip(rows, cells[1:], strict=True):
        if row.section != section:
            section = row.section
            lines.append(f"{section}")
        lines.append(line(cell).rstrip() + (f"   ({row.note})" if row.note else ""))
    return "\n".join(lines)


def render_markdown(saved: dict[str, object]) -> str:
    """The table of a results file as Markdown (the README's "Performance" table)."""
    lines = ["| | SealDesk | baseline (same run, same files) | ratio | target | |",
             "| --- | --- | --- | --- | --- | --- |"]
    section = None
    for row in saved["rows"]:  # type: ignore[attr-defined]
        if row["section"] != section:
            section = row["section"]
            lines.append(f"| **{section}** | | | | | |")
        verdict = {True: "met", False: "**not met**", None: ""}[row["met"]]
        name = row["name"] + (f" ({row['note']})" if row["note"] else "")
        lines.append(f"| {name} | {row['figure']} | {row['baseline']} | {row['ratio_text']} | "
                     f"{row['target']} | {verdict} |")
    return "\n".join(lines)


def write_json(path: Path, rows: Sequence[Row], meta: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "rows": [asdict(r) for r in rows]}, indent=2,
                               ensure_ascii=False) + "\n")

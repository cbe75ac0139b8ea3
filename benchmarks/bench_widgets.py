"""Benchmark: how long each lesson widget takes to answer a change of one of its controls.

Every widget is built as its lesson builds it; then every control (dropdowns, sliders, range
sliders, check boxes, radio buttons, text boxes, buttons) is moved through a few values in
turn, and each change is timed until its callbacks return (ipywidgets runs observers
synchronously). The baseline is a bare matplotlib redraw measured in the same run: a 7 x 4 inch
Agg figure with one axes, a title and 40 points, saved to PNG at 100 dpi.

Widgets cache their results per selection, so the first pass over the values (each value
seen for the first time, except the return to the starting value) and the later passes
(revisits) are reported apart. For each widget the script prints, in ms, the median of the first
pass and of the revisits, the ratio of the first-pass median to the baseline, and the slowest
control on the first pass with its median. Only controls with a callback are counted (a field
that is read when a button is pressed is not). Goals (issue 12): median <= 100 ms and <= 1.5 x
the bare redraw. Figures are printed, not asserted.

Usage::

    python benchmarks/bench_widgets.py               # every widget, 3 passes over the values
    python benchmarks/bench_widgets.py --rounds 5 --only TimelineExplorer

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

MEDIAN_GOAL_MS = 100.0
RATIO_GOAL = 1.5


def bare_redraw() -> None:
    """The baseline: one small matplotlib figure drawn and saved to PNG."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.0, 4.0))
    ax = figure.add_subplot()
    ax.scatter(range(40), [(i * 7) % 13 for i in range(40)])
    ax.set_title("Baseline")
    figure.savefig(io.BytesIO(), format="png", dpi=100, bbox_inches="tight")


def build_widgets() -> dict[str, Callable[[], Any]]:
    """Widget name -> how its lesson builds it."""
    import tempfile

    from smallstate import course_evidence
    from smallstate.analysis import asean
    from smallstate.analysis.timeline import relation_acts
    from smallstate.widgets import (
        CodingWorkbench,
        ConceptBrowser,
        DisagreementExplorer,
        FoipComparer,
        FoipWeighting,
        ForeignMinisterGame,
        MechanismsExplorer,
        ScopeSwitch,
        StrategyBuilder,
        ThreatExplorer,
        TimelineExplorer,
        VerdictMatrix,
    )

    return {
        "ConceptBrowser": ConceptBrowser,
        "ThreatExplorer": ThreatExplorer,
        "StrategyBuilder": StrategyBuilder,
        "TimelineExplorer": lambda: TimelineExplorer(relation_acts()),
        "DisagreementExplorer": lambda: DisagreementExplorer(
            course_evidence("evidence_seeds"),
            case=("KHM", "CHN", "all", "2013-2016"),
            framework="leng",
        ),
        "FoipComparer": FoipComparer,
        "FoipWeighting": FoipWeighting,
        "MechanismsExplorer": MechanismsExplorer,
        "ScopeSwitch": lambda: ScopeSwitch(asean.scope_switch()),
        # Saved codings go to a throw-away class folder, not the working directory.
        "CodingWorkbench": lambda: CodingWorkbench(folder=tempfile.mkdtemp(prefix="bench-class-")),
        "VerdictMatrix": VerdictMatrix,
        # the runs it saves go to a temporary folder; a click after the last turn does nothing
        "ForeignMinisterGame": lambda: ForeignMinisterGame(
            "philippines-2012-2024", runs_dir=tempfile.mkdtemp()
        ),
    }


def _controls(obj: Any) -> Iterator[tuple[str, Any]]:
    """The widget's interactive controls, found among its attributes (and dicts/lists of them)."""
    import ipywidgets as w

    kinds = (w.ValueWidget, w.Button)
    outputs = (w.HTML, w.Label, w.Image, w.HTMLMath, w.Output)
    seen: set[int] = set()

    def walk(name: str, value: Any, depth: int) -> Iterator[tuple[str, Any]]:
        if isinstance(value, kinds) and not isinstance(value, outputs):
            if id(value) not in seen and not getattr(value, "disabled", False):
                seen.add(id(value))
                yield name, value
        elif depth < 2 and isinstance(value, dict):
            for key, item in value.items():
                yield from walk(f"{name}[{key}]", item, depth + 1)
        elif depth < 2 and isinstance(value, list | tuple):
            for key, item in enumerate(value):
                yield from walk(f"{name}[{key}]", item, depth + 1)

    for name, value in vars(obj).items():
        yield from walk(name, value, 0)


def _values(control: Any) -> list[Any]:
    """A few values to move one control through (ending where it started)."""
    import ipywidgets as w

    start = getattr(control, "value", None)
    if isinstance(control, w.Button):
        return [None] * 4
    if isinstance(control, w.Checkbox | w.ToggleButton):
        return [not start, start] * 2
    if isinstance(control, w.IntRangeSlider | w.FloatRangeSlider):
        lo, hi = control.min, control.max
        span = hi - lo
        windows = [(lo, hi), (lo + span // 2, hi), (lo, lo + span // 2), (hi - span // 4, hi)]
        return [tuple(map(int, v)) for v in windows if tuple(v) != tuple(start)] + [start]
    if isinstance(control, w.IntSlider | w.FloatSlider):
        lo, hi = control.min, control.max
        return [v for v in (lo, hi, (lo + hi) // 2) if v != start] + [start]
    if isinstance(control, w.Text | w.Textarea):
        return ["hedg", "balancing", "soft", "", start]
    if hasattr(control, "options"):
        options = list(control.options)
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        if isinstance(control, w.SelectMultiple):
            return [tuple(values[:1]), tuple(values[:2]), start]
        others = [v for v in values if v != start][:4]
        return [*others, start]
    return []


def _has_callback(control: Any) -> bool:
    if hasattr(control, "_click_handlers"):
        return bool(control._click_handlers.callbacks)
    notifiers = control._trait_notifiers.get("value", {})
    return bool(notifiers.get("change")) or bool(notifiers.get("all"))


def time_widget(
    build: Callable[[], Any], rounds: int
) -> tuple[dict[str, list[float]], list[float]]:
    """Seconds per change on the first pass, by control; and every revisit's seconds."""
    widget = build()
    first: dict[str, list[float]] = {}
    revisits: list[float] = []
    for round_ in range(rounds):
        for name, control in _controls(widget):
            if not _has_callback(control):
                continue
            values = _values(control)
            for i, value in enumerate(values):
                t0 = time.perf_counter()
                if value is None and hasattr(control, "click"):
                    control.click()
                else:
                    control.value = value
                elapsed = time.perf_counter() - t0
                is_new = round_ == 0 and (i < len(values) - 1 or isinstance(control, w_button()))
                if is_new:
                    first.setdefault(name, []).append(elapsed)
                else:
                    revisits.append(elapsed)
    return first, revisits


def w_button() -> type:
    import ipywidgets

    return ipywidgets.Button


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over each control's values")
    parser.add_argument("--only", nargs="*", help="widget class names")
    args = parser.parse_args()

    from smallstate.plots import set_theme

    set_theme()
    bare_redraw()  # warm up matplotlib's font cache
    widgets = build_widgets()
    names = args.only or list(widgets)
    baseline: list[float] = []
    results = {}
    for name in names:
        baseline += [_timed(bare_redraw) for _ in range(5)]
        results[name] = time_widget(widgets[name], args.rounds)
        baseline += [_timed(bare_redraw) for _ in range(5)]
    base_ms = statistics.median(baseline) * 1000
    print(f"bare matplotlib redraw (baseline): median {base_ms:.1f} ms over {len(baseline)} runs")
    print(
        f"{'widget':<22}{'first':>6}{'median ms':>10}{'ratio':>7}{'revisit ms':>11}"
        f"{'slowest control':>30}{'its ms':>8}  goal (first pass)"
    )
    for name, (timings, revisits) in results.items():
        every = [t for ts in timings.values() for t in ts]
        median_ms = statistics.median(every) * 1000
        again = statistics.median(revisits) * 1000 if revisits else float("nan")
        slow_name, slow = max(timings.items(), key=lambda kv: statistics.median(kv[1]))
        ratio = median_ms / base_ms
        slow_ms = statistics.median(slow) * 1000
        # every callback: the slowest control's median must meet both goals
        ok = slow_ms <= MEDIAN_GOAL_MS and slow_ms / base_ms <= RATIO_GOAL
        print(
            f"{name:<22}{len(every):>6}{median_ms:>10.1f}{ratio:>7.2f}{again:>11.1f}"
            f"{slow_name:>30}{slow_ms:>8.1f}  {'met' if ok else 'MISSED'}"
        )
    print(
        f"goals: every control's first-pass median <= {MEDIAN_GOAL_MS:g} ms and <= "
        f"{RATIO_GOAL:g} x the bare redraw (judged on the slowest control)"
    )


def _timed(fn: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()

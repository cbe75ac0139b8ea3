"""One colour, one meaning: the hues of the palette belong to stances and verdict labels only.

Every figure function of the course is drawn and the colours of its artists are read back:
a figure about stances may use only stance hues, a figure about labels only label hues, and
every other figure (powers, funders, offers, scores, memberships, sources) only greys. A
figure that paints China in bandwagoning's red, say, fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from matplotlib.colors import to_hex

from smallstate.plots import LABEL_COLORS, OKABE_ITO, STANCE_COLORS
from smallstate.plots.figure import CourseFigure
from smallstate.plots.palette import colour_meanings

HUES = {c.lower() for c in OKABE_ITO[1:]}
STANCE_HUES = {c.lower() for c in STANCE_COLORS.values()}
LABEL_HUES = {c.lower() for c in LABEL_COLORS.values()} & HUES


def _colours(figure: CourseFigure) -> set[str]:
    """Every face, edge, line and marker colour drawn in the figure (after a draw)."""
    import numpy as np
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    figure.png()  # a draw fills the colours of mapped collections (heatmaps)
    found: set[str] = set()
    for artist in figure.figure.findobj():
        colours: list[Any] = []
        if isinstance(artist, Patch):
            colours += [artist.get_facecolor(), artist.get_edgecolor()]
        elif isinstance(artist, Collection):
            colours += list(np.asarray(artist.get_facecolor()).reshape(-1, 4))
            colours += list(np.asarray(artist.get_edgecolor()).reshape(-1, 4))
        elif isinstance(artist, Line2D):
            colours += [artist.get_color(), artist.get_markerfacecolor()]
            colours += [artist.get_markeredgecolor()]
        for colour in colours:
            try:
                found.add(to_hex(colour).lower())
            except (ValueError, TypeError):
                continue
    return found


def _figures() -> dict[str, tuple[Callable[[], CourseFigure], set[str]]]:
    """Figure name -> (how to draw it, the hues it may use)."""
    import pandas as pd

    from smallstate import course_evidence
    from smallstate.analysis.threat import Power, predict
    from smallstate.analysis.timeline import relation_acts
    from smallstate.plots.asean import plot_membership
    from smallstate.plots.foip import plot_offers, plot_scores
    from smallstate.plots.lineage import concept_timeline
    from smallstate.plots.projects import plot_projects
    from smallstate.plots.spectrum import plot_acts, plot_spectrum
    from smallstate.plots.threat import threat_chart
    from smallstate.plots.timeline import plot_timeline

    def region() -> CourseFigure:
        from smallstate.analysis.region import spectrum_positions
        from smallstate.plots.region import plot_region_spectrum

        return plot_region_spectrum(spectrum_positions())

    def trail() -> CourseFigure:
        from smallstate.plots.game import plot_trail
        from smallstate.simulation import Game, load_scenario

        game = Game("cambodia-2010-2025")
        for turn in load_scenario("cambodia-2010-2025").turns:
            game.choose(turn.options[0].id)
        return plot_trail(game.trail(), actual=game.trail())

    def collected() -> CourseFigure:
        import tempfile
        from pathlib import Path

        from smallstate.plots.simulation import plot_collected
        from smallstate.simulation import Game, collect_runs, load_scenario, save_run

        folder = Path(tempfile.mkdtemp(prefix="colour-runs-"))
        for pick in (0, 1):
            game = Game("cambodia-2010-2025")
            for turn in load_scenario("cambodia-2010-2025").turns:
                game.choose(turn.options[min(pick, len(turn.options) - 1)].id)
            save_run(game, folder / f"run{pick}.json")
        return plot_collected(collect_runs(folder))

    def votes() -> CourseFigure:
        from smallstate.plots.vote_measures import plot_vote_measures

        return plot_vote_measures("Cambodia", ["China", "United States", "Japan"])

    seeds = course_evidence("evidence_seeds")
    verdicts = pd.DataFrame(
        {"label": list(LABEL_COLORS), "position": [0.1 * i - 0.5 for i in range(len(LABEL_COLORS))]}
    )
    return {
        "spectrum": (lambda: plot_spectrum(verdicts, names=list(LABEL_COLORS)), LABEL_HUES),
        "acts by stance, split by scope": (lambda: plot_acts(seeds), set()),  # greys, hatches
        "timeline": (lambda: plot_timeline(relation_acts()), STANCE_HUES),
        "threat": (
            lambda: threat_chart(predict(Power("A", 8, 9, 7, 6), Power("B", 9, 2, 8, 3))),
            set(),
        ),
        "offers": (plot_offers, set()),
        "scores": (plot_scores, set()),
        "projects": (plot_projects, set()),
        "membership": (lambda: plot_membership("ARF"), set()),
        "concept lineage": (concept_timeline, set()),
        "regional spectrum": (region, LABEL_HUES),
        "game trail": (trail, LABEL_HUES),
        "a class's runs": (collected, LABEL_HUES),
        "UN-vote measures": (votes, set()),
    }


@pytest.mark.parametrize("name", list(_figures()))
def test_figure_uses_hues_only_for_their_meaning(name: str) -> None:
    draw, allowed = _figures()[name]
    figure = draw()
    try:
        colours = _colours(figure)
    finally:
        figure.close()
    hues = colours & HUES
    # the walk must have found the figure's colours, or "no wrong hue" would prove nothing
    assert colours, f"{name}: no colour found in the figure"
    if allowed:
        assert hues, f"{name}: none of its meaningful hues ({sorted(allowed)}) was found"
    wrong = sorted(hues - allowed)
    meanings = colour_meanings()
    assert not wrong, f"{name} uses {[(c, meanings.get(c.upper())) for c in wrong]}"


def test_every_hue_is_declared_once_in_the_palette() -> None:
    meanings = colour_meanings()
    assert {c.lower() for c in meanings} <= HUES
    assert len(set(STANCE_COLORS.values())) == len(STANCE_COLORS)
    # no figure colours by stance and by label at once, so the two families may share hues;
    # every other family is grey
    from smallstate.plots import DOMAIN_COLORS

    assert not {c.lower() for c in DOMAIN_COLORS.values()} & HUES

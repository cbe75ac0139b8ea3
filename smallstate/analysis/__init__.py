"""Analyses behind the lessons: computation only, no drawing.

One module per topic: ``disagreement`` (which single assumption flips a verdict), ``threat``
(Walt's and Schweller's predictions), ``foip`` (the versions of the FOIP), ``asean`` (ASEAN's
mechanisms), ``timeline`` (acts over time), ``lineage`` (where the concepts come from),
``projects`` (BRI and FOIP projects and figures), ``spectrum`` (cases on Kuik's spectrum).
Their figures live in :mod:`smallstate.plots`, under the same module names.
"""

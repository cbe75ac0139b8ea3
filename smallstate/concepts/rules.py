"""A concept's act rule: its operational criteria for one act, in a form a program can check.

The ``criteria`` column of ``concepts.csv`` says in words how to recognise a concept in the
evidence; for the concepts that describe single acts, the ``act_rule`` column says the hard
part of it as clauses over evidence columns, and ``instances`` lists the course's acts that the
sources themselves call by the concept's name. The test suite checks every instance against its
concept's rule, so the words, the rule and the codings cannot drift apart.

Grammar: clauses separated by ``;``, each ``column=value|value`` (the act's value is one of
these) or ``column!=value|value`` (it is none of them). Values are compared as text.

Examples
--------
>>> rule = parse_act_rule("stance=binding; aimed_at_target!=yes")
>>> act_failures(rule, {"stance": "binding", "aimed_at_target": "no"})
[]
>>> act_failures(rule, {"stance": "binding", "aimed_at_target": "yes"})
["aimed_at_target is 'yes'; the rule wants not yes"]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Clause", "act_failures", "parse_act_rule"]

_CLAUSE = re.compile(r"\s*([a-z_]+)\s*(!?=)\s*([^;]+?)\s*")


@dataclass(frozen=True)
class Clause:
    """One clause of an act rule: ``column`` is (or, if ``negated``, is not) one of ``values``."""

    column: str
    values: tuple[str, ...]
    negated: bool = False

    def holds(self, value: object) -> bool:
        """Whether an act's value satisfies the clause."""
        inside = str("" if value is None else value) in self.values
        return not inside if self.negated else inside

    def __str__(self) -> str:
        return f"{self.column}{'!=' if self.negated else '='}{'|'.join(self.values)}"


def parse_act_rule(text: str) -> tuple[Clause, ...]:
    """Parse an ``act_rule`` cell; an empty cell is the empty rule.

    Raises
    ------
    ValueError
        Naming the clause that does not follow the grammar.

    Examples
    --------
    >>> [str(c) for c in parse_act_rule("domain=economic|diplomatic; motive=gain")]
    ['domain=economic|diplomatic', 'motive=gain']
    >>> parse_act_rule("domain economic")
    Traceback (most recent call last):
    ...
    ValueError: clause 'domain economic' is not 'column=value|...' or 'column!=value|...'
    """
    clauses = []
    for part in (p for p in text.split(";") if p.strip()):
        match = _CLAUSE.fullmatch(part)
        if match is None:
            raise ValueError(
                f"clause {part.strip()!r} is not 'column=value|...' or 'column!=value|...'"
            )
        column, op, values = match.groups()
        clauses.append(Clause(column, tuple(v.strip() for v in values.split("|")), op == "!="))
    return tuple(clauses)


def act_failures(rule: tuple[Clause, ...], act: Mapping[str, object]) -> list[str]:
    """The clauses of ``rule`` that ``act`` (column -> value) breaks, said in words.

    Examples
    --------
    >>> act_failures(parse_act_rule("stance=deference"), {"stance": "binding"})
    ["stance is 'binding'; the rule wants deference"]
    """
    out = []
    for clause in rule:
        value = act.get(clause.column, "")
        if not clause.holds(value):
            wanted = ("not " if clause.negated else "") + " or ".join(clause.values)
            out.append(f"{clause.column} is {str(value)!r}; the rule wants {wanted}")
    return out

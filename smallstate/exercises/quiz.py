"""A multiple-choice widget for ``choice`` and ``label`` exercises, checked with ``check``.

Follows the course's widget contract: controls are attributes, the root is ``.widget``, the
result goes into ``feedback.value`` (HTML), never into an Output widget or ``print``.
CSS classes: ``ss-quiz-options``, ``ss-quiz-check``, ``ss-quiz-feedback``.

Besides the widget view, the quiz's display data holds a ``text/html`` fallback: a form that
checks the choice in the browser against the bank's salted hashes
(:mod:`smallstate.exercises.static_quiz`), so the quiz also works on the static course website,
which is configured to prefer it. JupyterLab prefers the widget view (its renderer ranks first).

Examples
--------
>>> q = quiz("L00.E1")
>>> q.options.value = "defiance"
>>> q.button.click()
>>> "correct" in q.feedback.value
True
"""

from __future__ import annotations

import html
from typing import Any

from smallstate.exercises.bank import exercise
from smallstate.exercises.static_quiz import static_quiz_html
from smallstate.widgets.base import CourseWidget

__all__ = ["Quiz", "quiz"]


class Quiz(CourseWidget):
    """RadioButtons + Check button + HTML feedback for one exercise.

    Attributes
    ----------
    exercise_id : str
    prompt : ipywidgets.HTML
    options : ipywidgets.RadioButtons
        Nothing selected at first (checking then reports "not attempted").
    button : ipywidgets.Button
    feedback : ipywidgets.HTML
    widget : ipywidgets.VBox
    """

    def __init__(self, exercise_id: str) -> None:
        import ipywidgets as widgets

        ex = exercise(exercise_id)
        if not ex.options:
            raise ValueError(f"{exercise_id} is a {ex.type} exercise without options: use check()")
        self.exercise_id = ex.id
        self.prompt = widgets.HTML(f"<p><strong>{ex.id}</strong> {html.escape(ex.prompt)}</p>")
        self.options = widgets.RadioButtons(
            options=list(ex.options), value=None, layout=widgets.Layout(width="max-content")
        )
        self.options.add_class("ss-quiz-options")
        self.button = widgets.Button(description="Check", tooltip=f"Check your answer to {ex.id}")
        self.button.add_class("ss-quiz-check")
        self.feedback = widgets.HTML("")
        self.feedback.add_class("ss-quiz-feedback")
        self.button.on_click(self._on_check)
        self.widget = widgets.VBox([self.prompt, self.options, self.button, self.feedback])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widget view (JupyterLab) plus the static HTML+JS form (the course website)."""
        data = dict(self.widget._repr_mimebundle_(**kwargs))
        data["text/html"] = static_quiz_html(exercise(self.exercise_id))
        return data

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)

    def _on_check(self, _button: Any = None) -> None:
        from smallstate.exercises.checking import check

        self.feedback.value = check(self.exercise_id, self.options.value)._repr_html_()


def quiz(exercise_id: str) -> Quiz:
    """Build the multiple-choice widget of a ``choice`` or ``label`` exercise."""
    return Quiz(exercise_id)

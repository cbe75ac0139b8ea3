"""A self-contained HTML+JS multiple-choice form: the quiz on a static page (the course website).

:class:`~smallstate.exercises.quiz.Quiz` displays as an ipywidgets view in JupyterLab and
carries this form as its ``text/html`` fallback. A static page has no kernel, so the form
checks the chosen option in the browser, exactly as :func:`~smallstate.exercises.checking.check`
does in Python: normalise the option (``normalise_text`` or ``normalise_label``), hash
``salt|key`` with SHA-256 (``crypto.subtle``, which needs a secure context: https, ``file://``
or ``http://127.0.0.1``) and compare with the bank's hashes. The page holds the salt, the
hashes and the feedback boxes keyed by hash: never the plain answer, nor which option is
right. The output is deterministic (element ids come from the exercise id).

CSS classes: ``ss-squiz``, ``ss-squiz-options``, ``ss-squiz-check``, ``ss-squiz-feedback``.

Examples
--------
>>> from smallstate.exercises.bank import exercise
>>> page = static_quiz_html(exercise("L00.E1"))
>>> 'class="ss-squiz"' in page and exercise("L00.E1").salt in page
True
>>> "defiance" in page  # an option, shown like every other option
True
>>> '"correct"' in page or "data-correct" in page
False
"""

from __future__ import annotations

import html
import json
import re

from smallstate.exercises.feedback import CheckResult
from smallstate.exercises.model import Exercise

__all__ = ["static_quiz_html"]

#: Shown until the script runs: JupyterLab strips scripts from untrusted output.
_INACTIVE = (
    "This quiz checks answers with JavaScript. In JupyterLab, run the cell to get the "
    "interactive quiz; on the course website, open the page over https (or locally)."
)
_NO_CRYPTO = (
    "This page cannot check answers here (the browser offers no SHA-256 on insecure pages): "
    "open it over https or as a local file, or use the quiz in JupyterLab."
)

# The checking script. Its normalisation mirrors smallstate.exercises.hashing:
#   text:  casefold, strip, collapse whitespace runs to one space
#   label: as text, then "-" and "_" act as spaces and words are joined with "_"
# and the digest is sha256 of the UTF-8 bytes of f"{salt}|{key}", in lowercase hex.
_SCRIPT = """(function () {
  var root = document.currentScript.parentElement;
  var data = JSON.parse(root.querySelector("script.ss-squiz-data").textContent);
  var feedback = root.querySelector(".ss-squiz-feedback");
  var inactive = root.querySelector(".ss-squiz-inactive");
  if (inactive) { inactive.remove(); }
  function words(value) {
    return String(value).toLowerCase().split(/\\s+/).filter(function (w) { return w; });
  }
  function key(value) {
    if (data.match === "label") {
      return words(String(value).replace(/[-_]/g, " ")).join("_");
    }
    return words(value).join(" ");
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  root.smallstateKey = key;
  root.querySelector(".ss-squiz-check").addEventListener("click", function () {
    var chosen = root.querySelector("input[type=radio]:checked");
    if (!chosen) { feedback.innerHTML = data.empty; return; }
    if (!(window.crypto && window.crypto.subtle)) { feedback.textContent = data.nocrypto; return; }
    var bytes = new TextEncoder().encode(data.salt + "|" + key(chosen.value));
    window.crypto.subtle.digest("SHA-256", bytes).then(function (buffer) {
      var digest = hex(buffer);
      if (data.answers.indexOf(digest) >= 0) { feedback.innerHTML = data.right; }
      else if (Object.prototype.hasOwnProperty.call(data.feedback, digest)) {
        feedback.innerHTML = data.feedback[digest];
      } else { feedback.innerHTML = data.wrong; }
    });
  });
})();"""


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no "</" or "<!--" can close or confuse it)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=True).replace("<", "\\u003c")


def static_quiz_html(ex: Exercise) -> str:
    """The static multiple-choice form of a ``choice`` or ``label`` exercise (HTML + JS).

    The feedback shown is the same HTML that ``check(...)`` shows in a notebook: "correct",
    the registered feedback of a common wrong option, or "Not quite" with the first hint.
    """
    if not ex.options:
        raise ValueError(f"{ex.id} is a {ex.type} exercise without options")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ex.id)
    base = f"ss-squiz-{slug}"
    hint = ex.hints[0] if ex.hints else ""
    data = {
        "id": ex.id,
        "match": ex.match,
        "salt": ex.salt,
        "answers": sorted(ex.answer_hashes),
        "feedback": {
            rule.answer_hash: CheckResult(ex.id, "incorrect", rule.message)._repr_html_()
            for rule in sorted(ex.feedback, key=lambda rule: rule.answer_hash)
        },
        "right": CheckResult(ex.id, "correct", "Correct, well done.")._repr_html_(),
        "wrong": CheckResult(
            ex.id,
            "incorrect",
            "Not quite. The answer is one of: " + ", ".join(ex.options) + ".",
            hint,
        )._repr_html_(),
        "empty": CheckResult(
            ex.id, "not attempted", "Not attempted yet: choose an option, then Check.", hint
        )._repr_html_(),
        "nocrypto": _NO_CRYPTO,
    }
    options = "\n".join(
        f'<label style="display: block;"><input type="radio" name="{base}" '
        f'id="{base}-{k}" value="{html.escape(option)}"> {html.escape(option)}</label>'
        for k, option in enumerate(ex.options)
    )
    return (
        f'<div class="ss-squiz" id="{base}" data-exercise="{html.escape(ex.id)}">\n'
        f"<p><strong>{html.escape(ex.id)}</strong> {html.escape(ex.prompt)}</p>\n"
        f'<fieldset class="ss-squiz-options" aria-label="Options for {html.escape(ex.id)}" '
        f'style="border: none; padding: 0;">\n'
        f"{options}\n</fieldset>\n"
        f'<button type="button" class="ss-squiz-check">Check</button>\n'
        f'<p class="ss-squiz-inactive"><em>{html.escape(_INACTIVE)}</em></p>\n'
        f'<div class="ss-squiz-feedback" id="{base}-feedback" aria-live="polite"></div>\n'
        f'<script type="application/json" class="ss-squiz-data">{_script_json(data)}</script>\n'
        f"<script>{_SCRIPT}</script>\n"
        f"</div>"
    )

"""Root pytest configuration: keep the tests (and doctests) off the learner's saved progress.

``check`` saves attempts to ``$SMALLSTATE_PROGRESS_FILE`` (see ``smallstate.exercises.store``);
unless ``make`` already pointed it at a scratch file, point it at a fresh temporary one so that
running the tests never reads or wipes a developer's own progress.
"""

import os
import tempfile
from pathlib import Path

if not os.environ.get("SMALLSTATE_PROGRESS_FILE"):
    os.environ["SMALLSTATE_PROGRESS_FILE"] = str(
        Path(tempfile.mkdtemp(prefix="smallstate-progress-")) / "progress.json"
    )

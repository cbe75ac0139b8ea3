"""nbgrader in the instructor's server on the hub (found through JUPYTER_CONFIG_PATH).

The course folder (gradebook, sources) is `~/course` unless a nbgrader_config.py in the folder
where nbgrader runs says otherwise; `smallstate instructor ... --exchange` uses the same exchange.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader
c.CourseDirectory.course_id = os.environ.get("SMALLSTATE_COURSE_ID", "smallstate")
c.CourseDirectory.root = os.path.join(os.environ.get("HOME", "."), "course")
c.Exchange.root = os.environ["SMALLSTATE_EXCHANGE"]

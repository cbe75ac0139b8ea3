"""nbgrader in a student's server on the hub (found through JUPYTER_CONFIG_PATH).

The hub sets SMALLSTATE_EXCHANGE, SMALLSTATE_COURSE_ID and JUPYTERHUB_USER for every server.
The student id is the hub user name: every server runs as the same system user, so nbgrader
could not tell students apart by their system name.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader
c.CourseDirectory.course_id = os.environ.get("SMALLSTATE_COURSE_ID", "smallstate")
c.Exchange.root = os.environ["SMALLSTATE_EXCHANGE"]
c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]

"""A student's server on the hub: the Assignments tab only, no instructor tools."""

c = get_config()  # noqa: F821 - provided by jupyter_server
c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
}

"""LTI 1.3 login for the hub (``SMALLSTATE_HUB_AUTH=lti``), through jupyterhub-ltiauthenticator.

Students open the course from a link in Canvas or Moodle and arrive logged in; there are no hub
passwords. Set, besides the hub's own variables:

SMALLSTATE_LTI_PLATFORM     canvas | moodle | other
SMALLSTATE_LTI_URL          the LMS's address, e.g. https://canvas.example.edu or
                            https://moodle.example.edu (for hosted Canvas: https://canvas.instructure.com)
SMALLSTATE_LTI_CLIENT_ID    the client id (Canvas: the developer key's id; Moodle: the tool's
                            client id); several separated by commas
SMALLSTATE_LTI_USERNAME_KEY the launch claim that becomes the hub user name [sub]; 'sub' is an
                            opaque id both LMSs send; use a custom claim, e.g. custom_login_id,
                            for readable names (letters, digits, '.', '_' and '-' only: nbgrader
                            uses the name as the student id)
SMALLSTATE_LTI_ISSUER, SMALLSTATE_LTI_AUTHORIZE_URL, SMALLSTATE_LTI_JWKS_ENDPOINT
                            override the platform's defaults below (required for 'other')

The defaults follow each platform's LTI 1.3 documentation: Canvas (any Canvas, including hosted
instances) issues tokens as https://canvas.instructure.com and authorizes at
``/api/lti/authorize_redirect``, with keys at ``/api/lti/security/jwks``; Moodle's issuer is the
site's own address, with ``/mod/lti/auth.php`` and ``/mod/lti/certs.php``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["PLATFORMS", "configure_lti13", "lti13_settings"]

# issuer, authorize URL, JWKS endpoint; {url} is SMALLSTATE_LTI_URL without a trailing slash
PLATFORMS: dict[str, tuple[str, str, str]] = {
    "canvas": (
        "https://canvas.instructure.com",
        "{url}/api/lti/authorize_redirect",
        "{url}/api/lti/security/jwks",
    ),
    "moodle": ("{url}", "{url}/mod/lti/auth.php", "{url}/mod/lti/certs.php"),
}


def lti13_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The LTI13Authenticator settings from ``SMALLSTATE_LTI_*`` variables; clear errors.

    Examples
    --------
    >>> s = lti13_settings({"SMALLSTATE_LTI_PLATFORM": "moodle",
    ...     "SMALLSTATE_LTI_URL": "https://moodle.example.edu/", "SMALLSTATE_LTI_CLIENT_ID": "ab12"})
    >>> s["issuer"], s["authorize_url"], sorted(s["client_id"])
    ('https://moodle.example.edu', 'https://moodle.example.edu/mod/lti/auth.php', ['ab12'])
    """
    platform = env.get("SMALLSTATE_LTI_PLATFORM", "").strip().lower()
    if platform not in (*PLATFORMS, "other"):
        raise ValueError(
            f"SMALLSTATE_LTI_PLATFORM={platform!r}: use canvas, moodle or other "
            "(with SMALLSTATE_LTI_ISSUER, _AUTHORIZE_URL and _JWKS_ENDPOINT)"
        )
    url = env.get("SMALLSTATE_LTI_URL", "").strip().rstrip("/")
    clients = {c.strip() for c in env.get("SMALLSTATE_LTI_CLIENT_ID", "").split(",") if c.strip()}
    if not clients:
        raise ValueError(
            "SMALLSTATE_LTI_CLIENT_ID is not set (the client id the LMS gave the tool)"
        )
    defaults = PLATFORMS.get(platform, ("", "", ""))
    settings: dict[str, Any] = {"client_id": clients}
    for key, default in zip(("issuer", "authorize_url", "jwks_endpoint"), defaults, strict=True):
        value = env.get(f"SMALLSTATE_LTI_{key.upper()}", "").strip()
        if not value and "{url}" in default and not url:
            raise ValueError(f"SMALLSTATE_LTI_URL is not set (the {platform} site's address)")
        value = value or default.format(url=url)
        if not value.startswith("https://"):
            raise ValueError(f"LTI {key} {value!r} must be an https:// address")
        settings[key] = value
    settings["username_key"] = env.get("SMALLSTATE_LTI_USERNAME_KEY", "").strip() or "sub"
    return settings


def configure_lti13(c: Any, env: Mapping[str, str]) -> None:
    """Select LTI13Authenticator in the hub's config object ``c`` with :func:`lti13_settings`."""
    c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
    for key, value in lti13_settings(env).items():
        setattr(c.LTI13Authenticator, key, value)
    c.LTI13Authenticator.tool_name = "smallstate"
    c.LTI13Authenticator.tool_description = "The smallstate course: small-state alignment, live"
    # who may log in is decided by the LMS (enrolment in the course that holds the link)
    c.Authenticator.allow_all = True

"""The hub's configuration (deploy/hub) loads, for each login method, and rejects bad settings.

The hub itself runs in tests/test_hub.py; here the configuration file is only loaded (as
JupyterHub loads it) and the authenticator it selects is built from it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "deploy" / "hub"


def _load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **settings: str) -> Any:
    monkeypatch.setenv("SMALLSTATE_HUB_STATE", str(tmp_path / "state"))
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(HUB)).load_config()


def _lti13() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lti13", HUB / "lti13.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["lti13"] = module
    spec.loader.exec_module(module)
    return module


def _roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.txt"
    path.write_text("# week 1\namy\nBo  # late\n\n", encoding="utf-8")
    return path


def test_default_config_firstuse_with_roster(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from firstuseauthenticator import FirstUseAuthenticator

    config = _load(monkeypatch, tmp_path, SMALLSTATE_HUB_ROSTER=str(_roster(tmp_path)))
    assert config.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert config.JupyterHub.authenticator_class == "firstuseauthenticator.FirstUseAuthenticator"
    auth = FirstUseAuthenticator(config=config)
    assert auth.allowed_users == {"amy", "bo", "instructor"}
    assert auth.admin_users == {"instructor"}
    assert auth.create_users is False and auth.min_password_length == 8
    names = [s["name"] for s in config.JupyterHub.services]
    assert names == ["course-git", "idle-culler"]
    assert "--timeout=3600" in config.JupyterHub.services[1]["command"]
    assert config.JupyterHub.load_roles[0]["services"] == ["idle-culler"]
    assert "--KernelManager.transport=ipc" in config.Spawner.args
    assert config.SimpleLocalProcessSpawner.home_dir_template.endswith("homes/{username}")


def test_listen_address_and_bad_port(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = _load(monkeypatch, tmp_path, SMALLSTATE_HUB_IP="0.0.0.0", SMALLSTATE_HUB_PORT="9000")
    assert config.JupyterHub.bind_url == "http://0.0.0.0:9000"
    with pytest.raises(ValueError, match="SMALLSTATE_HUB_PORT='x80' is not a port number"):
        _load(monkeypatch, tmp_path, SMALLSTATE_HUB_PORT="x80")


def test_bad_roster_line_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text("amy\nbo/../x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"roster.txt, line 2: 'bo/../x' is not a valid user name"):
        _load(monkeypatch, tmp_path, SMALLSTATE_HUB_ROSTER=str(roster))


def test_unknown_login_method(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="SMALLSTATE_HUB_AUTH='ldap': use firstuse or lti"):
        _load(monkeypatch, tmp_path, SMALLSTATE_HUB_AUTH="ldap")


@pytest.mark.parametrize(
    ("platform", "url", "issuer", "authorize", "jwks"),
    [
        (
            "canvas",
            "https://canvas.example.edu/",
            "https://canvas.instructure.com",
            "https://canvas.example.edu/api/lti/authorize_redirect",
            "https://canvas.example.edu/api/lti/security/jwks",
        ),
        (
            "moodle",
            "https://moodle.example.edu",
            "https://moodle.example.edu",
            "https://moodle.example.edu/mod/lti/auth.php",
            "https://moodle.example.edu/mod/lti/certs.php",
        ),
    ],
)
def test_lti13_config_loads(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    platform: str,
    url: str,
    issuer: str,
    authorize: str,
    jwks: str,
) -> None:
    from ltiauthenticator.lti13.auth import LTI13Authenticator

    config = _load(
        monkeypatch,
        tmp_path,
        SMALLSTATE_HUB_AUTH="lti",
        SMALLSTATE_LTI_PLATFORM=platform,
        SMALLSTATE_LTI_URL=url,
        SMALLSTATE_LTI_CLIENT_ID="10000000000001, 10000000000002",
    )
    assert config.JupyterHub.authenticator_class == "ltiauthenticator.lti13.auth.LTI13Authenticator"
    auth = LTI13Authenticator(config=config)
    assert auth.issuer == issuer and auth.authorize_url == authorize and auth.jwks_endpoint == jwks
    assert auth.client_id == {"10000000000001", "10000000000002"}
    assert auth.username_key == "sub" and auth.tool_name == "smallstate"
    assert auth.login_url("/hub/") == "/hub/lti13/oauth_login"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SMALLSTATE_LTI_PLATFORM": "blackboard"}, "use canvas, moodle or other"),
        ({"SMALLSTATE_LTI_PLATFORM": "canvas"}, "SMALLSTATE_LTI_CLIENT_ID is not set"),
        (
            {"SMALLSTATE_LTI_PLATFORM": "moodle", "SMALLSTATE_LTI_CLIENT_ID": "a"},
            "SMALLSTATE_LTI_URL is not set",
        ),
        (
            {
                "SMALLSTATE_LTI_PLATFORM": "moodle",
                "SMALLSTATE_LTI_CLIENT_ID": "a",
                "SMALLSTATE_LTI_URL": "http://moodle.example.edu",
            },
            "must be an https:// address",
        ),
        (
            {"SMALLSTATE_LTI_PLATFORM": "other", "SMALLSTATE_LTI_CLIENT_ID": "a"},
            "LTI issuer '' must be an https:// address",
        ),
    ],
)
def test_lti13_settings_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _lti13().lti13_settings(env)


def test_lti13_other_platform_takes_explicit_endpoints() -> None:
    settings = _lti13().lti13_settings(
        {
            "SMALLSTATE_LTI_PLATFORM": "other",
            "SMALLSTATE_LTI_CLIENT_ID": "x1",
            "SMALLSTATE_LTI_ISSUER": "https://lms.example.edu",
            "SMALLSTATE_LTI_AUTHORIZE_URL": "https://lms.example.edu/auth",
            "SMALLSTATE_LTI_JWKS_ENDPOINT": "https://lms.example.edu/jwks",
            "SMALLSTATE_LTI_USERNAME_KEY": "custom_login_id",
        }
    )
    assert settings["issuer"] == "https://lms.example.edu"
    assert settings["username_key"] == "custom_login_id"

"""deploy/k8s: the Helm values against the chart's schema, the course image against environment.yml.

There is no Kubernetes, Helm or Docker here. What ``helm install`` checks first is done offline:
our values are merged over the chart's defaults (Helm's rules: maps merge, everything else is
replaced) and validated with the chart's own JSON schema (vendored in deploy/k8s/chart-4.4.0).
The Dockerfile is read, not built: it must install environment.yml, on a Python that
environment.yml allows, with the single-user JupyterHub the chart's hub runs.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
CHART = K8S / "chart-4.4.0"
CHART_VERSION = "4.4.0"


@functools.cache
def _parsed(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader


def _yaml(path: Path) -> Any:
    """The file's content (a fresh copy: tests change it)."""
    return copy.deepcopy(_parsed(path))


@functools.cache
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(_parsed(CHART / "values.schema.yaml"))


def helm_merge(defaults: Any, override: Any) -> Any:
    """Helm's merge of a values file over the chart's values: maps merge, null deletes a key.

    Examples
    --------
    >>> helm_merge({"a": {"b": 1, "c": [1]}, "d": 2}, {"a": {"c": [3]}, "d": None})
    {'a': {'b': 1, 'c': [3]}}
    """
    if not isinstance(defaults, dict) or not isinstance(override, dict):
        return copy.deepcopy(override)
    merged = copy.deepcopy(defaults)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = helm_merge(merged.get(key), value)
    return merged


def _errors(values: Any) -> list[str]:
    merged = helm_merge(_parsed(CHART / "values.yaml"), values)
    return [
        f"{'.'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
        for e in _validator().iter_errors(merged)
    ]


def _environment() -> dict[str, SpecifierSet]:
    """environment.yml: package name -> specifier (conda and pip entries)."""
    found: dict[str, SpecifierSet] = {}
    for entry in _yaml(ROOT / "environment.yml")["dependencies"]:
        lines = entry["pip"] if isinstance(entry, dict) else [str(entry).replace(" ", "")]
        # conda's single "=" pins a version prefix ("python=3.11"): pip's "==3.11.*"
        lines = [re.sub(r"^([A-Za-z0-9_.-]+)=(\d[^=<>!,]*)$", r"\1==\2.*", ln) for ln in lines]
        for line in lines:
            requirement = Requirement(line)
            found[requirement.name.lower()] = requirement.specifier
    return found


def test_vendored_chart_is_the_one_documented() -> None:
    note = (CHART / "README.md").read_text(encoding="utf-8")
    assert f"Tag `{CHART_VERSION}`" in note
    assert "BSD 3-Clause" in (CHART / "LICENSE").read_text(encoding="utf-8")
    assert f"--version {CHART_VERSION}" in (K8S / "values.yaml").read_text(encoding="utf-8")


def test_values_validate_against_the_chart_schema() -> None:
    assert _errors(_yaml(K8S / "values.yaml")) == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("singleuser", "memroy"), {"limit": "1G"}, "Additional properties"),
        (("cull", "timeout"), "an hour", "is not of type 'integer'"),
        (
            ("singleuser", "storage", "extraVolumes"),
            "nbgrader",
            "is not of type 'object', 'array', 'null'",
        ),
    ],
)
def test_schema_catches_mistakes(path: tuple[str, ...], value: Any, message: str) -> None:
    values = _yaml(K8S / "values.yaml")
    node = values
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    errors = _errors(values)
    assert errors and any(message in e for e in errors), errors


def test_values_match_the_one_server_hub() -> None:
    values = _yaml(K8S / "values.yaml")
    config = (ROOT / "deploy" / "hub" / "jupyterhub_config.py").read_text(encoding="utf-8")
    hub = values["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] in config
    assert hub["FirstUseAuthenticator"]["create_users"] is False
    assert f"min_password_length = {hub['FirstUseAuthenticator']['min_password_length']}" in config
    assert f"_setting('CULL_TIMEOUT', '{values['cull']['timeout']}')" in config
    env = values["singleuser"]["extraEnv"]
    student_config = (ROOT / "deploy" / "hub" / "student" / "nbgrader_config.py").read_text()
    assert all(f'"{name}"' in student_config for name in env)
    mounts = {
        m["name"]: m["mountPath"] for m in values["singleuser"]["storage"]["extraVolumeMounts"]
    }
    assert env["SMALLSTATE_EXCHANGE"] == mounts["nbgrader-exchange"]
    claim = values["singleuser"]["storage"]["extraVolumes"][0]["persistentVolumeClaim"]["claimName"]
    pvc = _yaml(K8S / "exchange-pvc.yaml")
    assert pvc["metadata"]["name"] == claim and pvc["spec"]["accessModes"] == ["ReadWriteMany"]


def _dockerfile() -> str:
    return (K8S / "Dockerfile").read_text(encoding="utf-8")


def test_image_installs_environment_yml_on_an_allowed_python() -> None:
    text = _dockerfile()
    base = re.search(r"^FROM\s+\S+:python-(\d+\.\d+)\s*$", text, flags=re.M)
    assert base, "FROM must name a python-X.Y tag of a Jupyter image"
    python = re.search(r"^\s*-\s*python\s*(\S+)", (ROOT / "environment.yml").read_text(), re.M)
    assert python
    assert Version(base.group(1)) in _environment()["python"]
    copied = re.search(r"^COPY\s+(?:--\S+\s+)*environment\.yml\s+(\S+)\s*$", text, flags=re.M)
    assert copied, "the Dockerfile must copy environment.yml"
    assert re.search(
        rf"mamba env update --name base --file {re.escape(copied.group(1))}\b", text
    ), "the Dockerfile must install the copied environment.yml into the image's environment"


def test_image_jupyterhub_matches_the_chart_and_environment() -> None:
    pinned = re.search(r"^ARG JUPYTERHUB_VERSION=(\S+)$", _dockerfile(), flags=re.M)
    assert pinned
    chart = _yaml(CHART / "Chart.yaml")
    assert pinned.group(1) == chart["appVersion"], "single-user and hub JupyterHub must match"
    assert Version(pinned.group(1)) in _environment()["jupyterhub"]


def test_image_copies_existing_files_to_the_configured_places() -> None:
    text = _dockerfile().replace("\\\n", " ")
    destinations = {}
    for line in re.findall(r"^COPY\s+(.+)$", text, flags=re.M):
        parts = [p for p in line.split() if not p.startswith("--")]
        for source in parts[:-1]:
            assert (ROOT / source).exists(), f"Dockerfile copies {source}, which does not exist"
            destinations[source] = parts[-1]
    hook = _yaml(K8S / "values.yaml")["hub"]["extraConfig"]["smallstate-config-path"]
    assert 'f"/etc/smallstate/{role}"' in hook
    for role in ("student", "instructor"):
        assert destinations[f"deploy/hub/{role}"] == f"/etc/smallstate/{role}"

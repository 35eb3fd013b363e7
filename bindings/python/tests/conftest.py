"""Shared fixtures. The suite runs against the *installed* package (tests/run_ctest.sh installs it
into a fresh venv); LUNA_EXPECT_INSTALLED=1 makes that a checked assumption."""

import os
import pathlib

import pytest

import luna

HERE = pathlib.Path(__file__).resolve().parent


def pytest_report_header(config):
    return f"luna imported from {luna.__file__}"


@pytest.fixture
def lua():
    with luna.Runtime() as runtime:
        yield runtime


@pytest.fixture
def sandbox():
    with luna.Runtime(libraries="sandbox") as runtime:
        yield runtime


@pytest.fixture
def modules_dir():
    return HERE / "lua"


def pytest_sessionstart(session):
    if os.environ.get("LUNA_EXPECT_INSTALLED") == "1":
        source_package = HERE.parent / "luna"
        assert pathlib.Path(luna.__file__).resolve().parent != source_package.resolve(), (
            "tests must run against the installed package, not the source tree")

"""The example of docs/python.md runs and prints what the comments say."""

import contextlib
import io
import pathlib
import re

import pytest

DOC = pathlib.Path(__file__).resolve().parents[3] / "docs" / "python.md"


def test_docs_example_runs():
    if not DOC.is_file():
        pytest.skip("docs/python.md is not next to these tests (sdist)")
    code = re.search(r"## A first example\n\n```python\n(.*?)```", DOC.read_text(), re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), {})
    assert out.getvalue().split("\n")[:8] == [
        "3", "HELLO!", "(7, 12)", "luna2", "[1, 4, 9, 16]", "refused: not enough memory", "1.0.2", "42"]

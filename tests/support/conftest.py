from __future__ import annotations

import pytest

from tests.support.validation import PayloadValidator, default_spec_path


@pytest.fixture(scope="module")
def validator() -> PayloadValidator:
    return PayloadValidator.from_file(default_spec_path())

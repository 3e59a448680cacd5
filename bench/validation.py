"""How long the test suite's payload validator takes per message (prints JSON).

Speed is measured here, not asserted in tests: the machines are noisy.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.validation import PayloadValidator, default_spec_path

CALLBACK = "/interactions/111/tok-en/callback"
BODY = {
    "type": 4,
    "data": {
        "content": "hello",
        "embeds": [
            {"title": "Band", "description": "P50 $150k", "fields": [{"name": "a", "value": "b"}]}
        ],
        "allowed_mentions": {"parse": []},
        "flags": 64,
    },
}


def main() -> None:
    validator = PayloadValidator.from_file(default_spec_path())
    for _ in range(20):  # warm-up compiles and caches the operation
        validator.validate("POST", CALLBACK, BODY)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(100):
            validator.validate("POST", CALLBACK, BODY)
        runs.append((time.perf_counter() - start) / 100 * 1000)
    print(
        json.dumps(
            {
                "validate_ms": {
                    "median": round(statistics.median(runs), 3),
                    "runs": [round(r, 3) for r in runs],
                }
            }
        )
    )


if __name__ == "__main__":
    main()

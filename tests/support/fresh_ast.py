"""ast.parse on a thread of its own.

CPython 3.11.7 can raise "SystemError: AST constructor recursion depth mismatch" when
ast.parse runs deep in a stack that earlier tests left behind (fixed in later releases); a
new thread starts with a fresh stack.
"""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor


def parse(source: str, filename: str = "<unknown>") -> ast.Module:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(ast.parse, source, filename).result()

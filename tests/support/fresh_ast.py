"""ast.parse with the garbage collector held off.

CPython 3.11.7 raises "SystemError: AST constructor recursion depth mismatch" when a
collection runs Python finalizers (say, of transports an earlier test leaked) while the AST
is being built; later releases fixed it. Holding collection off for the parse avoids it.
"""

from __future__ import annotations

import ast
import gc


def parse(source: str, filename: str = "<unknown>") -> ast.Module:
    enabled = gc.isenabled()
    gc.disable()
    try:
        return ast.parse(source, filename)
    finally:
        if enabled:
            gc.enable()

"""Numbers about the package's code that reviews quote: `python -m tests.code_metrics [ROOT]`.

Prints, for the `dl_notes` package below ROOT (default: this repository):

- the functions with the most parameters (name, parameter count, body lines);
- the share of body lines of public functions that are input checks: calls to the
  `_checks` helpers (or any `check_*` / `_check*` / `as_array` / `as_rng` call standing as a
  statement or an assignment), `raise` statements, and `if` blocks whose body only raises;
- the training loops: functions with a `for` loop over `num_iterations`, `num_epochs` or
  `epochs`.

It reads the sources with `ast` and imports nothing. The numbers are for people to read;
no test asserts on them.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

CHECK_PREFIXES = ("check_", "_check", "as_array", "as_rng", "_require")


def _name(call: ast.AST) -> str:
    if isinstance(call, ast.Call):
        f = call.func
        return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
    return ""


def _is_check(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Raise):
        return True
    if (
        isinstance(stmt, ast.If)
        and all(isinstance(s, ast.Raise) for s in stmt.body)
        and not stmt.orelse
    ):
        return True
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
    return bool(value is not None and _name(value).startswith(CHECK_PREFIXES))


def _lines(stmt: ast.stmt) -> int:
    return stmt.end_lineno - stmt.lineno + 1


def _body(fn: ast.FunctionDef) -> list[ast.stmt]:
    body = fn.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]  # the docstring
    return body


def _is_training_loop(fn: ast.FunctionDef) -> bool:
    """A loop over `range(num_iterations)`, `range(num_epochs)` or `range(epochs)`."""
    for loop in ast.walk(fn):
        if (
            isinstance(loop, ast.For)
            and _name(loop.iter) == "range"
            and re.search(r"\b(num_iterations|num_epochs|epochs)\b", ast.unparse(loop.iter))
        ):
            return True
    return False


def measure(root: Path) -> dict:
    functions, check_lines, body_lines, loops = [], 0, 0, []
    for path in sorted((root / "dl_notes").rglob("*.py")):
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            args = node.args
            n_params = (
                len(args.posonlyargs)
                + len(args.args)
                + len(args.kwonlyargs)
                + bool(args.vararg)
                + bool(args.kwarg)
            )
            body = _body(node)
            n_body = sum(_lines(s) for s in body)
            functions.append((f"{module}.{node.name}", n_params, n_body))
            if not node.name.startswith("_") and node.col_offset == 0:
                body_lines += n_body
                check_lines += sum(_lines(s) for s in body if _is_check(s))
            if _is_training_loop(node):
                loops.append(f"{module}.{node.name}")
    functions.sort(key=lambda f: (-f[1], -f[2]))
    return {
        "functions": functions,
        "check_share": check_lines / max(body_lines, 1),
        "check_lines": check_lines,
        "body_lines": body_lines,
        "training_loops": loops,
    }


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[1]
    m = measure(root)
    print("most parameters:")
    for name, n_params, n_body in m["functions"][:10]:
        print(f"  {n_params:3d} params  {n_body:4d} lines  {name}")
    print(
        f"checks: {m['check_lines']} of {m['body_lines']} body "
        f"lines of public functions ({100 * m['check_share']:.0f} %)"
    )
    print(f"training loops: {len(m['training_loops'])}: {', '.join(m['training_loops'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

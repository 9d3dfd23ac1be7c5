"""Import cycles between the project's own modules, imports inside functions included.

Run from the checkout (`make lint` does): python scripts/import_cycles.py [package ...]
Packages default to every top-level folder holding an __init__.py (tests and bench aside).
Prints each strongly connected group of modules and exits 1 if there is any.
"""

import ast
import sys
from pathlib import Path

root = Path.cwd()
pkgs = sys.argv[1:] or sorted(
    p.name
    for p in root.iterdir()
    if (p / "__init__.py").exists() and p.name not in {"tests", "bench", "docs"}
)
modules = {}
for pkg in pkgs:
    for f in (root / pkg).rglob("*.py"):
        if "migrations" in f.parts or "tests" in f.parts:
            continue
        name = ".".join(f.relative_to(root).with_suffix("").parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        modules[name] = f


def resolve(mod, node):
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = mod.split(".")
    is_pkg = modules[mod].name == "__init__.py"
    if node.level:
        base = base[: len(base) - node.level + (1 if is_pkg else 0)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [prefix] + [f"{prefix}.{a.name}" for a in node.names]


graph = {m: set() for m in modules}
for mod, f in modules.items():
    for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in resolve(mod, node):
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != mod and not mod.startswith(target + "."):
                    graph[mod].add(target)

# Tarjan's strongly connected components
index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in graph[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            out.append(sorted(comp))


for v in graph:
    if v not in index:
        visit(v)
for comp in out:
    print("cycle:", " <-> ".join(comp))
print(f"IMPORT_CYCLES modules={len(modules)} cycles={len(out)}")
sys.exit(1 if out else 0)

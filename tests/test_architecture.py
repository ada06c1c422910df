"""The house's import rules (``[tool.importlinter]`` in pyproject.toml), checked by
import-linter: ``flows`` stays pure, ``config`` knows nothing of ``bot``, no package
has an import cycle among its modules, a feature of ``bot`` never imports one above
it, and a feature's folder reads top-down; and ruff's lint rules (``[tool.ruff]``) hold
everywhere."""
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    kept = [line for line in done.stdout.splitlines() if line.endswith((" KEPT", " BROKEN"))]
    assert len(kept) == len(contracts["contracts"]) >= 5, done.stdout
    assert all(line.endswith(" KEPT") for line in kept), done.stdout
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_lint_rules_hold() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr

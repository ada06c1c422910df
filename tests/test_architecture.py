"""The house's import rules (``[tool.importlinter]`` in pyproject.toml), checked by
import-linter: ``flows`` stays pure, ``config`` knows nothing of ``bot``, and no package
has an import cycle among its modules."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    kept = [line for line in done.stdout.splitlines() if line.endswith((" KEPT", " BROKEN"))]
    assert len(kept) == 3 and all(line.endswith(" KEPT") for line in kept), done.stdout
    assert done.returncode == 0, done.stdout + done.stderr

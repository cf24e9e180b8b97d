"""The dependency rules of pyproject.toml's import-linter contracts hold, and the repository
stands on its own."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_the_apps_import_each_other_only_as_the_contracts_allow():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_tracked_file_refers_to_a_path_outside_the_repository():
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z"], cwd=settings.BASE_DIR, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    outside = "../" + "shared"
    referring = [
        name
        for name in tracked
        if name
        and (Path(settings.BASE_DIR) / name).is_file()
        and outside in (Path(settings.BASE_DIR) / name).read_text(errors="ignore")
    ]
    assert referring == []

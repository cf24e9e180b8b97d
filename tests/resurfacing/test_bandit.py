"""bandit (static security analysis) reports no medium or high finding in the app's code."""

import json
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["resurfacing", "treatments", "intake", "followups", "staff"]
BANDIT = Path(sys.executable).with_name("bandit")


def test_bandit_reports_no_medium_or_high_finding():
    done = subprocess.run(
        [str(BANDIT), "-r", *PACKAGES, "manage.py", "-ll", "-f", "json", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    findings = [
        f"{result['filename']}:{result['line_number']} {result['test_id']} "
        f"({result['issue_severity']}): {result['issue_text']}"
        for result in report["results"]
    ]
    assert not findings, "\n".join(findings)
    assert not report["errors"], report["errors"]
    assert report["metrics"]["_totals"]["loc"] > 1000  # it did read the code


def test_no_finding_is_silenced_with_nosec():
    silenced = [
        f"{path}:{number}"
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"#\s*nosec\b", line)
    ]
    assert not silenced, silenced

#!/usr/bin/env python3
"""Checks revue on the real dispatches of ../shared/seed (present beside the checkout in CI):
three stories (each pasted-twice dispatch once), each under the region a news editor expects,
and finite confidences in [0, 1] from `classify --format jsonl`."""
import json
import math
import re
import subprocess
import sys
from pathlib import Path

revue, seed = sys.argv[1], sys.argv[2]
digest = subprocess.run([revue, "digest", seed], check=True, capture_output=True, text=True)
assert digest.stderr == "", digest.stderr
region, placed = None, {}
for line in digest.stdout.splitlines():
    m = re.match(r'## <a id="([^"]+)"></a>', line)
    if m:
        region = m.group(1).split("--")[0]
    elif line.startswith("#### "):
        placed[line[5:]] = region
assert len(placed) == 3, f"expected three stories, got {placed}"
expect = {"Gaza": {"moyen-orient"}, "Birmanie": {"asie-pacifique"}, "Lavrov": {"asie-pacifique", "europe"},
          "diplomatie russe": {"asie-pacifique", "europe"}}
for title, where in placed.items():
    wanted = [regions for key, regions in expect.items() if key in title]
    assert wanted and where in wanted[0], f"{title!r} placed under {where}"
    print(f"ok: {title[:60]}… under {where}")

tagged = subprocess.run([revue, "classify", seed, "--format", "jsonl"], check=True, capture_output=True, text=True)
for line in tagged.stdout.splitlines():
    row = json.loads(line)
    for head in ("region", "theme"):
        p = row[f"{head}_confidence"]
        assert math.isfinite(p) and 0.0 <= p <= 1.0, row
print(f"ok: {len(tagged.stdout.splitlines())} classified articles with finite confidences in [0, 1]")

"""Load: N citizens submit through the portal at the same time (each with a photo), then every
submission is checked to be stored exactly once with its file.

Start a server first, with the abuse limits raised for the run, for example on PostgreSQL:

    DJANGO_SETTINGS_MODULE=config.settings.dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_load \
    PORTAL_MAX_PER_IP_PER_HOUR=100000 PORTAL_MAX_PER_CONTACT_PER_HOUR=100000 DATA_DIR=/tmp/danvan-load \
    .venv/bin/gunicorn config.wsgi:application -b 127.0.0.1:8800 -w 4 --threads 4

then (same DATABASE_URL and DATA_DIR, so that the check reads what the server stored):

    python bench/portal_load.py --base-url http://127.0.0.1:8800 --commune AQ --submissions 200 --concurrency 50

Prints one JSON line with the timings and the verification result; exits 1 if anything is missing
or duplicated. Only talks to the loopback address it is given."""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _photo(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (320, 240), (seed * 37 % 255, seed * 91 % 255, 120))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def submit_one(base_url: str, commune: str, run: str, index: int) -> tuple[float, int]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base_url}/cong-dan/{commune}/gui/phan-anh/"
    started = time.perf_counter()
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "full_name": f"Người dân {index}",
        "email": f"bench-{run}-{index}@example.vn",
        "phone": f"09{index:08d}",
        "field": "environment",
        "summary": f"BENCH-{run}-{index:04d} phản ánh số {index}",
        "content": f"Nội dung phản ánh thử tải số {index} của lượt {run}.",
        "confirm_new": "1",
    }
    body, content_type = _multipart(
        fields, {"attachments": (f"anh-{index}.jpg", _photo(index), "image/jpeg")}
    )
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type, "Referer": url}
    )
    response = opener.open(request, timeout=120)
    return (time.perf_counter() - started) * 1000, response.status


def verify(run: str, expected: int) -> dict[str, int]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from danvan.petitions.models import Petition

    stored = Petition.objects.filter(summary__startswith=f"BENCH-{run}-").prefetch_related(
        "attachments"
    )
    by_index: dict[str, int] = {}
    missing_files = 0
    for petition in stored:
        key = petition.summary.split(" ", 1)[0]
        by_index[key] = by_index.get(key, 0) + 1
        for attachment in petition.attachments.all():
            if not attachment.file.storage.exists(attachment.file.name):
                missing_files += 1
        if petition.attachments.count() != 1:
            missing_files += 1
    return {
        "stored": stored.count(),
        "distinct": len(by_index),
        "duplicated": sum(1 for n in by_index.values() if n > 1),
        "missing": expected - len(by_index),
        "missing_files": missing_files,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8800")
    parser.add_argument("--commune", default="AQ")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base_url).hostname or ""
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        raise SystemExit("Only a server on this machine (loopback) may be loaded.")
    run = uuid.uuid4().hex[:8]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(
            pool.map(
                lambda i: submit_one(args.base_url, args.commune, run, i), range(args.submissions)
            )
        )
    wall = time.perf_counter() - started
    latencies = sorted(ms for ms, _status in results)
    check = verify(run, args.submissions)
    report = {
        "benchmark": "portal_submissions",
        "submissions": args.submissions,
        "concurrency": args.concurrency,
        "wall_s": round(wall, 2),
        "throughput_per_s": round(args.submissions / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        **check,
    }
    print(json.dumps(report, ensure_ascii=False))
    ok = (
        check["distinct"] == args.submissions
        and not check["duplicated"]
        and not check["missing_files"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Vendor the Leaflet assets that offline maps inline into ``geoconflict/static/``.

Leaflet and its plugins are not inside the folium wheel (folium links them from a CDN), so an
offline map needs its own copies. This script fetches the npm packages with the ordinary npm
client (``npm pack``), copies the minified files with their licence headers and licence files,
inlines the CSS images as data URIs (so nothing is fetched when the page opens) and drops the
``sourceMappingURL`` comments. Run from the repository root::

    .venv/bin/python scripts/vendor_static.py
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "geoconflict" / "static"
PACKAGES = {
    "leaflet@1.9.4": {
        "dist/leaflet.js": "leaflet.js",
        "dist/leaflet.css": "leaflet.css",
        "LICENSE": "LICENSE.leaflet.txt",
    },
    "leaflet.markercluster@1.5.3": {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
        "MIT-LICENCE.txt": "LICENSE.leaflet.markercluster.txt",
    },
    "leaflet.heat@0.2.0": {
        "dist/leaflet-heat.js": "leaflet-heat.js",
        "LICENSE": "LICENSE.leaflet.heat.txt",
    },
}


def _inline_images(css: str, base: Path) -> str:
    def repl(match: re.Match[str]) -> str:
        ref = match.group(1).strip("'\"")
        path = base / ref
        if not path.is_file():
            return match.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\(([^)#]+\.png)\)", repl, css)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            out = subprocess.run(
                ["npm", "pack", spec, "--silent"], cwd=tmp, check=True,
                capture_output=True, text=True,
            )
            tgz = Path(tmp) / out.stdout.strip().splitlines()[-1]
            root = Path(tmp) / spec.split("@")[0]
            with tarfile.open(tgz) as tar:
                tar.extractall(root, filter="data")
            pkg = root / "package"
            for src, dst in files.items():
                text_path = pkg / src
                if dst.endswith((".js", ".css")):
                    text = text_path.read_text(encoding="utf-8")
                    text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
                    if dst.endswith(".css"):
                        text = _inline_images(text, text_path.parent)
                    (OUT / dst).write_text(text, encoding="utf-8")
                else:
                    shutil.copyfile(text_path, OUT / dst)
                print(f"{spec}: {src} -> geoconflict/static/{dst}")


if __name__ == "__main__":
    main()

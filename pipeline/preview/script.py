"""The script the preview server adds to every HTML page it serves (never to the built site).

It subscribes to the server's event stream while the page is visible and reloads the page
when the site was rebuilt after the page was served; when the last build had problems it
shows them over the page.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

EVENTS_URL = "/__events"
SCRIPT_URL = "/__live.js"
OVERLAY_ID = "preview-problems"

LIVE_JS = """\
(() => {
  "use strict";
  const me = document.currentScript;
  const served = me.dataset.version;
  const problems = JSON.parse(me.dataset.problems || "[]");
  // A hidden tab lets go of its stream (a browser opens only 6 connections per server)
  // and, shown again, learns the current version at once.
  let source = null;
  const listen = () => {
    source = new EventSource("EVENTS_URL");
    source.addEventListener("version", (event) => {
      if (event.data !== served) {
        source.close();
        location.reload();
      }
    });
  };
  const quiet = () => { if (source) source.close(); source = null; };
  addEventListener("pagehide", quiet);
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) quiet(); else if (!source) listen();
  });
  if (!document.hidden) listen();
  if (problems.length === 0) return;
  const box = document.createElement("aside");
  box.id = "OVERLAY_ID";
  box.setAttribute("role", "alert");
  Object.assign(box.style, {
    position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "50vh",
    overflow: "auto", margin: "0", padding: "0.75rem 1rem", zIndex: "2147483647",
    background: "#3b0d0c", color: "#fde8e7", font: "13px/1.45 ui-monospace, monospace",
    borderTop: "3px solid #e5534b", whiteSpace: "pre-wrap",
  });
  const title = document.createElement("strong");
  title.textContent = "preview: the last build has problems (fix the file; the page reloads)";
  const list = document.createElement("pre");
  list.style.margin = "0.5rem 0 0";
  list.style.whiteSpace = "pre-wrap";
  list.textContent = problems.join("\\n");
  box.append(title, list);
  const place = () => document.body.append(box);
  if (document.body) place(); else addEventListener("DOMContentLoaded", place);
})();
""".replace("EVENTS_URL", EVENTS_URL).replace("OVERLAY_ID", OVERLAY_ID)

# the script's address names its content, so a browser may keep it while the preview runs
SCRIPT_SRC = f"{SCRIPT_URL}?{hashlib.sha256(LIVE_JS.encode()).hexdigest()[:12]}"

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def script_tag(version: int, problems: tuple[str, ...]) -> bytes:
    """The `<script>` element naming the page's build version and the build's problems
    (`async`: the page's own loading never waits for it)."""
    data = html.escape(json.dumps(list(problems), ensure_ascii=False), quote=True)
    return (
        f'<script async src="{SCRIPT_SRC}" data-version="{version}" data-problems="{data}">'
        "</script>"
    ).encode()


def inject(page: bytes, tag: bytes) -> bytes:
    """`page` with `tag` before its last `</body>` (or at its end when there is none)."""
    matches = list(_BODY_END.finditer(page))
    if not matches:
        return page + tag
    at = matches[-1].start()
    return page[:at] + tag + page[at:]

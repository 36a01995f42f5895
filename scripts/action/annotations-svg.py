#!/usr/bin/env python3
"""Draws GitHub workflow-command annotations on their source lines as an SVG,
roughly as a pull request's "Files changed" tab shows them (docs/pull-request.md).

    annotations-svg.py ANNOTATIONS.txt ROOT > picture.svg

ANNOTATIONS.txt is tfgate's `--format github` output (the action's log);
ROOT is the directory the annotation paths are relative to. Only
annotations with a file and line are drawn; each file's lines around them.
"""
import html
import re
import sys

ANN = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")
COLORS = {"error": ("#cf222e", "#ffebe9"), "warning": ("#9a6700", "#fff8c5"), "notice": ("#0969da", "#ddf4ff")}


def unescape(s):
    return s.replace("%0A", " ").replace("%0D", "").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    root = sys.argv[2]
    anns = {}
    for line in lines:
        m = ANN.match(line)
        if not m:
            continue
        props = dict(p.split("=", 1) for p in m.group(2).split(",") if "=" in p)
        if "file" not in props or "line" not in props:
            continue
        anns.setdefault(unescape(props["file"]), []).append(
            (int(props["line"]), m.group(1), unescape(props.get("title", "")), unescape(m.group(3))))
    rows = []  # (kind, text, level)
    for f, items in anns.items():
        src = open(f"{root}/{f}", encoding="utf-8").read().splitlines()
        rows.append(("file", f, None))
        by_line = {}
        for ln, level, title, msg in items:
            by_line.setdefault(ln, []).append((level, title, msg))
        for i, text in enumerate(src, 1):
            rows.append(("code", f"{i:>3}  {text}", None))
            for level, title, msg in by_line.get(i, []):
                rows.append(("ann", f"{title}: {msg}", level))
    w, lh = 980, 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{len(rows) * lh + 12}" '
           'font-family="ui-monospace,SFMono-Regular,Menlo,monospace" font-size="12">',
           f'<rect width="{w}" height="{len(rows) * lh + 12}" fill="#ffffff" stroke="#d0d7de"/>']
    y = 6
    for kind, text, level in rows:
        t = html.escape(text if len(text) < 150 else text[:147] + "...")
        if kind == "file":
            out.append(f'<rect x="1" y="{y}" width="{w - 2}" height="{lh}" fill="#f6f8fa"/>'
                       f'<text x="10" y="{y + 14}" font-weight="bold" fill="#1f2328">{t}</text>')
        elif kind == "code":
            out.append(f'<text x="10" y="{y + 14}" fill="#1f2328" xml:space="preserve">{t}</text>')
        else:
            fg, bg = COLORS[level]
            out.append(f'<rect x="40" y="{y + 1}" width="{w - 50}" height="{lh - 2}" fill="{bg}" stroke="{fg}" rx="4"/>'
                       f'<text x="50" y="{y + 14}" fill="{fg}" font-family="-apple-system,Segoe UI,sans-serif">'
                       f'{html.escape(level.capitalize())}  {t}</text>')
        y += lh
    out.append("</svg>")
    print("\n".join(out))


if __name__ == "__main__":
    main()

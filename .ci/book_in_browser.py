#!/usr/bin/env python3
"""The built book in a real headless browser (Debian's chromium): every page of
docs/src/SUMMARY.md renders with its title, the sidebar the browser builds lists every page,
and every link on a page that stays in the book leads to a built file.

    python3 .ci/book_in_browser.py target/book docs/src/SUMMARY.md
"""
import os
import re
import subprocess
import sys
from urllib.parse import urljoin, urlparse


def dom(url):
    out = subprocess.run(
        ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", url],
        capture_output=True, text=True, timeout=60)
    if out.returncode != 0 or "<html" not in out.stdout:
        sys.exit(f"book: chromium could not render {url}: {out.stderr[-500:]}")
    return out.stdout


def main():
    book, summary = os.path.abspath(sys.argv[1]), sys.argv[2]
    pages = re.findall(r"\]\(([^)]+\.md)\)", open(summary).read())
    htmls = [p[:-3] + ".html" for p in pages]
    problems = []
    for page in htmls:
        path = os.path.join(book, page)
        url = "file://" + path
        d = dom(url)
        if "<h1" not in d:
            problems.append(f"{page}: no title rendered")
        # The sidebar is built by the page's script: every page of the book must be in it.
        side = set(re.findall(r'<li class="chapter-item[^>]*><a href="([^"#]+)"', d))
        side = {os.path.normpath(os.path.join(os.path.dirname(page), s)) if not s.startswith("/") else s for s in side}
        missing = [h for h in htmls if os.path.normpath(h) not in side]
        if missing:
            problems.append(f"{page}: the sidebar lacks {missing[:3]}")
        for href in re.findall(r'<a [^>]*href="([^"]+)"', d):
            target = urlparse(urljoin(url, href))
            if target.scheme != "file" or not target.path.startswith(book):
                continue
            if not os.path.exists(target.path):
                problems.append(f"{page}: the link {href} leads nowhere")
    for p in problems:
        print("book:", p)
    print(f"book: {len(htmls)} pages rendered in chromium, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

"""The HTML report in a real browser: Debian's chromium driven by Playwright.

Never a downloaded browser build: `.ci/run` installs Debian's chromium. Without it these tests fail,
saying so, unless MLA_DIFF_SKIP_BROWSER=1 is set (for machines that cannot have a browser)."""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from mla_diff.compare import compare_drafts
from mla_diff.model import Comparison
from mla_diff.render import render_html
from mla_diff.reports import build_reports
from mla_diff.sources import load_instrument, read_draft
from tests.conftest import MLA
from tests.report_fixtures import TEST_VERSION, golden_comparison, hostile_comparison

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("MLA_DIFF_SKIP_BROWSER") == "1":
            pytest.skip("MLA_DIFF_SKIP_BROWSER=1 and no chromium on PATH")
        pytest.fail(
            "chromium is not on PATH: install Debian's package (apt-get install chromium), "
            "as .ci/run does, or set MLA_DIFF_SKIP_BROWSER=1 to skip the browser tests"
        )
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Watched:
    """A page with every console message, page error and network request it made."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            self.console.append(f"{message.type}: {message.text}")


def _write(tmp_path: Path, name: str, comparison: Comparison) -> Path:
    path = tmp_path / name
    path.write_text(render_html(comparison, TEST_VERSION), encoding="utf-8")
    return path


def _open(
    browser: Browser, path: Path, *, width: int = 1280, script: bool = True, scale: float = 1
) -> Watched:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        java_script_enabled=script,
        device_scale_factor=scale,
    )
    watched = Watched(context.new_page())
    watched.page.goto(path.as_uri())
    watched.page.wait_for_load_state("load")
    return watched


@pytest.fixture
def golden_page(tmp_path: Path) -> Path:
    return _write(tmp_path, "golden.html", golden_comparison())


def test_page_loads_without_console_error_or_network_request(
    browser: Browser, golden_page: Path
) -> None:
    watched = _open(browser, golden_page)
    assert watched.console == []
    assert watched.requests == [golden_page.as_uri()]
    # the script ran: its controls are shown
    assert watched.page.locator(".controls").is_visible()


def test_view_toggle_switches_between_inline_and_side_by_side(
    browser: Browser, golden_page: Path
) -> None:
    for script in (True, False):  # the toggle needs no script
        page = _open(browser, golden_page, script=script).page
        article = page.locator("#new-art-3")
        assert article.locator(".view-inline").is_visible()
        assert not article.locator(".view-side").is_visible()
        article.get_by_label("side by side").check()
        assert article.locator(".view-side").is_visible()
        assert not article.locator(".view-inline").is_visible()
        old_column = article.locator(".view-side td").first.inner_text()
        assert "deleted: seek" not in old_column  # helper text is visually hidden
        assert "seek reparation" in old_column
        article.get_by_label("inline redline").check()
        assert article.locator(".view-inline").is_visible()


def test_all_side_by_side_button(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page).page
    page.get_by_role("button", name="all side by side").click()
    assert page.locator(".view-side:visible").count() == page.locator(".view-side").count()


def test_keyboard_moves_between_changes(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page).page
    changes = page.locator("article.change")
    ids = [changes.nth(i).get_attribute("id") for i in range(changes.count())]
    assert ids[0] == "old-art-4"  # the removal comes first
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == ids[0]
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == ids[1]
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == ids[0]


def test_keyboard_alone_reaches_the_summary_and_opens_provisions(
    browser: Browser, golden_page: Path
) -> None:
    page = _open(browser, golden_page).page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the summary"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    summary = page.locator("details.provision > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.provision").first.get_attribute("open") is not None


def test_links_to_a_collapsed_provision_open_it(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page).page
    page.goto(golden_page.as_uri() + "#new-art-1")
    assert page.locator("#new-art-1").get_attribute("open") is not None


def test_concordance_filters_and_sorts(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page).page
    rows = page.locator("#concordance-table tbody tr")
    total = rows.count()
    page.select_option("#concordance-status", "deleted")
    assert page.locator("#concordance-table tbody tr:visible").count() == 1
    assert "1 of" in page.locator("#concordance-count").inner_text()
    page.select_option("#concordance-status", "")
    page.fill("#concordance-search", "reparation")
    assert 0 < page.locator("#concordance-table tbody tr:visible").count() < total
    page.fill("#concordance-search", "")
    page.get_by_role("button", name="Similarity").click()
    first = rows.first.get_attribute("data-similarity")
    assert first == "0.000"
    assert page.locator("th[aria-sort=ascending]").count() == 1


def test_without_script_the_page_is_complete(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page, script=False).page
    assert not page.locator(".controls").is_visible()
    assert page.locator("#concordance-table tbody tr:visible").count() == len(
        golden_comparison().rows
    )
    page.locator("#new-art-1 > summary").click()
    assert "facilitate cooperation" in page.locator("#new-art-1").inner_text()


def test_hostile_draft_stays_inert(browser: Browser, tmp_path: Path) -> None:
    watched = _open(browser, _write(tmp_path, "hostile.html", hostile_comparison()))
    page = watched.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("b").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator("main").inner_text()
    assert watched.console == []


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_usable_at_200_percent_zoom_and_narrow_screens(browser: Browser, golden_page: Path) -> None:
    # 200% zoom of a 1280-pixel window leaves 640 CSS pixels; WCAG reflow asks for 320.
    for width in (640, 320):
        page = _open(browser, golden_page, width=width, scale=2).page
        assert _overflow(page) <= 0, f"horizontal scrolling at {width}px"
        article = page.locator("#new-art-3")
        article.get_by_label("side by side").check()
        assert _overflow(page) <= 0, f"side-by-side view scrolls at {width}px"


CONTRAST = """
() => {
  function rgb(text) { return text.match(/[\\d.]+/g).map(Number); }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) { return c; }
    }
    return [255, 255, 255];
  }
  const worst = {};
  const selectors = ["body", "a", "ins", "del", ".muted", ".badge", ".banner", ".status", ".rule",
                     "th", "td", "button", ".citation", "ins.moved", "del.moved", "kbd"];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.offsetParent && selector !== "body") { continue; }
      const a = luminance(rgb(getComputedStyle(el).color)), b = luminance(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      worst[selector] = Math.min(worst[selector] || 99, ratio);
    }
  }
  return worst;
}
"""


def test_text_contrast_meets_wcag_aa(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page).page
    page.get_by_role("button", name="expand all").click()
    ratios = page.evaluate(CONTRAST)
    assert {"ins", "del", ".badge", ".banner", "a"} <= set(ratios)
    low = {selector: round(ratio, 2) for selector, ratio in ratios.items() if ratio < 4.5}
    assert not low, f"below WCAG AA 4.5:1: {low}"


def test_marks_never_rely_on_colour_alone(browser: Browser, golden_page: Path) -> None:
    page = _open(browser, golden_page).page
    decorations = page.evaluate(
        "[...document.querySelectorAll('ins, del')].map(e => "
        "e.tagName + ':' + getComputedStyle(e).textDecorationLine)"
    )
    assert decorations
    assert all(d in ("INS:underline", "DEL:line-through") for d in decorations), set(decorations)


def _pdf_text(pdf: bytes) -> list[str]:
    """Each page's text without spaces (PDF text extraction guesses them) and ligatures."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return [_squeeze(page.extract_text()) for page in pages]


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_print_expands_everything_with_the_version_pair_on_every_page(
    browser: Browser, golden_page: Path
) -> None:
    page = _open(browser, golden_page).page
    pages = _pdf_text(page.pdf(format="A4"))
    assert len(pages) > 1
    for text in pages:
        assert _squeeze("Preliminary draft (Nov 2018) → Revised draft (Mar 2020)") in text
    everything = "".join(pages)
    # unchanged provisions are collapsed on screen but printed in full
    assert _squeeze("The purpose of this Convention is to facilitate cooperation") in everything
    assert "copy" not in everything
    assert "Keys:" not in everything


def _mla_first_to_last() -> Comparison:
    assert (MLA / "versions.toml").is_file(), f"the illustrative drafts are tracked in git: {MLA}"
    instrument = load_instrument(MLA)
    first, last = instrument.versions[0], instrument.versions[-1]
    old_version, old = read_draft(Path(first.path), first)
    new_version, new = read_draft(Path(last.path), last)
    return compare_drafts(old, new, old_version=old_version, new_version=new_version)


def test_mla_report_screenshots_and_print(browser: Browser, tmp_path: Path) -> None:
    """The 2018 -> 2023 report as a new user meets it, kept in tests/artifacts/ to look at."""
    comparison = _mla_first_to_last()
    path = tmp_path / "mla.html"
    path.write_text(render_html(comparison, TEST_VERSION, load_instrument(MLA).title), "utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    watched = _open(browser, path)
    assert watched.console == []
    assert watched.requests == [path.as_uri()]
    page = watched.page
    page.screenshot(path=str(ARTIFACTS / "report-2018-2023.png"))
    page.locator("#glance").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "report-2018-2023-glance.png"))
    # the first screen tells what was removed, with the amnesty article first among the flags
    first_screen = page.locator("#summary").inner_text()
    assert "Critical" in first_screen
    zoomed = _open(browser, path, width=640, scale=2).page
    assert _overflow(zoomed) <= 0
    zoomed.screenshot(path=str(ARTIFACTS / "report-2018-2023-zoom200.png"))
    pdf = page.pdf(format="A4")
    (ARTIFACTS / "report-2018-2023.pdf").write_bytes(pdf)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 2
    assert _squeeze("Preliminary draft (Nov 2018) → Adopted text") in _squeeze(
        pages[len(pages) // 2].extract_text()
    )
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "report-2018-2023-print.png"))


def test_index_pages_load_cleanly(browser: Browser, tmp_path: Path) -> None:
    from tests.test_render_cli import _instrument  # noqa: PLC0415 - a shared test helper

    out = tmp_path / "reports"
    build_reports(_instrument(tmp_path), out, TEST_VERSION)
    for page_path in (out / "index.html", out / "conv" / "index.html"):
        watched = _open(browser, page_path)
        assert watched.console == []
        assert watched.requests == [page_path.as_uri()]
        links = watched.page.locator("main a")
        assert links.count() >= 1

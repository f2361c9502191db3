"""Colours mean one thing across the collection: every chart built in-process from the real data at the notebooks'
defaults (each text twin's code run as the notebook runs it), each coloured artist read with what it stands for
(its label, the category its bar is drawn at, the label naming its point). A company's colour marks that company
only; no colour stands for two things; a label naming one of the article's companies is in its colour."""

import colorsys
import functools
import re
from collections import defaultdict

import jupytext
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.container import BarContainer

from prequel.data import load_dataset
from prequel.paths import NOTEBOOKS_DIR
from prequel.present.style import FOCUS, readable_text, sequential_cmap

pytestmark = pytest.mark.slow
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))


@functools.cache
def companies() -> dict[str, str]:
    """Each way a chart names a company (id in words, name, name without its parenthesis) -> the company's id."""
    table = load_dataset(None).companies
    out = {}
    for cid, name in zip(table["company_id"], table["name"], strict=True):
        for text in (cid, name, name.split(" (")[0]):
            out[text] = cid
    return out


def named(text: str) -> str | None:
    """The one company ``text`` names, or None (none, or several)."""
    found = {cid for name, cid in companies().items() if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)}
    return found.pop() if len(found) == 1 else None


def built(path) -> list:
    """The figures a notebook draws, from its text twin's code cells run in one namespace as a kernel runs them
    (``In`` holds the cells run so far, which the check cell reads); figures are kept open to be read."""
    namespace, figures = {"In": []}, []
    close = plt.close
    plt.close = lambda *_: None  # the notebook closes each figure after showing it
    try:
        for cell in jupytext.read(path).cells:
            if cell.cell_type == "code" and not cell.source.startswith("%"):  # not the watermark's magics
                namespace["In"].append(cell.source)
                exec(compile(cell.source, str(path), "exec"), namespace)  # noqa: S102 - the project's own notebook
        figures = [plt.figure(n) for n in plt.get_fignums()]
        for fig in figures:
            fig.canvas.draw()  # tick labels as shown
    finally:
        plt.close = close
    return [f for f in figures if any(ax.has_data() for ax in f.axes)]


@pytest.fixture(scope="module")
def charts() -> dict[str, object]:
    out = {}
    for path in NOTEBOOKS:
        for n, fig in enumerate(built(path), start=1):
            out[f"{path.stem} chart {n}"] = fig
        plt.close("all")  # read from the Figure objects kept above
    return out


def chromatic(colour) -> str | None:
    """A colour's hex when it is a hue (greys, black, white and transparent are neutral: structure, not meaning)."""
    if colour is None or (isinstance(colour, str) and colour.lower() == "none"):
        return None
    r, g, b, a = to_rgba(colour)
    return to_hex((r, g, b)) if a > 0 and max(r, g, b) - min(r, g, b) > 0.1 else None


def _tick_at(axis, where: float) -> str:
    """The tick label nearest ``where`` on a category axis (the bar drawn there), or ''."""
    ticks = [
        (abs(loc - where), t.get_text()) for loc, t in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False)
    ]
    near = min(ticks, default=(1.0, ""))
    return near[1] if near[0] < 0.5 else ""


def _label_at(ax, xy) -> str:
    """The direct label naming the point ``xy`` (an annotation of it), or ''."""
    x, y = ax.convert_xunits(xy[0]), ax.convert_yunits(xy[1])
    return next((t.get_text() for t in ax.texts if getattr(t, "xy", None) == (x, y) and named(t.get_text())), "")


NO_LINE = (None, "None", "none", "", " ")


def coloured_artists(fig):
    """(colour, what it stands for or '') of every coloured artist of ``fig``."""
    for ax in fig.axes:
        for line in ax.lines:
            label = "" if line.get_label().startswith("_") else line.get_label()
            if not label and len(line.get_xdata()) == 1:  # a marker: the company its label names, if any
                label = _label_at(ax, (line.get_xdata()[0], line.get_ydata()[0]))
                shared = [a for a in fig.axes if ax.get_shared_y_axes().joined(ax, a)] or [ax]
                rows = [_tick_at(a.yaxis, ax.convert_yunits(line.get_ydata()[0])) for a in shared]
                row = next((r for r in rows if named(r)), "")  # a dot in a named row (panels share its names)
                label = label or (row if named(row) else "")
            drawn = line.get_linestyle() not in NO_LINE and len(line.get_xdata()) > 1
            marked = line.get_marker() not in NO_LINE
            colours = ({line.get_color()} if drawn else set()) | (
                {line.get_markerfacecolor(), line.get_markeredgecolor()} if marked else set()
            )
            for colour in colours:
                yield colour, label
        in_bars = set()
        for bars in ax.containers:
            if not isinstance(bars, BarContainer):
                continue
            horizontal = bars.orientation == "horizontal"
            for patch in bars.patches:
                in_bars.add(id(patch))
                label = "" if bars.get_label().startswith("_") else bars.get_label()
                if not label:
                    box = patch.get_bbox()
                    where = (box.y0 + box.y1) / 2 if horizontal else (box.x0 + box.x1) / 2
                    label = _tick_at(ax.yaxis if horizontal else ax.xaxis, where)
                yield patch.get_facecolor(), label
        for patch in ax.patches:
            if id(patch) not in in_bars:
                yield patch.get_facecolor(), "" if patch.get_label().startswith("_") else patch.get_label()
        for collection in ax.collections:
            if collection.get_array() is None:  # a colour map encodes values, not meanings
                label = "" if collection.get_label().startswith("_") else collection.get_label()
                for colour in collection.get_facecolors():
                    yield colour, label


def meanings(charts: dict) -> dict[str, set[str]]:
    """Each hue drawn anywhere -> what it stands for across the collection ('company runway', a label's words);
    an artist saying nothing counts as its chart's unlabelled meaning only when its chart gives the hue none."""
    out: dict[str, set[str]] = defaultdict(set)
    for chart, fig in charts.items():
        said: dict[str, set[str]] = defaultdict(set)
        for colour, label in coloured_artists(fig):
            hue = chromatic(colour)
            if hue is None:
                continue
            cid = named(label) if label else None
            said[hue].add(f"company {cid}" if cid else " ".join(label.split()) or f"unlabelled in {chart}")
        for hue, meant in said.items():
            out[hue] |= meant - {f"unlabelled in {chart}"} or meant
    return out


def test_every_chart_of_the_collection_is_built(charts):
    assert len(charts) >= 14, sorted(charts)


def test_a_companys_colour_means_that_company_only(charts):
    found = meanings(charts)
    for cid, colour in FOCUS.items():
        assert found.get(colour.lower(), set()) <= {f"company {cid}"}, (cid, found.get(colour.lower()))


def test_no_colour_means_two_things_across_the_collection(charts):
    shared = {hue: sorted(meant) for hue, meant in meanings(charts).items() if len(meant) > 1}
    assert not shared, shared


def test_a_label_naming_one_of_the_article_companies_is_in_its_colour(charts):
    """A direct label that starts with the name of one of the three ('Google', 'OpenAI: Sora 2') is in its colour."""
    wrong = []
    for chart, fig in charts.items():
        for text in [t for ax in fig.axes for t in ax.texts]:
            words = " ".join(text.get_text().split())
            cid = named(words)
            starts = cid in FOCUS and any(words.startswith(n) for n, c in companies().items() if c == cid)
            if starts and to_hex(text.get_color()) not in {FOCUS[cid].lower(), readable_text(FOCUS[cid]).lower()}:
                wrong.append((chart, words, to_hex(text.get_color())))
    assert not wrong, wrong


def colour_maps(fig) -> list:
    """The colour maps of ``fig``'s colour-mapped artists (a heat map's cells, a colour bar)."""
    return [c.get_cmap() for ax in fig.axes for c in ax.collections if c.get_array() is not None]


def company_like(cmap, samples: int = 33, degrees: float = 30) -> set[str]:
    """The companies of ``FOCUS`` a colour map's shades can be taken for: a sample with a hue (``chromatic``)
    within ``degrees`` of the company's hue. A map of greys is no company's."""

    def hue(colour) -> float:
        return colorsys.rgb_to_hsv(*to_rgba(colour)[:3])[0] * 360

    near = set()
    for x in [i / (samples - 1) for i in range(samples)]:
        shade = chromatic(cmap(x))
        if shade is None:
            continue
        for cid, colour in FOCUS.items():
            gap = abs(hue(shade) - hue(colour))
            if min(gap, 360 - gap) <= degrees:
                near.add(cid)
    return near


def test_the_colour_map_check_catches_a_company_like_hue():
    """seaborn's "crest" (the heat maps' old map) reads as OpenAI's blue and Google's green; the collection's map
    of greys reads as no one's."""
    import seaborn as sns

    assert company_like(sns.color_palette("crest", as_cmap=True)) >= {"openai", "google"}
    assert company_like(sns.color_palette("flare", as_cmap=True)) >= {"runway"}
    assert company_like(sequential_cmap()) == set()


def test_no_heat_map_uses_a_company_like_hue(charts):
    mapped = {chart: colour_maps(fig) for chart, fig in charts.items() if colour_maps(fig)}
    assert len(mapped) >= 2, sorted(mapped)  # 02's scores and 04's months of cash at least
    wrong = {chart: sorted(set().union(*map(company_like, maps))) for chart, maps in mapped.items()}
    assert not any(wrong.values()), wrong


def test_every_heat_map_value_is_readable_on_its_cell(charts):
    """Each annotated cell's text contrasts at least ``TEXT_CONTRAST`` (4.5:1) with the cell's own shade."""
    from prequel.present.style import TEXT_CONTRAST, contrast

    low = []
    for chart, fig in charts.items():
        for ax in fig.axes:
            meshes = [c for c in ax.collections if c.get_array() is not None]
            if not meshes:
                continue
            mesh = meshes[0]
            shades = mesh.get_facecolors()
            columns = round(ax.get_xlim()[1] - ax.get_xlim()[0])
            for text in ax.texts:
                x, y = text.get_position()
                cell = to_hex(shades[int(y) * columns + int(x)], keep_alpha=False)
                ratio = contrast(to_hex(text.get_color()), cell)
                if ratio < TEXT_CONTRAST:
                    low.append((chart, text.get_text(), cell, round(ratio, 2)))
    assert not low, low


def test_every_grey_company_of_01_is_named_beside_its_own_line_in_a_readable_colour(charts):
    """01 draws every company but the article's three in greys (one meaning: another company), so a grey cannot say
    which: each line is named at its end by a direct label, no legend, each name readable on white."""
    from prequel.present.style import TEXT_CONTRAST, contrast

    fig = charts["01_funding_comparison chart 1"]
    ax = fig.axes[0]
    lines = [ln.get_label() for ln in ax.lines if not ln.get_label().startswith("_") and len(ln.get_xdata()) > 1]
    labels = {t.get_text(): to_hex(t.get_color()) for t in ax.texts if hasattr(t, "prequel_offset")}
    assert ax.get_legend() is None and len(lines) >= 8, lines
    assert set(lines) <= set(labels), set(lines) - set(labels)
    assert all(contrast(colour, "#ffffff") >= TEXT_CONTRAST for colour in labels.values()), labels

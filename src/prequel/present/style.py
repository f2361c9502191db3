"""One chart style for the whole collection: theme, company colours, estimate markers, captions, alt text.

A chart's title states its finding, computed from the chart's data (``finding_title``, ``state_finding``):
"OpenAI has raised about 210 times Runway's capital", not "Capital raised over time"; the topic and units
stay in the axis labels. Its alt text (``alt_text``) gives that finding, then the values behind it.

``apply_theme()`` also makes every displayed matplotlib figure a sharp (2x) PNG carrying alt text:
the figure's ``prequel_alt`` attribute when a chart sets one, else a description generated from
the figure's own title, axis labels, series and extremes. The page template writes it as ``alt``."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable
from itertools import pairwise

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from matplotlib import cbook
from matplotlib.artist import Artist
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, NullFormatter
from matplotlib.transforms import blended_transform_factory, offset_copy

from .report import money, pct, ratio

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
PALETTE = OKABE_ITO
# The article's three companies are emphasised; every other company is drawn in a muted tone.
FOCUS = {"runway": "#D55E00", "openai": "#0072B2", "google": "#009E73"}
MUTED = ["#8C8C8C", "#A6A6A6", "#737373", "#B8B8B8", "#999999", "#7F7F7F"]
# A colour means one thing across the collection: the three companies' colours (``FOCUS``) mark those companies,
# the stakeholder colours stakeholders that are not companies, and every other meaning is drawn in neutral greys.
#: The stakeholders that are not companies (notebook 02's payoff lines), in order: no company's colour nor one a
#: reader takes for a company's (orange beside Runway's vermilion, sky blue beside OpenAI's blue, unreadable yellow).
STAKEHOLDER_COLOURS = ["#CC79A7", "#000000", *MUTED]
#: A setting moved down / up (a tornado's two bar series): dark and light grey, told apart by lightness.
LOW_HIGH = ("#4D4D4D", "#B3B3B3")
#: A distribution or a quantity that is no company's (a histogram): a mid grey.
NEUTRAL = "#8C8C8C"
#: A heat map's values (a quantity that is no company's): a sequential map of greys, light to dark (the darkest
#: stops short of black, so a cell's value reads in white on it). Never a colour map with a hue: seaborn's "crest"
#: blues and greens read as OpenAI's and Google's colours.
SEQUENTIAL = ("#F2F2F2", "#404040")
#: Series that measure no one company (the explorer's key numbers): greys told apart by lightness and dash, each
#: dark enough to be its own label's colour on white (``TEXT_CONTRAST``) and at least ``DISTINCT_COLOURS`` from every
#: other (the two most used first, farthest apart). Their lightness (L*) spans 5 to 50: no lighter grey reads as text.
NEUTRAL_SERIES = (("#363636", []), ("#767676", [6, 3]), ("#101010", [2, 2]), ("#585858", [8, 3, 2, 3]))
#: The least colour difference (CIEDE2000, ``colour_difference``) between the label colours of two series on one
#: chart: about five times a just-noticeable difference (about 2), which small text needs to be told apart by colour.
DISTINCT_COLOURS = 10.0
COLOUR_WORDS = dict(zip(LOW_HIGH, ("dark grey", "light grey"), strict=True))  # a caption's key names a colour
DPI = 100
#: The sources of charts that record none of their own (``prequel.present.sources.cite_figures`` sets it).
DEFAULT_SOURCES: dict | None = None
SCALE = 2  # PNGs are rendered at twice their displayed size

#: The least contrast of text against its background (WCAG 2 AA, normal-size text).
TEXT_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a '#RRGGBB' colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a '#RRGGBB' colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def colour_difference(a: str, b: str) -> float:
    """CIEDE2000 colour difference of two '#RRGGBB' colours (0: the same; about 2: just noticeable side by side)."""
    return delta_e_2000(_lab(a), _lab(b))


def delta_e_2000(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal 2005) of two CIE L*a*b* colours."""
    (l1, a1, b1), (l2, a2, b2) = first, second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dl, dc = l2 - l1, c2 - c1
    dh = 0.0 if not c1 * c2 else h2 - h1 - 360 if h2 - h1 > 180 else h2 - h1 + 360 if h2 - h1 < -180 else h2 - h1
    d_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_bar = (l1 + l2) / 2, (c1 + c2) / 2
    if not c1 * c2:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_bar, 1 + 0.015 * c_bar * t
    r_t = (
        -2
        * math.sqrt(c_bar**7 / (c_bar**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (dc / s_c) * (d_h / s_h))


def readable_text(colour: str, background: str = "#ffffff") -> str:
    """The series colour ``colour`` as text on ``background``: itself when it contrasts enough
    (``TEXT_CONTRAST``), else the same hue darkened in steps of 5% toward black until it does."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    for step in range(21):
        text = "#" + "".join(f"{round(c * (1 - step / 20)):02X}" for c in rgb)
        if contrast(text, background) >= TEXT_CONTRAST:
            return text
    return "#000000"


def apply_theme() -> None:
    """The collection's seaborn theme; fixed sizes and fonts so figures are reproducible."""
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=PALETTE,
        rc={
            "figure.figsize": (8, 4.6),
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "font.size": 11,
            "axes.titleweight": "bold",
            "axes.titlesize": 12.5,
            "axes.titlelocation": "left",
            "axes.labelsize": 11,
            "xtick.labelsize": 10,
            "ytick.labelsize": 10,
            "legend.fontsize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "prequel",
            "text.parse_math": False,
        },
    )  # a $ in any label or data text is a dollar, never math
    plt.rcParams["figure.max_open_warning"] = 0
    register_figure_formatter()


def sequential_cmap():
    """``SEQUENTIAL`` as a matplotlib colour map (greys only, light to dark)."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("prequel_greys", list(SEQUENTIAL))


def text_on(colour) -> str:
    """Black or white, whichever contrasts more with ``colour`` (any matplotlib colour): at least 4.58:1 on
    every colour, so a heat map's values stay readable (``TEXT_CONTRAST``) whatever the cell's shade."""
    background = to_hex(colour, keep_alpha=False)
    return "#000000" if contrast("#000000", background) >= contrast("#FFFFFF", background) else "#FFFFFF"


def neutral_heatmap(values, ax, **kwargs):
    """``sns.heatmap(values, ax=ax, **kwargs)`` in the collection's neutral sequential map (``SEQUENTIAL``), each
    cell's annotation in black or white by its own shade (``text_on``: seaborn's own choice leaves some cells
    near 2:1)."""
    sns.heatmap(values, ax=ax, cmap=sequential_cmap(), **kwargs)
    mesh = ax.collections[0]
    mesh.update_scalarmappable()
    shades = np.asarray(mesh.get_facecolors()).reshape(*np.shape(values), 4)
    for text in ax.texts:
        x, y = text.get_position()
        text.set_color(text_on(shades[int(y), int(x)]))
    return ax


def company_colors(company_ids: list[str]) -> dict[str, str]:
    """A colour per company id: the article's three in strong colours, the others muted (stable by order)."""
    ids = list(dict.fromkeys(company_ids))
    others = [c for c in ids if c not in FOCUS]
    out = {}
    for cid in ids:
        out[cid] = FOCUS[cid] if cid in FOCUS else MUTED[others.index(cid) % len(MUTED)]
    return out


def marker_style(confidence: str, color) -> dict:
    """Reported values are drawn filled; estimated or disputed ones hollow."""
    filled = confidence == "reported"
    return {
        "marker": "o",
        "markersize": 7,
        "markeredgecolor": color,
        "markeredgewidth": 1.5,
        "markerfacecolor": color if filled else "white",
    }


def _set_scale(axis, scale: str) -> None:
    axis.axes.set_xscale(scale) if axis is axis.axes.xaxis else axis.axes.set_yscale(scale)


def usd_axis(axis, log: bool = True) -> None:
    """Label a matplotlib axis (ax.xaxis or ax.yaxis) in US dollars."""
    if log:
        log_axis(axis, money)
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _: money(v)))


def ratio_tick(value: float) -> str:
    """A tick of a ratio axis: 0.1x, 1x, 10x, 1,000x (never mathtext, never scientific notation)."""
    return ratio(value)


def number_tick(value: float) -> str:
    from .report import number

    return number(value)


def log_axis(axis, fmt=ratio_tick, minor: bool = False) -> None:
    """A logarithmic axis labelled in plain text by ``fmt`` (value -> text).

    matplotlib's own log formatter writes ``$\\mathdefault{10^{-1}}$``, which is mathtext; the theme turns
    mathtext off (a $ is a dollar), so every log axis must carry a plain-text formatter like this one."""
    _set_scale(axis, "log")
    axis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    axis.set_minor_formatter(FuncFormatter(lambda v, _: fmt(v)) if minor else NullFormatter())


def pct_axis(axis) -> None:
    """A probability or share axis (0-1) labelled in percent: 0%, 20%, ... 100%."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: pct(v)))


def count_axis(axis) -> None:
    """An axis of counts labelled with thousands separators: 14,000, not 14000."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: number_tick(v)))


def on_narrow(fig: Figure, adjust: Callable[[], Callable[[], None]]) -> None:
    """Register a change that the phone variant (``narrow_variant``) makes to ``fig`` before drawing it:
    ``adjust`` makes the change and returns the function that undoes it."""
    fig.prequel_narrow = [*getattr(fig, "prequel_narrow", []), adjust]


def date_axis(axis, fmt: str = "%Y-%m", locator=None, phone_ticks: int = 6) -> None:
    """A date axis labelled ``fmt`` (ticks from ``locator`` when given). On a phone, where six '2026-07' labels
    overlap, it shows at most ``phone_ticks`` ticks (one fewer of months) in short forms: '2027' at a year's start,
    else 'Jul' over its year (a lone 'Jul' left the reader to guess which); fewer for a plot that narrow labels
    beside it leave narrower."""
    if locator is not None:
        axis.set_major_locator(locator)
    axis.set_major_formatter(mdates.DateFormatter(fmt))

    def fewer_shorter_ticks() -> Callable[[], None]:
        saved = axis.get_major_locator(), axis.get_major_formatter()
        most = {**dict.fromkeys(range(8), phone_ticks), mdates.MONTHLY: phone_ticks - 1}
        short = mdates.AutoDateLocator(minticks=2, maxticks=most)
        axis.set_major_locator(short)
        formats = ["%Y", "%b\n%Y", "%d", "%H:%M", "%H:%M", "%S.%f"]  # years; months over their year; finer
        axis.set_major_formatter(mdates.ConciseDateFormatter(short, formats=formats, show_offset=False))
        return lambda: (axis.set_major_locator(saved[0]), axis.set_major_formatter(saved[1]))

    on_narrow(axis.axes.figure, fewer_shorter_ticks)


def wrapped_tick_labels(
    axis, positions, labels: list[str], width: int, phone_width: int, phone_labels: list[str] | None = None
) -> None:
    """Tick labels at ``positions`` wrapped to ``width`` characters a line, and to ``phone_width`` on a phone,
    where a wide column of labels leaves the plot too narrow; ``phone_labels``: shorter labels for the phone."""

    def wrap(chars: int, texts: list[str]) -> None:
        wrapped = [textwrap.fill(str(text), chars, break_long_words=False, break_on_hyphens=False) for text in texts]
        axis.set_ticks(positions, [mpl_text(text) for text in wrapped])  # words whole: not '32,300 m / onths'

    def narrower() -> Callable[[], None]:
        wrap(phone_width, labels if phone_labels is None else phone_labels)
        return lambda: wrap(width, labels)

    wrap(width, labels)
    on_narrow(axis.axes.figure, narrower)


def legend_below_on_phone(ax, **kwargs) -> None:
    """``ax.legend(**kwargs)``; on a phone the legend goes below the plot (under its tick labels and axis label),
    where a legend beside or over the plot leaves it too narrow or covers it."""
    ax.legend(**kwargs)

    def below() -> Callable[[], None]:
        _legend_below(ax, **kwargs)
        return lambda: ax.legend(**kwargs)

    ax.prequel_legend_below = lambda: _legend_below(ax, **kwargs)  # placed again under an axis label wrapped anew
    on_narrow(ax.figure, below)


def key_below_on_phone(ax, **kwargs) -> None:
    """On a phone, the direct labels of the lines of ``ax`` (``label_line_ends``) or of its bar series
    (``label_bar_series``) give way to a key below the plot (a legend of the same names): many names at few line
    ends find no place beside their lines on a phone, and names beside bars leave the plot too narrow."""

    def key() -> Callable[[], None]:
        names = {a.get_label() for a in [*ax.lines, *ax.containers] if not a.get_label().startswith("_")}
        hidden = [t for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible() and t.get_text() in names]
        for t in hidden:
            t.set_visible(False)
        _legend_below(ax, one_column=True, **kwargs)  # a name a line: names of any length fit the phone's width
        ax.prequel_legend_below = lambda: _legend_below(ax, one_column=True, **kwargs)

        def undo() -> None:
            for t in hidden:
                t.set_visible(True)
            if ax.get_legend() is not None:
                ax.get_legend().remove()
            del ax.prequel_legend_below

        return undo

    on_narrow(ax.figure, key)


def _legend_below(ax, one_column: bool = False, **kwargs) -> None:
    """The legend of ``ax`` below the plot, from the figure's left edge, its labels wrapped to the phone's width."""
    labels = ax.get_legend_handles_labels()[1]
    sizes = ("xtick.labelsize", "axes.labelsize")
    tick, label = (FontProperties(size=plt.rcParams[k]).get_size_in_points() for k in sizes)
    lines = ax.get_xlabel().count("\n") + 1 if ax.get_xlabel() else 0
    gap = tick + 8 + lines * (label + 3) + 3  # points under the axis: tick labels, then the axis label
    under = offset_copy(ax.transAxes, fig=ax.figure, y=-gap, units="points")
    legend = ax.legend(  # from the figure's left edge: a wide legend is not cut by a plot pushed to the right
        loc="upper left",
        bbox_to_anchor=(0.01, 0),
        bbox_transform=blended_transform_factory(ax.figure.transFigure, under),
        ncol=2 if labels and max(map(len, labels)) <= 24 and not one_column else 1,  # two only of short labels
        **{k: v for k, v in kwargs.items() if k in ("frameon", "title")},
        fontsize=max(FontProperties(size=kwargs.get("fontsize", "medium")).get_size_in_points(), PHONE_TEXT_MIN),
    )
    for text in legend.get_texts():  # anchored to the figure, a label wider than it would only push the plot in
        text.set_text(textwrap.fill(text.get_text(), NARROW_WRAP, break_on_hyphens=False))


def plain_ticks(fig: Figure) -> None:
    """Every log axis of a figure without one of the collection's formatters gets plain-number ticks."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() != "log":
                continue
            if not isinstance(axis.get_major_formatter(), FuncFormatter):
                axis.set_major_formatter(FuncFormatter(lambda v, _: number_tick(v)))
            if not isinstance(axis.get_minor_formatter(), (FuncFormatter, NullFormatter)):
                axis.set_minor_formatter(NullFormatter())


# --- direct labels instead of legends ---------------------------------------------------------------

CAPTION_SIZE = 9  # points: a chart's caption, and the smallest text a chart draws (labels, annotations)
LABEL_GAP = 4  # points between a label and the point it names


class _LabelLayout(Artist):
    """An invisible artist of ``ax`` that moves its ``labels`` each time the figure is drawn, at the size it is
    drawn at (the page's and the phone's); drawn before them (``ZORDER``), taking no room in the layout."""

    ZORDER = -100

    def __init__(self, ax) -> None:
        super().__init__()
        self.ax, self.labels = ax, []
        self.set_zorder(self.ZORDER)
        self.set_in_layout(False)

    def get_window_extent(self, renderer=None):
        from matplotlib.transforms import Bbox

        return Bbox.null()


class _LabelPlacer(_LabelLayout):
    """Places an axes' direct labels each time the figure is drawn, at the size it is drawn at (the page's and
    the phone's): each label at its preferred place beside its point, else moved up or down by whole label
    heights (or to the point's other side) until it lies inside the figure and clear of every label placed before
    it, every point labelled, every other text, tick label, drawn line and bar of the axes, the figure's title and
    captions and the other panels, its line to its point (leader) crossing none of them nor another leader.
    Labels are placed in the order given, so the first keeps its place."""

    def draw(self, renderer) -> None:
        placed = []
        labels = [t for t in self.labels if t.get_visible()]  # not one the phone names in the caption's key
        points = [self.ax.transData.transform(t.xy) for t in labels]
        dots = [(x - 3, y - 3, x + 3, y + 3) for x, y in points]
        drawn = _drawn_obstacles(self.ax, renderer, self.labels)
        room = _Room(self.ax.get_window_extent(renderer), self.ax.figure.bbox, drawn)
        around = _figure_obstacles(self.ax, renderer)
        for text, (x, y) in zip(labels, points, strict=True):
            others = [d for d in dots if d[:2] != (x - 3, y - 3)]
            placed.append(_place(text, renderer, room, [*drawn.boxes, *around, *placed, *others]))
            if text.arrow_patch.get_visible():  # a later label and its leader keep off this one's leader
                drawn.paths.append(_leader(text, renderer))


LABEL_PAD = 1.5  # display pixels a label keeps from another label, a point, a line or the figure's edge


class _Drawn:
    """What a label must keep clear of in one axes, in display units: boxes (texts, bars) and paths (lines)."""

    def __init__(self, boxes: list, paths: list) -> None:
        self.boxes, self.paths = boxes, paths

    def crosses_a_line(self, box: tuple) -> bool:
        from matplotlib.transforms import Bbox

        padded = Bbox.from_extents(*_padded(box))
        return any(path.intersects_bbox(padded, filled=False) for path in self.paths)

    def lines_crossed(self, box: tuple, leader=None) -> int:
        """How many drawn lines (and earlier leaders) a label's ``box`` and its ``leader`` cross, each counted."""
        from matplotlib.transforms import Bbox

        padded = Bbox.from_extents(*_padded(box))
        crossed = sum(path.intersects_bbox(padded, filled=False) for path in self.paths)
        return crossed + (0 if leader is None else sum(leader.intersects_path(p, filled=False) for p in self.paths))

    def leader_crosses(self, leader, taken: list, point: tuple, lines: bool) -> bool:
        """Whether a label's ``leader`` (a path in display units) crosses a box ``taken`` other than those that
        hold its ``point`` (the bar or marker it names), or, when ``lines``, a drawn line or an earlier leader."""
        from matplotlib.transforms import Bbox

        x, y = point
        boxes = [
            b
            for b in taken
            if not (b[0] - LABEL_PAD <= x <= b[2] + LABEL_PAD and b[1] - LABEL_PAD <= y <= b[3] + LABEL_PAD)
        ]
        if any(leader.intersects_bbox(Bbox.from_extents(*b), filled=True) for b in boxes):
            return True
        return lines and any(leader.intersects_path(path, filled=False) for path in self.paths)


def _drawn_obstacles(ax, renderer, labels: list) -> _Drawn:
    """The other texts, tick labels, axis labels and bars of ``ax`` (boxes) and its drawn lines (paths, steps drawn
    as steps)."""
    from matplotlib.cbook import STEP_LOOKUP_MAP
    from matplotlib.path import Path

    ours = {id(t) for t in labels}
    boxes = []
    for text in ax.texts:
        if id(text) not in ours and text.get_visible() and text.get_text():
            b = text.get_window_extent(renderer)
            boxes.append((b.x0, b.y0, b.x1, b.y1))
    for axis in (ax.xaxis, ax.yaxis):  # its tick labels and axis label
        b = axis.get_tightbbox(renderer)
        if b is not None and b.width > 0 and b.height > 0:
            boxes.append((b.x0, b.y0, b.x1, b.y1))
    for bars in ax.containers:
        for patch in getattr(bars, "patches", []):
            b = patch.get_window_extent(renderer)
            if b.width > 0 and b.height > 0:
                boxes.append((b.x0, b.y0, b.x1, b.y1))
    boxes += _marker_boxes(ax)
    paths = []
    for line in ax.lines:
        if not line.get_visible() or line.get_linestyle() in ("None", "none", "", " ") or len(line.get_xydata()) < 2:
            continue
        xy = line.get_transform().transform(line.get_xydata())
        if line.get_drawstyle() not in (None, "default"):
            xy = STEP_LOOKUP_MAP[line.get_drawstyle()](*xy.T).T
        finite = xy[np.isfinite(xy).all(axis=1)]
        if len(finite) >= 2:
            paths.append(Path(finite))
    return _Drawn(boxes, paths)


def _figure_obstacles(ax, renderer) -> list[tuple]:
    """What a label of ``ax`` keeps clear of outside the axes, in display units: the figure's title and captions,
    the axes' own titles (a note or heading above the plot), and each other panel (its plot, tick labels, axis
    labels and titles); not a twin or an inset over the plot."""
    frame = ax.get_window_extent(renderer)
    boxes = [t.get_window_extent(renderer) for t in ax.figure.texts if t.get_visible() and t.get_text()]
    boxes += [t.get_window_extent(renderer) for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]
    for other in ax.figure.axes:
        if other is ax or not other.get_visible() or other.get_window_extent(renderer).overlaps(frame):
            continue
        boxes += [other.get_window_extent(renderer), other.xaxis.get_tightbbox(renderer)]
        boxes += [other.yaxis.get_tightbbox(renderer)]
        boxes += [t.get_window_extent(renderer) for t in (other.title, other._left_title) if t.get_text()]
    return [(b.x0, b.y0, b.x1, b.y1) for b in boxes if b is not None and b.width > 0 and b.height > 0]


def _marker_boxes(ax) -> list[tuple]:
    """The box of every marker drawn in ``ax`` (a line's markers, a scatter's points), in display units: a label
    keeps clear of a marker as it does of another label."""
    from matplotlib.collections import PathCollection

    boxes = []
    scale = ax.figure.dpi / 72  # points to display pixels
    for line in ax.lines:
        if not line.get_visible() or line.get_marker() in (None, "None", "none", "", " "):
            continue
        half = line.get_markersize() * scale / 2
        xy = line.get_transform().transform(line.get_xydata())
        boxes += [(x - half, y - half, x + half, y + half) for x, y in xy[np.isfinite(xy).all(axis=1)]]
    for points in [c for c in ax.collections if isinstance(c, PathCollection)]:  # scatters, not lines or areas
        offsets, sizes = np.asarray(points.get_offsets()), np.asarray(points.get_sizes())
        if not points.get_visible() or not len(offsets) or not len(sizes) or offsets.ndim != 2:
            continue
        xy = points.get_offset_transform().transform(offsets)
        for i, (x, y) in enumerate(xy):
            half = np.sqrt(sizes[i % len(sizes)]) * scale / 2  # a scatter's size is the marker's area in points²
            if np.isfinite([x, y]).all():
                boxes.append((x - half, y - half, x + half, y + half))
    return boxes


class _Room:
    """Where a label may go: inside the figure always, inside the plot's width when it asks, clear of lines."""

    def __init__(self, frame, figure, drawn: _Drawn) -> None:
        self.frame, self.figure, self.drawn = frame, figure, drawn

    def allows(self, box: tuple, inside_plot: bool, clear_of_lines: bool) -> bool:
        f, p = self.figure, LABEL_PAD
        in_figure = f.x0 + p <= box[0] and box[2] <= f.x1 - p and f.y0 + p <= box[1] and box[3] <= f.y1 - p
        in_plot = self.frame.x0 - 1 <= box[0] and box[2] <= self.frame.x1 + 1 or not inside_plot
        return in_figure and in_plot and not (clear_of_lines and self.drawn.crosses_a_line(box))


def _padded(box: tuple) -> tuple:
    return (box[0] - LABEL_PAD, box[1] - LABEL_PAD, box[2] + LABEL_PAD, box[3] + LABEL_PAD)


def _overlaps(a: tuple, b: tuple) -> bool:
    a = _padded(a)
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _text_box(label, renderer):
    """A label's own box in display units (an annotation's extent includes the line to its point)."""
    label.update_positions(renderer)
    return Text.get_window_extent(label, renderer)


LEADER_SHRINK = 3  # points: a leader stops short of its point (``direct_label``'s ``shrinkB``)


def _leader(label, renderer):
    """The line from a label to its point as drawn (from its box's edge, toward its centre, to ``LEADER_SHRINK``
    short of the point), a path in display units; a point when the label covers its point."""
    from matplotlib.path import Path

    box = _text_box(label, renderer)
    point = np.asarray(label.axes.transData.transform(label.xy), dtype=float)
    centre = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    towards = point - centre
    length = float(np.hypot(*towards))
    pad = renderer.points_to_pixels(2)  # matplotlib clips the line at the text's box padded by 4 points
    half = np.array([box.width / 2 + pad, box.height / 2 + pad])
    with np.errstate(divide="ignore"):
        leave = float(np.min(np.where(towards != 0, half / np.abs(towards), np.inf))) if length else 1.0
    stop = 1 - renderer.points_to_pixels(LEADER_SHRINK) / length if length else 0.0
    if leave >= stop:
        return Path([point, point])
    return Path([centre + towards * leave, centre + towards * stop])


def _place(text, renderer, room: _Room, taken: list) -> tuple:
    """Put one label where ``room`` allows it and it overlaps nothing ``taken`` (display boxes), as written, else
    wrapped to shorter lines (``_free_place``): a wrapped label clear of the lines before one across a line.
    Nowhere free: at its own place, at its narrowest, marked ``prequel_unplaced`` (the phone's layout then makes
    room for it). Returns its box."""
    if text.get_text() == getattr(text, "prequel_wrapped", (None, None))[1]:
        text.set_text(text.prequel_wrapped[0])  # each drawing starts from the text as written: the same result
    written = text.get_text()
    inside = text.prequel_inside  # such a label crosses a line inside the plot rather than leave the plot
    passes = [(True, True), (True, False), (False, True), (False, False)] if inside else [(False, True), (False, False)]
    if text.prequel_key:  # a label the caption can name instead never crosses a line
        passes = [p for p in passes if p[1]]
    for inside_plot, clear_of_lines in passes:
        for wrapped in _shorter_lines(written):
            text.set_text(wrapped)
            box = _free_place(text, renderer, room, taken, inside_plot, clear_of_lines)
            if box is not None:
                text.prequel_wrapped, text.prequel_unplaced = (written, wrapped), False
                return box
    text.prequel_wrapped = (written, text.get_text())  # at its narrowest, for the room the layout makes
    text.set_ha(text.prequel_ha)
    text.xyann = text.prequel_offset
    text.prequel_unplaced = True
    b = _text_box(text, renderer)
    return (b.x0, b.y0, b.x1, b.y1)


def _shorter_lines(text: str) -> list[str]:
    """A label as written, then wrapped to about 2/3 and 1/2 of its longest line (words kept whole)."""
    longest = max(len(line) for line in text.split("\n"))
    wrapped = [text]
    for chars in (max(longest * 2 // 3, 6), max(longest // 2, 6)):
        fill = [textwrap.fill(line, chars, break_long_words=False, break_on_hyphens=False) for line in text.split("\n")]
        wrapped += ["\n".join(fill)] if "\n".join(fill) not in wrapped else []
    return wrapped


#: The places a label tries on one side of its point: (times its gap away from the point, label heights up or
#: down), beside it and whole heights up and down first, then the others nearest first. Half heights find a gap
#: between two lines that whole heights step over; a label further out (with its line to the point) finds room
#: past lines that cross near the point.
_BESIDE = [(1, float(shift)) for shift in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6)]
_CANDIDATES = _BESIDE + sorted(
    {(away, shift / 2) for away in (1, 4) for shift in range(-16, 17)} - set(_BESIDE),
    key=lambda c: (math.hypot((c[0] - 1) * 0.6, c[1]), c[0], abs(c[1]), c[1] > 0),
)


def _free_place(text, renderer, room: _Room, taken: list, inside_plot: bool, clear_of_lines: bool) -> tuple | None:
    """A place for one label that ``room`` allows (``inside_plot``, ``clear_of_lines``) and that overlaps nothing
    ``taken``, its leader crossing nothing taken either, trying its own side first, then the other, nearest first;
    where it may cross lines (not ``clear_of_lines``), the place whose box and leader cross the fewest (the nearest
    of those). Its box, or None when there is none."""
    dx, dy = text.prequel_offset
    text.xyann = text.prequel_offset
    step = _text_box(text, renderer).height * 72 / text.figure.dpi + 1
    point = tuple(text.axes.transData.transform(text.xy))
    sides = [(dx, text.prequel_ha)]
    if dx:
        sides.append((-dx, "right" if text.prequel_ha == "left" else "left"))
    fewest = None  # (lines crossed, ha, offset, led, box)
    for side_dx, ha in sides:
        for away, shift in [c for c in _CANDIDATES if side_dx or c[0] == 1]:
            text.set_ha(ha)
            text.xyann = (side_dx * away, dy + shift * step)
            b = _text_box(text, renderer)
            box = (b.x0, b.y0, b.x1, b.y1)
            if not room.allows(box, inside_plot, clear_of_lines) or any(_overlaps(box, o) for o in taken):
                continue
            led = (away, shift) != (1, 0)
            leader = _leader(text, renderer) if led else None
            if led and room.drawn.leader_crosses(leader, taken, point, clear_of_lines):
                continue
            crossed = 0 if clear_of_lines else room.drawn.lines_crossed(box, leader)
            if fewest is None or crossed < fewest[0]:
                fewest = (crossed, ha, text.xyann, led, box)
            if not crossed:
                break
        if fewest is not None and not fewest[0]:
            break
    if fewest is None:
        return None
    _, ha, text.xyann, led, box = fewest
    text.set_ha(ha)
    text.arrow_patch.set_visible(led)
    return box


def direct_label(
    ax,
    x,
    y,
    text: str,
    color="0.15",
    side: str = "right",
    inside: bool = True,
    gap=LABEL_GAP,
    key: str = "",
    phone_ha: str = "",
    phone_wrap: int = 0,
    **kwargs,
):
    """Name a series or a point where it is drawn (instead of a legend): ``text`` beside the data point (x, y),
    in the series' colour and at the caption's size, on ``side`` (right, left, above or below). The axes' labels
    never overlap one another nor a labelled point (``_LabelPlacer``); ``inside``: a label that would pass the
    plot's edge goes to the point's other side; ``gap``: points between the label and its point (clear of
    a marker there). A moved label keeps a thin line to its point. ``key``: words that name what the label names
    (``"light grey bars"``); on a phone where the label has no free place, the caption says "light grey bars: its text"
    instead. ``phone_ha``: the label's alignment on a phone (``"right"``: above a line's end at the plot's right edge,
    the label ends there rather than pass the edge); ``phone_wrap``: characters a line on a phone (a long label that
    fits wider than ``PHONE_LABEL_WRAP``; the placer wraps it narrower where it finds no room)."""
    placer = next((a for a in ax.artists if isinstance(a, _LabelPlacer)), None)
    if placer is None:
        placer = _LabelPlacer(ax)
        ax.add_artist(placer)
    offset = {"right": (gap, 0), "left": (-gap, 0), "above": (0, gap), "below": (0, -gap)}
    ha = {"right": "left", "left": "right"}.get(side, "center")
    va = {"above": "bottom", "below": "top"}.get(side, "center")
    x, y = ax.convert_xunits(x), ax.convert_yunits(y)  # a date becomes a number: the placer measures in numbers
    style = {"ha": ha, "va": va, "color": color, "fontsize": CAPTION_SIZE} | kwargs
    label = ax.annotate(
        mpl_text(text), (x, y), xytext=offset[side], textcoords="offset points",
        arrowprops={"arrowstyle": "-", "color": color, "lw": 0.6, "shrinkA": 1, "shrinkB": 3}, **style,
    )  # fmt: skip
    label.prequel_offset, label.prequel_ha, label.prequel_inside = offset[side], style["ha"], inside
    label.prequel_key = key
    label.arrow_patch.set_visible(False)
    placer.labels.append(label)
    if phone_ha:
        on_narrow(ax.figure, lambda: _aligned(label, phone_ha))
    if phone_wrap:
        label.prequel_phone_wrap = phone_wrap
    return label


def _aligned(label, ha: str) -> Callable[[], None]:
    """A direct label aligned ``ha`` to its point (the placer starts from it); returns the undo."""
    written = label.prequel_ha
    label.prequel_ha = ha
    label.set_ha(ha)
    return lambda: (setattr(label, "prequel_ha", written), label.set_ha(written))


class _EndColumn(_LabelLayout):
    """Lines named in one column right of the plot, each name at its line's end height, names moved apart in
    their order where they would overlap (the least total move), each moved name with a thin line to its end:
    names in one column never cross one another's lines, as names placed one by one among the lines do."""

    ZORDER = -101  # before the placer, which keeps its labels clear of these

    def draw(self, renderer) -> None:
        labels = [t for t in self.labels if t.get_visible()]
        if not labels:
            return
        frame = self.ax.get_window_extent(renderer)
        ends = [self.ax.transData.transform(t.xy) for t in labels]
        for t in labels:
            t.xyann = (1.0, t.xy[1])
        sizes = [_text_box(t, renderer).height + 2 * LABEL_PAD for t in labels]
        order = sorted(range(len(labels)), key=lambda i: (ends[i][1], labels[i].prequel_approach))
        centres = spread([ends[i][1] for i in order], [sizes[i] for i in order], frame.y0, frame.y1)
        to_data = self.ax.transData.inverted()
        for i, centre in zip(order, centres, strict=True):
            labels[i].xyann = (1.0, to_data.transform((ends[i][0], centre))[1])
            moved = abs(centre - ends[i][1]) > 1 or frame.x1 - ends[i][0] > 2
            labels[i].arrow_patch.set_visible(moved)


def spread(wanted: list[float], sizes: list[float], low: float, high: float) -> list[float]:
    """Centres for boxes of ``sizes`` in ascending order of ``wanted`` centres, none overlapping the next, each as
    near its wanted centre as the others allow (least squares: pool adjacent violators), within [low, high] where
    they fit (else centred on it)."""
    offsets = np.concatenate([[0.0], np.cumsum([(a + b) / 2 for a, b in pairwise(sizes)])])
    blocks: list[list[float]] = []  # [sum of targets, count]
    for target in np.asarray(wanted, dtype=float) - offsets:
        blocks.append([target, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    z = np.concatenate([np.full(count, total / count) for total, count in blocks])
    lowest, highest = low + sizes[0] / 2, high - offsets[-1] - sizes[-1] / 2
    z = np.clip(z, lowest, highest) if lowest <= highest else np.full(len(z), (lowest + highest) / 2)
    return list(z + offsets)


COLUMN_GAP = 8  # points between the plot's right edge and the column of line names: room for their lines
PHONE_COLUMN_WRAP = 10  # characters per line of a line's name in the column on a phone: the plot keeps its width


def label_line_ends(ax, gap=COLUMN_GAP, **kwargs) -> None:
    """Name each labelled line of ``ax`` in one column right of the plot (``_EndColumn``), at its last point's
    height, in its colour (darkened to ``TEXT_CONTRAST`` where it is too light to read, ``readable_text``), then drop
    the legend: the way to tell a few series apart (a legend makes a reader look back and forth)."""
    column = _EndColumn(ax)
    ax.add_artist(column)
    beside = offset_copy(blended_transform_factory(ax.transAxes, ax.transData), fig=ax.figure, x=gap, units="points")
    for line in [ln for ln in ax.lines if not ln.get_label().startswith("_")]:
        xs, ys = ax.convert_xunits(line.get_xdata()), ax.convert_yunits(line.get_ydata())
        if not len(xs):
            continue
        colour = readable_text(to_hex(line.get_color()))  # a light grey or pink line's name, darkened to read
        style = {"ha": "left", "va": "center", "color": colour, "fontsize": CAPTION_SIZE} | kwargs
        label = ax.annotate(
            mpl_text(line.get_label()), (xs[-1], ys[-1]), xytext=(1.0, ys[-1]), textcoords=beside,
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6, "shrinkA": 1, "shrinkB": 2}, **style,
        )  # fmt: skip
        before = [y for y in ys[:-1] if y != ys[-1]]  # where the line comes from: names at one end, in that order
        label.prequel_approach = float(before[-1]) if before else float(ys[-1])
        label.prequel_offset, label.prequel_ha, label.prequel_inside, label.prequel_key = (gap, 0), "left", False, ""
        label.arrow_patch.set_visible(False)
        label.prequel_phone_wrap = PHONE_COLUMN_WRAP
        column.labels.append(label)
    if ax.get_legend() is not None:
        ax.get_legend().remove()


def label_bar_series(ax, bars, text: str, color) -> None:
    """Name a series of horizontal bars (a ``BarContainer``) at the outer end of its first drawn bar, in its colour
    (instead of a legend): a bar that grows left is named on its left."""
    key = f"{COLOUR_WORDS[color]} bars" if color in COLOUR_WORDS else ""
    for patch in bars.patches:
        width = patch.get_width()
        if width:
            y, side = patch.get_y() + patch.get_height() / 2, "right" if width > 0 else "left"
            direct_label(ax, patch.get_x() + width, y, text, color=readable_text(color), side=side, key=key)
            return


def caption(fig, text: str):
    """Sources and notes under a figure (the text, for a chart that changes it on a phone)."""
    text = mpl_text(text)
    # matplotlib measures a line it wraps as mathtext when it holds paired dollars, whatever ``text.parse_math``
    # says (so data text such as "$\\foo{$" would stop the chart): such a caption is wrapped here, as plain text
    paired = cbook.is_math_text(text)
    shown = _filled_to_the_figure(fig, text, CAPTION_SIZE) if paired else text
    return fig.text(0.01, -0.01, shown, ha="left", va="top", fontsize=CAPTION_SIZE, color="0.3", wrap=not paired)


def _filled_to_the_figure(fig, text: str, size: float) -> str:
    """``text`` wrapped at word breaks to the figure's width right of a caption's start, measured as plain text."""
    renderer, prop = fig.canvas.get_renderer(), FontProperties(size=size)
    room = fig.get_figwidth() * fig.dpi * 0.99
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            longer = f"{line} {word}" if line else word
            if line and renderer.get_text_width_height_descent(longer, prop, ismath=False)[0] > room:
                lines.append(line)
                longer = word
            line = longer
        lines.append(line)
    return "\n".join(lines)


def mpl_text(text: object) -> str:
    """Text for matplotlib. The theme turns mathtext off, so a dollar sign is shown as it is."""
    return str(text)


# --- titles that state the finding, and alt text ----------------------------------------------------

TITLE_LINES = 2  # a title wraps to at most this many lines at 390 px
ALT_LIMIT = 300  # characters of alt text a screen-reader user is asked to hear


def finding_title(finding: str, *more: str, sep: str = "; ") -> str:
    """A chart's title: its finding (a sentence computed from the chart's data), then each further clause
    (``more``) that still lets the title wrap to at most two lines on a phone; clauses that do not fit
    are left out, so the finding always leads."""
    text = finding
    for clause in more:
        longer = f"{text}{sep}{clause}" if clause else text
        if fits(longer):
            text = longer
    return text


def _fill_without_a_lone_word(text: str, chars: int) -> str:
    """``text`` wrapped to ``chars`` a line, or a little narrower when that leaves one word alone on the last line
    ('99%') and a narrower wrap takes no more lines."""
    lines = textwrap.wrap(text, chars, break_on_hyphens=False)
    for narrower in range(chars - 1, chars * 2 // 3, -1):
        if len(lines) < 2 or " " in lines[-1]:
            break
        tried = textwrap.wrap(text, narrower, break_on_hyphens=False)
        lines = tried if len(tried) == len(lines) else lines
    return "\n".join(lines)


def fits(title: str) -> bool:
    """Whether a title wraps to at most ``TITLE_LINES`` lines in the phone variant."""
    return len(textwrap.wrap(title, TITLE_WRAP)) <= TITLE_LINES


def state_finding(fig: Figure, title: str, alt: str, phone_title: str | None = None) -> None:
    """Title a chart with its finding and set the alt text the page writes for it. The title is the figure's,
    flush with its left edge (not an axes', which long tick labels push to the right). ``phone_title``: the same
    finding in fewer words, the phone's title when ``title`` would wrap to more than ``TITLE_LINES`` lines there."""
    top = fig.suptitle(mpl_text(title), x=0.01, ha="left", fontweight="bold", fontsize=plt.rcParams["axes.titlesize"])
    fig.prequel_title, fig.prequel_alt = top, alt
    if phone_title and not fits(title):

        def shorter() -> Callable[[], None]:
            top.set_text(mpl_text(phone_title))
            return lambda: top.set_text(mpl_text(title))

        on_narrow(fig, shorter)


def figure_title(fig: Figure) -> Text | None:
    """The figure's title (the text ``fig.suptitle`` returned to ``state_finding``), None when it has none."""
    title = getattr(fig, "prequel_title", None)
    return title if title is not None and title.get_text() else None


def alt_text(finding: str, *values: str) -> str:
    """Alt text a screen-reader user needs: the finding, then the values that support it (with units),
    each that still fits in ``ALT_LIMIT`` characters, in the order given (most important first)."""
    text = finding.strip().rstrip(".") + "."
    for value in (v.strip().rstrip(".") for v in values if v):
        longer = f"{text} {value[:1].upper()}{value[1:]}."
        if len(longer) <= ALT_LIMIT:
            text = longer
    return text


# --- alt text and the 2x PNG ----------------------------------------------------------------------


def _fmt(axis, value: float) -> str:
    try:
        if not isinstance(axis.get_major_formatter(), FuncFormatter):
            raise TypeError("only the collection's own formatters (money) are used")
        text = axis.get_major_formatter()(value, None)
        if text and "e" not in text.lower():
            return text.replace("\u2212", "-")
    except Exception:  # noqa: BLE001 - a formatter may refuse a value outside its ticks
        pass
    from .report import number

    return number(value)


def describe(fig: Figure) -> str:
    """Alt text generated from the figure: titles, axes, series and extremes."""
    parts = []
    if figure_title(fig) is not None:
        parts.append(figure_title(fig).get_text().strip().rstrip(".") + ".")
    for ax in fig.axes:
        if not ax.get_visible() or not (ax.lines or ax.patches or ax.collections or ax.images):
            continue
        bits = []
        title = ax.get_title() or ax.get_title("left")
        if title:
            bits.append(title.strip().rstrip("."))
        y, x = ax.get_ylabel().strip(), ax.get_xlabel().strip()
        if y and x:
            bits.append(f"{y} against {x}")
        elif x or y:
            bits.append(x or y)
        series = [line.get_label() for line in ax.lines if not line.get_label().startswith("_")]
        series += [c.get_label() for c in ax.containers if not c.get_label().startswith("_")]
        if not series:
            series = [t.get_text() for t in ax.get_yticklabels() if t.get_text()][:12]
        if series:
            bits.append("shows " + ", ".join(dict.fromkeys(series)))
        extreme = _extreme(ax)
        if extreme:
            bits.append(extreme)
        if bits:
            parts.append("; ".join(bits) + ".")
    text = " ".join(parts).strip()
    return ("Chart. " + text) if text else "Chart (no data drawn)."


def _extreme(ax) -> str | None:
    """The largest value drawn: the highest point of a labelled line, or the longest bar."""
    best = None
    for line in ax.lines:
        label = line.get_label()
        ys = line.get_ydata()
        try:
            values = [float(v) for v in ys]
        except (TypeError, ValueError):
            continue
        if label.startswith("_") or not values:
            continue
        top = max(values)
        if best is None or top > best[0]:
            best = (top, label, ax.yaxis)
    for patch in ax.patches:
        if not hasattr(patch, "get_width"):
            continue
        horizontal = patch.get_width() > patch.get_height() if ax.get_yticklabels() else False
        size = patch.get_width() if horizontal else patch.get_height()
        if best is None or size > best[0]:
            best = (
                size,
                patch.get_label() if not patch.get_label().startswith("_") else "",
                ax.xaxis if horizontal else ax.yaxis,
            )
    if best is None:
        return None
    value, label, axis = best
    return f"highest value {_fmt(axis, value)}" + (f" ({label})" if label else "")


def _png(fig: Figure) -> tuple[bytes, int, int]:
    from PIL import Image

    buffer = io.BytesIO()
    undo = keyed_as_drawn(fig)
    try:
        fig.savefig(buffer, format="png", dpi=DPI * SCALE, bbox_inches="tight", metadata={"Software": None})
    finally:
        undo()
    data = buffer.getvalue()
    width, height = Image.open(io.BytesIO(data)).size
    return data, width // SCALE, height // SCALE


def keyed_as_drawn(fig: Figure) -> Callable[[], None]:
    """``fig`` drawn at the PNG's resolution, each direct label with a ``key`` that found no place clear of the lines
    named in the caption instead (``_keyed_in_the_caption``), on the page as on the phone. Returns the undo."""
    dpi = fig.dpi
    fig.set_dpi(DPI * SCALE)
    try:
        fig.canvas.draw()
        labels = [t for ax in fig.axes for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible()]
        return _keyed_in_the_caption(fig, labels, phone=False)
    finally:
        fig.set_dpi(dpi)


PHONE_COLUMN = 366  # CSS pixels a chart is shown at on a 390 px phone (the page's column)
PHONE_CAPTION_PX = 0.82 * 16  # CSS pixels of the page's caption text (0.82 rem): the least a chart's text shows at
NARROW_WIDTH = 3.45  # inches: the phone variant; with the 0.1 in margins of its PNG it fits the column unscaled
PHONE_TEXT_MIN = math.ceil(PHONE_CAPTION_PX * 72 / DPI * 2) / 2  # points: 9.5 pt is 13.2 CSS px at full size
PHONE_TITLE_SIZE = 11  # points: a bold title that wraps within the phone's width at ``TITLE_WRAP`` characters
PHONE_MAX_HEIGHT = 2 * NARROW_WIDTH  # inches: a phone variant grown to place its labels stops at twice its width
PHONE_HEIGHT = 0.12  # a phone variant's height in inches per square inch of the page's figure (at least 2.8)
NARROW_WRAP = 36  # characters per line of an axis label or a panel's title in the phone variant
TITLE_WRAP = 36  # the same for a chart's bold title
PHONE_LABEL_WRAP = 18  # characters per line of a direct label in the phone variant
CAPTION_WRAP = 46  # characters per line of a caption (sources and notes under the chart) in the phone variant


def _single_row(fig: Figure) -> list:
    """The axes of a one-row grid of panels (1 x n, n > 1), in order; [] for any other layout."""
    panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    grids = {id(ax.get_subplotspec().get_gridspec()) for ax in panels}
    if len(panels) < 2 or len(grids) != 1:
        return []
    grid = panels[0].get_subplotspec().get_gridspec()
    if grid.nrows != 1 or grid.ncols != len(panels):
        return []
    return sorted(panels, key=lambda ax: ax.get_subplotspec().colspan.start)


def _within_the_column(fig: Figure, height: float) -> tuple[bytes, int, int]:
    """The phone PNG at most ``PHONE_COLUMN`` pixels wide, so that the page shows it at its own size (text that
    reaches past the figure, such as a label beside the plot, widens the image: the figure narrows by as much).
    Laid out at the PNG's resolution, at which text is a few per cent wider than at the figure's own."""
    dpi = fig.dpi
    fig.set_dpi(DPI * SCALE)
    try:
        return _laid_out_within_the_column(fig, height)
    finally:
        fig.set_dpi(dpi)


def _laid_out_within_the_column(fig: Figure, height: float) -> tuple[bytes, int, int]:
    fig.set_size_inches(NARROW_WIDTH, height)
    try:
        fig.tight_layout()
    except Exception:  # noqa: BLE001 - a layout that cannot be tightened is still drawn
        pass
    labels = [t for ax in fig.axes for t in ax.texts if hasattr(t, "prequel_offset")]
    for _ in range(8):  # draw, then pull the plots in by what sticks out (the placer keeps direct labels inside)
        fig.canvas.draw()
        if _rewrap_centred_labels(fig):
            for ax in fig.axes:
                if hasattr(ax, "prequel_legend_below"):
                    ax.prequel_legend_below()
        unplaced = [t for t in labels if getattr(t, "prequel_unplaced", False)]  # at their own place
        past_left, past_right = _past_the_edges(fig, labels, [])
        label_left, label_right = _past_the_edges(fig, labels, unplaced)
        lowered = _below_the_title(fig)
        if label_left + label_right < 0.02:
            taller = fig.get_size_inches()[1] * 1.2
            grown = bool(unplaced) and taller <= PHONE_MAX_HEIGHT
            if grown:  # nowhere free and no edge to pull in from: a taller figure spreads the points apart, up to
                fig.set_size_inches(NARROW_WIDTH, taller)  # a limit (then the caption names what found no place)
            if lowered or grown:
                continue
            break
        left = fig.subplotpars.left + (label_left + 0.03) / NARROW_WIDTH
        right = fig.subplotpars.right - max(2 * past_right, label_right) / NARROW_WIDTH  # twice: an axis label
        right -= 0.03 / NARROW_WIDTH * (label_right > 0)  # centred under the plot moves half as much
        if right - left < 0.3:  # the plot would vanish: keep it, the page scales the image down
            break
        fig.subplots_adjust(left=left, right=right)
    fig.canvas.draw()
    restore = [_keyed_in_the_caption(fig, labels)]
    restore.append(_captions_under_the_plots(fig))
    excess, risen = _taller_than_twice_the_width(fig), False
    for _ in range(3):  # the captions under the plots pass the figure's foot: the plots make room, never the text
        if excess <= 0 and (not risen or excess > -0.1):  # (the captions risen with them: no more room than needed)
            break
        for undo in reversed(restore):
            undo()
        _plots_shorter(fig, excess / fig.get_size_inches()[1])
        fig.canvas.draw()  # the labels placed anew in the shorter plots, those left without a place keyed anew
        restore = [_keyed_in_the_caption(fig, labels), _captions_under_the_plots(fig, rise=True)]
        excess, risen = _taller_than_twice_the_width(fig), True
    try:
        return _png(fig)
    finally:
        for undo in reversed(restore):
            undo()


def _plots_shorter(fig: Figure, by: float) -> None:
    """The plots' foot raised by ``by`` (a fraction of the figure's height), the gaps between stacked panels kept
    as they were (a panel's title and the axis label above it stay apart)."""
    pars = fig.subplotpars
    specs = [ax.get_subplotspec() for ax in fig.axes if ax.get_subplotspec() is not None]
    rows = max((spec.get_gridspec().nrows for spec in specs), default=1)
    tall = pars.top - pars.bottom
    gap = pars.hspace * tall / (rows + (rows - 1) * pars.hspace)  # hspace is a share of a panel's mean height
    panel = (tall - by - (rows - 1) * gap) / rows
    fig.subplots_adjust(bottom=pars.bottom + by, hspace=gap / panel if rows > 1 else pars.hspace)


def _taller_than_twice_the_width(fig: Figure) -> float:
    """Inches by which everything drawn (the PNG, text past the figure's edges included) is taller than twice its
    width (less than 0: shorter): a phone variant a reader sees whole on the screen, never scrolling through it."""
    drawn = fig.get_tightbbox(fig.canvas.get_renderer())
    return drawn.height - 2 * drawn.width + 0.03


def _keyed_in_the_caption(fig: Figure, labels: list, phone: bool = True) -> Callable[[], None]:
    """Each direct label that found no free place and has a ``key`` hidden, named in the caption instead
    ("Light grey bars: high setting."), which is created when there is none (wrapped to the ``phone``'s width, else
    to the figure's). Returns the function that undoes it."""
    keyed = [
        t for t in labels if t.get_visible() and getattr(t, "prequel_unplaced", False) and getattr(t, "prequel_key", "")
    ]
    if not keyed:
        return lambda: None
    by_key: dict[str, list] = {}
    for t in keyed:
        by_key.setdefault(t.prequel_key, []).append(t)
    named = [_named_in_the_caption(key, group) for key, group in by_key.items()]
    words = " ".join(f"{n[:1].upper()}{n[1:]}{'' if n.endswith('.') else '.'}" for n in named)  # '...' ends one
    notes = [t for t in fig.texts if t.get_text() and t is not figure_title(fig) and t.get_position()[1] <= 0]
    note = notes[0] if notes else caption(fig, "")
    written = note.get_text()
    text = f"{words} {' '.join(written.split())}".strip()
    note.set_text(textwrap.fill(text, CAPTION_WRAP, break_on_hyphens=False) if phone else text)
    for t in keyed:
        t.set_visible(False)
    fig.canvas.draw()

    def undo() -> None:
        for t in keyed:
            t.set_visible(True)
        if notes:
            note.set_text(written)
        else:
            note.remove()

    return undo


def _named_in_the_caption(key: str, labels: list) -> str:
    """One key's hidden labels in the caption's words, the key said once: "hollow diamond: its text", or for several
    "Runway's circles, left to right: one; another"."""
    texts = list(dict.fromkeys(" ".join(t.get_text().split()) for t in sorted(labels, key=lambda t: t.xy[0])))
    if len(texts) == 1:
        return f"{key}: {texts[0]}"
    return f"{key}{'' if key.endswith('s') else 's'}, left to right: {'; '.join(texts)}"


def _past_the_edges(fig: Figure, labels: list, counted: list) -> tuple[float, float]:
    """Inches by which what is drawn passes the figure's left and right edges, of direct labels only ``counted``."""
    for label in labels:
        label.set_in_layout(label in counted)
    try:
        drawn = fig.get_tightbbox(fig.canvas.get_renderer())
    finally:
        for label in labels:
            label.set_in_layout(True)
    return max(0.0, -drawn.x0), max(0.0, drawn.x1 - fig.get_size_inches()[0])


CAPTION_GAP = 6  # display pixels between the lowest text of the plots (an axis label, a legend below) and a caption


def _captions_under_the_plots(fig: Figure, rise: bool = False) -> Callable[[], None]:
    """Each caption (a figure text placed under the plots) moved below the lowest drawn extent of the axes (tick
    labels, axis label, a legend placed below), measured as drawn, and captions stacked one under another, so that
    a label the phone wraps to more lines does not run into them; ``rise``: moved up as well, just under them.
    Returns the function that undoes it."""
    renderer = fig.canvas.get_renderer()
    notes = [t for t in fig.texts if t.get_text() and t is not figure_title(fig) and t.get_position()[1] <= 0]
    plots = [ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()]
    plots += [t.get_window_extent(renderer) for ax in fig.axes for t in ax.texts if t.get_visible() and t.get_text()]
    saved = [(t, t.get_position()) for t in notes]
    if notes and plots:
        top = min(box.y0 for box in plots if box is not None) - CAPTION_GAP
        for note in sorted(notes, key=lambda t: -t.get_position()[1]):
            under = fig.transFigure.inverted().transform((0, top))[1]
            note.set_y(under if rise else min(note.get_position()[1], under))
            top = note.get_window_extent(renderer).y0 - CAPTION_GAP / 2
    return lambda: [t.set_position(xy) for t, xy in saved]


def _under_the_title(fig: Figure, renderer) -> float:
    """Display pixels by which the highest panel (its plot, title and tick labels) reaches into the figure's
    title, with ``LABEL_PAD`` to spare; 0 when it stays clear (or there is no title)."""
    title = figure_title(fig)
    if title is None:
        return 0.0
    bottom = title.get_window_extent(renderer).y0
    tops = []
    for ax in fig.axes:
        boxes = [ax.get_window_extent(renderer)]
        boxes += [t.get_window_extent(renderer) for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]
        boxes += [ax.xaxis.get_tightbbox(renderer), ax.yaxis.get_tightbbox(renderer)]
        tops += [b.y1 for b in boxes if b is not None and b.height > 0]
    return max(0.0, max(tops, default=0.0) + LABEL_PAD - bottom)


def _below_the_title(fig: Figure) -> bool:
    """Lower the top of the panels under the figure's title when they reach into it (a title wrapped to two lines
    on a phone over stacked panels with their own titles). Whether it moved them."""
    renderer = fig.canvas.get_renderer()
    into = _under_the_title(fig, renderer)
    if into <= 0:
        return False
    fig.subplots_adjust(top=fig.subplotpars.top - (into + 2 * LABEL_PAD) / fig.bbox.height)
    fig.canvas.draw()
    return True


def _rewrap_centred_labels(fig: Figure) -> bool:
    """Wrap an axis label, a panel's title or the figure's title that passes the figure's edge more narrowly: a plot
    pushed right by long tick labels has less room on its right than the label is wide. Whether any was wrapped."""
    renderer, edge, rewrapped = fig.canvas.get_renderer(), fig.bbox, False
    texts = [t for ax in fig.axes for t in (ax.xaxis.label, ax.title, ax._left_title)]
    for t in [*texts, *([figure_title(fig)] if figure_title(fig) is not None else [])]:
        box = t.get_window_extent(renderer) if t.get_text() else None
        if box is None or box.width <= 0 or (box.x0 >= edge.x0 and box.x1 <= edge.x1):
            continue
        centre = (box.x0 + box.x1) / 2
        room = edge.x1 - box.x0 - 4 if t.get_ha() == "left" else 2 * min(centre - edge.x0, edge.x1 - centre) - 4
        chars = max(len(line) for line in t.get_text().split("\n"))
        fill = max(12, int(chars * room / box.width))
        t.set_text(_fill_without_a_lone_word(" ".join(t.get_text().split()), fill))
        rewrapped = True
    return rewrapped


def _at_least_caption_size(fig: Figure) -> Callable[[], None]:
    """On a phone, every text of ``fig`` (labels, annotations, legends, tick labels, captions) at least
    ``PHONE_TEXT_MIN`` and the title ``PHONE_TITLE_SIZE``; returns the function that undoes it."""
    title = figure_title(fig)
    saved = [(t, t.get_fontsize()) for t in fig.findobj(Text) if t.get_text()]
    for t, size in saved:
        t.set_fontsize(PHONE_TITLE_SIZE if t is title else max(size, PHONE_TEXT_MIN))
    ticks = []
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            size = FontProperties(size=axis.get_tick_params().get("labelsize", plt.rcParams[f"{name}tick.labelsize"]))
            if size.get_size_in_points() < PHONE_TEXT_MIN:
                ticks.append((ax, name, size.get_size_in_points()))
                ax.tick_params(axis=name, which="both", labelsize=PHONE_TEXT_MIN)

    def undo() -> None:
        for t, size in saved:
            t.set_fontsize(size)
        for ax, name, size in ticks:
            ax.tick_params(axis=name, which="both", labelsize=size)

    return undo


def narrow_variant(fig: Figure) -> tuple[bytes, int, int] | None:
    """The figure redrawn for a phone: as wide as the phone's column, its text at least the page's caption size;
    a row of panels is stacked into a column; long titles and axis labels wrap; the chart's own changes
    (``on_narrow``: ``date_axis``'s fewer ticks, ``legend_below_on_phone``) are made. The figure is restored.

    None when the figure is already narrow."""
    width, height = fig.get_size_inches()
    if width <= NARROW_WIDTH * 1.25:
        return None
    grids = {id(ax.get_subplotspec().get_gridspec()) for ax in fig.axes if ax.get_subplotspec() is not None}
    if len(grids) > 1 and not _single_row(fig):  # panels with colour bars: squeezing them helps no one
        return None
    texts = [t for ax in fig.axes for t in (ax.title, ax._left_title, ax.xaxis.label, ax.yaxis.label)]
    texts += [figure_title(fig)] if figure_title(fig) is not None else []
    notes = [t for t in fig.texts if t.get_text() and t is not figure_title(fig)]  # captions, wrapped to the phone
    labels = [t for ax in fig.axes for t in ax.texts if hasattr(t, "prequel_offset")]  # direct labels, wrapped
    saved_text = [(t, t.get_text()) for t in [*texts, *notes, *labels]]
    panels = _single_row(fig)
    saved_specs = [(ax, ax.get_subplotspec()) for ax in panels]
    saved_ticks = [(ax, ax.yaxis.get_tick_params()) for ax in panels]
    saved_margins = vars(fig.subplotpars).copy()  # the phone's layout leaves the page's as it was
    undo = []
    try:
        for adjust in [*getattr(fig, "prequel_narrow", []), lambda: _at_least_caption_size(fig)]:
            undo.append(adjust())  # the chart's own phone changes, then no text smaller than the page's caption
        for t in texts:
            limit = NARROW_WRAP if t.get_fontweight() in ("normal", 400) else TITLE_WRAP
            if len(t.get_text()) > limit and "\n" not in t.get_text():
                t.set_text(_fill_without_a_lone_word(t.get_text(), limit))
        for t in notes:
            t.set_text(textwrap.fill(" ".join(t.get_text().split()), CAPTION_WRAP, break_on_hyphens=False))
        for t in labels:
            if "\n" not in t.get_text():
                wrap = getattr(t, "prequel_phone_wrap", PHONE_LABEL_WRAP)
                t.set_text(textwrap.fill(t.get_text(), wrap, break_on_hyphens=False))
        for ax in fig.axes:  # a legend below the plot goes under the axis label as wrapped for the phone
            if hasattr(ax, "prequel_legend_below"):
                ax.prequel_legend_below()
        new_height = height * width * PHONE_HEIGHT * getattr(fig, "prequel_phone_taller", 1)  # set by a chart's own
        if panels:
            grid = fig.add_gridspec(len(panels), 1)
            for i, ax in enumerate(panels):
                ax.set_subplotspec(grid[i, 0])
                ax.tick_params(axis="y", labelleft=True)
            new_height = max(height * 0.8, 2.6) * len(panels)
        return _within_the_column(fig, min(max(new_height, 2.8), PHONE_MAX_HEIGHT))  # seen whole on a phone
    finally:
        for restore in reversed(undo):
            restore()
        for t, text in saved_text:
            t.set_text(text)
        for ax, spec in saved_specs:
            ax.set_subplotspec(spec)
        for ax, params in saved_ticks:
            ax.tick_params(axis="y", labelleft=params.get("labelleft", True))
        fig.subplots_adjust(**saved_margins)
        fig.set_size_inches(width, height)


def _png_with_alt(fig: Figure):
    import base64

    plain_ticks(fig)
    data, width, height = _png(fig)
    alt = getattr(fig, "prequel_alt", None) or describe(fig)
    meta = {"alt": alt, "width": width, "height": height}
    sources = getattr(fig, "prequel_sources", None) or DEFAULT_SOURCES  # written under the chart by the page
    if sources:
        meta["sources"] = sources
    narrow = narrow_variant(fig)
    if narrow is not None:
        png, n_width, n_height = narrow
        meta["narrow"] = {"src": base64.b64encode(png).decode("ascii"), "width": n_width, "height": n_height}
    return data, meta


def register_figure_formatter() -> None:
    """Displayed figures become 2x PNGs with alt text (metadata ``{"image/png": {"alt": ...}}``)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return
    plt.close(plt.figure())  # let the inline backend install its own formatters first, then replace them
    formatters = shell.display_formatter.formatters
    formatters["image/png"].for_type(Figure, _png_with_alt)
    for mime in ("image/svg+xml", "application/pdf", "image/jpeg"):
        formatters[mime].pop(Figure, None)

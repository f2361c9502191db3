"""One chart style for the whole collection: theme, company colours, estimate markers, captions, alt text.

``apply_theme()`` also makes every displayed matplotlib figure a sharp (2x) PNG carrying alt text:
the figure's ``prequel_alt`` attribute when a chart sets one, else a description generated from
the figure's own title, axis labels, series and extremes. The page template writes it as ``alt``."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .report import money

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
PALETTE = OKABE_ITO
# The article's three companies are emphasised; every other company is drawn in a muted tone.
FOCUS = {"runway": "#D55E00", "openai": "#0072B2", "google": "#009E73"}
MUTED = ["#8C8C8C", "#A6A6A6", "#737373", "#B8B8B8", "#999999", "#7F7F7F"]
DPI = 100
SCALE = 2  # PNGs are rendered at twice their displayed size


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


def usd_axis(axis, log: bool = True) -> None:
    """Label a matplotlib axis (ax.xaxis or ax.yaxis) in US dollars."""
    if log:
        axis.axes.set_xscale("log") if axis is axis.axes.xaxis else axis.axes.set_yscale("log")
    axis.set_major_formatter(FuncFormatter(lambda v, _: money(v)))


def caption(fig, text: str) -> None:
    """Sources and notes under a figure."""
    fig.text(0.01, -0.01, mpl_text(text), ha="left", va="top", fontsize=9, color="0.3", wrap=True)


def mpl_text(text: object) -> str:
    """Text for matplotlib. The theme turns mathtext off, so a dollar sign is shown as it is."""
    return str(text)


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
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text().strip().rstrip(".") + ".")
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


def _png_with_alt(fig: Figure):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI * SCALE, bbox_inches="tight", metadata={"Software": None})
    data = buffer.getvalue()
    from PIL import Image

    width, height = Image.open(io.BytesIO(data)).size
    alt = getattr(fig, "prequel_alt", None) or describe(fig)
    return data, {"alt": alt, "width": width // SCALE, "height": height // SCALE}


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

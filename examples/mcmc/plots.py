"""Figures of the MCMC example: a corner plot of derived quantities and the mass-radius posterior band with the
NICER pulsars' credible regions (matplotlib, Agg backend)."""

from __future__ import annotations

import numpy as np

import constraints as c


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def interval(values: np.ndarray, mass: float) -> tuple[float, float]:
    """Equal-tailed credible interval holding ``mass`` of the samples."""
    tail = 50.0 * (1.0 - mass)
    low, high = np.percentile(values, [tail, 100.0 - tail])
    return float(low), float(high)


def _smooth(counts: np.ndarray) -> np.ndarray:
    """A 3x3 binomial blur, so that contours of a few thousand samples are not ragged."""
    kernel = np.array([0.25, 0.5, 0.25])
    padded = np.pad(counts, 1, mode="edge")
    rows = kernel[0] * padded[:-2, :] + kernel[1] * padded[1:-1, :] + kernel[2] * padded[2:, :]
    return kernel[0] * rows[:, :-2] + kernel[1] * rows[:, 1:-1] + kernel[2] * rows[:, 2:]


def credible_levels(density: np.ndarray, masses: tuple[float, ...]) -> list[float]:
    """Density values whose super-level sets hold the given probability ``masses`` of a gridded density."""
    flat = np.sort(density.ravel())[::-1]
    cumulative = np.cumsum(flat) / flat.sum()
    return sorted({float(flat[min(np.searchsorted(cumulative, q), len(flat) - 1)]) for q in masses})


def corner_plot(columns: dict[str, np.ndarray], path: str, title: str) -> None:
    plt = _pyplot()
    names = list(columns)
    k = len(names)
    figure, axes = plt.subplots(k, k, figsize=(2.4 * k, 2.4 * k))
    for row in range(k):
        for col in range(k):
            ax = axes[row, col]
            x = columns[names[col]]
            if col > row:
                ax.set_visible(False)
                continue
            if row == col:
                ax.hist(x, bins=40, color="#3b6ea5", histtype="stepfilled", alpha=0.75)
                median = np.median(x)
                low, high = interval(x, 0.90)
                for value in (low, median, high):
                    ax.axvline(value, color="k", ls="-" if value == median else "--", lw=0.8)
                ax.set_title(f"{names[col]}\n{median:.3g} (+{high - median:.2g} / -{median - low:.2g}, 90 %)", fontsize=8)
                ax.set_yticks([])
            else:
                y = columns[names[row]]
                ax.hist2d(x, y, bins=35, cmap="Blues")
                counts, xe, ye = np.histogram2d(x, y, bins=25)
                counts = _smooth(counts)
                levels = credible_levels(counts, (0.68, 0.90))
                if len(levels) == 2:
                    ax.contour(0.5 * (xe[1:] + xe[:-1]), 0.5 * (ye[1:] + ye[:-1]), counts.T, levels=levels,
                               colors="k", linewidths=0.8)
            if row == k - 1:
                ax.set_xlabel(names[col], fontsize=8)
            else:
                ax.set_xticklabels([])
            if col == 0 and row > 0:
                ax.set_ylabel(names[row], fontsize=8)
            elif col > 0:
                ax.set_yticklabels([])
    figure.suptitle(title, fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def nicer_region(measurement: c.NicerMeasurement, mass_probability: float = 0.68,
                 grid: int = 240) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(radius grid [km], mass grid [Msun], log density on the grid, the log density level whose super-level set
    holds ``mass_probability``) of a NICER likelihood, for contour plots (here and in exported JSON)."""
    r = np.linspace(measurement.radius.quantile(1e-4), measurement.radius.quantile(1 - 1e-4), grid)
    m = np.linspace(measurement.mass.quantile(1e-4), measurement.mass.quantile(1 - 1e-4), grid)
    rr, mm = np.meshgrid(r, m)
    log_density = measurement.log_likelihood(mm, rr)
    level = credible_levels(np.exp(log_density - log_density.max()), (mass_probability,))[0]
    return r, m, log_density, float(np.log(level) + log_density.max())


def region_polygons(measurement: c.NicerMeasurement, probabilities: tuple[float, ...] = (0.68, 0.90)) -> dict:
    """The credible regions of a NICER likelihood as closed polygons of (R [km], M [Msun]) vertices, one list of
    polygons per probability, e.g. for an M-R plot elsewhere (the explorer) to draw the same regions."""
    plt = _pyplot()
    figure, ax = plt.subplots()
    regions = {}
    for probability in probabilities:
        r, m, log_density, level = nicer_region(measurement, probability)
        contour = ax.contour(r, m, log_density, levels=[level])
        regions[f"{probability:.0%}"] = [[[round(float(x), 4), round(float(y), 4)] for x, y in segment]
                                          for segment in contour.allsegs[0]]
    plt.close(figure)
    return regions


def mass_radius_plot(masses: np.ndarray, radii: np.ndarray, nicer: tuple[c.NicerMeasurement, ...], path: str,
                     title: str) -> dict:
    """The posterior band of R(M): ``radii`` is (samples, masses) with NaN where a sample has no star of that mass;
    at each mass the 68 % and 90 % intervals of the samples that have one (drawn while at least half do), with
    the 68 % regions of the NICER likelihoods. Returns the band as numbers (for summary.json)."""
    plt = _pyplot()
    figure, ax = plt.subplots(figsize=(6.2, 5.2))
    present = np.mean(np.isfinite(radii), axis=0)
    keep = present >= 0.5
    band = {"mass": [], "median": [], "68%": [], "90%": [], "fraction_with_star": []}
    for j in np.flatnonzero(keep):
        values = radii[np.isfinite(radii[:, j]), j]
        band["mass"].append(round(float(masses[j]), 3))
        band["median"].append(round(float(np.median(values)), 3))
        band["68%"].append([round(v, 3) for v in interval(values, 0.68)])
        band["90%"].append([round(v, 3) for v in interval(values, 0.90)])
        band["fraction_with_star"].append(round(float(present[j]), 3))
    m = np.array(band["mass"])
    if len(m):
        ax.fill_betweenx(m, [v[0] for v in band["90%"]], [v[1] for v in band["90%"]], color="#3b6ea5", alpha=0.25,
                         label="posterior 90 %")
        ax.fill_betweenx(m, [v[0] for v in band["68%"]], [v[1] for v in band["68%"]], color="#3b6ea5", alpha=0.45,
                         label="posterior 68 %")
        ax.plot(band["median"], m, color="#1d3c5e", lw=1.2, label="median R(M)")
    colours = ["#c0392b", "#27ae60", "#8e44ad", "#d35400"]
    for measurement, colour in zip(nicer, colours):
        r, mm, log_density, level = nicer_region(measurement)
        ax.contour(r, mm, log_density, levels=[level], colors=colour, linewidths=1.2, linestyles="solid")
        ax.plot([], [], color=colour, label=f"{measurement.name} 68 % ({measurement.source.split(',')[0]})")
    ax.set_xlim(9.5, 16.0)
    ax.set_ylim(0.9, 2.7)
    ax.set_xlabel("R [km]")
    ax.set_ylabel("M [M$_\\odot$]")
    ax.legend(fontsize=7, loc="upper right")
    ax.set_title(title, fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return band

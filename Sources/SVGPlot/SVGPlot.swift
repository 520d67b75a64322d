// SVGPlot — work in progress.

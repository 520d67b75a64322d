// NumericalMethods — work in progress.

"""Hand-run benchmarks (never run by the test suite); run each as ``python -m bench.NAME``."""

"""Benchmarks: the package's vectorised layers beside their loop versions and TensorFlow.

Run one with `python -m benchmarks.<name>` (e.g. `make bench`). They print tables; no test
asserts on a time.
"""

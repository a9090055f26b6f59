"""Benchmarks (run by hand: python -m bench; smoke-run in CI)."""

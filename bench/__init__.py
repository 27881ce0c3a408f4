"""Benchmarks and the synthetic graphs they run on (a dev tool, not part of the service)."""

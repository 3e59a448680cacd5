"""Benchmarks that print JSON; the load benchmarks share bench/measure."""

"""Benchmarks and load/fault runs: scripts a person runs (see README.md), never pytest tests."""

"""Counters a test or benchmark reads to see how the bot treated the emulator."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Stats:
    requests: int = 0
    unknown_interactions: int = 0
    double_acknowledgements: int = 0
    faults_served: int = 0
    identifies: int = 0
    resumes: int = 0
    callbacks: int = 0

"""Hybrid logical clock (混合逻辑时钟) stamps for sync operations.

A stamp is ``"<wall ms, 13 digits>-<counter, 4 digits>-<device id>"``: stamps
compare as strings in causal order, and ties break by device. Free-text fields
merge last-writer-wins by this stamp (architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    device_id: str

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04d}-{self.device_id}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        wall, counter, device = text.split("-", 2)
        return cls(int(wall), int(counter), device)


def tick(last: Hlc | None, now_ms: int, device_id: str) -> Hlc:
    """The next local stamp: never behind ``last``, even if the wall clock went back."""
    if last is None or now_ms > last.wall_ms:
        return Hlc(now_ms, 0, device_id)
    return Hlc(last.wall_ms, last.counter + 1, device_id)


def receive(last: Hlc | None, remote: Hlc, now_ms: int, device_id: str) -> Hlc:
    """The local stamp after seeing ``remote``: after both it and our own last."""
    wall = max(now_ms, remote.wall_ms, last.wall_ms if last else 0)
    counters = [-1]
    if wall == remote.wall_ms:
        counters.append(remote.counter)
    if last is not None and wall == last.wall_ms:
        counters.append(last.counter)
    return Hlc(wall, max(counters) + 1, device_id)

"""The worker's Group port over a real (unstarted) faust app: recovery is awaited afresh at every rebalance."""

from __future__ import annotations

import asyncio

import faust
from dipevents.stream.app import FaustGroup


async def _done(group: FaustGroup) -> bool:
    waiter = asyncio.ensure_future(group.recovered())
    for _ in range(5):
        await asyncio.sleep(0)
    waiter.cancel()
    return waiter.done() and not waiter.cancelled()


def test_each_rebalance_waits_for_its_own_recovery() -> None:
    """Recovered only once faust says the rebalance completed; after the next revocation, not recovered again
    until that rebalance completes too (faust's own flag stays set from the first one)."""

    async def scenario() -> list[bool]:
        app = faust.App("group-test", store="memory://", web_enabled=False)
        group = FaustGroup(app)
        seen = [await _done(group)]
        await app.on_rebalance_complete.send()
        seen.append(await _done(group))
        await app.on_partitions_revoked.send(set())
        seen.append(await _done(group))
        await app.on_partitions_revoked.send(set())  # revoked again before it completed: still waiting
        seen.append(await _done(group))
        await app.on_rebalance_complete.send()
        seen.append(await _done(group))
        return seen

    assert asyncio.run(scenario()) == [False, True, False, False, True]

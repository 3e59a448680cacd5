"""Per-user limits for work that slash-command cooldowns do not cover (buttons, menus)."""

from __future__ import annotations

import math
import time

from discord import app_commands

# The same budget as the heavy slash commands: five answers per 30 seconds per person.
RATE, PER = 5, 30.0


class UserLimiter:
    def __init__(self, rate: int = RATE, per: float = PER) -> None:
        self.rate, self.per = rate, per
        self._buckets: dict[int, tuple[app_commands.Cooldown, float]] = {}

    def retry_after(self, user_id: int) -> float | None:
        """None when the user may go ahead (and counts this use), else seconds to wait."""
        now = time.time()
        if len(self._buckets) > 10_000:
            # Forget people whose window has passed, so the map stays small.
            self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < self.per}
        bucket = self._buckets.get(user_id, (app_commands.Cooldown(self.rate, self.per), now))[0]
        self._buckets[user_id] = (bucket, now)
        return bucket.update_rate_limit(now)

    def message(self, wait: float) -> str:
        return f"Easy there: try again in {math.ceil(wait)} s."


button_limiter = UserLimiter()

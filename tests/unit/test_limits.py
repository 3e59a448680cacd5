from __future__ import annotations

from bot.limits import UserLimiter


def test_each_user_gets_their_own_budget() -> None:
    limiter = UserLimiter(rate=2, per=60.0)
    assert limiter.retry_after(1) is None
    assert limiter.retry_after(1) is None
    wait = limiter.retry_after(1)
    assert wait is not None and 0 < wait <= 60
    assert limiter.retry_after(2) is None  # someone else is not slowed
    assert limiter.message(0.2) == "Easy there: try again in 1 s."

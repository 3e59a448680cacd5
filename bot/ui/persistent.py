"""Every button and menu the client answers from its custom_id alone, across restarts."""

from __future__ import annotations

from bot.ui.answers import AnswerButton, ShowChartButton
from bot.ui.history import HistoryMenu
from bot.ui.offer import OfferButton
from bot.ui.profile import DeleteButton

DYNAMIC_ITEMS = (AnswerButton, ShowChartButton, HistoryMenu, DeleteButton, OfferButton)

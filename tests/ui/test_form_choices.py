"""The lists the forms offer: every option readable by the bot, the saved answer shown."""

from __future__ import annotations

import pytest

from bot.salary.currency import CURRENCIES
from bot.salary.vesting import DEFAULT_VESTING, parse_vesting
from bot.ui import share
from bot.ui.forms import MAX_OPTIONS, Choice, pick_list
from bot.ui.offer import VESTING_SCHEDULES, vesting_choices
from bot.ui.profile import experience_choices
from bot.ui.share import currency_choices, year_choices


def test_every_vesting_choice_reads_as_the_schedule_its_label_names() -> None:
    assert parse_vesting(vesting_choices()[0].value) == DEFAULT_VESTING, "the default comes first"
    labels = [choice.label for choice in vesting_choices()]
    assert len(set(labels)) == len(labels) == len(VESTING_SCHEDULES) <= MAX_OPTIONS
    for choice in vesting_choices():
        schedule = parse_vesting(choice.value)
        assert f"{schedule.years} years" in choice.label, choice
        cliff = schedule.cliff_months
        words = (
            "no cliff"
            if cliff == 0
            else f"{cliff // 12}-year cliff"
            if cliff % 12 == 0
            else f"{cliff}-month cliff"
        )
        assert choice.label.endswith(words), choice
        if "/" in choice.label:
            split = [float(part) for part in choice.label.split()[0].split("/")]
            assert split == pytest.approx(list(schedule.shares), abs=0.5)


def test_the_currency_list_starts_with_the_answers_currency_and_holds_only_rates() -> None:
    for own in CURRENCIES:
        choices = currency_choices(own)
        codes = [choice.value for choice in choices]
        assert codes[0] == own and len(set(codes)) == len(codes) <= MAX_OPTIONS
        assert set(codes) <= set(CURRENCIES) and {"USD", "EUR", "GBP"} <= set(codes)
    assert currency_choices("CHF")[0].label == "CHF: Swiss Franc"


def test_with_more_rates_than_a_list_holds_the_common_ones_stay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    many = tuple(sorted({*CURRENCIES, *(f"X{a}{b}" for a in "ABCDE" for b in "ABCDE")}))
    monkeypatch.setattr(share, "CURRENCIES", many)
    codes = [choice.value for choice in currency_choices("XEE")]
    assert len(codes) == MAX_OPTIONS and codes[0] == "XEE"
    assert set(share.COMMON_CURRENCIES) <= set(codes)


def test_the_years_run_from_this_one_back_to_the_first_the_bot_reads() -> None:
    assert [c.value for c in year_choices(2026)] == [str(y) for y in range(2026, 2019, -1)]
    later = year_choices(2060)
    assert len(later) == MAX_OPTIONS and later[0].value == "2060"


def test_experience_offers_levels_then_years_and_keeps_saved_years() -> None:
    plain = experience_choices(None)
    assert len(plain) == MAX_OPTIONS
    assert [c.value for c in plain[:4]] == [
        "level:entry",
        "level:mid",
        "level:senior",
        "level:principal",
    ]
    assert plain[4] == Choice("years:0", "0 years") and plain[5].label == "1 year"
    assert experience_choices(7) == plain
    assert experience_choices(35)[-1] == Choice("years:35", "35 years")


def test_a_saved_value_the_list_lacks_is_offered_first_and_picked() -> None:
    choices = [Choice(f"v{n}", f"Option {n}") for n in range(MAX_OPTIONS)]
    menu = pick_list("Old", choices, custom_id="old", chosen=["retired"]).component
    options = menu.to_component_dict()["options"]
    assert options[0] == {"label": "retired", "value": "retired", "default": True}
    assert len(options) == MAX_OPTIONS and not any(o["default"] for o in options[1:])

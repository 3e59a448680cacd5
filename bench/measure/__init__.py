"""The measuring loop the load benchmarks share (bench/load.py, bench/scale.py).

N simulated users (half in servers, half in DMs) send a fixed mix (estimate 50%, compare
15%, tips 10%, profile 15%, autocomplete 10%) at a steady rate through the emulator's
gateway to the real SalaryBot, run as its own process, then the same plan to a floor bot
that answers a constant (bench/floor_bot.py). Each bot gets its own emulator and runs
alone, so the two never share the cores. A burst (one interaction from each of `burst`
fresh users at once) is measured after the steady part and reported apart: a backlog says
more about the gateway than about the bot.

Time is measured in the benchmark's process, from the INTERACTION_CREATE dispatch to the
first callback Discord would accept. Heavy commands are spread over the users so that
nobody exceeds 5 per 30 s; any cooldown answer is still counted.

- plan: what is sent, by whom, when (the same list for every bot measured).
- watch: one interaction followed to its answer and its chart.
- phase: a bot's processes against their own emulator, driven with a plan and measured.
- figures, proc: the summaries, and what /proc says of a process.
- bot_links, floor_links: the only modules here that import the bot.
"""

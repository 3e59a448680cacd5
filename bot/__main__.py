"""`python -m bot`: on Discord with DISCORD_TOKEN set, else the local console.

`python -m bot console` always opens the console; `python -m bot sync [--guild ID]` syncs
the slash commands once and exits.
"""

from __future__ import annotations

import argparse
import sys

from bot.app import event_loop
from bot.app.config import load_config_or_exit
from bot.app.logs import setup_logging


def discord_locale(text: str) -> str:
    """A locale Discord's client can send ("de", "pt-BR"), as it spells it."""
    from discord import Locale

    known = {locale.value.lower(): locale.value for locale in Locale}
    if text.lower() not in known:
        raise argparse.ArgumentTypeError(
            f"not a Discord locale; try one of {', '.join(known.values())}"
        )
    return known[text.lower()]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="ML Salary Bot")
    sub = parser.add_subparsers(dest="mode")
    sub.add_parser("run", help="connect to Discord (needs DISCORD_TOKEN)")
    console = sub.add_parser("console", help="talk to the bot locally, no Discord needed")
    console.add_argument(
        "--server", action="store_true", help="act in a server channel instead of a DM"
    )
    console.add_argument("--files", default="console-files", help="folder for images the bot sends")
    console.add_argument(
        "--locale",
        default="en-US",
        type=discord_locale,
        help="the Discord language you speak to the bot in, e.g. de or pt-BR (default: en-US)",
    )
    pool = sub.add_parser("pool", help="community pay pool tools")
    pool_sub = pool.add_subparsers(dest="pool_action", required=True)
    export = pool_sub.add_parser("export", help="write the k-anonymous pooled percentiles (CSV)")
    export.add_argument(
        "--guild", type=int, default=None, help="one server's pool (default: shared)"
    )
    export.add_argument("--out", default="-", help="file to write (default: standard output)")
    sync = sub.add_parser("sync", help="sync slash commands to Discord and exit")
    sync.add_argument("--guild", type=int, default=None, help="sync to this server only (instant)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    config = load_config_or_exit()
    token = config.discord_token.get_secret_value() if config.discord_token else None
    mode = args.mode or ("run" if token else "console")
    if mode == "console":
        from bot.local.console import run_console

        # The console's own output is the conversation; logs go to stderr, warnings only.
        setup_logging("WARNING" if config.log_level in ("INFO", "DEBUG") else config.log_level)
        return event_loop.run(
            run_console(
                config,
                in_server=getattr(args, "server", False),
                files_dir=getattr(args, "files", "console-files"),
                locale=getattr(args, "locale", "en-US"),
            )
        )
    if mode == "pool":
        from bot.app.community_export import export_pool

        setup_logging("WARNING")
        return event_loop.run(export_pool(config, args.guild, args.out))
    setup_logging(config.log_level, secret=token)
    if token is None:
        print("configuration error: DISCORD_TOKEN is not set", file=sys.stderr)
        return 2
    from bot.app.runner import run_on_discord, sync_once

    if mode == "sync":
        return event_loop.run(sync_once(config, args.guild))
    return event_loop.run(run_on_discord(config))


if __name__ == "__main__":
    raise SystemExit(main())

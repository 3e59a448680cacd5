"""The offline pipeline: raw files in data/raw/ -> the JSON tables in bot/salary/data/.

    python -m bot.salary.build [--out DIR] [--check]
    python -m bot.salary.build.evaluate FILE.csv[.gz] --json [--train TRAIN.csv.gz]

Build time only: nothing the bot runs imports this package.
"""

"""The salary domain: pure Python, no Discord. Tables are built by build/.

Import the module you need; the package itself exports nothing, so loading
one piece (say the taxonomy) does not load the model. Typical use:

    from bot.salary.model import get_model
    from bot.salary.query import parse_query
    est = get_model().estimate(parse_query(role="MLE", years=5, location="Seattle"))
"""

"""The steps every answer shares: who asks, fill-in, privacy, the answer, what to remember.

Flows import no view: a caller that wants buttons under an answer passes a factory for them.
"""

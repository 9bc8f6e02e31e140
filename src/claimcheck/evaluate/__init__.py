"""Score a run against a gold file: what a careful reader extracts from a corpus, and the verdicts they expect."""

from claimcheck.evaluate.gold import Gold, GoldError, load_gold
from claimcheck.evaluate.score import Evaluation, evaluate

__all__ = ["Evaluation", "Gold", "GoldError", "evaluate", "load_gold"]

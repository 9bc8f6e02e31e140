"""The local review server: the report with a form per finding that records resolutions."""

from claimcheck.review.app import ReviewApp, ReviewError
from claimcheck.review.server import ReviewServer, make_server

__all__ = ["ReviewApp", "ReviewError", "ReviewServer", "make_server"]

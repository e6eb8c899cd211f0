"""newsetl: news articles into a PostgreSQL database of people, organisations, quotes and topics."""

__version__ = "0.1.0"

# Bumped whenever extraction changes what it finds; stored on every article so that
# `newsetl reprocess` knows which articles an older extractor made.
EXTRACTOR_VERSION = "2026.12.7.8"

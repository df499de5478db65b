"""dipevents: typed, deduplicated diplomatic events from streams of news articles."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"

"""Extractors, one module per event type, registered by versioned name (see registry)."""

"""Soak tier: long fault tests (own broker, worker kills, broker restart); `make soak` runs them."""

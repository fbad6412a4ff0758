"""The address of the person behind a request, for the lockout and the audit log.

Behind a reverse proxy every request comes from the proxy's address: throttling on it locks
every user out at once, and the audit log records the proxy. The proxy says who it forwards
for in ``X-Forwarded-For``; that header is believed only when the request comes from a proxy
listed in ``CARNET_TRUSTED_PROXIES`` (anyone else could write it). The client is then the
last address in the header that is not itself a trusted proxy.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(proxy, strict=False) for proxy in settings.CARNET_TRUSTED_PROXIES]
    except ValueError as error:
        raise ImproperlyConfigured(f"CARNET_TRUSTED_PROXIES: {error}") from error


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks())


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not _trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a malformed header: the proxy's own address, not a made-up one
    return remote

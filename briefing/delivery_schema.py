"""The schema of delivery.toml, the SMTP settings staff write: every error at once, file:line.

    read_delivery_file(path) -> dict[str, Any]    the checked [smtp] table (values as given)
    SCHEMA                                        the check itself (briefing.schema)

    [smtp]
    host = "smtp.example.org"           required: a host name or IP address
    port = 587                          1 … 65535 (default 25)
    sender = "briefs@example.org"       one address, or "Name <address>"
    starttls = true                     true or false
    username = "briefs"                 optional; the password comes from the environment
    password_env = "BRIEFING_SMTP_PASSWORD"   the name of that environment variable
    timeout = 30                        seconds, more than 0 and at most 600

briefing.reissue.delivery sends with these values. Checked here so that a wrong type, a
negative timeout or a line break in an address (which would let a value add e-mail headers)
is one message naming the file and line, never a traceback mid-delivery.
"""

from __future__ import annotations

import re
import tomllib
import email.policy
from email.errors import HeaderParseError
from pathlib import Path
from typing import Any

from briefing import schema
from briefing.errors import ConfigError

MAX_BYTES = 64 * 1024  #: a larger delivery.toml is refused unread
MAX_TIMEOUT = 600.0  #: seconds: a longer wait per SMTP step is no deadline at all
_HOST = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$"
                   r"|^\[?[0-9A-Fa-f:.]+\]?$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")


def _port(value: Any, where: schema.Path_) -> list[schema.Problem]:
    return schema.whole(65_535, 1)(value, where)


def _timeout(value: Any, where: schema.Path_) -> list[schema.Problem]:
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not 0 < value <= MAX_TIMEOUT:
        return [schema.Problem(where, f"must be a number of seconds above 0 and at most "
                                      f"{MAX_TIMEOUT:g}, got {schema.got(value)}")]
    return []


def address_problem(value: str) -> str | None:
    """Why `value` is not one e-mail address ("a@b.org" or "Name <a@b.org>"), else None:
    parsed as a From header is (email.headerregistry), with no defect and no line break."""
    if any(ch in value for ch in "\r\n\0"):
        return "holds a line break; an address is one line"
    try:
        header = email.policy.default.header_factory("From", value)
    except (HeaderParseError, ValueError, IndexError) as exc:
        return f"is not an e-mail address ({exc})"
    addresses = header.addresses
    if len(addresses) != 1:
        return "must be one e-mail address such as briefs@example.org"
    if header.defects or not addresses[0].username or not addresses[0].domain:
        return "is not an e-mail address such as briefs@example.org"
    return None


def _sender(value: Any, where: schema.Path_) -> list[schema.Problem]:
    problems = schema.text(320)(value, where)
    if problems:
        return problems
    why = address_problem(value)
    return [schema.Problem(where, why)] if why else []


_SMTP = schema.table({
    "host": schema.printable(253, _HOST, "a host name or IP address such as smtp.example.org"),
    "port": _port,
    "sender": _sender,
    "starttls": schema.boolean,
    "username": schema.printable(256),
    "password_env": schema.text(128, _ENV_NAME, "the name of an environment variable"),
    "timeout": _timeout,
})


def _file(value: Any, where: schema.Path_) -> list[schema.Problem]:
    problems = schema.table({"smtp": _SMTP}, "table")(value, where)
    if isinstance(value, dict) and not problems:
        smtp = value.get("smtp")
        if not isinstance(smtp, dict) or "host" not in smtp:
            problems.append(schema.Problem(("smtp",), "needs an [smtp] table with a host"))
    return problems


SCHEMA: schema.Check = _file


def read_delivery_file(path: Path) -> dict[str, Any]:
    """The [smtp] table of a delivery.toml, checked whole; ConfigError naming every problem
    with its line (a missing file, a wrong type, an address with a line break …)."""
    if not path.is_file():
        raise ConfigError("delivery settings file not found" if not path.exists()
                          else "not a file (delivery settings are a TOML file)", file=str(path))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ConfigError(f"over {MAX_BYTES:,} bytes; not read", file=str(path))
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the delivery settings ({exc})", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"not valid TOML ({exc})", file=str(path),
                          line=int(line.group(1)) if line else None) from None
    schema.raise_problems(SCHEMA(data, ()), path, str(path), ConfigError)
    return dict(data["smtp"])


__all__ = ["MAX_TIMEOUT", "SCHEMA", "address_problem", "read_delivery_file"]

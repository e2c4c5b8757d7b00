"""Optional delivery by e-mail: each new issue to its template's recipients.

    load_settings(path) -> SmtpSettings                      checked; ConfigError with file:line
    deliver_new_issues(report, out_dir, settings) -> list[str]   problems, one per line
    parse_address(text) -> Address                          one valid address, or ValueError

The SMTP server is named in a config file (`delivery.toml` beside the articles folder, or
`--delivery FILE`):

    [smtp]
    host = "smtp.example.org"
    port = 587
    sender = "briefs@example.org"
    starttls = true                 # default false
    username = "briefs"             # optional; the password comes from the environment
    password_env = "BRIEFING_SMTP_PASSWORD"
    timeout = 30                    # seconds for one whole message, from connecting to QUIT

Every value is checked against SMTP_SCHEMA before the build starts, every error reported
with the file and line. Recipients are per template, in its template.toml:
`[delivery] to = ["a@example.org"]` (a template without them is never sent); each is parsed
with email.headerregistry, and one that is not exactly one valid address is reported and
never sent to. Headers are built from parsed addresses and from titles without control or
invisible characters (briefing.printable), so nothing can add a header.

The build calls deliver_new_issues() inside its lock (briefing.build), so two overlapping
runs never send one issue twice. The message carries the issue's DOCX and PDF, taken from
its archive folder, and the what's-new lines in the body. A message has `timeout` seconds
in all: a server that trickles its answers is cut off when they run out. Who received which
issue is recorded per recipient in out/<audience>/delivery.json; a recipient the server
refused, or a message that failed, is reported and sent again on the next run (to those
who have not received it). Delivery never touches the brief or its archive, so a failure
loses nothing.
"""

from __future__ import annotations

import email.errors
import email.policy
import json
import logging
import math
import mimetypes
import os
import re
import smtplib
import socket
import threading
import unicodedata
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any

from briefing.compose.templates import load_template
from briefing.errors import BriefingError, ConfigError
from briefing.printable import HIDDEN_CATEGORIES, printable_line
from briefing.reissue.cache import write_json_atomically
from briefing.reissue.changes import summary_lines
from briefing.reissue.issues import Issue, archive_dir, read_state
from briefing.schema import (
    Check,
    Path_,
    Problem,
    boolean,
    raise_problems,
    read_toml,
    required,
    table,
    text,
    whole,
)

log = logging.getLogger(__name__)

STATE_FILE = "delivery.json"
STATE_VERSION = 2
ATTACHED = (".docx", ".pdf")
MAX_SETTINGS_BYTES = 64 * 1024  #: a delivery.toml larger than this is refused unread
MAX_TIMEOUT = 3600.0  #: seconds one message may take at most
_CUT_POLL = 0.1  #: seconds between the deadline's checks for a socket to cut


def parse_address(value: Any) -> Address:
    """`value` as one e-mail address (`a@example.org` or `Name <a@example.org>`).

    ValueError when it is not text, holds a control or invisible character, or is not
    exactly one address with a user and a domain (as email.headerregistry parses it).
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError("is empty" if isinstance(value, str) else "is not text")
    if any(unicodedata.category(c) in HIDDEN_CATEGORIES for c in value):
        raise ValueError("holds a line break, control or invisible character")
    try:
        header = email.policy.default.header_factory("To", value)
        addresses = header.addresses
    except (ValueError, IndexError, email.errors.MessageError):
        raise ValueError("is not an address") from None
    if header.defects or len(addresses) != 1 or not addresses[0].username \
            or not addresses[0].domain:
        raise ValueError("is not exactly one address")
    return addresses[0]


# --------------------------------------------------------------------------- settings


def _address(value: Any, where: Path_) -> list[Problem]:
    try:
        parse_address(value)
        return []
    except ValueError as exc:
        return [Problem(where, f"{exc}: {value!r:.60}")]


def _seconds(value: Any, where: Path_) -> list[Problem]:
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        return [Problem(where, f"must be a number of seconds above 0 (at most {MAX_TIMEOUT:g}), "
                               f"got {value!r:.40}")]
    return []


_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+\Z|\[[0-9A-Fa-f:.]+\]\Z")
#: The schema of delivery.toml: one [smtp] table.
SMTP_SCHEMA: Check = required(table({"smtp": required(table({
    "host": text(253, _HOST, "a host name or address"),
    "port": whole(65535, 1),
    "sender": _address,
    "starttls": boolean,
    "username": text(256, re.compile(r"[^\x00-\x1f\x7f]+\Z"), "a user name on one line"),
    "password_env": text(256, re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z"),
                         "the name of an environment variable"),
    "timeout": _seconds,
}, "key"), "host")}, "table"), "smtp")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send."""

    host: str
    port: int = 25
    sender: str = "briefing@localhost"
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0  #: seconds for one whole message


def load_settings(path: Path) -> SmtpSettings:
    """Read and check the [smtp] table; ConfigError naming file and line of every problem."""
    data = read_toml(path, MAX_SETTINGS_BYTES, ConfigError)
    raise_problems(SMTP_SCHEMA(data, ()), path, str(path), ConfigError)
    return SmtpSettings(**data["smtp"])


# --------------------------------------------------------------------------- recipients


def recipients(template_config: dict[str, Any]) -> tuple[list[Address], list[str]]:
    """The template's `[delivery] to` addresses (none: this audience is not sent), and a
    problem for each entry that is not one valid address."""
    to = dict(template_config.get("delivery", {})).get("to", [])
    addresses: dict[str, Address] = {}
    problems = []
    for entry in [to] if isinstance(to, str) else list(to):
        try:
            address = parse_address(entry)
            addresses.setdefault(address.addr_spec.lower(), address)
        except ValueError as exc:
            problems.append(f"recipient {entry!r:.80} {exc}; it is not sent to")
    return list(addresses.values()), problems


# --------------------------------------------------------------------------- delivering


def deliver_new_issues(report: Any, out_dir: Path, settings: SmtpSettings) -> list[str]:
    """Send every audience's latest issue to each recipient who has not received it yet;
    return the problems (bad recipients, refusals, failures), one line each."""
    problems = []
    for audience in report.issues:
        try:
            template = load_template(audience, getattr(report, "template_dirs", ()))
            to, bad = recipients(template.config)
            problems += [f"{audience}: {p}" for p in bad]
            if to:
                problems += [f"{audience}: {p}" for p in deliver_latest(
                    out_dir / audience, to, settings, template.language)]
        except (OSError, ValueError, smtplib.SMTPException, BriefingError) as exc:
            problems.append(f"{audience}: not delivered ({type(exc).__name__}: {exc}); "
                            f"it will be sent on the next run")
    return problems


def deliver_latest(audience_dir: Path, to: list[Address], settings: SmtpSettings,
                   lang: str = "zh") -> list[str]:
    """Send the latest archived issue to those of `to` who have not received it; problems.

    Raises OSError or smtplib.SMTPException when the message could not be sent at all.
    """
    issue = read_state(audience_dir).latest
    if issue is None:
        return []
    folder = archive_dir(audience_dir) / str(issue.number)
    if not (folder / "issue.json").is_file():
        return [f"issue {issue.number} is not in the archive yet; it will be sent once it is"]
    state_path = audience_dir / STATE_FILE
    sent = _read_state(state_path)
    done = sent.setdefault(str(issue.number), {"sent": [], "refused": {}})
    received = {address.lower() for address in done["sent"]}
    pending = [a for a in to if a.addr_spec.lower() not in received]
    if not pending or done.get("everyone"):
        return []
    message = _message(folder, audience_dir.name, issue, pending, settings.sender, lang)
    refused = _send(message, settings, [a.addr_spec for a in pending])
    accepted = [a.addr_spec for a in pending if a.addr_spec not in refused]
    done["sent"] = sorted({*done["sent"], *accepted})
    done["refused"] = {a: _words(reply) for a, reply in refused.items()}
    write_json_atomically(state_path, {"version": STATE_VERSION, "issues": sent})
    if accepted:
        log.info("%s: issue %d sent to %s", audience_dir.name, issue.number, ", ".join(accepted))
    return [f"issue {issue.number} refused by {address} ({_words(reply)}); it will be sent "
            f"again on the next run" for address, reply in refused.items()]


def _words(reply: tuple[int, bytes] | Any) -> str:
    """An SMTP reply (code, text) as one printable line."""
    try:
        code, raw = reply
        return printable_line(f"{code} {raw.decode('utf-8', 'replace')}")[:200]
    except (TypeError, ValueError, AttributeError):
        return printable_line(str(reply))[:200]


def _read_state(path: Path) -> dict[str, dict[str, Any]]:
    """issue number → {"sent": [addresses], "refused": {address: reply}}; unreadable: empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    issues = data.get("issues") if data.get("version") == STATE_VERSION else None
    out: dict[str, dict[str, Any]] = {}
    if isinstance(issues, dict):
        for number, entry in issues.items():
            sent = entry.get("sent") if isinstance(entry, dict) else None
            if isinstance(sent, list):
                out[str(number)] = {"sent": [s for s in sent if isinstance(s, str)],
                                    "refused": {}, "everyone": entry.get("everyone") is True}
    for number in data.get("delivered", ()) if isinstance(data.get("delivered"), list) else ():
        # the first format: an issue number listed was sent to every recipient
        out[str(number)] = {"sent": [], "refused": {}, "everyone": True}
    return out


def _message(folder: Path, audience: str, issue: Issue, to: list[Address], sender: str,
             lang: str) -> EmailMessage:
    title = printable_line(_brief_title(folder)) or audience
    msg = EmailMessage()
    msg["Subject"] = (f"{title}（第{issue.number}期，{issue.date}）" if lang == "zh"
                      else f"{title} (issue {issue.number}, {issue.date})")
    msg["From"] = parse_address(sender)
    msg["To"] = to
    lines = [printable_line(line) for line in summary_lines(issue.changes, lang)]
    head = "本期新增：" if lang == "zh" else "What's new:"
    none = "本期无新增内容。" if lang == "zh" else "Nothing new since the previous issue."
    body = [head, *(f"- {line}" for line in lines)] if lines else [none]
    msg.set_content("\n".join(body) + "\n")
    for path in sorted(folder.iterdir()):
        if path.suffix in ATTACHED and path.is_file() and not path.is_symlink():
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            maintype, subtype = kind.split("/", 1)
            msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                               filename=path.name)
    return msg


def _brief_title(folder: Path) -> str:
    try:
        title = json.loads((folder / "brief.json").read_text(encoding="utf-8")).get("title", "")
        return title if isinstance(title, str) else ""
    except (OSError, ValueError, AttributeError):
        return ""


class _Deadline:
    """Cut an SMTP connection off once `seconds` have passed, whatever it is waiting for.

    A socket timeout bounds each read, not a whole answer: a server that sends one byte a
    second never trips it. A watchdog thread shuts the socket down at the deadline, so the
    blocked read returns and smtplib raises.
    """

    def __init__(self, smtp: smtplib.SMTP, seconds: float) -> None:
        self.smtp = smtp
        self.seconds = seconds
        self.expired = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> _Deadline:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._done.set()
        self._thread.join()
        if self.expired.is_set() and isinstance(exc, OSError | smtplib.SMTPException):
            raise TimeoutError(f"the server did not finish within the {self.seconds:g} s a "
                               "message may take (timeout in delivery.toml)") from None

    def _watch(self) -> None:
        if self._done.wait(self.seconds):
            return
        self.expired.set()
        while not self._done.is_set():  # the socket may only appear once connect() returns
            sock = getattr(self.smtp, "sock", None)
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self._done.wait(_CUT_POLL)


def _send(message: EmailMessage, settings: SmtpSettings,
          to: list[str]) -> dict[str, tuple[int, bytes]]:
    """Send `message` to `to` within the deadline; the recipients the server refused.

    Raises OSError or smtplib.SMTPException (TimeoutError at the deadline) when nothing was
    sent; all recipients refused is a refusal of each, not an error.
    """
    smtp = smtplib.SMTP(timeout=settings.timeout)
    try:
        with _Deadline(smtp, settings.timeout):
            smtp.connect(settings.host, settings.port)
            if settings.starttls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, os.environ.get(settings.password_env or "", ""))
            try:
                refused = smtp.send_message(message, to_addrs=to,
                                            from_addr=parse_address(settings.sender).addr_spec)
            except smtplib.SMTPRecipientsRefused as exc:
                refused = dict(exc.recipients)
            smtp.quit()
        return dict(refused)
    finally:
        smtp.close()


__all__ = ["SMTP_SCHEMA", "SmtpSettings", "deliver_latest", "deliver_new_issues",
           "load_settings", "parse_address", "recipients"]

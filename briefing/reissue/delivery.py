"""Optional delivery by e-mail: each new issue to its template's recipients.

    deliver_new_issues(report, out_dir, config_file) -> list[str]   problems, one per line

The SMTP server is named in a config file (`delivery.toml` beside the articles folder, or
`--delivery FILE`):

    [smtp]
    host = "smtp.example.org"
    port = 587
    sender = "briefs@example.org"
    starttls = true                 # default false
    username = "briefs"             # optional; the password comes from the environment
    password_env = "BRIEFING_SMTP_PASSWORD"
    timeout = 30

Recipients are per template, in its template.toml: `[delivery] to = ["a@example.org"]`
(a template without them is never sent). The message carries the issue's DOCX and PDF,
taken from its archive folder, and the what's-new lines in the body. What was sent is
recorded in out/<audience>/delivery.json; an issue that failed to send is reported and sent
on the next run. Delivery never touches the brief or its archive, so a failure loses nothing.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
import smtplib
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from briefing.reissue.cache import write_json_atomically
from briefing.reissue.changes import summary_lines
from briefing.errors import ConfigError
from briefing.reissue.issues import archive_dir, latest_issue

log = logging.getLogger(__name__)

STATE_FILE = "delivery.json"
ATTACHED = (".docx", ".pdf")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send."""

    host: str
    port: int = 25
    sender: str = "briefing@localhost"
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0


def load_settings(path: Path) -> SmtpSettings:
    """Read the [smtp] table; ConfigError naming the file when it is unusable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read delivery settings ({exc})", file=str(path)) from None
    smtp = data.get("smtp")
    if not isinstance(smtp, dict) or not smtp.get("host"):
        raise ConfigError("needs an [smtp] table with a host", file=str(path))
    known = {f for f in SmtpSettings.__dataclass_fields__}
    unknown = set(smtp) - known
    if unknown:
        raise ConfigError(f"[smtp]: unknown key(s) {', '.join(sorted(unknown))}; known: "
                          f"{', '.join(sorted(known))}", file=str(path))
    return SmtpSettings(**smtp)


def recipients(template_config: dict[str, Any]) -> list[str]:
    """The template's `[delivery] to` list (empty: this audience is not sent)."""
    to = dict(template_config.get("delivery", {})).get("to", [])
    return [str(a) for a in ([to] if isinstance(to, str) else to)]


def deliver_new_issues(report: Any, out_dir: Path, config_file: Path) -> list[str]:
    """Send every audience's latest issue that has not been delivered yet; return problems."""
    from briefing.compose.templates import load_template

    settings = load_settings(config_file)
    problems = []
    for audience in report.issues:
        template = load_template(audience, getattr(report, "template_dirs", ()))
        to = recipients(template.config)
        if not to:
            continue
        try:
            sent = deliver_latest(out_dir / audience, to, settings, template.language)
            if sent is not None:
                log.info("%s: issue %d sent to %s", audience, sent, ", ".join(to))
        except (OSError, smtplib.SMTPException) as exc:
            problems.append(f"{audience}: not delivered ({type(exc).__name__}: {exc}); "
                            f"it will be sent on the next run")
    return problems


def deliver_latest(audience_dir: Path, to: list[str], settings: SmtpSettings,
                   lang: str = "zh") -> int | None:
    """Send the latest archived issue unless it was sent; its number, or None if nothing to do."""
    issue = latest_issue(audience_dir)
    state_path = audience_dir / STATE_FILE
    state = _read_state(state_path)
    if issue is None or issue.number in state["delivered"]:
        return None
    folder = archive_dir(audience_dir) / str(issue.number)
    message = _message(folder, audience_dir.name, issue.number, issue.date,
                       summary_lines(issue.changes, lang), to, settings.sender, lang)
    _send(message, settings)
    state["delivered"] = sorted({*state["delivered"], issue.number})
    write_json_atomically(state_path, state)
    return issue.number


def _read_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"delivered": [int(n) for n in data.get("delivered", [])]}
    except (OSError, ValueError, TypeError, AttributeError):
        return {"delivered": []}


def _message(folder: Path, audience: str, number: int, date: str, lines: list[str],
             to: list[str], sender: str, lang: str) -> EmailMessage:
    title = _brief_title(folder) or audience
    msg = EmailMessage()
    msg["Subject"] = (f"{title}（第{number}期，{date}）" if lang == "zh"
                      else f"{title} (issue {number}, {date})")
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    head = "本期新增：" if lang == "zh" else "What's new:"
    none = "本期无新增内容。" if lang == "zh" else "Nothing new since the previous issue."
    body = [head, *(f"- {line}" for line in lines)] if lines else [none]
    msg.set_content("\n".join(body) + "\n")
    for path in sorted(folder.iterdir()):
        if path.suffix in ATTACHED:
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            maintype, subtype = kind.split("/", 1)
            msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                               filename=path.name)
    return msg


def _brief_title(folder: Path) -> str:
    try:
        return str(json.loads((folder / "brief.json").read_text(encoding="utf-8")).get("title", ""))
    except (OSError, ValueError):
        return ""


def _send(message: EmailMessage, settings: SmtpSettings) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            password = os.environ.get(settings.password_env or "", "")
            smtp.login(settings.username, password)
        smtp.send_message(message)


__all__ = ["SmtpSettings", "deliver_latest", "deliver_new_issues", "load_settings", "recipients"]

"""E-mail delivery against a real SMTP server (aiosmtpd) started on localhost by the test."""

from __future__ import annotations

import email
import email.policy
import shutil
import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller  # a test dependency (pyproject): missing must fail

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "000_1b8e26d3558f27a7.txt"


class Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "data" / "articles")
    tpl = tmp_path / "tpl" / "public"
    shutil.copytree(ROOT / "briefing" / "builtin_templates" / "public", tpl)
    with (tpl / "template.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[delivery]\nto = ["office@example.org"]\n')
    return tmp_path


def _build(site: Path, port: int) -> int:
    (site / "data" / "delivery.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsender = "briefs@example.org"\n'
        f"timeout = 5\n", encoding="utf-8")
    return main(["--articles", str(site / "data" / "articles"), "--out", str(site / "out"),
                 "--templates", str(site / "tpl"), "--audience", "public",
                 "--date", "2026-11-22"])


def test_a_new_issue_is_mailed_with_both_attachments_once(site: Path) -> None:
    inbox = Inbox()
    port = _free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        assert _build(site, port) == 0
        assert _build(site, port) == 0  # no new issue: nothing sent again
    finally:
        server.stop()
    (message,) = inbox.messages
    assert message["To"] == "office@example.org" and "第1期" in message["Subject"]
    names = sorted(part.get_filename() for part in message.iter_attachments())
    assert names == ["brief.docx", "brief.pdf"]
    pdf = next(p for p in message.iter_attachments() if p.get_filename() == "brief.pdf")
    assert pdf.get_content().startswith(b"%PDF")
    assert "本期" in message.get_body(("plain",)).get_content()


def test_a_failed_delivery_is_reported_and_retried_next_run(site: Path, capsys) -> None:
    port = _free_port()  # nothing listens here yet
    assert _build(site, port) == 0
    assert "not delivered" in capsys.readouterr().err
    assert (site / "out" / "public" / "brief.pdf").is_file()  # the brief is not lost
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        assert _build(site, port) == 0
    finally:
        server.stop()
    assert len(inbox.messages) == 1 and "第1期" in inbox.messages[0]["Subject"]

"""E-mail delivery against a real SMTP server (aiosmtpd) started on localhost by the test."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import logging
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller  # a test dependency (pyproject): missing must fail

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "000_1b8e26d3558f27a7.txt"


class Inbox:
    """aiosmtpd handler that keeps every message it receives, and whom it was sent to.

    `refuse` lists addresses answered with 550; `delay` seconds pass before DATA is accepted.
    """

    def __init__(self, refuse: tuple[str, ...] = (), delay: float = 0.0) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[list[str]] = []
        self.refuse = refuse
        self.delay = delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 OK"


@contextlib.contextmanager
def _smtp(inbox: Inbox) -> Iterator[int]:
    """An SMTP server on a free localhost port for the `with` block; yields the port."""
    port = _free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield port
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def quiet_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """aiosmtpd logs from its own thread, through handlers an earlier test's CLI run left on
    a stream pytest has closed since: its lines are not the build's."""
    monkeypatch.setattr(logging.getLogger("mail.log"), "disabled", True)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "data" / "articles")
    tpl = tmp_path / "tpl" / "public"
    shutil.copytree(ROOT / "briefing" / "builtin_templates" / "public", tpl)
    with (tpl / "template.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[delivery]\nto = ["office@example.org"]\n')
    return tmp_path


def _settings(site: Path, port: int, extra: str = "timeout = 5\n") -> Path:
    path = site / "data" / "delivery.toml"
    path.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                    f'sender = "briefs@example.org"\n{extra}', encoding="utf-8")
    return path


def _arguments(site: Path) -> list[str]:
    return ["--articles", str(site / "data" / "articles"), "--out", str(site / "out"),
            "--templates", str(site / "tpl"), "--audience", "public", "--date", "2026-11-22"]


def _build(site: Path, port: int, extra: str = "timeout = 5\n") -> int:
    _settings(site, port, extra)
    return main(_arguments(site))


def _recipients(site: Path, toml_list: str) -> None:
    """Replace the template's `[delivery] to` with `toml_list` (TOML text)."""
    path = site / "tpl" / "public" / "template.toml"
    text = re.sub(r"(?m)^to = .*$", lambda _m: f"to = {toml_list}",
                  path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


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


def test_a_refused_recipient_is_reported_and_retried_and_the_others_get_it_once(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _recipients(site, '["office@example.org", "refused@example.org"]')
    inbox = Inbox(refuse=("refused@example.org",))
    with _smtp(inbox) as port:
        assert _build(site, port) == 0
        err = capsys.readouterr().err
        assert "refused@example.org" in err and "550" in err
        inbox.refuse = ()  # the mailbox is back
        assert _build(site, port) == 0
        assert _build(site, port) == 0
    assert inbox.envelopes == [["office@example.org"], ["refused@example.org"]]


def test_recipients_that_are_no_addresses_are_reported_and_never_sent_to(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _recipients(site, '["not an address", "a@b@c", "", "office@example.org"]')
    inbox = Inbox()
    with _smtp(inbox) as port:
        assert _build(site, port) == 0
    err = capsys.readouterr().err
    assert "'not an address'" in err and "'a@b@c'" in err and "''" in err
    assert inbox.envelopes == [["office@example.org"]]
    assert inbox.messages[0]["To"] == "office@example.org"


def test_a_line_break_in_a_recipient_injects_no_header_and_the_summary_prints(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _recipients(site, '["office@example.org\\r\\nBcc: evil@example.org", "ok@example.org"]')
    inbox = Inbox()
    with _smtp(inbox) as port:
        assert _build(site, port) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "audiences built" in err
    assert inbox.envelopes == [["ok@example.org"]]
    assert "evil" not in str(inbox.messages[0])


@pytest.mark.parametrize("extra, words", [
    ('timeout = "x"\n', "timeout"),
    ("timeout = -1\n", "timeout"),
    ("timeout = nan\n", "timeout"),
    ("port = 70000\n", "port"),
    ('starttls = "yes"\n', "starttls"),
    ('sender = "briefs@example.org\\r\\nBcc: evil@example.org"\n', "sender"),
    ('sender = "not an address"\n', "sender"),
])
def test_every_bad_value_of_the_delivery_settings_is_reported_with_file_and_line(
        site: Path, capsys: pytest.CaptureFixture[str], extra: str, words: str) -> None:
    path = _settings(site, 25, "")
    text = path.read_text(encoding="utf-8")
    key = extra.split(" =")[0]
    text = re.sub(rf"(?m)^{key} = .*\n", "", text) + extra
    path.write_text(text, encoding="utf-8")
    assert main(_arguments(site)) == 2
    err = capsys.readouterr().err
    line = text.splitlines().index(extra.rstrip("\n")) + 1
    assert f"delivery.toml:{line}" in err and words in err and "Traceback" not in err


def test_a_host_that_is_no_text_is_reported_with_file_and_line(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / "data" / "delivery.toml"
    path.write_text("[smtp]\nhost = 123\n", encoding="utf-8")
    assert main(_arguments(site)) == 2
    err = capsys.readouterr().err
    assert "delivery.toml:2" in err and "host" in err


def test_the_subject_carries_no_bidi_or_invisible_characters(site: Path) -> None:
    path = site / "tpl" / "public" / "template.toml"
    text = path.read_text(encoding="utf-8").replace(
        'title = "图文解读：我国电子政务发展情况"',
        'title = "图文\\u202e解读\\u200b：我国\\u2066电子政务\\ufeff发展情况"')
    path.write_text(text, encoding="utf-8")
    inbox = Inbox()
    with _smtp(inbox) as port:
        assert _build(site, port) == 0
    subject = inbox.messages[0]["Subject"]
    assert "图文解读：我国电子政务发展情况" in subject
    assert not [c for c in subject if unicodedata.category(c) in ("Cf", "Cc")]


def _trickle(listener: socket.socket, stop: threading.Event, pause: float) -> None:
    """Answer every client one byte every `pause` seconds, never a whole line."""
    listener.settimeout(0.2)
    clients = []
    while not stop.is_set():
        with contextlib.suppress(OSError):
            clients.append(listener.accept()[0])
        for client in clients:
            with contextlib.suppress(OSError):
                client.send(b"2")
        stop.wait(pause)
    for client in clients:
        client.close()


def test_a_server_that_answers_one_byte_at_a_time_cannot_hold_the_build(site: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    thread = threading.Thread(target=_trickle, args=(listener, stop, 1.0), daemon=True)
    thread.start()
    _settings(site, listener.getsockname()[1], "timeout = 3\n")
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(ROOT / "generate.py"), *_arguments(site)],
                                capture_output=True, text=True, timeout=150, cwd=ROOT)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert result.returncode == 0, result.stderr
    assert "not delivered" in result.stderr and "audiences built" in result.stderr
    assert elapsed < 120


def test_two_overlapping_builds_mail_an_issue_once(site: Path) -> None:
    inbox = Inbox(delay=3.0)
    with _smtp(inbox) as port:
        _settings(site, port)
        command = [sys.executable, str(ROOT / "generate.py"), *_arguments(site)]
        runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert len(inbox.messages) == 1

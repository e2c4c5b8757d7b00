"""delivery.toml is checked whole: every wrong value named with its line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.delivery_schema import address_problem, read_delivery_file
from briefing.errors import ConfigError


def test_a_valid_delivery_file_gives_its_smtp_table(tmp_path: Path) -> None:
    path = tmp_path / "delivery.toml"
    path.write_text('[smtp]\nhost = "smtp.example.org"\nport = 587\nstarttls = true\n'
                    'sender = "Briefs <briefs@example.org>"\ntimeout = 3\n', encoding="utf-8")
    assert read_delivery_file(path) == {"host": "smtp.example.org", "port": 587,
                                        "starttls": True, "timeout": 3,
                                        "sender": "Briefs <briefs@example.org>"}


def test_every_wrong_delivery_value_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "delivery.toml"
    path.write_text('[smtp]\nhost = 123\nport = 70000\ntimeout = "x"\n'
                    'sender = "briefs@example.org\\r\\nBcc: all@example.org"\ncolour = 1\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_delivery_file(path)
    message = str(caught.value)
    assert "5 errors" in message
    for line, key in ((2, "host"), (3, "port"), (4, "timeout"), (5, "sender"), (6, "colour")):
        assert f"delivery.toml:{line}: smtp.{key}" in message


@pytest.mark.parametrize("timeout", ["-1", "0", "1e9", "nan", "inf"])
def test_a_timeout_is_a_positive_bounded_number(tmp_path: Path, timeout: str) -> None:
    path = tmp_path / "delivery.toml"
    path.write_text(f'[smtp]\nhost = "smtp.example.org"\ntimeout = {timeout}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="timeout"):
        read_delivery_file(path)


def test_a_missing_host_or_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "delivery.toml"
    path.write_text("[smtp]\nport = 25\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="host"):
        read_delivery_file(path)
    with pytest.raises(ConfigError, match="not found"):
        read_delivery_file(tmp_path / "delivry.toml")


@pytest.mark.parametrize("value", ["not an address", "a@b@c", "", "a@b.org, c@d.org",
                                   "a@b.org\nBcc: c@d.org"])
def test_only_one_well_formed_address_is_an_address(value: str) -> None:
    assert address_problem(value) is not None


@pytest.mark.parametrize("value", ["briefs@example.org", "简报 <briefs@example.org>"])
def test_well_formed_addresses_pass(value: str) -> None:
    assert address_problem(value) is None

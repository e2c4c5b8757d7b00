"""The review page's HTTP API: decisions round-trip into corrections.yaml and the next build's
audit record; CSRF, escaping of untrusted article text, refused paths, malformed requests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the review page needs starlette (pip install .)")
from starlette.testclient import TestClient  # noqa: E402

from briefing.build import BuildOptions, build  # noqa: E402
from briefing.consolidate.corrections import load_corrections  # noqa: E402
from briefing.review.project import ReviewProject  # noqa: E402
from briefing.review.server import MAX_BODY, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "000_1b8e26d3558f27a7.txt"
LOCAL = "http://127.0.0.1"
JSON = {"Accept": "application/json"}
#: An article whose every field tries to break out of the page: markup and template syntax.
HOSTILE = """\
<script>alert("title")</script>{{ 7*7 }}电子政务报告

2021-04-25 来源：{% raw %}人民网<img src=x onerror=alert(1)>

2020年，我国电子政务发展指数为0.7948，在193个成员国中排名第45位<script>alert("body")</script>{{ 7*7 }}{% raw %}。
"""


def _project(site: Path, audiences: tuple[str, ...] = ("department",)) -> ReviewProject:
    out = site / "out"
    return ReviewProject(
        articles=site / "data" / "articles", corrections=site / "data" / "corrections.yaml",
        cache_dir=out / ".cache", out=out, audiences=audiences,
        build_args=("--articles", str(site / "data" / "articles"), "--out", str(out),
                    "--corrections", str(site / "data" / "corrections.yaml"),
                    "--date", "2026-11-22",
                    *(a for name in audiences for a in ("--audience", name))))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "data" / "articles")
    return tmp_path


@pytest.fixture
def client(site: Path) -> TestClient:
    return TestClient(create_app(_project(site)), base_url=LOCAL)


def _token(client: TestClient) -> str:
    page = client.get("/")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def _inferred_id(client: TestClient) -> str:
    state = client.app.state.review
    return next(item.id for item in state.page().items if item.grade == "inferred")


def _record(site: Path, audience: str = "department") -> dict:
    return json.loads((site / "out" / audience / "brief.json").read_text(encoding="utf-8"))


def test_the_page_lists_every_figure_inferred_first_with_its_highlighted_sentence(client) -> None:
    page = client.get("/").text
    view = client.app.state.review.page()
    assert [grade for grade, _ in view.groups] == ["inferred", "unknown", "stated"]
    assert page.count('class="fig"') == sum(view.counts.values()) > 0
    first = next(view.items)
    assert f'id="f-{first.id}"' in page
    assert f"<mark>{first.printed}</mark>" in page
    assert first.found[0].rule and first.found[0].rule in page  # why: the rule ids


def test_confirm_correct_reject_round_trip_into_the_corrections_and_the_audit(site, client) -> None:
    token = _token(client)
    items = list(client.app.state.review.page().items)  # inferred first
    assert items[0].grade == "inferred"
    confirmed, corrected, rejected = items[0].id, items[1].id, items[2].id
    answer = client.post(f"/figures/{confirmed}", headers=JSON,
                         data={"csrf": token, "decision": "confirm", "reviewer": "王芳"})
    assert answer.status_code == 200 and answer.json()["decision"] == "confirmed"
    assert client.post(f"/figures/{corrected}", headers=JSON, data={
        "csrf": token, "decision": "correct", "subject": "北京市", "period": "2019",
        "note": "the city's"}).json()["decision"] == "corrected"
    assert client.post(f"/figures/{rejected}", headers=JSON,
                       data={"csrf": token, "decision": "reject"}).json()["decision"] == "rejected"

    staff = {c.id: c for c in load_corrections(site / "data" / "corrections.yaml")}
    assert staff[confirmed].confirm and staff[confirmed].reviewer == "王芳"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", staff[confirmed].at)
    assert (staff[corrected].subject, staff[corrected].period) == ("北京市", "2019")
    assert staff[corrected].reviewer == ""  # no name given: no who/when
    assert staff[rejected].wrong

    rebuilt = client.post("/rebuild", headers=JSON, data={"csrf": token})
    assert rebuilt.status_code == 200, rebuilt.text
    result = rebuilt.json()
    assert result["exit_code"] == 0, result["messages"]
    assert result["issues"] == [{"audience": "department", "issue": 1,
                                 "date": "2026-11-22", "new": True}]
    audit = {c["id"]: c for c in _record(site)["corrections"]}
    assert audit[confirmed]["decision"] == "confirmed"
    assert audit[confirmed]["extracted"]["grade"] == "inferred"
    assert audit[confirmed]["corrected"] == {"grade": "stated"}
    assert audit[confirmed]["reviewer"] == "王芳"
    assert audit[corrected]["decision"] == "corrected"
    assert audit[corrected]["corrected"]["subject"] == "北京市"
    assert audit[rejected]["decision"] == "rejected"

    assert client.post(f"/figures/{rejected}", headers=JSON,
                       data={"csrf": token, "decision": "clear"}).json()["decision"] == "undecided"
    assert rejected not in {c.id for c in load_corrections(site / "data" / "corrections.yaml")}


def test_a_plain_form_post_redirects_back_to_the_figure(client) -> None:
    fid = _inferred_id(client)
    answer = client.post(f"/figures/{fid}", data={"csrf": _token(client), "decision": "confirm"},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/#f-{fid}"


def test_without_script_a_figure_is_corrected_on_its_own_page(site, client) -> None:
    fid = _inferred_id(client)
    assert '<input name="subject"' not in client.get("/").text  # the list carries no editor
    form = client.get(f"/figures/{fid}").text
    assert f'action="/figures/{fid}"' in form and '<input name="subject"' in form
    answer = client.post(f"/figures/{fid}", follow_redirects=False, data={
        "csrf": _token(client), "decision": "correct", "metric": "在线服务指数"})
    assert answer.status_code == 303
    (staff,) = load_corrections(site / "data" / "corrections.yaml")
    assert (staff.metric, staff.confirm) == ("在线服务指数", True)


def test_a_source_correction_reaches_the_brief_and_its_audit(site, client) -> None:
    token = _token(client)
    answer = client.post("/sources", headers=JSON, data={
        "csrf": token, "file": SAMPLE.name, "title": "更正后的标题", "outlet": "中国政府网",
        "date": "2021-04-26", "reviewer": "李明"})
    assert answer.status_code == 200, answer.text
    (staff,) = load_corrections(site / "data" / "corrections.yaml")
    assert (staff.source, staff.title, staff.outlet, staff.reviewer) == (
        SAMPLE.name, "更正后的标题", "中国政府网", "李明")
    assert "更正后的标题" in client.get("/").text
    report = build(BuildOptions(site / "data" / "articles", site / "out", ("department",),
                                corrections=site / "data" / "corrections.yaml"))
    assert report.exit_code == 0
    record = _record(site)
    assert [s["title"] for s in record["sources"]] == ["更正后的标题"]
    (audit,) = record["corrections"]
    assert audit["kind"] == "source" and audit["corrected"]["outlet"] == "中国政府网"
    assert audit["extracted"]["title"] != "更正后的标题"


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(site, client) -> None:
    fid = _inferred_id(client)
    for form in ({"decision": "confirm"}, {"decision": "confirm", "csrf": "forged"}):
        answer = client.post(f"/figures/{fid}", headers=JSON, data=form)
        assert answer.status_code == 403 and "CSRF" in answer.json()["error"]
    assert client.post("/rebuild", data={}).status_code == 403
    assert not (site / "data" / "corrections.yaml").exists()


def test_a_foreign_host_header_is_refused(client) -> None:
    """A page of another site that rebinds its name to 127.0.0.1 cannot read ours."""
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_untrusted_article_text_is_escaped_never_run(tmp_path: Path) -> None:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    (tmp_path / "data" / "articles" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    client = TestClient(create_app(_project(tmp_path)), base_url=LOCAL)
    answer = client.get("/")
    page = answer.text
    assert answer.status_code == 200 and client.app.state.review.page().counts
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "{% raw %}" in page  # template syntax shown as text
    assert "49电子政务" not in page and "49</" not in page
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/review.js" defer>']


@pytest.mark.parametrize("path", [
    "/static/../corrections.yaml", "/static/%2e%2e/%2e%2e/server.py", "/static/..%2f..%2fitems.py",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fdata%2fcorrections.yaml", "/../data/corrections.yaml",
    "/static//etc/passwd",
])
def test_paths_outside_the_static_folder_are_refused(site, client, path) -> None:
    (site / "data" / "corrections.yaml").write_text("corrections: []\n", encoding="utf-8")
    answer = client.get(path)
    assert answer.status_code in (404, 405)
    assert "corrections" not in answer.text and "import" not in answer.text


def test_a_source_named_by_a_path_is_not_found(site, client) -> None:
    token = _token(client)
    for name in ("../../etc/passwd", "/etc/passwd", f"../articles/{SAMPLE.name}"):
        answer = client.post("/sources", headers=JSON,
                             data={"csrf": token, "file": name, "title": "x"})
        assert answer.status_code == 404, name
    assert not (site / "data" / "corrections.yaml").exists()


@pytest.mark.parametrize("form, status, message", [
    ({"decision": "approve"}, 400, "decision must be one of"),
    ({"decision": "correct", "period": "last year"}, 400, "period: YYYY or YYYY-MM"),
    ({"decision": "correct", "value": "many"}, 400, "value: a number"),
    ({"decision": "correct", "value": "nan"}, 400, "finite number"),
    ({"decision": "correct", "subject": "x" * 61}, 400, "at most 60 characters"),
    # what the corrections file would refuse, the page refuses before writing it
    ({"decision": "correct", "subject": "北京\u202e市"}, 400, "invisible character"),
])
def test_a_malformed_decision_gets_a_4xx_with_a_message(client, form, status, message) -> None:
    fid = _inferred_id(client)
    answer = client.post(f"/figures/{fid}", headers=JSON, data={"csrf": _token(client), **form})
    assert answer.status_code == status and message in answer.json()["error"]


def test_unknown_figures_oversized_and_garbled_requests_get_4xx(client) -> None:
    token = _token(client)
    assert client.post("/figures/0123456789ab", headers=JSON,
                       data={"csrf": token, "decision": "confirm"}).status_code == 404
    assert client.post("/figures/not-an-id", headers=JSON,
                       data={"csrf": token, "decision": "confirm"}).status_code == 404
    big = client.post(f"/figures/{_inferred_id(client)}", headers=JSON,
                      data={"csrf": token, "decision": "confirm", "note": "x" * (MAX_BODY + 1)})
    assert big.status_code == 413
    garbled = client.post(f"/figures/{_inferred_id(client)}", headers={
        **JSON, "Content-Type": "multipart/form-data; boundary=zz"}, content=b"--zz\r\ngarbage")
    assert 400 <= garbled.status_code < 500
    assert "Traceback" not in garbled.text
    assert client.get("/figures/0123456789ab").status_code == 404
    assert client.put(f"/figures/{_inferred_id(client)}").status_code == 405


def test_a_hand_broken_corrections_file_is_named_not_a_traceback(site, client) -> None:
    (site / "data" / "corrections.yaml").write_text("corrections: [\n", encoding="utf-8")
    answer = client.get("/")
    assert answer.status_code == 409
    assert "corrections.yaml" in answer.text and "Traceback" not in answer.text


def test_the_review_command_serves_on_loopback_and_a_free_port(monkeypatch, site) -> None:
    from briefing.cli import main
    from briefing.review import server

    served = {}
    monkeypatch.setattr(server, "serve", lambda app, where: served.update(
        host=where.host, port=where.port, app=app))
    monkeypatch.chdir(site)
    assert main(["review", "--audience", "department"]) == 0
    assert served["host"] == "127.0.0.1" and served["port"] > 0
    project = served["app"].state.review.project
    assert project.corrections == (site / "data" / "corrections.yaml").resolve()
    assert "--audience" in project.build_args

// The review page's behaviour: filters, keyboard shortcuts, decisions sent without reloading.
// Plain JavaScript, no library. Every form also works without it (the server answers a plain
// POST with a redirect back to the page).
"use strict";

(function () {
  const cards = Array.from(document.querySelectorAll("article.fig"));
  const groups = Array.from(document.querySelectorAll("section.group"));
  const filters = {
    article: document.getElementById("f-article"),
    metric: document.getElementById("f-metric"),
    grade: document.getElementById("f-grade"),
    undecided: document.getElementById("f-undecided"),
  };
  const shown = document.getElementById("shown");
  const reviewer = document.getElementById("reviewer");
  const NAME_KEY = "briefing-review-name";
  let current = null;

  // ------------------------------------------------------------------ filters

  function matches(card) {
    const d = card.dataset;
    return (!filters.article.value || d.article === filters.article.value) &&
      (!filters.metric.value || d.metric === filters.metric.value) &&
      (!filters.grade.value || d.grade === filters.grade.value) &&
      (!filters.undecided.checked || d.decision === "undecided");
  }

  function applyFilters() {
    let count = 0;
    for (const card of cards) {
      const visible = matches(card);
      card.hidden = !visible;
      if (visible) count += 1;
    }
    for (const group of groups) {
      group.hidden = !group.querySelector("article.fig:not([hidden])");
    }
    shown.textContent = count + " of " + cards.length + " figures shown";
    if (current && current.hidden) select(visibleCards()[0] || null);
  }

  for (const control of Object.values(filters)) control.addEventListener("change", applyFilters);
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());

  // ------------------------------------------------------------------ the reviewer's name

  reviewer.value = localStorage.getItem(NAME_KEY) || "";
  reviewer.addEventListener("change", () => localStorage.setItem(NAME_KEY, reviewer.value.trim()));

  // ------------------------------------------------------------------ moving around

  function visibleCards() { return cards.filter((c) => !c.hidden); }

  function select(card) {
    if (current) current.classList.remove("current");
    current = card;
    if (!card) return;
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function step(delta, onlyUndecided) {
    const list = visibleCards().filter((c) => !onlyUndecided || c.dataset.decision === "undecided");
    if (!list.length) return;
    const at = current ? list.indexOf(current) : -1;
    if (at < 0 && current && onlyUndecided) {
      const after = list.find((c) => cards.indexOf(c) > cards.indexOf(current));
      select(after || list[0]);
      return;
    }
    select(list[Math.min(list.length - 1, Math.max(0, at + delta))] || list[0]);
  }

  document.addEventListener("click", (e) => {
    const card = e.target.closest && e.target.closest("article.fig");
    if (card && card !== current) select(card);
  });

  // ------------------------------------------------------------------ sending

  function toast(text, error) {
    const box = document.createElement("div");
    box.className = "toast" + (error ? " error" : "");
    box.textContent = text;
    document.body.appendChild(box);
    setTimeout(() => box.remove(), error ? 6000 : 2000);
  }

  async function post(form, submitter) {
    const body = new URLSearchParams(new FormData(form, submitter));
    if (reviewer.value.trim()) body.set("reviewer", reviewer.value.trim());
    const response = await fetch(form.action, {
      method: "POST", body: body, headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    let data = {};
    try { data = await response.json(); } catch (err) { data = { error: response.statusText }; }
    if (!response.ok) throw new Error(data.error || ("HTTP " + response.status));
    return data;
  }

  async function decide(form, submitter) {
    const card = form.closest("article.fig");
    try {
      const data = await post(form, submitter);
      card.dataset.decision = data.decision;
      card.querySelector(".decision").textContent =
        data.decision + (data.reviewer ? " by " + data.reviewer : "");
      showCorrected(card, data.corrected || {});
      toast(data.decision);
      if (card === current && data.decision !== "undecided") step(1, true);
      if (filters.undecided.checked) applyFilters();
    } catch (err) {
      toast(err.message, true);
    }
  }

  function showCorrected(card, corrected) {
    for (const row of card.querySelectorAll("table.found tr[data-name]")) {
      const cell = row.querySelector("td");
      const old = cell.querySelector("ins");
      if (old) old.previousSibling.remove(), old.remove();
      if (row.dataset.name in corrected) {
        const mark = document.createElement("ins");
        mark.textContent = String(corrected[row.dataset.name]);
        cell.append(" → ", mark);
      }
    }
  }

  async function saveSource(form, submitter) {
    try {
      const data = await post(form, submitter);
      form.closest("tr").className = Object.keys(data.corrected).length ? "corrected" : "";
      toast("source saved");
    } catch (err) {
      toast(err.message, true);
    }
  }

  async function rebuild(form, submitter) {
    const button = document.getElementById("rebuild-button");
    const box = document.getElementById("rebuild-result");
    button.disabled = true;
    box.hidden = false;
    box.textContent = "building…";
    try {
      const data = await post(form, submitter);
      box.textContent = "";
      const status = document.createElement("p");
      status.className = data.ok ? "ok" : "failed";
      status.textContent = "exit " + data.exit_code + " in " + data.seconds + " s";
      const issues = document.createElement("ul");
      issues.className = "issues";
      for (const i of data.issues) {
        const li = document.createElement("li");
        li.textContent = i.audience + ": issue " + i.issue + (i.new ? " (new)" : "");
        issues.appendChild(li);
      }
      const messages = document.createElement("pre");
      messages.className = "messages";
      messages.textContent = data.messages.join("\n");
      box.append(status, issues, messages);
    } catch (err) {
      box.textContent = "rebuild failed: " + err.message;
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("submit", (e) => {
    const form = e.target;
    const handler = form.classList.contains("decide") ? decide
      : form.classList.contains("source") ? saveSource
      : form.classList.contains("rebuild") ? rebuild : null;
    if (!handler) return;
    e.preventDefault();
    handler(form, e.submitter);
  });

  function press(card, decision) {
    const button = card.querySelector('button[name=decision][value="' + decision + '"]');
    if (button) card.querySelector("form.decide").requestSubmit(button);
  }

  // The editor is made when it is asked for: a thousand forms full of inputs would make the
  // browser's own form handling slow the page's loading by seconds.
  function edit(card) {
    select(card);
    let fields = card.querySelector(".fields");
    if (!fields) {
      fields = document.createElement("div");
      fields.className = "fields";
      for (const row of card.querySelectorAll("table.found tr[data-name]")) {
        fields.appendChild(labelled(row.dataset.name, row.dataset.name, row.dataset.value));
      }
      fields.appendChild(labelled("note", "note", card.dataset.note || ""));
      const save = document.createElement("button");
      save.name = "decision";
      save.value = "correct";
      save.className = "correct";
      save.textContent = "Save correction";
      fields.appendChild(save);
      card.querySelector("form.decide").appendChild(fields);
    }
    fields.querySelector("input").focus();
  }

  function labelled(text, name, value) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.name = name;
    input.value = value;
    label.append(text + " ", input);
    return label;
  }

  document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest("a.edit");
    if (!link) return;
    e.preventDefault();
    edit(link.closest("article.fig"));
  });

  // ------------------------------------------------------------------ keys

  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
    if (e.key === "Escape" && typing) { e.target.blur(); if (current) current.focus(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = {
      j: () => step(1), ArrowDown: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
      n: () => step(1, true),
      c: () => current && press(current, "confirm"),
      x: () => current && press(current, "reject"),
      u: () => current && press(current, "clear"),
      e: () => current && edit(current),
      "/": () => filters.article.focus(),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });

  applyFilters();
  if (location.hash.startsWith("#f-")) select(document.getElementById(location.hash.slice(1)));
  document.body.dataset.ready = "true";
  performance.mark("review-ready");  // every figure listed and filterable (the benchmark reads it)
})();

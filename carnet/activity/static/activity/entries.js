// The quick entries' helpers: partners filtered by typing, the youth already chosen when the
// page was opened from a youth's file without network, and the correction of an entry the
// server refused (the form filled in again from the phone's copy).
/* global CarnetStore */
(function () {
  "use strict";

  const Store = window.CarnetStore;
  const fold = (text) => (Store ? Store.fold(text) : (text || "").toLowerCase().trim());

  // --- Chips filtered by the letters typed -------------------------------------------------

  for (const input of document.querySelectorAll("input[data-filter-chips]")) {
    const chips = document.getElementById(input.dataset.filterChips);
    const empty = input.parentElement.querySelector(".filter-empty");
    input.hidden = false;
    input.addEventListener("input", () => {
      const wanted = fold(input.value);
      let shown = 0;
      for (const chip of chips.querySelectorAll("label.chip")) {
        const keep = !wanted || chip.querySelector("input").checked || fold(chip.textContent).includes(wanted);
        chip.hidden = !keep;
        shown += keep ? 1 : 0;
      }
      if (empty) {
        empty.hidden = shown > 0;
      }
    });
  }

  if (!Store) {
    return;
  }

  // --- Youth chips drawn on the phone --------------------------------------------------------

  function addYouthChip(name, youth) {
    const box = document.getElementById(`choices-${name}`);
    if (!box || box.querySelector(`input[value="${CSS.escape(String(youth.id))}"]`)) {
      return;
    }
    const multiple = name !== "youth";
    const label = document.createElement("label");
    label.className = "chip";
    const input = document.createElement("input");
    input.type = multiple ? "checkbox" : "radio";
    input.name = name;
    input.value = youth.id;
    input.checked = true;
    const text = document.createElement("span");
    text.textContent = Store.displayName(youth);
    label.append(input, text);
    for (const hint of box.querySelectorAll(".picker-hint")) {
      hint.remove();
    }
    box.prepend(label);
  }

  async function youthsById() {
    const user = Number(document.getElementById("outbox-badge").dataset.user) || undefined;
    return new Map((await Store.pickableYouths(user)).map((youth) => [String(youth.id), youth]));
  }

  const query = new URLSearchParams(location.search);
  const form = document.querySelector("form[data-offline-entry]");
  if (!form) {
    return;
  }

  // Opened from a youth's file (?youth=12) with the page the phone kept: the youth, chosen.
  async function chooseYouthFromLink() {
    const id = query.get("youth");
    if (!id || form.querySelector("input[name=youth]:checked")) {
      return;
    }
    const youth = (await youthsById()).get(id);
    if (youth) {
      addYouthChip("youth", youth);
    }
  }

  // --- Correcting an entry kept on the phone ----------------------------------------------------

  async function correct(uuid) {
    const entry = await Store.entry(uuid);
    if (!entry) {
      return;
    }
    const values = new Map();
    for (const [name, value] of entry.fields) {
      values.set(name, (values.get(name) || []).concat([value]));
    }
    const youths = await youthsById();
    for (const name of ["youth", "known_youths", "participants"]) {
      for (const id of values.get(name) || []) {
        const youth = youths.get(String(id));
        if (youth) {
          addYouthChip(name, youth);
        }
      }
    }
    for (const element of form.elements) {
      if (!element.name || element.name === "csrfmiddlewaretoken") {
        continue;
      }
      const given = values.get(element.name) || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = given.includes(element.value);
      } else if (values.has(element.name) && element.type !== "submit") {
        element.value = given[0];
      }
    }
    const notice = document.createElement("div");
    notice.className = "form-errors card";
    notice.setAttribute("role", "alert");
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = form.dataset.correcting;
    title.append(strong);
    notice.append(title);
    for (const reason of entry.reasons || []) {
      const line = document.createElement("p");
      line.textContent = reason;
      notice.append(line);
    }
    form.prepend(notice);
    // Saved again, the entry waits with its new fields: sent now if the network is there
    // (the page's own submission), else kept by the worker and sent later, once either way.
    form.addEventListener("submit", async (event) => {
      if (event.submitter && event.submitter.name === "search") {
        return;
      }
      event.preventDefault();
      const fields = [];
      new FormData(form, event.submitter).forEach((value, name) => {
        if (typeof value === "string" && name !== "csrfmiddlewaretoken") {
          fields.push([name, value]);
        }
      });
      await Store.updateEntry(uuid, { fields, status: "pending", reasons: [] });
      HTMLFormElement.prototype.submit.call(form);
    });
  }

  chooseYouthFromLink();
  if (query.has("corriger")) {
    correct(query.get("corriger"));
  }
})();

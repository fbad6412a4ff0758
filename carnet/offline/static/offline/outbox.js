// The outbox page: each entry waiting on this phone, its state and the server's reasons when
// it refused it, to fix it (the form again, filled in) or discard it.
/* global CarnetStore, CarnetOffline */
(function () {
  "use strict";

  const list = document.getElementById("outbox-list");
  const badge = document.getElementById("outbox-badge");
  if (!list || !badge || !window.CarnetStore) {
    return;
  }
  const Store = window.CarnetStore;
  const texts = list.dataset;
  const status = document.getElementById("outbox-status");
  const send = document.getElementById("outbox-send");
  const user = badge.dataset.user ? Number(badge.dataset.user) : undefined;
  const query = new URLSearchParams(location.search);

  document.getElementById("outbox-kept").hidden = !query.has("gardee");
  document.getElementById("outbox-unavailable").hidden = !query.has("indisponible");

  function day(entry) {
    const value = Store.field(entry, "date") || Store.field(entry, "start_date");
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return value.split("-").reverse().join("/");
    }
    return new Date(entry.createdAt).toLocaleDateString("fr-FR");
  }

  function summary(entry, youths) {
    const names = (name) =>
      Store.fieldValues(entry, name)
        .map((id) => youths.get(String(id)))
        .filter(Boolean)
        .map(Store.displayName)
        .join(", ");
    switch (entry.kind) {
      case "presence":
        return [texts.met.replace("{n}", Store.field(entry, "youths_met") || "0"), names("known_youths")]
          .filter(Boolean)
          .join(" · ");
      case "intervention":
        return [names("youth"), Store.field(entry, "note")].filter(Boolean).join(" · ");
      case "action":
        return [Store.field(entry, "title"), names("participants")].filter(Boolean).join(" · ");
      case "youth":
        return Store.displayName({
          first_name: Store.field(entry, "first_name"),
          nickname: Store.field(entry, "nickname"),
          code: Store.field(entry, "code"),
        });
      default:
        return "";
    }
  }

  function waitsForYouth(entry, uuids) {
    return entry.fields.some(
      (pair) => pair[1].startsWith(Store.CLIENT_PREFIX) && uuids.has(pair[1].slice(Store.CLIENT_PREFIX.length)),
    );
  }

  async function render(blocked) {
    const entries = await Store.entries(user);
    const youths = new Map((await Store.pickableYouths(user)).map((youth) => [String(youth.id), youth]));
    const uuids = new Set(entries.map((entry) => entry.uuid));
    const template = document.getElementById("outbox-item");
    list.replaceChildren();
    for (const entry of entries) {
      const item = template.content.firstElementChild.cloneNode(true);
      const slot = (name) => item.querySelector(`[data-slot="${name}"]`);
      item.dataset.uuid = entry.uuid;
      item.classList.toggle("refused", entry.status === "refused");
      slot("kind").textContent = texts[`kind${entry.kind[0].toUpperCase()}${entry.kind.slice(1)}`] || entry.kind;
      slot("date").textContent = day(entry);
      slot("summary").textContent = summary(entry, youths);
      slot("state").textContent =
        entry.status === "refused"
          ? texts.refused
          : entry.status === "error"
            ? texts.error
            : waitsForYouth(entry, uuids)
              ? texts.waitsYouth
              : texts.pending;
      for (const reason of entry.reasons || []) {
        const line = document.createElement("li");
        line.textContent = reason;
        slot("reasons").append(line);
      }
      slot("fix").href = `${entry.url}?corriger=${encodeURIComponent(entry.uuid)}`;
      slot("discard").addEventListener("click", async () => {
        if (window.confirm(texts.confirm)) {
          await Store.removeEntry(entry.uuid);
          await CarnetOffline.showBadge();
          await render(blocked);
        }
      });
      list.append(item);
    }
    // A phone may say it is online while its network carries nothing: the last try tells.
    const offline = blocked === "network" || !navigator.onLine;
    const state = !entries.length ? "empty" : blocked === "login" ? "login" : offline ? "network" : "waiting";
    status.textContent = status.dataset[state];
    send.hidden = !entries.length;
  }

  send.addEventListener("click", async () => {
    await CarnetOffline.sync(true);
    await render();
  });
  document.addEventListener("carnet:outbox", (event) => render(event.detail.blocked));
  window.addEventListener("online", () => render());
  window.addEventListener("offline", () => render());

  const persist = document.getElementById("outbox-persist");
  if (navigator.storage && navigator.storage.persisted) {
    navigator.storage.persisted().then((granted) => {
      persist.textContent = granted ? persist.dataset.granted : persist.dataset.refused;
      persist.hidden = false;
    });
  }
  render();
})();

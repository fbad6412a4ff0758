// What Carnet keeps in the browser to work without network (IndexedDB through idb), shared by
// the pages (offline.js) and the service worker (worker.js):
// - outbox: the entries waiting to be sent, in the order they were made, each with its
//   identifier (the form's client_uuid), its author, its form fields and, once refused, the
//   server's reasons;
// - youths: the youths the educator may name in an entry (first name, nickname, code,
//   commune: nothing else);
// - meta: whose store it is, when it last reached the server.
// The pages the worker keeps for offline use sit in the Cache API under PAGES_CACHE.
(function (scope) {
  "use strict";

  const NAME = "carnet";
  const VERSION = 1;
  const PAGES_CACHE = "carnet-pages";
  const CLIENT_PREFIX = "client:";
  let opened = null;

  function database() {
    if (!opened) {
      opened = scope.idb.openDB(NAME, VERSION, {
        upgrade(db) {
          const outbox = db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
          outbox.createIndex("uuid", "uuid", { unique: true });
          db.createObjectStore("youths", { keyPath: "id" });
          db.createObjectStore("meta");
        },
        // Another tab upgrades, or the site's data is cleared: open again next time.
        blocking() {
          forget();
        },
        terminated() {
          opened = null;
        },
      });
    }
    return opened;
  }

  function forget() {
    if (opened) {
      const closing = opened;
      opened = null;
      closing.then((db) => db.close()).catch(() => {});
    }
  }

  // Names compare without case or accents, as the server's search does.
  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function displayName(youth) {
    if (youth.first_name && youth.nickname) {
      return `${youth.first_name} « ${youth.nickname} »`;
    }
    return youth.first_name || youth.nickname || youth.code || "";
  }

  function field(entry, name) {
    const found = entry.fields.find((pair) => pair[0] === name);
    return found ? found[1] : "";
  }

  function fieldValues(entry, name) {
    return entry.fields.filter((pair) => pair[0] === name).map((pair) => pair[1]);
  }

  function newUuid() {
    if (scope.crypto && scope.crypto.randomUUID) {
      return scope.crypto.randomUUID();
    }
    // Browsers without randomUUID (older Safari): version-4 UUID from random bytes.
    const bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // --- Meta --------------------------------------------------------------------------------

  async function meta(key) {
    return (await database()).get("meta", key);
  }

  async function setMeta(key, value) {
    return (await database()).put("meta", value, key);
  }

  // --- Outbox ------------------------------------------------------------------------------

  // Keep an entry; the same entry kept again (a correction, a second try) replaces its fields
  // and keeps its place in the order.
  async function enqueue({ url, kind, fields }) {
    const db = await database();
    const kept = fields.filter((pair) => pair[0] !== "csrfmiddlewaretoken");
    let uuid = kept.find((pair) => pair[0] === "client_uuid");
    if (!uuid || !uuid[1]) {
      uuid = ["client_uuid", newUuid()];
      kept.push(uuid);
    }
    const user = (await db.get("meta", "user")) || null;
    const tx = db.transaction("outbox", "readwrite");
    const existing = await tx.store.index("uuid").get(uuid[1]);
    const entry = Object.assign(existing || { uuid: uuid[1], createdAt: Date.now(), user }, {
      url,
      kind,
      fields: kept,
      status: "pending",
      reasons: [],
      keptAt: Date.now(),
    });
    await tx.store.put(entry);
    await tx.done;
    return entry;
  }

  async function entries(user) {
    const all = await (await database()).getAll("outbox");
    return all.filter((entry) => user === undefined || entry.user === user || entry.user === null);
  }

  async function entry(uuid) {
    return (await database()).getFromIndex("outbox", "uuid", uuid);
  }

  async function updateEntry(uuid, changes) {
    const db = await database();
    const tx = db.transaction("outbox", "readwrite");
    const found = await tx.store.index("uuid").get(uuid);
    if (found) {
      await tx.store.put(Object.assign(found, changes));
    }
    await tx.done;
    return found;
  }

  async function removeEntry(uuid) {
    const db = await database();
    const tx = db.transaction("outbox", "readwrite");
    const key = await tx.store.index("uuid").getKey(uuid);
    if (key !== undefined) {
      await tx.store.delete(key);
    }
    await tx.done;
  }

  // --- Youths ------------------------------------------------------------------------------

  async function replaceYouths(youths) {
    const db = await database();
    const tx = db.transaction("youths", "readwrite");
    await tx.store.clear();
    await Promise.all(youths.map((youth) => tx.store.put(youth)));
    await tx.done;
  }

  // The youths an entry may name: the phone's copy, and those created on the phone and not
  // sent yet (named "client:<uuid>", which the server resolves once the youth has arrived).
  async function pickableYouths(user) {
    const db = await database();
    const known = await db.getAll("youths");
    const waiting = (await entries(user))
      .filter((entry) => entry.kind === "youth")
      .map((entry) => ({
        id: CLIENT_PREFIX + entry.uuid,
        first_name: field(entry, "first_name"),
        nickname: field(entry, "nickname"),
        code: field(entry, "code"),
        commune: "",
        team: null,
        pending: true,
      }));
    return known.concat(waiting);
  }

  function search(youths, text, { team = null, exclude = [], limit = 8 } = {}) {
    const wanted = fold(text);
    if (wanted.length < 2) {
      return [];
    }
    const excluded = new Set(exclude.map(String));
    const found = [];
    for (const youth of youths) {
      if (excluded.has(String(youth.id)) || (team && youth.team && String(youth.team) !== String(team))) {
        continue;
      }
      const names = [youth.first_name, youth.nickname, youth.code].map(fold);
      const rank = names.some((name) => name.startsWith(wanted)) ? 0 : names.some((name) => name.includes(wanted)) ? 1 : -1;
      if (rank >= 0) {
        found.push({ youth, rank, sort: fold(displayName(youth)) });
      }
    }
    found.sort((a, b) => a.rank - b.rank || a.sort.localeCompare(b.sort));
    return found.slice(0, limit).map((item) => item.youth);
  }

  // --- Forgetting ----------------------------------------------------------------------------

  // What identifies youths besides the entries themselves: the youths' copy and the pages.
  async function forgetReferenceData() {
    const db = await database();
    const tx = db.transaction(["youths", "meta"], "readwrite");
    await tx.objectStore("youths").clear();
    await tx.objectStore("meta").clear();
    await tx.done;
    await scope.caches.delete(PAGES_CACHE);
  }

  async function forgetEverything() {
    await forgetReferenceData();
    const db = await database();
    await db.clear("outbox");
  }

  scope.CarnetStore = {
    PAGES_CACHE,
    CLIENT_PREFIX,
    fold,
    displayName,
    field,
    fieldValues,
    newUuid,
    meta,
    setMeta,
    enqueue,
    entries,
    entry,
    updateEntry,
    removeEntry,
    replaceYouths,
    pickableYouths,
    search,
    forgetReferenceData,
    forgetEverything,
  };
})(self);

// Carnet's service worker, loaded by /sw.js after Workbox, idb and store.js; /sw.js gives it
// CARNET_OFFLINE: the files to precache, the pages and entries that work without network.
//
// - Static files: precached (Workbox), served from the cache, replaced when their hash changes.
// - The quick-entry pages and the outbox page: from the network, else the copy kept of them
//   (only answers marked X-Carnet-Offline are kept: never a youth's file or a list of youths).
// - Saving a quick entry without network: the worker keeps the entry in the outbox and shows
//   the outbox page; the pages send it later (offline.js), never the worker: Safari has no
//   Background Sync, and a page knows whether the session is open.
// - The youth picker's search without network: answered from the phone's copy of the youths.
/* global workbox, CarnetStore */
"use strict";

const config = self.CARNET_OFFLINE;
const { precacheAndRoute, cleanupOutdatedCaches } = workbox.precaching;
const { registerRoute, setCatchHandler } = workbox.routing;
const { NetworkFirst } = workbox.strategies;

// How long a page or a search waits for a weak network before the kept copy answers.
const PAGE_TIMEOUT_SECONDS = 6;
const SEARCH_TIMEOUT_MS = 4000;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

precacheAndRoute(config.precache);
cleanupOutdatedCaches();

const offlinePages = new Set(config.pages);

function pathOf(request) {
  const url = new URL(request.url);
  return url.origin + url.pathname;
}

const pages = new NetworkFirst({
  cacheName: CarnetStore.PAGES_CACHE,
  networkTimeoutSeconds: PAGE_TIMEOUT_SECONDS,
  plugins: [
    {
      // A page opened with a query (?youth=12) is kept and found under its bare address.
      cacheKeyWillBeUsed: async ({ request }) => pathOf(request),
      cacheWillUpdate: async ({ request, response }) => {
        const marked = response && response.status === 200 && response.headers.get("X-Carnet-Offline") === "1";
        return marked && !new URL(request.url).search ? response : null;
      },
    },
  ],
});

registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin && offlinePages.has(url.pathname),
  pages,
);

// Any other page: the network only; without it, the outbox page says the page needs network.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin,
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch (error) {
      return unavailable(request);
    }
  },
);

async function unavailable(request) {
  const outbox = new URL(config.outbox, self.location.origin);
  if (new URL(request.url).pathname !== outbox.pathname) {
    const kept = await caches.match(outbox.href, { cacheName: CarnetStore.PAGES_CACHE });
    if (kept) {
      return Response.redirect(`${outbox.pathname}?indisponible=1`, 303);
    }
  }
  return new Response(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Carnet</title></head><body><h1>Carnet</h1><p>${config.texts.no_network}</p></body></html>`,
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

setCatchHandler(async ({ request }) => (request.mode === "navigate" ? unavailable(request) : Response.error()));

// --- Saving an entry without network -----------------------------------------------------------

registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin && url.pathname in config.entries,
  async ({ request }) => {
    const copy = request.clone();
    try {
      return await fetch(request);
    } catch (error) {
      return keep(copy);
    }
  },
  "POST",
);

async function keep(request) {
  const url = new URL(request.url);
  const form = await request.formData();
  if (form.has("search")) {
    // A youth search without JavaScript saves nothing: the form again, as kept.
    return (await caches.match(pathOf(request), { cacheName: CarnetStore.PAGES_CACHE })) || unavailable(request);
  }
  const fields = [];
  form.forEach((value, name) => {
    if (typeof value === "string") {
      fields.push([name, value]);
    }
  });
  const entry = await CarnetStore.enqueue({ url: url.pathname, kind: config.entries[url.pathname], fields });
  return Response.redirect(`${config.outbox}?gardee=${encodeURIComponent(entry.uuid)}`, 303);
}

// --- The youth picker without network ----------------------------------------------------------

registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === config.search,
  async ({ request }) => {
    const url = new URL(request.url);
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), SEARCH_TIMEOUT_MS);
    });
    try {
      const response = await Promise.race([fetch(request), late]);
      if (response) {
        return response;
      }
    } catch (error) {
      // No network: answered below from the phone's copy.
    } finally {
      clearTimeout(timer);
    }
    return searchOnPhone(url.searchParams);
  },
);

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function chip(name, multiple, youth, checked) {
  const type = multiple ? "checkbox" : "radio";
  const label = CarnetStore.displayName(youth);
  const code = youth.code && youth.code !== label ? ` <small>${escape(youth.code)}</small>` : "";
  const pending = youth.pending ? ` <small>(${escape(config.texts.not_sent)})</small>` : "";
  return `<label class="chip"><input type="${type}" name="${escape(name)}" value="${escape(youth.id)}"${checked ? " checked" : ""}><span>${escape(label)}${code}${pending}</span></label>`;
}

async function searchOnPhone(params) {
  const name = params.get("field") || "";
  const multiple = name !== "youth";
  const chosen = params.getAll(name);
  const query = (params.get(`q-${name}`) || "").trim();
  const user = (await CarnetStore.meta("user")) || undefined;
  const youths = await CarnetStore.pickableYouths(user);
  const byId = new Map(youths.map((youth) => [String(youth.id), youth]));
  const selected = chosen.map((id) => byId.get(String(id))).filter(Boolean);
  const results = CarnetStore.search(youths, query, { team: params.get("team"), exclude: chosen });
  let html = selected.map((youth) => chip(name, multiple, youth, true)).join("");
  html += results.map((youth) => chip(name, multiple, youth, false)).join("");
  if (CarnetStore.fold(query).length >= 2 && !results.length) {
    html += `<p class="muted picker-hint">${escape(config.texts.no_other.replace("{query}", query))}</p>`;
  } else if (CarnetStore.fold(query).length < 2 && !selected.length) {
    html += `<p class="muted picker-hint">${escape(config.texts.type_two_letters)}</p>`;
  }
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Carnet without network, on every page: installs the service worker, keeps the phone's copy
// of the youths fresh, sends the entries kept on the phone (in order, when the network comes
// back, when a page loads and every minute: no Background Sync, which Safari lacks), shows
// the badge of entries waiting, and forgets what the phone keeps when it must (sign-out,
// another account, access lost, CARNET_OFFLINE_DAYS without reaching the server).
/* global CarnetStore */
(function () {
  "use strict";

  const badge = document.getElementById("outbox-badge");
  if (!badge || !window.indexedDB || !window.CarnetStore) {
    return;
  }
  const Store = window.CarnetStore;
  const settings = badge.dataset;
  const user = settings.user ? Number(settings.user) : null;
  const DAY_MS = 24 * 3600 * 1000;
  const REFRESH_MS = 10 * 60 * 1000;
  const PAGES_MS = 60 * 60 * 1000;
  const PERIOD_MS = 60 * 1000;
  // A network that has just come back often fails the first request: try again soon rather
  // than at the next period.
  const RETRY_MS = 10 * 1000;
  const SYNC_HEADER = "X-Carnet-Sync";
  // Why the last try to send stopped: "login" (session ended), "network", or "".
  let blocked = "";
  let running = null;
  let retry = null;
  // Some quick-entry pages could not be kept on the last try.
  let pagesMissing = false;

  function cookie(name) {
    const found = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function announce() {
    document.dispatchEvent(new CustomEvent("carnet:outbox", { detail: { blocked } }));
  }

  // --- The badge ----------------------------------------------------------------------------

  async function showBadge() {
    const waiting = await Store.entries(user === null ? undefined : user);
    const count = waiting.length;
    badge.hidden = count === 0;
    if (!count) {
      return;
    }
    let text = count === 1 ? settings.one : settings.many.replace("{n}", count);
    if (blocked === "login" || settings.state === "anonymous") {
      text += ` — ${settings.login}`;
    }
    badge.textContent = text;
    badge.classList.toggle("has-refused", waiting.some((entry) => entry.status === "refused"));
  }

  // --- Forgetting ---------------------------------------------------------------------------

  async function forgetAll() {
    await Store.forgetEverything();
    await showBadge();
  }

  // Another account on this phone, or too long without reaching the server: the youths and
  // the pages kept go; the entries stay, to be sent by their author (each carries it).
  async function checkOwnerAndAge() {
    const owner = await Store.meta("user");
    if (owner !== undefined && owner !== user) {
      await Store.forgetReferenceData();
    }
    const reached = await Store.meta("reachedAt");
    const days = Number((await Store.meta("days")) || 7);
    if (reached && Date.now() - reached > days * DAY_MS) {
      await Store.forgetReferenceData();
    }
    await Store.setMeta("user", user);
  }

  // --- Reaching the server ------------------------------------------------------------------

  // The phone's copy of the youths, fresh; its answer also tells whether the session is open
  // ("login") and the access kept ("lost").
  async function refresh(force) {
    const reached = await Store.meta("reachedAt");
    if (!force && reached && Date.now() - reached < REFRESH_MS) {
      // A page left while it kept the pages did not finish: the next one does.
      await keepPages(await Store.meta("pages"));
      return "ok";
    }
    const response = await fetch(settings.directory, { credentials: "same-origin", redirect: "manual" });
    if (response.type === "opaqueredirect" || response.status === 401) {
      return "login";
    }
    if (response.status === 403) {
      return "lost";
    }
    if (!response.ok) {
      return "error";
    }
    const data = await response.json();
    await Store.replaceYouths(data.youths);
    await Store.setMeta("reachedAt", Date.now());
    await Store.setMeta("days", data.offline_days);
    await Store.setMeta("pages", data.pages);
    await keepPages(data.pages);
    return "ok";
  }

  // The pages to open without network, kept once an hour (the worker keeps them too
  // whenever they are opened with network). Marked as kept only once they all are: a page
  // left in the middle (the educator taps on), or a page the server did not give (a busy
  // server answering 503), leaves the work to the next try, soon (see run).
  async function keepPages(pages) {
    const kept = await Store.meta("pagesAt");
    if (!pages || !window.caches || (kept && Date.now() - kept < PAGES_MS)) {
      pagesMissing = false;
      return;
    }
    const cache = await caches.open(Store.PAGES_CACHE);
    const answers = await Promise.all(
      pages.map(async (page) => {
        const response = await fetch(page, { credentials: "same-origin" });
        if (response.ok && !response.redirected && response.headers.get("X-Carnet-Offline") === "1") {
          await cache.put(new URL(page, location.href).href, response);
          return true;
        }
        return false;
      }),
    );
    pagesMissing = !answers.every(Boolean);
    if (!pagesMissing) {
      await Store.setMeta("pagesAt", Date.now());
    }
  }

  function waitingFor(entry, outbox) {
    const uuids = new Set(outbox.map((other) => other.uuid));
    return entry.fields
      .map((pair) => pair[1])
      .filter((value) => typeof value === "string" && value.startsWith(Store.CLIENT_PREFIX))
      .map((value) => value.slice(Store.CLIENT_PREFIX.length))
      .find((uuid) => uuids.has(uuid));
  }

  async function post(entry) {
    return fetch(entry.url, {
      method: "POST",
      body: new URLSearchParams(entry.fields),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": cookie("csrftoken"), [SYNC_HEADER]: "1" },
    });
  }

  // Send what waits, oldest first; a youth created on the phone goes before the entries
  // naming it. Stops at the first sign of no network or no session: the rest waits.
  async function sendAll() {
    const outbox = await Store.entries(user);
    let sentYouth = false;
    for (const entry of outbox) {
      if (entry.status === "refused") {
        continue;
      }
      const remaining = await Store.entries(user);
      if (waitingFor(entry, remaining)) {
        continue;
      }
      let response = await post(entry);
      if (response.status === 403) {
        // A token from before a new sign-in: the directory's answer sets the current one.
        const state = await refresh(true);
        if (state !== "ok") {
          return state;
        }
        response = await post(entry);
      }
      if (response.type === "opaqueredirect") {
        return "login";
      }
      if (response.status === 201) {
        await Store.removeEntry(entry.uuid);
        sentYouth = sentYouth || entry.kind === "youth";
      } else if (response.status === 422) {
        const answer = await response.json();
        await Store.updateEntry(entry.uuid, { status: "refused", reasons: answer.reasons });
      } else {
        await Store.updateEntry(entry.uuid, { status: "error", reasons: [settings.error.replace("{status}", response.status)] });
        return "error";
      }
    }
    if (sentYouth) {
      await refresh(true);
    }
    return "";
  }

  async function run(force) {
    if (user === null || !navigator.onLine) {
      blocked = navigator.onLine ? blocked : "network";
      await showBadge();
      return;
    }
    try {
      const state = await refresh(force);
      blocked = state === "ok" ? await sendAll() : state;
      if (blocked === "lost") {
        await forgetAll();
        return;
      }
    } catch (error) {
      blocked = "network";
    }
    clearTimeout(retry);
    if ((blocked === "network" || pagesMissing) && navigator.onLine) {
      retry = setTimeout(() => sync(true), RETRY_MS);
    }
    await showBadge();
    announce();
  }

  // One run at a time in this page; two tabs sending the same entry create it once anyway.
  function sync(force) {
    if (!running) {
      running = run(force).finally(() => {
        running = null;
      });
    }
    return running;
  }

  // --- Forms -----------------------------------------------------------------------------------

  // Each page shown is a new entry: a new identifier, also on a page the worker kept.
  function freshIdentifiers() {
    if (new URLSearchParams(location.search).has("corriger")) {
      return;
    }
    for (const input of document.querySelectorAll("input[name=client_uuid]")) {
      input.value = Store.newUuid();
    }
  }

  // A page kept by the worker may hold a token from an older session: the cookie's is current.
  document.addEventListener(
    "submit",
    (event) => {
      const token = cookie("csrftoken");
      if (token) {
        for (const input of event.target.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
          input.value = token;
        }
      }
    },
    true,
  );

  // Signing out forgets what the phone keeps; entries not sent yet are sent first, or lost
  // only if the educator says so.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.dataset.signedOut === "1" || new URL(form.action, location.href).pathname !== settings.logout) {
      return;
    }
    event.preventDefault();
    await sync(true);
    const waiting = (await Store.entries(user)).length;
    if (waiting && !window.confirm(settings.logoutConfirm.replace("{n}", waiting))) {
      return;
    }
    await forgetAll();
    form.dataset.signedOut = "1";
    form.submit();
  });

  window.CarnetOffline = { sync, showBadge };

  async function start() {
    freshIdentifiers();
    if ("serviceWorker" in navigator && settings.worker) {
      navigator.serviceWorker.register(settings.worker).catch(() => {});
    }
    if (settings.state === "other") {
      // Signed in without the right to record: nothing of Carnet belongs on this phone.
      await forgetAll();
      return;
    }
    if (user !== null) {
      await checkOwnerAndAge();
      if (navigator.storage && navigator.storage.persist && !(await Store.meta("persistAsked"))) {
        await Store.setMeta("persistAsked", await navigator.storage.persist());
      }
    }
    await showBadge();
    window.addEventListener("online", () => sync(true));
    window.addEventListener("offline", () => sync(false));
    setInterval(() => sync(false), PERIOD_MS);
    // After the page itself: on a slow network its own files come first.
    if (document.readyState === "complete") {
      await sync(false);
    } else {
      window.addEventListener("load", () => sync(false), { once: true });
    }
  }

  start();
})();

// Travel Control dashboard: polls GET status, renders one card per portal, and sends a portal's
// settings with PUT settings/{portal} when a control changes. Plain DOM, no framework, no build.
"use strict";

const POLL_MS = 2000;
const MAX_PAUSE_MS = 15000, MIN_PAUSE_MS = 750; // the portals' own rule for request_ratio
const cards = new Map(); // portal name -> { root, editing }

function pauseText(ratio) {
  const ms = Math.max(MIN_PAUSE_MS, Math.trunc(MAX_PAUSE_MS - MAX_PAUSE_MS * (ratio / 100)));
  return `a quote every ${(ms / 1000).toFixed(2)} s (plus its own time)`;
}

function percent(a, b) {
  const total = a + b;
  return total === 0 ? 0 : Math.round((100 * a) / total);
}

function settingsFrom(form) {
  const v = (name) => Number(form.elements[name].value);
  return {
    request_ratio: v("request_ratio"),
    devices: { web: v("web"), mobile: 100 - v("web") },
    users: { registered: v("registered"), new: 100 - v("registered") },
    travel_type: { t1: v("t1"), t2: v("t2"), t3: v("t3") },
  };
}

async function sendSettings(name, card) {
  const form = card.root.querySelector("form");
  const message = card.root.querySelector(".message");
  message.classList.remove("error");
  message.textContent = "Sending…";
  try {
    const response = await fetch(`settings/${encodeURIComponent(name)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(settingsFrom(form)),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      message.classList.add("error");
      message.textContent = `${response.status}: ${body.error || "refused"}${body.detail ? " (" + body.detail + ")" : ""}`;
    } else {
      message.textContent = `Saved: request_ratio ${body.request_ratio}`;
    }
  } catch (e) {
    message.classList.add("error");
    message.textContent = `Not sent: ${e}`;
  } finally {
    card.editing = false;
  }
}

function createCard(name) {
  const root = document.getElementById("portal-card").content.firstElementChild.cloneNode(true);
  const card = { root, editing: false };
  const form = root.querySelector("form");
  // "input" fires while a slider moves (labels follow it); "change" once it is let go (then send).
  form.addEventListener("input", () => {
    card.editing = true;
    showSettingsLabels(root, settingsFrom(form));
  });
  form.addEventListener("change", () => sendSettings(name, card));
  form.addEventListener("submit", (e) => { e.preventDefault(); sendSettings(name, card); });
  cards.set(name, card);
  document.getElementById("portals").appendChild(root);
  return card;
}

function showSettingsLabels(root, s) {
  root.querySelector(".ratio-value").textContent = s.request_ratio;
  root.querySelector(".pause").textContent = pauseText(s.request_ratio);
  root.querySelector(".web-value").textContent = s.devices.web;
  root.querySelector(".registered-value").textContent = s.users.registered;
}

function render(portal) {
  const card = cards.get(portal.name) || createCard(portal.name);
  const root = card.root;
  const s = portal.settings, st = portal.status, r = st.requests;
  root.classList.toggle("down", st.error);
  root.querySelector(".name").textContent = portal.name;
  root.querySelector(".badge").textContent = st.error ? "unreachable" : "generating load";
  const [lon, lat] = portal.coordinates || [0, 0];
  root.querySelector(".where").textContent = `${portal.country} (${lat.toFixed(3)}, ${lon.toFixed(3)})`;
  root.querySelector(".total").textContent = r.total;
  root.querySelector(".devices").textContent = `${r.devices.web} / ${r.devices.mobile}`;
  root.querySelector(".users").textContent = `${r.users.new} / ${r.users.registered}`;
  root.querySelector(".travel").textContent = `${r.travel_type.t1} / ${r.travel_type.t2} / ${r.travel_type.t3}`;

  const body = root.querySelector(".cities tbody");
  body.replaceChildren();
  const cities = (st.cities || []).slice().sort((a, b) => b.requests.total - a.requests.total).slice(0, 8);
  for (const c of cities) {
    const tr = document.createElement("tr");
    const city = document.createElement("td");
    city.textContent = c.city;
    const count = document.createElement("td");
    count.textContent = c.requests.total;
    tr.append(city, count);
    body.appendChild(tr);
  }

  // Never overwrite a control the user is moving.
  if (!card.editing) {
    const f = root.querySelector("form").elements;
    f.request_ratio.value = s.request_ratio;
    f.web.value = percent(s.devices.web, s.devices.mobile);
    f.registered.value = percent(s.users.registered, s.users.new);
    f.t1.value = s.travel_type.t1;
    f.t2.value = s.travel_type.t2;
    f.t3.value = s.travel_type.t3;
    showSettingsLabels(root, settingsFrom(root.querySelector("form")));
  }
  if (st.error) root.querySelector(".pause").textContent = "No settings: the portal does not answer.";
  root.querySelector("form").querySelectorAll("input").forEach((i) => { i.disabled = st.error; });
}

async function poll() {
  const summary = document.getElementById("summary");
  try {
    const response = await fetch("status", { cache: "no-store" });
    if (!response.ok) throw new Error(`GET status answered ${response.status}`);
    const portals = await response.json();
    portals.forEach(render);
    const up = portals.filter((p) => !p.status.error).length;
    const total = portals.reduce((n, p) => n + p.status.requests.total, 0);
    summary.textContent = `${up} of ${portals.length} portals reachable, ${total} requests so far`;
  } catch (e) {
    summary.textContent = `Cannot read the portals' status: ${e.message}`;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

poll();

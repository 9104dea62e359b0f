/* marsad dashboard: talks only to /api/; no external requests.
   The map draws server-side clusters (/api/events/clusters), so 100k events stay light.
   Text from the store is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };
  var state = { lang: "en", strings: {}, filters: {}, map: null, cluster: null, seq: 0 };

  function colour(type) { return TYPE_COLOURS[type] || "#34495e"; }
  function t(key, vars) {
    var s = state.strings[key];
    if (s === undefined) s = key;
    if (vars) Object.keys(vars).forEach(function (k) { s = s.replace("{" + k + "}", vars[k]); });
    return s;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function isArabic(s) { return /[\u0600-\u06FF]/.test(s || ""); }
  function textDir(lang, s) { return lang === "ar" || (!lang && isArabic(s)) ? "rtl" : "auto"; }

  function query(extra) {
    var p = new URLSearchParams();
    var f = state.filters;
    Object.keys(f).forEach(function (k) { if (f[k]) p.append(k, f[k]); });
    if (extra) Object.keys(extra).forEach(function (k) { if (extra[k] !== null && extra[k] !== undefined) p.set(k, extra[k]); });
    return p.toString();
  }
  function getJSON(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error && body.error.message) || r.statusText);
        return body;
      });
    });
  }

  /* ---------------------------------------------------------------- language */
  function applyLanguage(lang) {
    return getJSON("/static/i18n/" + lang + ".json").then(function (strings) {
      state.lang = lang;
      state.strings = strings;
      var html = document.documentElement;
      html.setAttribute("lang", lang);
      html.setAttribute("dir", lang === "ar" ? "rtl" : "ltr");
      document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.getAttribute("data-i18n")); });
      document.title = t("title");
      try { localStorage.setItem("marsad.lang", lang); } catch (e) { /* private mode */ }
      drawBasemapLabels();
    });
  }

  /* ---------------------------------------------------------------- map */
  var basemapLabels = null;
  var basemapData = null;
  function initMap() {
    var map = L.map("map", { zoomControl: true, attributionControl: false, minZoom: 3, maxZoom: 16, worldCopyJump: false });
    map.setView([35.0, 38.5], 6);
    graticule().addTo(map);
    state.map = map;
    state.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: function (group) {
        var n = 0, fat = 0, types = {};
        group.getAllChildMarkers().forEach(function (m) {
          n += m.options.count || 1; fat += m.options.fatalities || 0;
          types[m.options.eventType] = (types[m.options.eventType] || 0) + (m.options.count || 1);
        });
        var top = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
        return cellIcon(n, fat, top);
      }
    });
    map.addLayer(state.cluster);
    map.on("moveend", refreshMap);
    getJSON("/static/basemap.geojson").then(function (gj) {
      basemapData = gj;
      L.geoJSON(gj, {
        filter: function (f) { return f.properties.kind === "border" || f.properties.kind === "coast"; },
        style: function (f) { return f.properties.kind === "border" ? { color: "#6c7a89", weight: 1.5, fillColor: "#f4f1ea", fillOpacity: 1 } : { color: "#7aa6c8", weight: 1.2 }; },
        interactive: false
      }).addTo(map).bringToBack();
      drawBasemapLabels();
    });
  }
  function graticule() {
    var lines = [];
    for (var lat = 28; lat <= 42; lat += 1) lines.push([[lat, 28], [lat, 50]]);
    for (var lon = 28; lon <= 50; lon += 1) lines.push([[28, lon], [42, lon]]);
    return L.polyline(lines, { color: "#c4d3e0", weight: 0.6, interactive: false });
  }
  function drawBasemapLabels() {
    if (!state.map || !basemapData) return;
    if (basemapLabels) state.map.removeLayer(basemapLabels);
    basemapLabels = L.layerGroup();
    basemapData.features.forEach(function (f) {
      var kind = f.properties.kind;
      if (kind !== "city" && kind !== "country") return;
      var name = state.lang === "ar" ? f.properties.name_ar : f.properties.name_en;
      var c = f.geometry.coordinates;
      var icon = L.divIcon({ className: kind + "-label", html: "", iconSize: null });
      var m = L.marker([c[1], c[0]], { icon: icon, interactive: false, keyboard: false });
      m.on("add", function () { var node = m.getElement(); if (node) { node.textContent = (kind === "city" ? "· " : "") + name; node.setAttribute("dir", "auto"); } });
      basemapLabels.addLayer(m);
    });
    basemapLabels.addTo(state.map);
  }
  function dot(bg, label) {
    // colours come from the fixed TYPE_COLOURS table, labels are numbers: no store text in this HTML
    return '<span class="dot" style="background:' + bg + '">' + (label || "") + "</span>";
  }
  function cellIcon(n, fat, type) {
    var size = Math.round(Math.min(56, 18 + 6 * Math.log(1 + n) + 3 * Math.log(1 + fat)));
    var label = n > 999 ? Math.round(n / 1000) + "k" : String(n);
    return L.divIcon({ className: "cell-marker", html: dot(colour(type), label), iconSize: [size, size] });
  }
  function refreshMap() {
    var map = state.map;
    var b = map.getBounds().pad(0.1);
    var bbox = [Math.max(-540, b.getWest()), Math.max(-90, b.getSouth()), Math.min(540, b.getEast()), Math.min(90, b.getNorth())].map(function (x) { return x.toFixed(4); }).join(",");
    var mine = ++state.seq;
    var f = Object.assign({}, state.filters);
    var extra = { zoom: map.getZoom() };
    if (!f.bbox) extra.bbox = bbox;
    getJSON("/api/events/clusters?" + query(extra)).then(function (data) {
      if (mine !== state.seq) return;
      state.cluster.clearLayers();
      var markers = data.cells.map(function (c) {
        var single = c.count === 1;
        var size = single ? Math.round(Math.min(40, 12 + 5 * Math.sqrt(c.fatalities || 0))) : 0;
        var icon = single
          ? L.divIcon({ className: "event-marker", html: dot(colour(c.event_type), ""), iconSize: [size, size] })
          : cellIcon(c.count, c.fatalities, c.event_type);
        var m = L.marker([c.lat, c.lon], { icon: icon, count: c.count, fatalities: c.fatalities, eventType: c.event_type, title: c.event_type + (c.fatalities ? " · " + c.fatalities : "") });
        m.on("add", function () {
          var node = m.getElement();
          if (node && c.event_id) node.setAttribute("data-event-id", c.event_id);
        });
        m.on("click", function () {
          if (c.event_id) openProvenance(c.event_id);
          else map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 16));
        });
        return m;
      });
      state.cluster.addLayers(markers);
    }).catch(showError);
  }

  /* ---------------------------------------------------------------- list, tallies, timeline */
  function refreshList() {
    var list = document.getElementById("event-list");
    return getJSON("/api/events?" + query({ limit: 100 })).then(function (page) {
      clear(list);
      document.getElementById("event-total").textContent = "(" + t("events_total", { n: page.total }) + ")";
      document.getElementById("event-total").setAttribute("data-total", page.total);
      if (!page.items.length) list.appendChild(el("li", { "class": "empty" }, t("empty")));
      page.items.forEach(function (ev) {
        var li = el("li", { "data-event-id": ev.id, tabindex: "0" });
        var sw = el("span", { "class": "swatch" });
        sw.style.background = colour(ev.event_type);
        li.appendChild(sw);
        var body = el("div");
        body.appendChild(el("div", { dir: "auto" }, t("type_" + ev.event_type) + (ev.sub_type ? " — " + ev.sub_type : "")));
        var date = ev.date ? (ev.date.from === ev.date.to ? ev.date.from : ev.date.from + " … " + ev.date.to) : "";
        var where = ev.place && ev.place.name ? ev.place.name : "";
        var fat = ev.fatalities && ev.fatalities.best !== null ? " · " + t("fatalities") + " " + ev.fatalities.best : "";
        body.appendChild(el("div", { "class": "meta", dir: "auto" }, [date, where].filter(Boolean).join(" · ") + fat));
        li.appendChild(body);
        li.appendChild(el("span", { "class": "grade grade-" + ev.grade }, t("grade_" + ev.grade)));
        li.addEventListener("click", function () { openProvenance(ev.id); });
        li.addEventListener("keydown", function (e) { if (e.key === "Enter") openProvenance(ev.id); });
        list.appendChild(li);
      });
    }).catch(showError);
  }
  function refreshTallies() {
    return getJSON("/api/ledger?" + query()).then(function (data) {
      var body = document.querySelector("#tallies tbody");
      clear(body);
      var rt = document.getElementById("running-totals");
      clear(rt);
      var totals = [];
      data.parties.forEach(function (p) {
        var tr = el("tr", { "data-party": p.party });
        tr.appendChild(el("td", null, t("party_" + p.party)));
        tr.appendChild(el("td", { "class": "num" }, p.low));
        tr.appendChild(el("td", { "class": "num" }, p.best));
        tr.appendChild(el("td", { "class": "num" }, p.high));
        body.appendChild(tr);
        (p.running_totals || []).forEach(function (r) { totals.push([p.party, r]); });
      });
      if (totals.length) {
        rt.appendChild(el("h3", null, t("running_totals")));
        var ul = el("ul");
        totals.forEach(function (pr) {
          var r = pr[1];
          ul.appendChild(el("li", { dir: "auto" }, t("party_" + pr[0]) + ": " + r.best + " (" + r.source + (r.since ? ", " + r.since + " → " : ", ") + (r.date || "") + ")"));
        });
        rt.appendChild(ul);
      }
    }).catch(showError);
  }
  function refreshTimeline() {
    return getJSON("/api/events/timeline?" + query({ unit: "day" })).then(function (data) {
      var box = document.getElementById("timeline");
      clear(box);
      var bins = data.bins;
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 1000 110");
      svg.setAttribute("preserveAspectRatio", "none");
      svg.setAttribute("dir", "ltr"); // time runs left to right in both languages
      var max = Math.max.apply(null, [1].concat(bins.map(function (b) { return b.count; })));
      var w = bins.length ? 1000 / bins.length : 1000;
      bins.forEach(function (b, i) {
        var y = 100;
        Object.keys(b.types).forEach(function (type) {
          var h = 95 * b.types[type] / max;
          var r = document.createElementNS(ns, "rect");
          r.setAttribute("x", (i * w).toFixed(2)); r.setAttribute("width", Math.max(1, w - 1).toFixed(2));
          r.setAttribute("y", (y - h).toFixed(2)); r.setAttribute("height", h.toFixed(2));
          r.setAttribute("fill", colour(type)); r.setAttribute("class", "bar");
          var title = document.createElementNS(ns, "title"); title.textContent = b.date + " · " + type + ": " + b.types[type];
          r.appendChild(title);
          svg.appendChild(r);
          y -= h;
        });
      });
      box.appendChild(svg);
      if (bins.length) {
        var axis = el("div", { "class": "meta", dir: "ltr" }, bins[0].date + " … " + bins[bins.length - 1].date);
        box.appendChild(axis);
      }
      var ol = document.getElementById("control-changes");
      clear(ol);
      data.control_changes.forEach(function (c) {
        var d = c.date ? c.date.from : "";
        var who = (c.actor || "?") + (c.with && c.with.length ? " + " + c.with.join(", ") : "");
        ol.appendChild(el("li", { dir: "auto" }, d + " · " + (c.place && c.place.name || "") + " · " + c.change + " · " + who + " (" + c.source + ")"));
      });
    }).catch(showError);
  }

  /* ---------------------------------------------------------------- provenance */
  function highlighted(text, span, evidence, lang) {
    var box = el("div", { "class": "doc-text", dir: textDir(lang, text), lang: lang || null });
    var start = -1, end = -1;
    if (span && span.length === 2 && text.slice(span[0], span[1]).length) { start = span[0]; end = span[1]; }
    else if (evidence) { start = text.indexOf(evidence); end = start >= 0 ? start + evidence.length : -1; }
    if (start < 0) { box.textContent = text; return box; }
    box.appendChild(document.createTextNode(text.slice(0, start)));
    box.appendChild(el("mark", null, text.slice(start, end)));
    box.appendChild(document.createTextNode(text.slice(end)));
    return box;
  }
  function openProvenance(id) {
    return getJSON("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      var panel = document.getElementById("provenance");
      var head = document.getElementById("prov-event");
      clear(head);
      head.setAttribute("data-event-id", ev.id);
      var title = el("p", { dir: "auto" });
      title.appendChild(el("strong", null, t("type_" + ev.event_type) + (ev.sub_type ? " — " + ev.sub_type : "")));
      title.appendChild(document.createTextNode(" · " + (ev.date ? ev.date.from : "") + " · " + (ev.place && ev.place.name || "") + " · "));
      title.appendChild(el("span", { "class": "grade grade-" + ev.grade }, t("grade_" + ev.grade)));
      head.appendChild(title);
      if (ev.grade_reason) head.appendChild(el("p", { "class": "meta grade-reason", dir: "auto" }, ev.grade_reason));
      if (ev.fatalities && ev.fatalities.best !== null) {
        head.appendChild(el("p", null, t("fatalities") + ": " + [ev.fatalities.low, ev.fatalities.best, ev.fatalities.high].join(" – ")));
      }
      var claimsBox = document.getElementById("prov-claims");
      clear(claimsBox);
      ev.claims.forEach(function (c) {
        var card = el("article", { "class": "claim-card", "data-claim-id": c.id });
        var doc = c.document || {};
        card.appendChild(el("h3", { dir: "auto" }, c.source + " · " + c.kind + (c.status !== "active" ? " · " + c.status : "")));
        card.appendChild(el("p", { "class": "meta", dir: "auto" }, [doc.outlet, doc.published, doc.title].filter(Boolean).join(" · ")));
        card.appendChild(el("p", { "class": "evidence", dir: textDir(doc.lang, c.evidence), lang: doc.lang || null }, c.evidence));
        if (doc.text) card.appendChild(highlighted(doc.text, c.span, c.evidence, doc.lang));
        else card.appendChild(el("p", { "class": "meta" }, t("no_text")));
        claimsBox.appendChild(card);
      });
      panel.hidden = false;
      var mark = panel.querySelector("mark");
      if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: "center" });
    }).catch(showError);
  }

  /* ---------------------------------------------------------------- wiring */
  function showError(err) {
    var total = document.getElementById("event-total");
    if (total) total.textContent = t("error", { msg: err && err.message ? err.message : String(err) });
  }
  function readFilters() {
    var form = document.getElementById("filters");
    var data = new FormData(form);
    var f = {};
    data.forEach(function (v, k) { if (v) f[k] = v; });
    state.filters = f;
  }
  function refreshAll() {
    readFilters();
    refreshMap();
    return Promise.all([refreshList(), refreshTallies(), refreshTimeline()]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var saved = null;
    try { saved = localStorage.getItem("marsad.lang"); } catch (e) { /* ignore */ }
    var form = document.getElementById("filters");
    form.addEventListener("submit", function (e) { e.preventDefault(); refreshAll(); });
    form.addEventListener("change", function () { refreshAll(); });
    form.addEventListener("reset", function () { setTimeout(refreshAll, 0); });
    document.getElementById("lang-toggle").addEventListener("click", function () {
      applyLanguage(state.lang === "ar" ? "en" : "ar").then(refreshAll);
    });
    document.getElementById("prov-close").addEventListener("click", function () { document.getElementById("provenance").hidden = true; });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") document.getElementById("provenance").hidden = true; });
    initMap();
    applyLanguage(saved === "ar" ? "ar" : "en").then(refreshAll);
    window.marsad = { openProvenance: openProvenance, refreshAll: refreshAll, state: state };
  });
})();

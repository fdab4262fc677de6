/* geoconflict map runtime: draws incidents from one JSON blob, builds popups and tooltips with
 * DOM text nodes only (article text is never parsed as HTML), and runs the time slider.
 * Part of geoconflict (MIT). Needs Leaflet; uses leaflet.markercluster and leaflet.heat when present.
 */
(function () {
  "use strict";
  var GC = (window.GC = window.GC || {});
  GC.pending = 0;
  GC.finalized = false;
  GC.timing = {};
  GC.mark = function (name) { GC.timing[name] = Math.round(performance.now()); };

  GC.setFlag = function (name, value) {
    document.documentElement.setAttribute("data-gc-" + name, String(value));
  };
  GC.begin = function () { GC.pending += 1; };
  GC.done = function () { GC.pending -= 1; GC.maybeReady(); };
  GC.finalize = function () { GC.mark("scripts-done"); GC.finalized = true; GC.maybeReady(); };
  GC.maybeReady = function () {
    if (GC.pending > 0 || !GC.finalized) return;
    // wait for a frame to be painted before saying the map is drawn
    requestAnimationFrame(function () {
      setTimeout(function () { GC.mark("ready"); GC.setFlag("ready", 1); }, 0);
    });
  };

  GC.readJSON = function (id) {
    return JSON.parse(document.getElementById(id).textContent);
  };
  /* Big blobs are gzip + base64 (see DataBlob in maps.py): inflate them with the browser's
   * DecompressionStream, then call back. Small ones are plain JSON, parsed at once. */
  GC.loadJSON = function (id, callback) {
    var el = document.getElementById(id);
    if (el.getAttribute("data-encoding") !== "gzip-base64") {
      callback(JSON.parse(el.textContent));
      return;
    }
    GC.begin();
    var bin = atob(el.textContent.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (text) {
      GC.mark("inflated");
      var data = JSON.parse(text);
      GC.mark("parsed");
      callback(data);
      GC.done();
    });
  };
  GC.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  GC.row = function (parent, label, value) {
    if (value === null || value === undefined || value === "") return;
    var r = GC.el("div", "gc-row");
    r.appendChild(GC.el("span", "gc-label", label + ": "));
    r.appendChild(GC.el("span", "gc-value", value));
    parent.appendChild(r);
  };
  GC.fmt = function (n) {
    return n === null || n === undefined ? null : Number(n).toLocaleString("en-US");
  };
  GC.range = function (low, best, high) {
    if (best === null || best === undefined) {
      if (low !== null && low !== undefined) return "at least " + GC.fmt(low);
      if (high !== null && high !== undefined) return "up to " + GC.fmt(high);
      return null;
    }
    var s = GC.fmt(best);
    if ((low !== null && low !== undefined && low !== best) ||
        (high !== null && high !== undefined && high !== best)) {
      s += " (" + (low === null || low === undefined ? "?" : GC.fmt(low)) + "–" +
        (high === null || high === undefined ? "?" : GC.fmt(high)) + ")";
    }
    return s;
  };

  /* --- areas ------------------------------------------------------------------------ */
  GC.areaTooltip = function (p) {
    var d = GC.el("div", "gc-tip");
    d.appendChild(GC.el("div", "gc-tip-title", p.label));
    if (!p.incidents) {
      d.appendChild(GC.el("div", "gc-nodata", "No incidents reported"));
    } else {
      GC.row(d, "Incidents", GC.fmt(p.incidents));
      GC.row(d, "Strikes", GC.fmt(p.strikes));
      var killed = GC.range(p.killed_low, p.killed_best, p.killed_high);
      GC.row(d, "Killed", killed === null ? "not reported" : killed);
      GC.row(d, "Injured", GC.fmt(p.injured_best));
      GC.row(d, "Children killed", GC.fmt(p.killed_children));
    }
    if (p.cumulative_reports) GC.row(d, "Running tolls (not added)", GC.fmt(p.cumulative_reports));
    if (p.sub_incidents) GC.row(d, "Sub-incidents (not added)", GC.fmt(p.sub_incidents));
    return d;
  };

  GC.areaLayer = function (blobId, level) {
    var data = GC.readJSON(blobId);
    var layer = L.geoJSON(data, {
      style: function (f) {
        var nodata = f.properties.nodata;
        return {
          className: "gc-area gc-area-" + level + (nodata ? " gc-area-nodata" : ""),
          fillColor: f.properties.fill,
          fillOpacity: nodata ? 0.45 : 0.7,
          color: "#4a4a4a",
          weight: level === "admin1" ? 1.2 : 0.7,
          dashArray: nodata ? "3 3" : null,
        };
      },
      onEachFeature: function (f, lyr) {
        lyr.bindTooltip(function () { return GC.areaTooltip(f.properties); },
          { sticky: true, className: "gc-tooltip" });
        lyr.on("mouseover", function () { lyr.setStyle({ weight: 2.5 }); });
        lyr.on("mouseout", function () { layer.resetStyle(lyr); });
      },
    });
    layer.gcCount = data.features.length;
    return layer;
  };

  GC.backdrop = function (blobId) {
    return L.geoJSON(GC.readJSON(blobId), {
      interactive: false,
      style: function () {
        return { className: "gc-backdrop", fillColor: "#f2efe9", fillOpacity: 1,
                 color: "#b9b4aa", weight: 0.8 };
      },
    });
  };

  /* --- incidents ---------------------------------------------------------------------- */
  var PRECISION = {
    1: "exact place",
    2: "near or part of a place",
    3: "known only to its district: drawn at the district's centre, not where it happened",
    4: "known only to its governorate: drawn at the governorate's centre, not where it happened",
    5: "known only to a wider region: drawn at the region's centre",
    6: "known only to the country",
  };

  function val(arr, i) {
    if (!arr) return null;
    var v = arr[i];
    return v === undefined || v === -1 ? null : v;
  }
  function sparse(obj, i) {
    if (!obj) return null;
    var v = obj[i];
    return v === undefined ? null : v;
  }
  function str(D, arr, i) {
    var k = val(arr, i);
    return k === null ? null : D.s[k];
  }

  GC.incidentPopup = function (D, i) {
    var d = GC.el("div", "gc-popup");
    var type = D.types[D.ty[i]];
    var place = str(D, D.pl, i);
    var pname = str(D, D.pn, i);
    d.appendChild(GC.el("div", "gc-popup-title",
      type.replace("_", " ") + (place ? " — " + place : "")));
    var date = val(D.d, i);
    GC.row(d, "Date", date === null ? "not given" : D.dates[date]);
    if (pname && pname !== place) GC.row(d, "Place (gazetteer)", pname);
    var pr = val(D.pr, i);
    if (pr !== null) GC.row(d, "Location precision", pr + " — " + PRECISION[pr]);
    var killed = GC.range(sparse(D.kl, i), val(D.k, i), sparse(D.kh, i));
    GC.row(d, "Killed", killed === null ? "not reported" : killed);
    GC.row(d, "Children killed", GC.fmt(sparse(D.ch, i)));
    GC.row(d, "Injured", GC.fmt(sparse(D.inj, i)));
    GC.row(d, "Actor", str(D, D.ac, i));
    var flags = sparse(D.f, i) || 0;
    if (flags & 1) d.appendChild(GC.el("div", "gc-note",
      "Running toll over several events: not added to area totals."));
    if (flags & 2) d.appendChild(GC.el("div", "gc-note",
      "Part of a larger incident whose toll includes it: not added to area totals."));
    var text = str(D, D.tx, i);
    if (text) d.appendChild(GC.el("blockquote", "gc-source", text));
    GC.row(d, "Source", str(D, D.dc, i));
    GC.row(d, "Incident", str(D, D.id, i));
    return d;
  };

  GC.incidentLayer = function (map, blobId, opts) {
    var group;
    if (opts.cluster && L.markerClusterGroup) {
      group = L.markerClusterGroup({
        chunkedLoading: true,
        chunkInterval: 200,
        chunkDelay: 1,
        disableClusteringAtZoom: 11,
        spiderfyOnMaxZoom: false,
        showCoverageOnHover: false,
        maxClusterRadius: 45,
      });
    } else {
      group = L.featureGroup();
    }
    var ctl = {
      data: null, markers: [], group: group, heat: null, through: null, waiting: [],
      whenReady: function (fn) { if (ctl.data) fn(); else ctl.waiting.push(fn); },
      visible: function () {
        var D = ctl.data, markers = ctl.markers;
        if (ctl.through === null) return markers;
        var out = [];
        for (var j = 0; j < markers.length; j++) {
          var dj = val(D.d, j);
          if (dj !== null && dj <= ctl.through) out.push(markers[j]);
        }
        return out;
      },
      heatPoints: function () {
        var D = ctl.data, pts = [];
        if (!D) return pts;
        var list = ctl.visible();
        for (var j = 0; j < list.length; j++) {
          var idx = list[j].gcIndex;
          var p = val(D.pr, idx);
          var fl = sparse(D.f, idx) || 0;
          if ((p !== null && p >= 3) || (fl & 1)) continue; // no heat at area centres
          var kk = val(D.k, idx);
          pts.push([D.lat[idx], D.lon[idx], 0.25 + Math.min(kk || 0, 20) / 20]);
        }
        return pts;
      },
      fill: function () {
        var list = ctl.visible();
        group.clearLayers();
        GC.begin();
        if (opts.cluster) {
          group.options.chunkProgress = function (done, total) {
            if (done >= total) {
              group.options.chunkProgress = null; GC.mark("clustered"); GC.done();
            }
          };
          group.addLayers(list);
          if (list.length === 0) { group.options.chunkProgress = null; GC.done(); }
        } else {
          for (var j = 0; j < list.length; j++) group.addLayer(list[j]);
          GC.done();
        }
        if (ctl.heat) ctl.heat.setLatLngs(ctl.heatPoints());
        GC.setFlag(opts.reference ? "reference-shown" : "markers-shown", list.length);
      },
      setThrough: function (dateIndex) {
        ctl.through = dateIndex;
        ctl.fill();
      },
    };
    group.gcControl = ctl;
    // one popup for the layer, filled on click (no popup object per marker: 1e5 markers)
    ctl.openPopup = function (marker) {
      return L.popup({ maxWidth: 360, className: "gc-incident-popup" })
        .setLatLng(marker.getLatLng())
        .setContent(GC.incidentPopup(ctl.data, marker.gcIndex))
        .openOn(map);
    };
    group.on("click", function (e) {
      if (e.layer && e.layer.gcIndex !== undefined) ctl.openPopup(e.layer);
    });
    GC.loadJSON(blobId, function (D) {
      var n = D.lat.length;
      var renderer = opts.canvas ? L.canvas({ padding: 0.3 }) : L.svg();
      var markers = new Array(n);
      var hollowCount = 0;
      for (var i = 0; i < n; i++) {
        var k = val(D.k, i);
        var flags = sparse(D.f, i) || 0;
        var pr = val(D.pr, i);
        var hollow = pr !== null && pr >= 3;
        var sized = k !== null && !(flags & 1);
        var r = sized ? 4 + 1.6 * Math.sqrt(Math.min(k, 400)) : 4;
        var color = opts.reference ? "#555555" : D.colors[D.ty[i]];
        var m = L.circleMarker([D.lat[i], D.lon[i]], {
          renderer: renderer,
          radius: r,
          color: hollow ? color : "#222222",
          weight: hollow ? 2 : 0.8,
          dashArray: hollow ? "4 3" : null,
          fill: !hollow,
          fillColor: color,
          fillOpacity: opts.reference ? 0.35 : 0.85,
          className: (opts.reference ? "gc-reference" : "gc-incident") +
            (hollow ? " gc-hollow" : ""),
        });
        if (hollow) hollowCount += 1;
        m.gcIndex = i;
        markers[i] = m;
      }
      GC.mark("markers-created");
      ctl.data = D;
      ctl.markers = markers;
      GC.setFlag(opts.reference ? "reference" : "markers", n);
      if (!opts.reference) GC.setFlag("hollow", hollowCount);
      GC.setFlag(opts.reference ? "reference-clustered" : "clustered", opts.cluster ? 1 : 0);
      ctl.fill();
      var waiting = ctl.waiting;
      ctl.waiting = [];
      for (var w = 0; w < waiting.length; w++) waiting[w]();
    });
    return group;
  };

  GC.heatLayer = function (pointsLayer, opts) {
    GC.readableHeat();
    var ctl = pointsLayer.gcControl;
    var heat = L.heatLayer([], opts);
    ctl.heat = heat;
    ctl.whenReady(function () { heat.setLatLngs(ctl.heatPoints()); });
    return heat;
  };

  /* The heat layer reads its canvas back on every redraw: create that canvas's context with
     willReadFrequently, so the browser keeps it in memory (faster, and no console warning). */
  GC.readableHeat = function () {
    var sh = window.simpleheat;
    if (!sh || sh.gcReadable) return;
    var wrapped = function (canvas) {
      var el = typeof canvas === "string" ? document.getElementById(canvas) : canvas;
      if (el && el.getContext) el.getContext("2d", { willReadFrequently: true });
      return sh(el);
    };
    wrapped.prototype = sh.prototype;
    wrapped.gcReadable = true;
    window.simpleheat = wrapped;
  };

  /* --- time slider -------------------------------------------------------------------- */
  GC.timeSlider = function (map, pointsLayer) {
    var ctl = pointsLayer.gcControl;
    ctl.whenReady(function () { GC.addTimeSlider(map, ctl); });
  };
  GC.addTimeSlider = function (map, ctl) {
    var dates = ctl.data.dates;
    if (!dates.length) return null;
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = GC.el("div", "gc-slider leaflet-bar");
      box.appendChild(GC.el("div", "gc-slider-title", "Incidents through date"));
      var input = GC.el("input", "gc-slider-input");
      input.type = "range";
      input.min = "0";
      input.max = String(dates.length);
      input.step = "1";
      input.value = String(dates.length);
      var label = GC.el("div", "gc-slider-label", "All dates (" + ctl.markers.length + ")");
      input.addEventListener("input", function () {
        var v = parseInt(input.value, 10);
        if (v >= dates.length) {
          ctl.setThrough(null);
          label.textContent = "All dates (" + ctl.markers.length + ")";
        } else {
          ctl.setThrough(v);
          label.textContent = "Through " + dates[v] + " (" + ctl.visible().length + ")";
        }
      });
      box.appendChild(input);
      box.appendChild(label);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return control;
  };

  /* --- legend switching ---------------------------------------------------------------- */
  GC.legendSwitch = function (map, layersByLevel) {
    function show(level) {
      var boxes = document.querySelectorAll(".gc-legend-classes");
      for (var i = 0; i < boxes.length; i++) {
        boxes[i].style.display = boxes[i].getAttribute("data-level") === level ? "" : "none";
      }
    }
    map.on("baselayerchange", function (e) {
      for (var level in layersByLevel) {
        if (layersByLevel[level] === e.layer) show(level);
      }
    });
  };
})();

// The interactive graph on entity and path pages (vis-network, served by the app).
// Data arrives as JSON in <script type="application/json">; every text from data is
// written with textContent, never as HTML.
(function () {
  "use strict";
  const dataTag = document.getElementById("graph-data");
  const container = document.getElementById("graph");
  if (!dataTag || !container || typeof vis === "undefined") return;
  const data = JSON.parse(dataTag.textContent);
  const strings = JSON.parse(document.getElementById("graph-strings").textContent);
  const status = document.getElementById("graph-status");
  const panel = document.getElementById("node-panel");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const hiddenLabels = new Set();
  const hiddenTypes = new Set();
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  const say = (text) => { if (status) status.textContent = text; };
  const counts = () => say(format(strings.nodes, { n: nodes.length, m: edges.length }));

  const network = new vis.Network(container, { nodes, edges }, data.options);
  window.graphcrmNetwork = network;  // for tests and the browser console
  let frozen = !data.options.physics || data.options.physics.enabled === false;
  const freezeButton = document.querySelector("[data-action='freeze']");
  const setFrozen = (value) => {
    frozen = value;
    network.setOptions({ physics: { enabled: !value } });
    if (freezeButton) {
      freezeButton.setAttribute("aria-pressed", String(value));
      freezeButton.textContent = value ? strings.unfreeze : strings.freeze;
    }
  };
  if (!frozen) {
    say(strings.stabilising);
    // the layout settles, then stops moving
    network.once("stabilizationIterationsDone", () => {
      setFrozen(true);
      network.fit();
      counts();
      container.dataset.stable = "true";
    });
  } else {
    container.dataset.stable = "true";
    counts();
  }

  function applyFilters() {
    nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: hiddenLabels.has(n.kind) })));
    edges.update(edges.get().map((e) => ({ id: e.id, hidden: hiddenTypes.has(e.type) })));
  }
  document.querySelectorAll(".legend-item").forEach((button) => {
    button.addEventListener("click", () => {
      const label = button.dataset.label;
      if (hiddenLabels.has(label)) hiddenLabels.delete(label); else hiddenLabels.add(label);
      button.setAttribute("aria-pressed", String(!hiddenLabels.has(label)));
      applyFilters();
    });
  });
  document.querySelectorAll(".rel-filter input[type=checkbox]").forEach((box) => {
    box.addEventListener("change", () => {
      if (box.checked) hiddenTypes.delete(box.dataset.type); else hiddenTypes.add(box.dataset.type);
      applyFilters();
    });
  });

  function merge(graph) {
    const fresh = graph.nodes.filter((n) => !nodes.get(n.id));
    const freshEdges = graph.edges.filter((e) => !edges.get(e.id));
    nodes.add(fresh.map((n) => ({ ...n, hidden: hiddenLabels.has(n.kind) })));
    edges.add(freshEdges.map((e) => ({ ...e, hidden: hiddenTypes.has(e.type) })));
    return fresh.length;
  }

  async function load(url, origin) {
    say(strings.loading);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      const added = merge(body);
      if (origin) {
        const at = network.getPosition(origin);
        body.nodes.forEach((n) => { if (n.id !== origin) { try { network.moveNode(n.id, at.x + (Math.random() - 0.5) * 80, at.y + (Math.random() - 0.5) * 80); } catch (e) { /* hidden */ } } });
      }
      if (frozen && added) {
        container.dataset.stable = "false";
        setFrozen(false);
        // vis-network emits "stabilized" only when the simulation needed more than one step:
        // stop at that event or after a few seconds, whichever comes first
        let settled = false;
        const settle = () => {
          if (settled) return;
          settled = true;
          setFrozen(true);
          container.dataset.stable = "true";
        };
        network.once("stabilized", settle);
        setTimeout(settle, 4000);
      }
      say(added ? format(strings.added, { n: added }) : strings.nothing);
      container.dataset.loads = String(Number(container.dataset.loads || 0) + 1);
      return added;
    } catch (error) {
      say(format(strings.failed, { error: error.message }));
      return 0;
    }
  }

  function apiPath(label, id, tail) {
    return `/api/nodes/${encodeURIComponent(label)}/${encodeURIComponent(id)}/${tail}`;
  }

  function expand(nodeId) {
    const node = nodes.get(nodeId);
    if (!node || !node.data) return Promise.resolve(0);
    const d = node.data;
    if (d.more) {
      const query = new URLSearchParams({ direction: d.direction, type: d.type, kind: d.kind, skip: d.skip, limit: 50, format: "vis" });
      // the next page brings its own "more" node (same id) if anything is left
      const parent = `${d.label}:${d.id}`;
      edges.remove(edges.getIds({ filter: (e) => e.from === nodeId || e.to === nodeId }));
      nodes.remove(nodeId);
      return load(`${apiPath(d.label, d.id, "more")}?${query}`, parent);
    }
    return load(`${apiPath(d.label, d.id, "neighbourhood")}?depth=1&format=vis`, nodeId);
  }
  window.graphcrmExpand = expand;

  function show(nodeId) {
    const node = nodes.get(nodeId);
    if (!panel || !node || !node.data || node.data.more) { if (panel) panel.hidden = true; return; }
    panel.hidden = false;
    panel.querySelector("[data-field=kind]").textContent = node.data.kind;
    panel.querySelector("[data-field=name]").textContent = node.data.name;
    const list = panel.querySelector("[data-field=facts]");
    list.replaceChildren();
    (node.data.facts || []).forEach(([name, value]) => {
      const dt = document.createElement("dt"); dt.textContent = name;
      const dd = document.createElement("dd"); dd.textContent = value;
      list.append(dt, dd);
    });
    panel.querySelector("[data-field=url]").setAttribute("href", node.data.url);
    panel.dataset.node = nodeId;
  }

  network.on("click", (params) => { if (params.nodes.length) show(params.nodes[0]); else if (panel) panel.hidden = true; });
  network.on("doubleClick", (params) => { if (params.nodes.length) expand(params.nodes[0]); });
  const expandButton = panel && panel.querySelector("[data-action=expand]");
  if (expandButton) expandButton.addEventListener("click", () => expand(panel.dataset.node));

  const fit = document.querySelector("[data-action='fit']");
  if (fit) fit.addEventListener("click", () => network.fit({ animation: true }));
  if (freezeButton) freezeButton.addEventListener("click", () => setFrozen(!frozen));
  const png = document.querySelector("[data-action='png']");
  if (png) png.addEventListener("click", () => {
    const canvas = container.querySelector("canvas");
    const link = document.createElement("a");
    link.download = "graphcrm-graph.png";
    link.href = canvas.toDataURL("image/png");
    link.click();
  });
  const depth = document.getElementById("depth");
  const depthValue = document.getElementById("depth-value");
  if (depth && depthValue) depth.addEventListener("input", () => { depthValue.textContent = depth.value; });
})();

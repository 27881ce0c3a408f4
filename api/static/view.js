/* Draw the network described by the JSON island #graph-data into #network (vis-network).
 *
 * Tooltips arrive as HTML that the server escaped (html.escape); vis-network 9 shows a
 * string title as plain text, so each one becomes an element to keep the line breaks.
 * The /view page and the CLI's file arrive with every node placed by the server and physics
 * off: the first frame is the final drawing. Smaller networks (entity pages) lay themselves
 * out, and physics stops once the layout settles so the CPU does not keep spinning.
 */
(function () {
  "use strict";
  var island = document.getElementById("graph-data");
  var container = document.getElementById("network");
  if (!island || !container || typeof vis === "undefined") { return; }
  var begun = performance.now();  // the page parsed: the benchmark splits its time at these marks
  var data = JSON.parse(island.textContent);

  function tooltip(escapedHtml) {
    var div = document.createElement("div");
    div.className = "net-tip";
    div.innerHTML = escapedHtml;  // escaped server-side: only <b>, <br>, <small> are markup
    return div;
  }
  // Tooltips become elements when first hovered, not all up front: thousands of them cost
  // seconds before the first drawing of a big network.
  var tips = {};
  data.nodes.forEach(function (n) { if (n.title) { tips["n" + n.id] = n.title; delete n.title; } });
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    // a big drawing names an edge's ends by their place in the node list (api/view.py)
    if (typeof e.from === "number") { e.from = data.nodes[e.from].id; e.to = data.nodes[e.to].id; }
    if (e.title) { tips["e" + e.id] = e.title; delete e.title; }
  });

  var started = performance.now();
  var network = new vis.Network(container, {
    nodes: new vis.DataSet(data.nodes),
    edges: new vis.DataSet(data.edges)
  }, data.options);
  window.network = network;  // for the browser tests and for people poking in the console
  document.body.setAttribute("data-script-ms", String(Math.round(begun)));
  document.body.setAttribute("data-built-ms", String(Math.round(performance.now())));
  function tip(set, prefix) {
    return function (p) {
      var id = prefix === "n" ? p.node : p.edge, html = tips[prefix + id];
      if (html !== undefined) {
        delete tips[prefix + id];
        set.update({ id: id, title: tooltip(html) });
      }
    };
  }
  network.on("hoverNode", tip(network.body.data.nodes, "n"));
  network.on("hoverEdge", tip(network.body.data.edges, "e"));
  document.body.setAttribute("data-nodes", String(network.body.data.nodes.length));

  function settled() {
    network.setOptions({ physics: { enabled: false } });
    document.body.setAttribute("data-stabilized-ms", String(Math.round(performance.now() - started)));
    var status = document.getElementById("net-status");
    if (status) { status.hidden = true; }
  }
  var placed = data.options.physics && data.options.physics.enabled === false;
  if (placed) {
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      // since navigation began: what a user waits for (the benchmark reads it)
      document.body.setAttribute("data-drawn-ms", String(Math.round(performance.now())));
      settled();
    });
  } else {
    network.once("stabilizationIterationsDone", settled);
  }
  if (data.nodes.length === 0) { settled(); }
  network.on("stabilizationProgress", function (p) {
    var status = document.getElementById("net-status");
    if (status) { status.textContent = "배치 중 Laying out… " + Math.round(100 * p.iterations / p.total) + "%"; }
  });
  if (data.entityBase) {
    network.on("click", function (p) {
      // A click opens the entity page; holding Shift (or Ctrl) only selects, for exploring.
      if (p.nodes.length && !(p.event && p.event.srcEvent && (p.event.srcEvent.shiftKey || p.event.srcEvent.ctrlKey))) {
        go(p.nodes[0]);
      }
    });
  }
  function go(iri) { window.location.href = data.entityBase + encodeURIComponent(iri); }

  // zoom buttons, and every name on the canvas when asked (only the best-connected carry one)
  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: { duration: 200 } });
  }
  function on(id, fn) { var b = document.getElementById(id); if (b) { b.addEventListener("click", fn); } }
  on("zoom-in", function () { zoom(1.3); });
  on("zoom-out", function () { zoom(1 / 1.3); });
  on("zoom-fit", function () { network.fit({ animation: { duration: 200 } }); });
  on("labels-all", function () {
    var nodes = network.body.data.nodes;
    // the whole node again: an update with the label alone lets vis.js restyle it by its group
    nodes.update(nodes.get().map(function (n) { return Object.assign({}, n, { label: n.fullLabel || n.label }); }));
    this.disabled = true;
  });
})();

// The attribution pages: sortable tables and the flow view (no inline script: the CSP allows only 'self').
(function () {
  // Click a column heading to sort the table by it (numbers by value); click again to reverse.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    table.querySelectorAll("th[data-sort]").forEach(function (th, index) {
      th.tabIndex = 0;
      function sort() {
        var descending = th.getAttribute("aria-sort") !== "descending";
        var numeric = th.dataset.sort === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index];
          if (numeric) {
            var p = parseFloat(x.dataset.value), q = parseFloat(y.dataset.value);
            p = isNaN(p) ? -Infinity : p; q = isNaN(q) ? -Infinity : q;
            return descending ? q - p : p - q;
          }
          var c = x.textContent.localeCompare(y.textContent);
          return descending ? -c : c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        table.querySelectorAll("th[data-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
})();

// The flow page: its data travel as JSON in the page; vis-network (served by the app) draws it.
(function () {
  var holder = document.getElementById("flow-data");
  var container = document.getElementById("flow");
  if (!holder || !container || !window.vis) { return; }
  var data = JSON.parse(holder.textContent);
  window.flowNetwork = new vis.Network(container, {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}, data.options);
})();

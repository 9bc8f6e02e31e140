/* claimcheck findings list: filtering, sorting and search on top of a table that is complete
   without JavaScript. Inline, allowed by the page's CSP through its sha256 hash; builds no
   markup from data (text only through textContent), loads nothing. */
(function () {
  "use strict";
  var panel = document.getElementById("findings-filter");
  var table = document.getElementById("findings-table");
  if (!panel || !table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var original = rows.slice();
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var index = new Map(rows.map(function (row, i) { return [row, i]; }));
  var selects = Array.prototype.slice.call(panel.querySelectorAll("select[data-filter]"));
  var search = document.getElementById("filter-search");
  var reset = document.getElementById("filter-reset");
  var shown = document.getElementById("findings-shown");

  function apply() {
    var wanted = selects.filter(function (s) { return s.value !== ""; });
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row, i) {
      var ok = wanted.every(function (s) {
        var have = (row.getAttribute("data-" + s.getAttribute("data-filter")) || "").split(" ");
        return have.indexOf(s.value) >= 0;
      }) && words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " findings on this page shown";
  }

  function sortBy(th, column) {
    var order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      if (cell.hasAttribute("aria-sort")) { cell.setAttribute("aria-sort", "none"); }
    });
    th.setAttribute("aria-sort", order);
    var byKey = th.getAttribute("data-sort") === "key";
    var sign = order === "ascending" ? 1 : -1;
    var sorted = original.slice().sort(function (a, b) {
      var x = a.cells[column], y = b.cells[column], d;
      if (byKey) {
        d = Number(x.getAttribute("data-key")) - Number(y.getAttribute("data-key"));
      } else {
        d = x.textContent.localeCompare(y.textContent, undefined, { numeric: true, sensitivity: "base" });
      }
      return d * sign || index.get(a) - index.get(b);
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    if (!th.hasAttribute("data-sort")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.title = "Sort by " + th.textContent.toLowerCase();
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () { sortBy(th, column); });
  });
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  reset.addEventListener("click", function () {
    selects.forEach(function (s) { s.value = ""; });
    search.value = "";
    apply();
  });
  panel.hidden = false;
  apply();
}());

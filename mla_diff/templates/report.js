/* Optional conveniences: the page is complete and usable without this script. */
(function () {
  "use strict";
  var doc = document;
  function all(selector, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(selector)); }
  function reveal(el) { if (el) { el.hidden = false; } }

  /* Open the collapsed provision an anchor points into, so links and citations always land on text. */
  function openTarget() {
    if (!location.hash) { return; }
    var target = doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  /* Expand and collapse every provision; print everything expanded. */
  reveal(doc.querySelector(".controls"));
  all("[data-details]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-details") === "open";
      all("details").forEach(function (d) { d.open = open; });
    });
  });
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = all("details:not([open])");
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  /* Switch every redline between inline and side by side at once. */
  all("[data-view]").forEach(function (button) {
    button.addEventListener("click", function () {
      var value = button.getAttribute("data-view");
      all('.view-toggle input[value="' + value + '"]').forEach(function (input) { input.checked = true; });
    });
  });

  /* Copy a citation. */
  all(".cite button.copy").forEach(function (button) {
    reveal(button);
    button.addEventListener("click", function () {
      var text = button.previousElementSibling.textContent;
      function done(message) {
        button.textContent = message;
        setTimeout(function () { button.textContent = "copy citation"; }, 1500);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done("copied"); }, function () { done("select and copy"); });
      } else {
        done("select and copy");
      }
    });
  });

  /* n / p: next and previous change. */
  var changes = all("article.change");
  function currentIndex() {
    var focused = doc.activeElement && doc.activeElement.closest ? doc.activeElement.closest("article.change") : null;
    if (focused) { return changes.indexOf(focused); }
    var index = -1;
    changes.forEach(function (change, i) { if (change.getBoundingClientRect().top <= 8) { index = i; } });
    return index;
  }
  function go(step) {
    if (!changes.length) { return; }
    var index = Math.min(Math.max(currentIndex() + step, 0), changes.length - 1);
    var change = changes[index];
    change.focus({ preventScroll: true });
    change.scrollIntoView({ block: "start" });
    if (history.replaceState) { history.replaceState(null, "", "#" + change.id); }
  }
  doc.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (event.target && event.target.isContentEditable)) { return; }
    if (event.key === "n" || event.key === "j") { go(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { go(-1); event.preventDefault(); }
  });

  /* Sort and filter the concordance. */
  var table = doc.getElementById("concordance-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = all("tr", body);
  var filter = doc.querySelector(".filter");
  var statusSelect = doc.getElementById("concordance-status");
  var search = doc.getElementById("concordance-search");
  var count = doc.getElementById("concordance-count");
  reveal(filter);
  function applyFilter() {
    var status = statusSelect.value;
    var words = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var s = row.getAttribute("data-status");
      var ok = !status || s === status || (status === "changes" && s !== "unchanged" && s !== "renumbered");
      if (ok && words) { ok = row.textContent.toLowerCase().indexOf(words) !== -1; }
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " rows";
  }
  statusSelect.addEventListener("change", applyFilter);
  search.addEventListener("input", applyFilter);
  applyFilter();
  all("th[data-sort]", table).forEach(function (th) {
    var key = th.getAttribute("data-sort");
    var button = doc.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      all("th[aria-sort]", table).forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      function value(row) {
        if (key === "title" || key === "status") { return row.cells[key === "title" ? 3 : 4].textContent.toLowerCase(); }
        return parseFloat(row.getAttribute("data-" + key));
      }
      var sorted = rows.slice().sort(function (a, b) {
        var x = value(a), y = value(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        if (order === 0) { order = parseFloat(a.getAttribute("data-number")) - parseFloat(b.getAttribute("data-number")); }
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
}());

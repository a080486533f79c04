// Keyboard triage on the queue: j/k move the selection, Enter (or o) opens the alert.
// The page works without it: every row's first cell is a link.
(function () {
  "use strict";
  var table = document.getElementById("queue");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var at = -1;
  function select(i) {
    if (!rows.length) return;
    if (at >= 0) { rows[at].classList.remove("selected"); rows[at].removeAttribute("aria-selected"); }
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows[at].classList.add("selected");
    rows[at].setAttribute("aria-selected", "true");
    var link = rows[at].querySelector("a");
    if (link) link.focus();
  }
  rows.forEach(function (row, i) {
    row.addEventListener("click", function (e) {
      if (e.target.tagName !== "A") { window.location = row.getAttribute("data-href"); }
    });
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") { select(at + 1); e.preventDefault(); }
    else if (e.key === "k") { select(at - 1); e.preventDefault(); }
    else if ((e.key === "Enter" || e.key === "o") && at >= 0) { window.location = rows[at].getAttribute("data-href"); e.preventDefault(); }
  });
})();

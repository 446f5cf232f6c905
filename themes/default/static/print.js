// The date of printing, in the printed footer: filled in when the page loads and
// again just before it prints. The phrase and the month names are the theme's UI
// strings (browsers do not all know every language's month names). Without
// JavaScript the line is left out: the build cannot know the day a page is printed.
(function () {
  "use strict";
  var line = document.querySelector(".print-date");
  if (!line) return;
  var months = (line.getAttribute("data-months") || "").split(",");
  function fill() {
    var today = new Date();
    var month = (months[today.getMonth()] || String(today.getMonth() + 1)).trim();
    line.textContent = (line.getAttribute("data-phrase") || "")
      .replace("{day}", String(today.getDate()))
      .replace("{month}", month)
      .replace("{year}", String(today.getFullYear()));
    line.hidden = false;
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();

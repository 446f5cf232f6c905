// dangos serve: live reload and build errors. Added by `dangos serve` to the HTML it
// serves; never written by `dangos build`. The server sends `reload` once every file
// of a successful rebuild is in place, and `build-error` (file, line, message) when a
// rebuild fails; the page then shows an overlay in its own language (the words come
// with the script's tag), and reloads itself when the problem is fixed. The
// problems themselves are in English, as the command line gives them.
(function () {
  "use strict";
  var me = document.currentScript;
  var since = me ? me.getAttribute("data-generation") : "";
  // The panel's words, in the page's language, from the theme's UI strings: the
  // server puts them on this script's tag.
  var words = {};
  try {
    words = JSON.parse((me && me.getAttribute("data-words")) || "{}");
  } catch (e) {}
  var overlay = null;

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.setAttribute("style", css);
    if (text) e.textContent = text;
    return e;
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(report) {
    hide();
    overlay = el(
      "section",
      "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.25rem;" +
        "font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)"
    );
    overlay.id = "dangos-build-error";
    overlay.setAttribute("role", "alert");
    if (words.lang) overlay.setAttribute("lang", words.lang);
    overlay.setAttribute("aria-labelledby", "dangos-build-error-title");
    var title = el("h2", "margin:0 0 .5rem;font-size:1.4rem;color:#d4351c", words.title);
    title.id = "dangos-build-error-title";
    overlay.appendChild(title);
    // How many errors and warnings, in the page's language (the server words it).
    var count = report.counts && report.counts[words.lang];
    if (count) overlay.appendChild(el("p", "margin:0 0 .5rem;font-weight:bold", count));
    overlay.appendChild(el("p", "margin:0 0 .5rem", words.intro));
    var list = el("ul", "margin:0;padding-left:1.25rem");
    list.setAttribute("lang", "en");
    (report.errors || []).forEach(function (e) {
      var item = el("li", "margin:.5rem 0");
      // error[code] or warning[code], as the terminal says it.
      if (e.severity) item.appendChild(el("strong", "", e.severity + (e.code ? "[" + e.code + "]" : "") + ": "));
      var where = e.file || "";
      if (e.line) where += ":" + e.line + (e.column ? ":" + e.column : "");
      if (where) {
        var code = el("code", "font-weight:bold", where);
        if (e.line) code.setAttribute("title", words.line + " " + e.line);
        item.appendChild(code);
        item.appendChild(document.createTextNode(": "));
      }
      item.appendChild(document.createTextNode(e.message || ""));
      if (e.snippet) item.appendChild(el("pre", "margin:.25rem 0;padding:.25rem .5rem;background:#f3f2f1;overflow:auto", e.snippet));
      if (e.help) {
        var help = el("p", "margin:.25rem 0");
        help.appendChild(el("strong", "", words.help + ": "));
        help.appendChild(document.createTextNode(e.help));
        item.appendChild(help);
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = el("button", "margin-top:.75rem;font:inherit;padding:.25rem .75rem", words.close);
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__dangos/events?since=" + encodeURIComponent(since || ""));
  source.addEventListener("reload", function () {
    source.close();
    window.location.reload();
  });
  source.addEventListener("build-error", function (event) {
    try {
      show(JSON.parse(event.data));
    } catch (e) {
      show({ errors: [{ message: String(event.data) }] });
    }
  });
})();

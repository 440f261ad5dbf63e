/* The edition's one script. It only adds behaviour to markup the Markdown writer
   already emits (so everything reads without it): copying paragraph links,
   keeping the #paragraph when switching language, and hiding/showing columns
   of the parallel view (the choice remembered). Works from file:// too. */
(function () {
  "use strict";

  var STORAGE_KEY = "edition.parallel.hidden";

  function announce(text) {
    var live = document.getElementById("edition-live");
    if (!live) {
      live = document.createElement("div");
      live.id = "edition-live";
      live.className = "md-visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(); } catch (e) { reject(e); }
      document.body.removeChild(area);
    });
  }

  /* Link marks: follow the link (so the URL shows the paragraph) and copy it. */
  function initLinkMarks() {
    var copied = document.documentElement.getAttribute("data-edition-copied") || "Link copied";
    document.addEventListener("click", function (event) {
      var mark = event.target.closest && event.target.closest("a.para-link");
      if (!mark) return;
      var url = new URL(mark.getAttribute("href"), window.location.href).href;
      copyText(url).then(function () {
        mark.setAttribute("data-copied", "true");
        announce(mark.getAttribute("data-copied-text") || copied);
        window.setTimeout(function () { mark.removeAttribute("data-copied"); }, 1500);
      }, function () { /* copying refused: the address bar still shows the link */ });
    });
  }

  /* The language switcher points at the same page in another language; static-i18n
     drops the #fragment, which is the paragraph the reader is on: add it back. */
  function initLanguageSwitch() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[hreflang].md-select__link");
      if (!link || !window.location.hash) return;
      var href = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", href + window.location.hash);
    }, true);
  }

  /* Parallel view: columns a reader can hide and show. */
  function readHidden() {
    try { return JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]"); } catch (e) { return []; }
  }
  function writeHidden(list) {
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(list)); } catch (e) { /* private mode */ }
  }
  function applyHidden(parallel, toolbar, hidden) {
    parallel.setAttribute("data-hidden", hidden.join(" "));
    toolbar.querySelectorAll(".par-toggle").forEach(function (button) {
      var shown = hidden.indexOf(button.getAttribute("data-lang")) === -1;
      button.setAttribute("aria-pressed", shown ? "true" : "false");
    });
  }
  function initParallel() {
    var parallel = document.querySelector(".parallel");
    var toolbar = document.querySelector(".par-toolbar");
    if (!parallel || !toolbar) return;
    var langs = (parallel.getAttribute("data-langs") || "").split(" ");
    var hidden = readHidden().filter(function (l) { return langs.indexOf(l) !== -1; });
    if (hidden.length >= langs.length) hidden = [];
    applyHidden(parallel, toolbar, hidden);
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest(".par-toggle");
      if (!button) return;
      var lang = button.getAttribute("data-lang");
      var current = readHidden().filter(function (l) { return langs.indexOf(l) !== -1; });
      var at = current.indexOf(lang);
      if (at === -1) {
        if (current.length + 1 >= langs.length) return; /* keep at least one column */
        current.push(lang);
      } else {
        current.splice(at, 1);
      }
      writeHidden(current);
      applyHidden(parallel, toolbar, current);
    });
  }

  function init() {
    initLinkMarks();
    initLanguageSwitch();
    initParallel();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

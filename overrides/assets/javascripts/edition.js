/* The edition's one script. It only adds behaviour to markup the Markdown writer
   already emits (so everything reads without it): copying paragraph links,
   keeping the #paragraph when switching language, hiding/showing columns of the
   parallel view (the choice remembered), citation buttons, and search limited to
   the reader's language. Works from file:// too. It is loaded in the page head,
   before Material's bundle, so that it can wrap the search worker (see below). */
(function () {
  "use strict";

  /* A #paragraph link: bring the paragraph into view in the first frame after it is
     parsed. Chromium scrolls to the fragment only once the page's scripts have run
     (Material's bundle and its DOMContentLoaded work: about 0.1 s on a long page);
     its own fragment scroll still follows and lands on the same place. */
  (function scrollToTargetEarly() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    if (!id) return;
    function check() {
      if (document.readyState !== "loading") return;
      var target = document.getElementById(id);
      if (target) target.scrollIntoView({ block: "start", behavior: "instant" });
      else window.requestAnimationFrame(check);
    }
    window.requestAnimationFrame(check);
  })();

  /* Material fetches a sitemap.xml beside each language alternate of the page (to check that the
     page exists in the other language before switching to it). The alternates name the page
     itself in each language (the build writes them from the page list, absolute with a public
     address), so those requests serve nothing: from file:// a browser refuses them, on a server
     they ask for sitemaps that do not exist (or another origin's, before the site is moved to its
     address), and each logs an error. The switcher's plain links are right anyway (every page
     exists in every language: a build check), so the alternate links are renamed out of Material's
     "link[rel=alternate]" selector ("alternate" stays one of their rel tokens). Runs before
     Material's own DOMContentLoaded work, this script being loaded first. */
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
      link.setAttribute("rel", "alternate edition-offline");
    });
  });

  var STORAGE_KEY = "edition.parallel.hidden";
  var MODE_KEY = "edition.parallel.mode";

  /* Interface strings of the page's language (sources/data/ui, through mkdocs.yml's
     extra.edition_ui and main.html): one JSON object in a meta element. */
  var uiStrings = null;
  function ui(key, fallback) {
    if (uiStrings === null) {
      var meta = document.querySelector('meta[name="edition:ui"]');
      try { uiStrings = meta ? JSON.parse(meta.getAttribute("content")) : {}; } catch (e) { uiStrings = {}; }
    }
    return uiStrings[key] || fallback;
  }

  /* "Copied": said to screen readers (role=status) and shown to everyone, as a
     short message at the foot of the window. */
  var announceTimer = 0;
  function announce(text) {
    var live = document.getElementById("edition-live");
    if (!live) {
      live = document.createElement("div");
      live.id = "edition-live";
      live.className = "edition-toast";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    live.removeAttribute("data-shown");
    window.clearTimeout(announceTimer);
    window.setTimeout(function () { live.textContent = text; live.setAttribute("data-shown", "true"); }, 30);
    announceTimer = window.setTimeout(function () { live.removeAttribute("data-shown"); }, 2500);
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
    var copied = ui("link_copied", "Link copied");
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
  function readMode() {
    try { return window.localStorage.getItem(MODE_KEY) === "one" ? "one" : "all"; } catch (e) { return "all"; }
  }
  function writeMode(mode) {
    try { window.localStorage.setItem(MODE_KEY, mode); } catch (e) { /* private mode */ }
  }
  function applyHidden(parallel, toolbar, hidden, mode) {
    parallel.setAttribute("data-hidden", hidden.join(" "));
    parallel.setAttribute("data-mode", mode);
    /* Columns are hidden by a class on their cells, so the stylesheet names no language:
       the languages are data (a column per witness). */
    parallel.querySelectorAll("[data-lang]").forEach(function (cell) {
      cell.classList.toggle("par-hidden", hidden.indexOf(cell.getAttribute("data-lang")) !== -1);
    });
    toolbar.querySelectorAll(".par-toggle").forEach(function (button) {
      var shown = hidden.indexOf(button.getAttribute("data-lang")) === -1;
      button.setAttribute("aria-pressed", shown ? "true" : "false");
    });
    var modeButton = toolbar.querySelector(".par-mode");
    if (modeButton) modeButton.setAttribute("aria-pressed", mode === "one" ? "true" : "false");
  }
  /* Two modes. "all": each language button hides or shows its column (at least
     one stays). "one" (for phones): one language at a time, and a language
     button is a quick switch to that language. Both are remembered. */
  function initParallel() {
    var parallel = document.querySelector(".parallel");
    var toolbar = document.querySelector(".par-toolbar");
    if (!parallel || !toolbar) return;
    var langs = (parallel.getAttribute("data-langs") || "").split(" ");
    var pageLang = (document.documentElement.getAttribute("lang") || "").split("-")[0];
    function known(list) { return list.filter(function (l) { return langs.indexOf(l) !== -1; }); }
    function onlyShown(lang) { return langs.filter(function (l) { return l !== lang; }); }
    function firstShown(hidden) {
      var shown = langs.filter(function (l) { return hidden.indexOf(l) === -1; });
      return shown.indexOf(pageLang) !== -1 ? pageLang : shown[0];
    }
    var mode = readMode();
    var hidden = known(readHidden());
    if (hidden.length >= langs.length) hidden = [];
    if (mode === "one" && langs.length - hidden.length !== 1) hidden = onlyShown(firstShown(hidden));
    applyHidden(parallel, toolbar, hidden, mode);
    toolbar.addEventListener("click", function (event) {
      var current = known(readHidden());
      if (event.target.closest(".par-mode")) {
        mode = mode === "one" ? "all" : "one";
        current = mode === "one" ? onlyShown(firstShown(current)) : [];
        writeMode(mode);
      } else {
        var button = event.target.closest(".par-toggle");
        if (!button) return;
        var lang = button.getAttribute("data-lang");
        if (mode === "one") {
          current = onlyShown(lang);
        } else {
          var at = current.indexOf(lang);
          if (at === -1) {
            if (current.length + 1 >= langs.length) return; /* keep at least one column */
            current.push(lang);
          } else {
            current.splice(at, 1);
          }
        }
      }
      var keep = rowAtTop(parallel, toolbar);
      /* Showing or hiding a column changes every row's height: keep the reader's row
         where it was. The browser's own scroll anchoring is held off for that frame
         (it picks its own anchor, and both corrections together moved #op5 to #op4),
         and the scroll is made in one jump, so Material does not take it for a
         scroll up and show its back-to-top button. */
      var root = document.documentElement;
      root.style.overflowAnchor = "none";
      writeHidden(current);
      applyHidden(parallel, toolbar, current, mode);
      if (keep) {
        var shift = keep.row.getBoundingClientRect().top - keep.top;
        if (Math.abs(shift) >= 1) window.scrollTo({ top: window.scrollY + shift, behavior: "instant" });
      }
      window.requestAnimationFrame(function () { root.style.overflowAnchor = ""; });
    });
  }
  /* The row being read: the one at a reading line a tenth of the way down the text
     area below the stuck toolbar (not the first row with a pixel showing: the last
     line of the row above a #paragraph often peeks out under the toolbar). */
  function rowAtTop(parallel, toolbar) {
    var below = Math.max(0, toolbar.getBoundingClientRect().bottom);
    var line = below + 0.1 * (window.innerHeight - below);
    var rows = parallel.querySelectorAll(".par-row[id]");
    for (var i = 0; i < rows.length; i++) {
      var box = rows[i].getBoundingClientRect();
      if (box.bottom > line) return { row: rows[i], top: box.top };
    }
    return null;
  }

  /* The language menu names each language in that language ("Русский"): mark it,
     so that a screen reader says it with the right voice. */
  function initLanguageNames() {
    var tags = {};
    var meta = document.querySelector('meta[name="edition:language-tags"]');
    try { tags = JSON.parse(meta ? meta.getAttribute("content") : "{}"); } catch (e) { tags = {}; }
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var tag = tags[link.getAttribute("hreflang")];
      if (tag && !link.hasAttribute("lang")) link.setAttribute("lang", tag);
    });
  }

  /* Material's search dialog has no accessible name: give it the (translated)
     label of its own search field, so a screen reader announces what it is. */
  function initSearchDialogName() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = dialog && dialog.querySelector("input.md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder") || "");
    }
  }

  /* "Cite this paragraph": a copy button beside the link mark of every element the
     writer gave a citation (data-cite), with its labels in the page's language. */
  function initCiteButtons() {
    document.querySelectorAll("[data-cite][id]").forEach(function (el) {
      var cite = el.getAttribute("data-cite");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-button";
      /* The icon is drawn by the stylesheet (an SVG mask), not a glyph: a quotation-mark
         character falls back to whatever font has it and breaks the text's own font. */
      button.title = cite;
      button.setAttribute("aria-label", (el.getAttribute("data-cite-copy") || "Copy citation") + ": " + cite);
      button.addEventListener("click", function () {
        copyText(cite).then(function () {
          button.setAttribute("data-copied", "true");
          announce(el.getAttribute("data-cite-done") || "Citation copied");
          window.setTimeout(function () { button.removeAttribute("data-copied"); }, 1500);
        }, function () {});
      });
      /* "Copy text with citation": the unit's text, clean (see cleanText), followed by its citation. */
      var quote = document.createElement("button");
      quote.type = "button";
      quote.className = "cite-button cite-text-button";
      quote.title = ui("cite_text_copy", "Copy text with citation");
      quote.setAttribute("aria-label", quote.title + ": " + cite);
      quote.addEventListener("click", function () {
        var range = document.createRange();
        range.selectNodeContents(el);
        var body = range.cloneContents();
        body.querySelectorAll(".para-num").forEach(function (n) { n.remove(); });  /* the citation gives the number */
        var text = ui("cite_text_format", "{text} ({cite})").replace("{text}", cleanText(body)).replace("{cite}", cite);
        copyText(text).then(function () {
          quote.setAttribute("data-copied", "true");
          announce(ui("cite_text_copied", "Text and citation copied"));
          window.setTimeout(function () { quote.removeAttribute("data-copied"); }, 1500);
        }, function () {});
      });
      var mark = el.querySelector(":scope > a.para-link");
      var heading = el.querySelector(":scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6");
      if (mark) mark.insertAdjacentElement("afterend", button);
      else if (heading) heading.appendChild(button);
      else el.insertBefore(button, el.firstChild);
      button.insertAdjacentElement("afterend", quote);
    });
  }

  /* ---- Clean copying ----------------------------------------------------------
     A selection copies the text alone: what is on the page to work the edition (link
     marks, emendation marks, note numbers, a parallel cell's language label, buttons)
     is left out; paragraphs stay paragraphs. The HTML flavour is cleaned the same way. */
  var NOT_TEXT = "a.para-link, .emendation-mark, .fnref, .fn-back, .par-label, .par-toolbar, button, " +
    ".headerlink, .md-clipboard, .edition-scroll__hint, script, style";
  var BLOCK = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|SECTION|ARTICLE|ASIDE|TABLE|THEAD|TBODY|UL|OL|DL|DT|DD|FIGURE|FIGCAPTION|PRE|HR)$/;
  var LINE = /^(TR|BR)$/;
  var CELL = /^(TD|TH)$/;

  function stripMachinery(fragment) {
    fragment.querySelectorAll(NOT_TEXT).forEach(function (node) { node.remove(); });
    return fragment;
  }

  function cleanText(fragment) {
    stripMachinery(fragment);
    var out = [];
    (function walk(node) {
      if (node.nodeType === 3) { out.push(node.nodeValue.replace(/\s+/g, " ")); return; }
      if (node.nodeType !== 1 && node.nodeType !== 11) return;
      var name = node.nodeType === 1 ? node.nodeName : "";
      if (name === "BR") { out.push("\n"); return; }
      var block = BLOCK.test(name), line = LINE.test(name);
      if (block) out.push("\n\n"); else if (line) out.push("\n");
      for (var child = node.firstChild; child; child = child.nextSibling) walk(child);
      if (CELL.test(name)) out.push("\t");
      if (block) out.push("\n\n"); else if (line) out.push("\n");
    })(fragment);
    return out.join("").replace(/ *\t */g, "\t").replace(/\t+\n/g, "\n").replace(/ *\n */g, "\n")
      .replace(/\n{3,}/g, "\n\n").replace(/^\s+|\s+$/g, "");
  }

  function initCleanCopy() {
    document.addEventListener("copy", function (event) {
      var active = document.activeElement;
      if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA")) return;  /* fields copy as they are */
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount || !event.clipboardData) return;
      var content = document.querySelector(".md-content");
      var range = selection.getRangeAt(0);
      if (!content || !content.contains(range.commonAncestorContainer)) return;
      var texts = [], holder = document.createElement("div");
      for (var i = 0; i < selection.rangeCount; i++) {
        texts.push(cleanText(selection.getRangeAt(i).cloneContents()));
        holder.appendChild(stripMachinery(selection.getRangeAt(i).cloneContents()));
      }
      event.clipboardData.setData("text/plain", texts.join("\n\n"));
      event.clipboardData.setData("text/html", holder.innerHTML);
      event.preventDefault();
    });
  }

  /* A wide table scrolls inside its wrapper (the concordance matrix is wider than a
     phone, and than the text column at 1280 px). The keyboard can reach and scroll it;
     where it overflows, the reader is told so: a line above it, a fade over each edge
     that hides columns, and the wrapper a region named by that line. Measured again
     on every scroll and resize, so the cue follows the table. */
  function initScrollableTables() {
    var text = ui("table_scroll", "Wide table: scroll it sideways to see every column");
    var headings = Array.prototype.slice.call(document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3"));
    var names = {};
    /* Each region needs a name of its own (a page with two wide tables would have two
       landmarks alike): the table's caption or the heading it stands under, then the cue. */
    function regionName(wrap) {
      var caption = wrap.querySelector("caption");
      var before = headings.filter(function (h) {
        return h.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING;
      }).pop();
      var label = caption ? caption.textContent : before ? before.textContent : "";
      label = label.replace(/[\u00b6#]\s*$/, "").trim();
      var name = label ? label + ": " + text : text;
      names[name] = (names[name] || 0) + 1;
      return names[name] > 1 ? name + " (" + names[name] + ")" : name;
    }
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var name = regionName(wrap);
      if (!wrap.hasAttribute("tabindex")) wrap.setAttribute("tabindex", "0");
      var frame = document.createElement("div");
      frame.className = "edition-scroll";
      var hint = document.createElement("p");
      hint.className = "edition-scroll__hint";
      hint.setAttribute("aria-hidden", "true");  /* the region's name says it to screen readers */
      hint.textContent = text;
      wrap.parentNode.insertBefore(hint, wrap);
      wrap.parentNode.insertBefore(frame, wrap);
      frame.appendChild(wrap);
      function measure() {
        var over = wrap.scrollWidth - wrap.clientWidth > 1;
        hint.hidden = !over;
        frame.toggleAttribute("data-more-left", over && wrap.scrollLeft > 1);
        frame.toggleAttribute("data-more-right", over && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
        if (over) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", name);
        } else {
          wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
        }
      }
      wrap.addEventListener("scroll", measure, { passive: true });
      if (window.ResizeObserver) new ResizeObserver(measure).observe(wrap);
      else window.addEventListener("resize", measure);
      measure();
    });
  }

  /* ---- Search limited to the reader's language --------------------------------
     Material keeps one search index for the whole site (static-i18n merges the
     languages) and hands it to its search worker in a SETUP message. Wrapping the
     Worker constructor lets the page hand over only the entries of its own language
     tree, and the whole index again when the reader unticks the limit. */
  var SEARCH_SETUP = 0, SEARCH_READY = 1, SEARCH_QUERY = 2, SEARCH_RESULT = 3;  /* Material's SearchMessageType */
  var SCOPE_KEY = "edition.search.all";
  var search = { post: null, setup: null, query: null, rescoped: false, stemmed: {}, docs: null, vocab: null, separator: null };

  function searchLimited() {
    try { return window.localStorage.getItem(SCOPE_KEY) !== "true"; } catch (e) { return true; }
  }
  function writeSearchLimited(limited) {
    try { window.localStorage.setItem(SCOPE_KEY, limited ? "false" : "true"); } catch (e) { /* private mode */ }
  }

  /* Which language tree each language lives in, read from the language switcher: a
     language whose link goes into a folder named after it has that folder; the one
     that does not is the default language, built at the site root. */
  function languageTrees() {
    var config = document.getElementById("__config");
    var base = new URL(config ? JSON.parse(config.textContent).base + "/" : "./", window.location.href).href;
    var trees = { folders: {}, root: document.documentElement.lang };
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (a) {
      var code = a.getAttribute("hreflang");
      var url = new URL(a.getAttribute("href"), window.location.href).href;
      var path = url.indexOf(base) === 0 ? url.slice(base.length) : "";
      if (path.split("/")[0] === code && path.indexOf("/") > 0) trees.folders[code] = true;
      else trees.root = code;
    });
    return trees;
  }

  function documentLanguage(location, trees) {
    var top = location.split("/")[0];
    return location.indexOf("/") > 0 && trees.folders[top] ? top : trees.root;
  }

  /* What the query rewriting needs from the index handed to the worker (its Han words
     are collected at the first query, not while the page loads). */
  function learnIndex(message) {
    search.docs = message.data.docs;
    search.vocab = null;
    try { search.separator = new RegExp(message.data.config.separator); } catch (e) { search.separator = null; }
  }

  function scopedSetup(message) {
    if (!searchLimited()) return message;
    var trees = languageTrees(), lang = document.documentElement.lang;
    var docs = message.data.docs.filter(function (doc) { return documentLanguage(doc.location, trees) === lang; });
    var data = {};
    Object.keys(message.data).forEach(function (key) { data[key] = message.data[key]; });
    data.docs = docs;
    return { type: message.type, data: data };
  }

  /* The query as the index was built. Material's own rewriting goes wrong three ways:
     - every word becomes a prefix query ("потенциала*", "the*"): Lunr does not stem a
       prefix query while the index holds stems, so a Russian or English word typed in
       full, in any inflected form, found nothing; and a short finished word ("of*",
       "the*", "human*" in "Governing AI for Humanity") matched so many words that
       pages full of them outranked the paragraph that holds the phrase;
     - it cuts a Han query into words of the index greedily, but never lets the last
       word reach the end of the query: "联合国宪章" was sent as "联合国*" alone, and
       "能力建设" as "能力*";
     - a Han word is matched as a prefix only: "智能" did not find "人工智能".
     So each finished word is sent as an exact term ("потенциала^1", which Lunr stems
     like the index), and only the word still being typed (the last, with no space
     after it) also as a prefix. A Han run is cut into the index's own words (jieba's,
     as cut at build time: the fewest words that cover it) and each word is matched
     anywhere inside a word of the index ("*智能*"), and all of them must be found (a
     phrase, not any of its words); a one-character word is matched exactly, as it
     would otherwise match every word that holds that character. To keep Material's
     cutter from cutting a longer word again, a filler character follows it: the
     cutter never reads a query's last character, so it returns the word whole and
     drops the filler. Parts of a word that the index splits ("capacity-building",
     "78/265", "第78/265号决议") are sent as words of their own. A query in Lunr syntax
     is left as the reader wrote it. */
  var HAN_FILLER = "\u3007";
  function hanWords(docs) {
    var words = Object.create(null), longest = 1;
    docs.forEach(function (doc) {
      ((doc.title || "") + " " + (doc.text || "")).split(/[^\p{sc=Han}]+/u).forEach(function (w) {
        if (w && !words[w]) {
          words[w] = true;
          longest = Math.max(longest, Array.from(w).length);
        }
      });
    });
    return { words: words, longest: longest };
  }
  function cutHan(run, vocab) {
    var chars = Array.from(run), n = chars.length, fewest = [0], from = [0];
    for (var i = 1; i <= n; i++) {
      fewest[i] = Infinity;
      for (var j = Math.max(0, i - vocab.longest); j < i; j++) {
        if ((i - j === 1 || vocab.words[chars.slice(j, i).join("")]) && fewest[j] + 1 < fewest[i]) {
          fewest[i] = fewest[j] + 1;
          from[i] = j;
        }
      }
    }
    var out = [];
    for (var k = n; k > 0; k = from[k]) out.unshift(chars.slice(from[k], k).join(""));
    return out;
  }
  function rewriteQuery(query) {
    search.stemmed = {};
    if (/["+~^*:]/.test(query) || /(^|\s)-/.test(query)) return query;  /* the reader wrote Lunr syntax: keep it */
    if (!search.vocab && search.docs) search.vocab = hanWords(search.docs);
    var vocab = search.vocab || { words: {}, longest: 1 };
    var separator = search.separator || /[\s\-]+/;
    var words = query.trim().split(/\s+/).filter(Boolean);
    var typing = !/\s$/.test(query);
    var terms = [];
    words.forEach(function (word, i) {
      var parts = word.split(separator).filter(Boolean);
      parts.forEach(function (part, k) {
        var pieces = part.match(/\p{sc=Han}+|[^\p{sc=Han}]+/gu) || [];
        pieces.forEach(function (piece, m) {
          var open = typing && i === words.length - 1 && k === parts.length - 1 && m === pieces.length - 1;
          if (/\p{sc=Han}/u.test(piece)) {
            var cut = cutHan(piece, vocab);
            cut.forEach(function (w, c) {
              var typed = open && c === cut.length - 1;  /* the word being typed */
              if (!vocab.words[w]) terms.push(w);  /* in no word of the index: Material keeps it as it is */
              else if (Array.from(w).length > 1) terms.push("+*" + w + HAN_FILLER + "*");
              else terms.push(typed ? "*" + w + "*" : w + "^1");  /* one character: Material leaves it whole */
            });
          } else if (/^[\p{L}\p{N}]+([./][\p{L}\p{N}]+)*$/u.test(piece)) {  /* a word, or a symbol's "78/265" */
            search.stemmed[piece.toLowerCase()] = true;
            terms.push(piece + "^1");
            if (open) terms.push(piece);
          } else if (/[\p{L}\p{N}]/u.test(piece)) {
            terms.push(piece);
          }
        });
      });
    });
    return terms.length ? terms.join(" ") : query;
  }

  /* Material marks a query word "missing" from a result when no indexed word starts
     with it: a word found through its stem ("потенциала" as "потенциал") would be
     listed as missing from the very paragraph that holds it. For the words sent with
     a stemmed twin, a result is never said to miss them, nor a word its text holds. */
  function withoutFalseMissing(data) {
    if (!data || !data.items) return data;
    return { items: data.items.map(function (group) {
      return group.map(function (item) {
        if (!item.terms) return item;
        var terms = {}, copy = {};
        /* nor missing from a result whose title or text holds it as written */
        var holds = ((item.title || "") + " " + (item.text || "")).replace(/\u200b/g, "").toLowerCase();
        Object.keys(item.terms).forEach(function (t) {
          terms[t] = item.terms[t] || !!search.stemmed[t] || holds.indexOf(t.replace(/^\*+|\*+$/g, "").toLowerCase()) >= 0;
        });
        Object.keys(item).forEach(function (k) { copy[k] = item[k]; });
        copy.terms = terms;
        return copy;
      });
    }), suggest: data.suggest };
  }

  /* On file:// the search "worker" is the iframe-worker shim: an iframe on the page's own main
     thread, whose document, scripts and the index it builds take that thread while the page is
     first painted (its iframe alone, made while Material's bundle starts: about 20 ms before the
     #paragraph shows). The reader needs it only to search: it is made when the browser is first
     idle after the page has loaded, or at once when the search box gets focus, and Material's
     messages wait for it. Over http(s) a real worker has its own thread and is made at once. */
  function lazyWorker(Native) {
    function LazyWorker(url, options) {
      var real = null, pending = [], self = this;
      function make() {
        if (real) return true;
        try {
          real = new Native(url, options);
        } catch (e) {  /* search is lost, not the page; a later focus tries again */
          window.console.error(e);
          return false;
        }
        pending.forEach(function (call) { real[call[0]].apply(real, call[1]); });
        pending = null;
        return true;
      }
      ["addEventListener", "removeEventListener", "postMessage", "terminate"].forEach(function (name) {
        self[name] = function () {
          if (real) return real[name].apply(real, arguments);
          pending.push([name, Array.prototype.slice.call(arguments)]);
        };
      });
      whenSearchIsNear(make);
    }
    return LazyWorker;
  }
  function whenSearchIsNear(make) {
    var done = false;
    function go() { if (!done) done = make(); }
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (target && target.closest && target.closest(".md-search")) go();
    }, true);
    var idle = window.requestIdleCallback || function (f) { return window.setTimeout(f, 1); };
    function afterLoad() { idle(go, { timeout: 2000 }); }
    if (document.readyState === "complete") afterLoad();
    else window.addEventListener("load", afterLoad);
  }

  function wrapSearchWorker() {
    var Native = window.Worker;  /* on file:// the iframe-worker shim, loaded just before */
    if (!Native) return;
    if (window.location.protocol === "file:") Native = lazyWorker(Native);
    function EditionWorker(url, options) {
      var worker = new Native(url, options);
      var post = worker.postMessage.bind(worker);
      search.post = post;
      /* After a change of scope the worker rebuilds its index: ask the last query
         again once it is ready, so the results follow the checkbox. */
      var listen = worker.addEventListener.bind(worker), unlisten = worker.removeEventListener.bind(worker);
      var wrapped = [];
      worker.addEventListener = function (type, listener, options) {
        if (type !== "message" || typeof listener !== "function") return listen(type, listener, options);
        var own = function (event) {
          if (event.data && event.data.type === SEARCH_RESULT) {
            event = new MessageEvent("message", { data: { type: SEARCH_RESULT, data: withoutFalseMissing(event.data.data) } });
          }
          return listener.call(worker, event);
        };
        wrapped.push([listener, own]);
        return listen(type, own, options);
      };
      worker.removeEventListener = function (type, listener, options) {
        var pair = wrapped.filter(function (p) { return p[0] === listener; })[0];
        return unlisten(type, pair ? pair[1] : listener, options);
      };
      listen("message", function (event) {
        if (event.data && event.data.type === SEARCH_READY && search.rescoped) {
          search.rescoped = false;
          if (search.query) post(search.query);
        }
      });
      worker.postMessage = function (message, transfer) {
        if (message && message.type === SEARCH_SETUP && message.data && message.data.docs) {
          search.setup = message;
          message = scopedSetup(message);
          learnIndex(message);
        } else if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
          message = { type: message.type, data: rewriteQuery(message.data) };
          search.query = message;
        }
        return transfer === undefined ? post(message) : post(message, transfer);
      };
      return worker;
    }
    EditionWorker.prototype = Native.prototype;
    window.Worker = EditionWorker;
  }
  wrapSearchWorker();

  /* The limit as a checkbox at the top of the search results, labelled in the page's
     language (the label comes from the interface strings, through mkdocs.yml). */
  function initSearchScope() {
    var output = document.querySelector(".md-search__output");
    var text = document.querySelector('meta[name="edition:search-scope"]');
    if (!output || !text) return;
    var label = document.createElement("label");
    label.className = "edition-search-scope";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = searchLimited();
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + text.getAttribute("content")));
    /* Inside the results' scroll area, which is folded to no height while search is
       closed: placed above it, the (invisible) label lay over the parallel view's
       stuck toolbar and took the clicks meant for its buttons. */
    var scroller = output.querySelector(".md-search__scrollwrap") || output;
    scroller.insertBefore(label, scroller.firstChild);
    box.addEventListener("change", function () {
      writeSearchLimited(box.checked);
      if (search.post && search.setup) {
        search.rescoped = true;
        var scoped = scopedSetup(search.setup);
        learnIndex(scoped);
        search.post(scoped);
      }
    });
  }

  /* Material starts a search on keyup only: text pasted with the mouse, or committed
     by an input method without a key event, would never be searched. Every input
     event now also counts as a keyup. */
  function initSearchInput() {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    input.addEventListener("input", function () {
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  /* A reload (the live preview's after each rebuild, or the reader's own) comes back at the
     paragraph being read: the element with an id nearest the top of the content (the #anchor
     while it is in view) and its height in the window are remembered when the page goes, and
     put back after a reload, once the page's own layout is done. The browser's own scroll
     restoration holds only while nothing above the paragraph changed. */
  var READING_KEY = "edition:reading:" + location.pathname;
  function readingPlace() {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var best = null, bestDist = Infinity;
    var all = document.querySelectorAll(".md-content [id]");
    for (var i = 0; i < all.length; i++) {
      var r = all[i].getBoundingClientRect();
      if (r.height === 0 || r.bottom <= top || r.top >= innerHeight) continue;
      var dist = Math.abs(r.top - top);
      if (dist < bestDist) { best = all[i]; bestDist = dist; }
    }
    var hash = decodeURIComponent(location.hash.slice(1));
    var target = hash && document.getElementById(hash);
    if (target) {
      var t = target.getBoundingClientRect();
      if (t.bottom > top && t.top < innerHeight) best = target;
    }
    return best && { id: best.id, offset: best.getBoundingClientRect().top };
  }
  function keepReadingPlace() {
    window.addEventListener("pagehide", function () {
      try {
        var where = readingPlace();
        if (where) sessionStorage.setItem(READING_KEY, JSON.stringify(where));
      } catch (e) { /* storage refused: the browser's own restoration remains */ }
    });
    var saved = null, entry = null;
    try {
      saved = sessionStorage.getItem(READING_KEY);
      sessionStorage.removeItem(READING_KEY);
      entry = performance.getEntriesByType("navigation")[0];
    } catch (e) { return; }
    if (!saved || !entry || entry.type !== "reload") return;
    var where = JSON.parse(saved);
    var restore = function () {
      var el = document.getElementById(where.id);
      if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - where.offset);
    };
    restore();
    if (document.readyState !== "complete") window.addEventListener("load", restore);
  }

  function init() {
    keepReadingPlace();
    initSearchInput();
    initSearchScope();
    initSearchDialogName();
    initScrollableTables();
    initCiteButtons();
    initLinkMarks();
    initCleanCopy();
    initLanguageSwitch();
    initLanguageNames();
    initParallel();
  }
  /* The script runs in the head, before Material's bundle; Material wraps tables and
     mounts its components when its document$ emits, after DOMContentLoaded. Start
     after Material's own subscribers, so that their markup is there. */
  var started = false;
  function start() {
    var material = window.document$;
    var once = function () { if (!started) { started = true; init(); } };
    if (material && typeof material.subscribe === "function") material.subscribe(once);
    else once();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Client-side search; the same folding and scoring as pipeline/site/search.py.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "./";
  var index = null;

  function fold(text, table) {
    var lower = text.normalize("NFC").toLowerCase();
    var out = "";
    for (var ch of lower) {
      out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    }
    return out;
  }

  function texts(entry) {
    return {
      title: entry.title,
      headings: entry.headings.join(" "),
      tags: entry.tags.join(" "),
      excerpt: entry.excerpt,
      text: entry.text || ""
    };
  }

  function score(entry, query) {
    var terms = query.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return 0;
    var raw = texts(entry), lower = {}, folded = {};
    for (var name in raw) {
      lower[name] = raw[name].toLowerCase();
      folded[name] = fold(raw[name], index.fold);
    }
    var total = 0;
    for (var term of terms) {
      var plain = fold(term, index.fold), found = 0;
      for (var field of index.fields) {
        if (lower[field[0]].includes(term)) found += 3 * field[1];
        else if (folded[field[0]].includes(plain)) found += field[1];
      }
      if (!found) return 0;
      total += found;
    }
    return total;
  }

  function rank(query) {
    return index.entries
      .map(function (e, i) { return [score(e, query), i, e]; })
      .filter(function (t) { return t[0] > 0; })
      .sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; })
      .map(function (t) { return t[2]; });
  }

  function show(list, found) {
    list.textContent = "";
    found.slice(0, 20).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      link.textContent = entry.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = found.length === 0;
  }

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(root + "search.json").then(function (r) { return r.json(); })
      .then(function (data) { index = data; return data; });
  }

  window.seriesSearch = function (query) {
    return load().then(function () { return rank(query); });
  };

  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (input && results) {
    input.addEventListener("input", function () {
      var query = input.value;
      load().then(function () { show(results, query.trim() ? rank(query) : []); });
    });
  }
  var page = document.getElementById("page-results");
  var given = new URLSearchParams(window.location.search).get("q");
  if (page && given) {
    if (input) input.value = given;
    load().then(function () { show(page, rank(given)); page.hidden = false; });
  }
})();

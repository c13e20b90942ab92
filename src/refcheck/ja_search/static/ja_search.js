/*
 * refcheck.ja_search: full-text search by words, for Japanese Sphinx books.
 *
 * Sphinx's index holds TinySegmenter tokens, and a compound is tokenised differently in
 * different sentences, so matching query tokens against index tokens misses pages (and its
 * AND check counts terms, so unmatched words are ignored). Here a page is a result exactly
 * when its text contains every query word. The texts come from ja_search_texts.js, normalised
 * at build time (NFKC, lower case); the query words are normalised the same way below.
 *
 * Loaded with "defer" on the search page only: after searchtools.js has defined `Search` and
 * before Search.init runs the query on DOMContentLoaded.
 */
"use strict";

(() => {
  const texts = window.REFCHECK_JA_SEARCH_TEXTS;
  if (typeof Search === "undefined" || typeof texts !== "object" || texts === null) {
    console.warn("refcheck.ja_search: searchtools.js or the page texts are missing");
    return;
  }

  const normalize = (word) => word.normalize("NFKC").toLowerCase();
  const occurrences = (text, word) => text.split(word).length - 1;

  // Same signature and result rows as Sphinx's own full-text step.
  Search.performTermsSearch = (searchTerms, excludedTerms) => {
    const index = Search._index;
    const required = [...new Set([...searchTerms].map(normalize))].filter((w) => w);
    const excluded = [...excludedTerms].map(normalize).filter((w) => w);
    if (required.length === 0) return [];

    const results = [];
    index.docnames.forEach((docname, file) => {
      const text = texts[docname];
      if (typeof text !== "string") return;
      if (!required.every((word) => text.includes(word))) return;
      if (excluded.some((word) => text.includes(word))) return;

      const title = normalize(index.titles[file]);
      const inTitle = required.every((word) => title.includes(word));
      // Rank title matches first, then by how often the words occur (capped like a bonus).
      const frequency = Math.min(
        ...required.map((word) => occurrences(text, word)),
        Scorer.term,
      );
      results.push([
        docname,
        index.titles[file],
        "",
        null,
        (inTitle ? Scorer.title : Scorer.term) + frequency,
        index.filenames[file],
        SearchResultKind.text,
      ]);
    });
    return results;
  };

  // Sphinx's Japanese catalogue translates the result-count message as "", which leaves the
  // count line empty; give it a wording when (and only when) the translation is empty.
  const countMessage = "Search finished, found one page matching the search query.";
  const translated = Documentation.TRANSLATIONS[countMessage];
  if (Array.isArray(translated) && translated.every((form) => !form)) {
    Documentation.TRANSLATIONS[countMessage] = [
      "検索が完了しました。${resultCount} ページが見つかりました。",
    ];
  }
})();

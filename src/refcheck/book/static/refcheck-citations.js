/* Reference popups for citation numbers, as Wikipedia's reference tooltips (refcheck.book).
 *
 * sphinxcontrib-bibtex writes each reference's text into its citation link's title. Here
 * that text moves into a popup shown on hover and on keyboard focus; on a touch screen the
 * first tap shows it (with a link to the bibliography entry) and a second tap follows the
 * link. A mouse click or Enter follows the link at once, as before.
 */
"use strict";

(() => {
  const POPUP_ID = "refcheck-citation-popup";
  const HIDE_DELAY_MS = 250; // time to move the pointer from the number into the popup
  const GO_TEXT = "出典一覧で見る";
  let popup = null;
  let shownFor = null;
  let hideTimer = null;
  let lastPointerType = "mouse";

  function makePopup() {
    const element = document.createElement("div");
    element.id = POPUP_ID;
    element.className = "refcheck-citation-popup";
    element.setAttribute("role", "tooltip");
    element.hidden = true;
    element.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    element.addEventListener("mouseleave", () => hideSoon());
    document.body.appendChild(element);
    return element;
  }

  function show(link, withLink) {
    clearTimeout(hideTimer);
    popup = popup || makePopup();
    const label = document.createElement("span");
    label.className = "refcheck-citation-popup-label";
    label.textContent = `[${link.textContent.trim()}]`;
    const parts = [label, document.createTextNode(link.dataset.reference)];
    if (withLink) {
      const go = document.createElement("a");
      go.className = "refcheck-citation-popup-go";
      go.href = link.href;
      go.textContent = GO_TEXT;
      parts.push(go);
    }
    popup.replaceChildren(...parts);
    popup.hidden = false;
    if (shownFor && shownFor !== link) shownFor.removeAttribute("aria-describedby");
    shownFor = link;
    link.setAttribute("aria-describedby", POPUP_ID);
    place(link);
  }

  // Below the number, moved left if it would leave the viewport, above it if no room below.
  function place(link) {
    const box = link.getBoundingClientRect();
    const width = popup.offsetWidth;
    const height = popup.offsetHeight;
    const margin = 8;
    let left = Math.min(box.left, document.documentElement.clientWidth - width - margin);
    left = Math.max(margin, left);
    let top = box.bottom + 4;
    if (top + height > window.innerHeight && box.top - height - 4 > 0) {
      top = box.top - height - 4;
    }
    popup.style.left = `${left + window.scrollX}px`;
    popup.style.top = `${top + window.scrollY}px`;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popup) popup.hidden = true;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY_MS);
  }

  function wire(link) {
    link.dataset.reference = link.title;
    link.removeAttribute("title"); // else the browser shows its own tooltip as well
    link.addEventListener("mouseenter", () => show(link, false));
    link.addEventListener("mouseleave", hideSoon);
    link.addEventListener("focus", () => {
      if (lastPointerType !== "touch") show(link, false); // a tap is handled on click
    });
    link.addEventListener("blur", (event) => {
      if (!popup || !popup.contains(event.relatedTarget)) hideSoon();
    });
    link.addEventListener("pointerdown", (event) => {
      lastPointerType = event.pointerType;
    });
    link.addEventListener("click", (event) => {
      const tappedBefore = shownFor === link && popup.querySelector("a") !== null;
      if (lastPointerType === "touch" && !tappedBefore) {
        event.preventDefault(); // first tap: show the reference, stay on the page
        show(link, true);
        return;
      }
      hide(); // follow the link
    });
  }

  function init() {
    document
      .querySelectorAll("span.bibtex-citation a.reference.internal[title]")
      .forEach(wire);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
    document.addEventListener("pointerdown", (event) => {
      lastPointerType = event.pointerType;
      const inside =
        (popup && popup.contains(event.target)) ||
        (shownFor && shownFor.contains(event.target));
      if (!inside) hide();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

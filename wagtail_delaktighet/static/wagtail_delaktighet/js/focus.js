/*
 * Focus after a form post, as a progressive enhancement: the pages work the
 * same without it.
 *
 * The element a post leaves to read (the receipt after an accepted
 * contribution, the error summary after a rejected one) has tabindex="-1"
 * and the id the URL's fragment names, so a browser focuses it by itself.
 * Not every browser moves focus to a fragment's target, and a screen reader
 * reads what gets focus: this script focuses the element marked
 * data-dlk-focus when the page loads, unless focus is already somewhere.
 *
 * A link in an error summary to a group of choices goes to its fieldset,
 * which cannot take focus; here it focuses the group's first choice instead,
 * with the question (the legend) scrolled into view.
 */
(function () {
  "use strict";

  function idOf(fragment) {
    try {
      return decodeURIComponent(fragment);
    } catch (error) {
      return fragment; // not percent-encoded text: use it as it is
    }
  }

  function markedElement() {
    var marked = document.querySelectorAll("[data-dlk-focus]");
    if (!marked.length) {
      return null;
    }
    var fragment = window.location.hash.slice(1);
    for (var i = 0; i < marked.length; i++) {
      if (fragment && marked[i].id === idOf(fragment)) {
        return marked[i];
      }
    }
    return marked[0];
  }

  function focusMarkedElement() {
    var element = markedElement();
    var active = document.activeElement;
    var focusIsNowhere = !active || active === document.body;
    if (element && (focusIsNowhere || active === element)) {
      element.focus();
    }
  }

  function firstChoice(fieldset) {
    return (
      fieldset.querySelector("input:checked") ||
      fieldset.querySelector("input:not([type=hidden]), select, textarea")
    );
  }

  function onErrorSummaryClick(event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link || !link.closest(".dlk-error-summary")) {
      return;
    }
    var target = document.getElementById(idOf(link.getAttribute("href").slice(1)));
    if (!target || target.tagName !== "FIELDSET") {
      return; // an input: the browser focuses it itself
    }
    var choice = firstChoice(target);
    if (!choice) {
      return;
    }
    event.preventDefault();
    if (window.history && window.history.pushState) {
      window.history.pushState(null, "", link.getAttribute("href"));
    }
    var legend = target.querySelector("legend");
    (legend || target).scrollIntoView();
    choice.focus({ preventScroll: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusMarkedElement);
  } else {
    focusMarkedElement();
  }
  document.addEventListener("click", onErrorSummaryClick);
})();

/*
 * The running total of a points or budget block, as a progressive
 * enhancement: the form works the same without it, and the server checks
 * every total.
 *
 * The block renders a hidden element with data-dlk-tally (the limit, the
 * option costs and the sentences, translated by the server, with {used},
 * {left}, {over} and {limit} to fill in). This script shows it and keeps it
 * up to date as the participant types points or ticks options; it is a
 * polite live region, so a screen reader reads the new total after a change.
 */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function setUp(tally) {
    if (tally.getAttribute("data-dlk-ready")) {
      return; // the script is included once per block: set up each once
    }
    tally.setAttribute("data-dlk-ready", "1");
    var config = JSON.parse(tally.getAttribute("data-dlk-tally"));
    var section = tally.closest("section");
    var form = section && section.querySelector("form");
    if (!form) {
      return;
    }
    function shown(number) {
      // Grouped in threes with the separator of the page's language, as
      // the server writes the same sums.
      var text = String(number).replace(/\B(?=(\d{3})+(?!\d))/g, config.group);
      return config.amount ? fill(config.amount, { n: text }) : text;
    }

    function used() {
      var total = 0;
      if (config.kind === "points") {
        form.querySelectorAll("input[type=number]").forEach(function (input) {
          var value = parseInt(input.value, 10);
          if (value > 0) {
            total += value;
          }
        });
      } else {
        form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
          total += config.costs[box.value] || 0;
        });
      }
      return total;
    }

    function update() {
      var total = used();
      tally.textContent = fill(total > config.limit ? config.over : config.left, {
        used: shown(total),
        left: shown(Math.max(config.limit - total, 0)),
        over: shown(Math.max(total - config.limit, 0)),
        limit: shown(config.limit),
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
    tally.hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("[data-dlk-tally]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

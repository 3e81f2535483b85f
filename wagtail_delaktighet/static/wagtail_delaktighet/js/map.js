/*
 * The map block's map (blocks/map.py), as a progressive enhancement: without
 * this script the place is given in words and the published places are a
 * plain list, which is the whole result.
 *
 * Each element marked data-dlk-map is shown and becomes a Leaflet map with
 * the settings in its data attributes (tiles, attribution, centre, zoom and
 * the block's area). The published places of the list shown below it
 * (data-dlk-map-pin, with data-latitude and data-longitude) become pins
 * that Tab reaches and Enter opens. While the block takes contributions
 * (data-picking), a click on the map, or Enter on the focused map or the
 * button "Place the pin in the middle of the map" after moving it with the
 * arrow keys, places the participant's pin and fills the form's hidden
 * inputs (data-dlk-map-input="latitude" and "longitude"); the server checks
 * them again.
 */
(function () {
  "use strict";

  var L = window.L;
  var DECIMALS = 6;

  function escapeHtml(text) {
    // Leaflet writes the attribution as HTML; the setting is plain text.
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function number(text) {
    var value = parseFloat(text);
    return isFinite(value) ? value : null;
  }

  function pinIcon(element, className) {
    return L.icon({
      className: className || "",
      iconUrl: element.getAttribute("data-marker-icon"),
      shadowUrl: element.getAttribute("data-marker-shadow"),
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
  }

  function popupOf(item) {
    var content = document.createElement("div");
    var title = item.querySelector("[data-dlk-map-pin-title]");
    var text = item.querySelector("[data-dlk-map-pin-text]");
    [title, text].forEach(function (part) {
      if (part) {
        var paragraph = document.createElement("p");
        paragraph.textContent = part.textContent.trim();
        content.appendChild(paragraph);
      }
    });
    return content;
  }

  function showPublishedPins(map, section, icon) {
    var items = section.querySelectorAll("[data-dlk-map-pin]");
    Array.prototype.forEach.call(items, function (item) {
      var latitude = number(item.getAttribute("data-latitude"));
      var longitude = number(item.getAttribute("data-longitude"));
      if (latitude === null || longitude === null) {
        return;
      }
      var title = item.querySelector("[data-dlk-map-pin-title]");
      var name = title ? title.textContent.trim() : "";
      L.marker([latitude, longitude], {
        icon: icon,
        keyboard: true,
        title: name,
        alt: name,
      })
        .bindPopup(popupOf(item))
        .addTo(map);
    });
    return items.length;
  }

  function setUpPicker(element, map, bounds, inputs) {
    var status = element.querySelector("[data-dlk-map-status]");
    var marker = null;

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function place(latlng, quietly) {
      if (!bounds.contains(latlng)) {
        say(element.getAttribute("data-outside-text"));
        return;
      }
      inputs.latitude.value = latlng.lat.toFixed(DECIMALS);
      inputs.longitude.value = latlng.lng.toFixed(DECIMALS);
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        var label = element.getAttribute("data-pinned-label");
        marker = L.marker(latlng, {
          icon: pinIcon(element, "dlk-map__own-pin"),
          keyboard: false,
          title: label,
          alt: label,
        }).addTo(map);
      }
      if (!quietly) {
        say(element.getAttribute("data-placed-text"));
      }
    }

    function remove() {
      inputs.latitude.value = "";
      inputs.longitude.value = "";
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
      say(element.getAttribute("data-removed-text"));
    }

    map.on("click", function (event) {
      place(event.latlng);
    });
    map.getContainer().addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === map.getContainer()) {
        event.preventDefault();
        place(map.getCenter());
      }
    });
    element.querySelector("[data-dlk-map-place]").addEventListener("click", function () {
      place(map.getCenter());
    });
    element.querySelector("[data-dlk-map-remove]").addEventListener("click", remove);

    // A form sent back with errors keeps the point it was sent with.
    var latitude = number(inputs.latitude.value);
    var longitude = number(inputs.longitude.value);
    if (latitude !== null && longitude !== null) {
      var kept = L.latLng(latitude, longitude);
      if (bounds.contains(kept)) {
        place(kept, true);
        map.setView(kept, map.getZoom());
      }
    }
  }

  function setUp(element) {
    if (element.getAttribute("data-dlk-map-ready")) {
      return;
    }
    element.setAttribute("data-dlk-map-ready", "true");
    var section = element.closest("section") || document;
    var inputs = {
      latitude: section.querySelector("[data-dlk-map-input=latitude]"),
      longitude: section.querySelector("[data-dlk-map-input=longitude]"),
    };
    // Where only logged-in residents answer, a visitor has no form to fill.
    var picking =
      element.hasAttribute("data-picking") && inputs.latitude && inputs.longitude;
    var hasPins = section.querySelector("[data-dlk-map-pin]") !== null;
    if (!picking && !hasPins) {
      return; // nothing to show on a map
    }
    if (!picking) {
      var controls = element.querySelectorAll(
        "[data-dlk-map-place], [data-dlk-map-remove], [data-dlk-map-status]"
      );
      Array.prototype.forEach.call(controls, function (control) {
        control.parentNode.removeChild(control);
      });
    }
    element.hidden = false;
    if (picking) {
      element.classList.add("dlk-map--picking");
    }

    var edges = (element.getAttribute("data-bounds") || "").split(",").map(number);
    var bounds = L.latLngBounds([edges[0], edges[1]], [edges[2], edges[3]]);
    var canvas = element.querySelector("[data-dlk-map-canvas]");
    var map = L.map(canvas, {
      keyboard: true,
      zoomControl: false,
      maxBounds: bounds.pad(0.1),
      maxBoundsViscosity: 1,
    });
    // The zoom buttons in the page's language.
    L.control
      .zoom({
        zoomInTitle: element.getAttribute("data-zoom-in-text") || "Zoom in",
        zoomOutTitle: element.getAttribute("data-zoom-out-text") || "Zoom out",
      })
      .addTo(map);
    map.attributionControl.setPrefix(false);
    map.setView(
      [
        number(element.getAttribute("data-latitude")),
        number(element.getAttribute("data-longitude")),
      ],
      parseInt(element.getAttribute("data-zoom"), 10)
    );
    L.tileLayer(element.getAttribute("data-tile-url"), {
      attribution: escapeHtml(element.getAttribute("data-attribution") || ""),
      maxZoom: 19,
    }).addTo(map);

    showPublishedPins(map, section, pinIcon(element));
    if (picking) {
      setUpPicker(element, map, bounds, inputs);
    }
  }

  function setUpAll() {
    if (!L) {
      return; // Leaflet did not load: the list and the words still work
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-dlk-map]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

/* Dashboards: the month trend (Chart.js) and the map of communes (Leaflet). Data comes from
   json_script elements and every word shown from data- attributes the page renders in the
   user's language (nothing to translate here); a click on a bar opens the list it counts. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function trend() {
    var chart = data("trend-data");
    var canvas = document.getElementById("trend-chart");
    if (!chart || !canvas || typeof Chart === "undefined") return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [
          { label: canvas.dataset.receivedLabel || "", data: chart.received },
          { label: canvas.dataset.finishedLabel || "", data: chart.finished }
        ]
      },
      options: {
        responsive: true,
        onClick: function (_event, elements) {
          if (!elements.length) return;
          var urls = elements[0].datasetIndex === 1 ? chart.finished_urls : chart.urls;
          window.location.href = urls[elements[0].index];
        }
      }
    });
  }
  function map() {
    var points = data("commune-points");
    var el = document.getElementById("commune-map");
    if (!points || !el || typeof L === "undefined" || !points.length) return;
    var m = L.map(el);
    if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(m);
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lng], { radius: 6 + Math.min(p.open, 30) / 3 }).addTo(m);
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent =
        p.name + " — " + (el.dataset.openLabel || "") + ": " + p.open + " · " +
        (el.dataset.overdueLabel || "") + ": " + p.overdue;
      marker.bindPopup(link);
      bounds.push([p.lat, p.lng]);
    });
    m.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 });
  }
  document.addEventListener("DOMContentLoaded", function () {
    trend();
    map();
  });
})();

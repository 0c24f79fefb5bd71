// The location picker: works with no tile server (an empty map still takes a tap), with the
// phone's position, or not at all (the place can be typed).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("submit-form");
  if (!form) return;
  const lat = form.querySelector("[name=latitude]");
  const lng = form.querySelector("[name=longitude]");
  const label = form.querySelector("[data-location-label]");
  const mapEl = document.getElementById("map");
  let marker = null;
  let map = null;
  const setPoint = (la, ln) => {
    lat.value = la.toFixed(6);
    lng.value = ln.toFixed(6);
    if (label) label.textContent = `${lat.value}, ${lng.value}`;
    if (map) {
      if (marker) marker.setLatLng([la, ln]); else marker = window.L.marker([la, ln]).addTo(map);
    }
  };
  if (mapEl && window.L) {
    map = window.L.map(mapEl).setView([parseFloat(mapEl.dataset.lat), parseFloat(mapEl.dataset.lng)], 14);
    if (mapEl.dataset.tiles) window.L.tileLayer(mapEl.dataset.tiles, { maxZoom: 19 }).addTo(map);
    map.on("click", (e) => setPoint(e.latlng.lat, e.latlng.lng));
  }
  const locate = form.querySelector("[data-locate]");
  if (locate && navigator.geolocation) {
    locate.addEventListener("click", () => {
      navigator.geolocation.getCurrentPosition((pos) => setPoint(pos.coords.latitude, pos.coords.longitude));
    });
  }
});

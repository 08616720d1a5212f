// The leads map: a Leaflet map over the configured tile layer, with the leads as coloured points.
// No inline script (the CSP forbids it): settings come from data attributes on #map.
(function () {
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomControl: true }).setView([37.5, -92.5], 4);
  var tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution });
  var failures = 0;
  tiles.on('tileerror', function () {
    failures += 1;
    if (failures >= 3) { document.getElementById('tiles-offline').hidden = false; }
  });
  tiles.on('tileload', function () { failures = 0; document.getElementById('tiles-offline').hidden = true; });
  tiles.addTo(map);
  L.control.scale({ imperial: true, metric: false }).addTo(map);

  var colour = function (stage) {
    if (stage === 'LOST') { return '#98a2b3'; }
    if (stage === 'SIGNED' || stage === 'INSTALLED' || stage === 'PAID') { return '#12b76a'; }
    return '#2e90fa';
  };
  fetch(el.dataset.geojson, { credentials: 'same-origin', headers: { 'Accept': 'application/geo+json' } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, weight: 2, color: '#fff', fillColor: colour(feature.properties.stage), fillOpacity: 0.95 });
        },
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          var box = document.createElement('div');
          var link = document.createElement('a');
          link.href = '/leads/' + p.id;
          link.textContent = p.address;
          var meta = document.createElement('div');
          meta.className = 'muted small';
          meta.textContent = p.stageLabel + ' · ' + p.owner;
          box.appendChild(link);
          box.appendChild(meta);
          marker.bindPopup(box);
        }
      }).addTo(map);
      if (data.features.length > 0) {
        map.fitBounds(layer.getBounds().pad(0.25), { maxZoom: 15 });
      }
    })
    .catch(function () { /* the page still shows the base map and the empty note */ });
})();

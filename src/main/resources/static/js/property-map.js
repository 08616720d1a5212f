// The property page's map: the building outlines, the home's point and the storm reports near it, fitted to the
// home. Settings come from data attributes (the CSP forbids inline script).
(function () {
  var el = document.getElementById('property-map');
  if (!el || !window.L) { return; }
  var map = L.map(el, { scrollWheelZoom: false });
  var tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 20, maxNativeZoom: 19, attribution: el.dataset.attribution });
  var failures = 0;
  tiles.on('tileerror', function () {
    failures += 1;
    if (failures >= 3) { document.getElementById('tiles-offline').hidden = false; }
  });
  tiles.addTo(map);
  L.control.scale({ imperial: true, metric: true }).addTo(map);
  var style = function (p) {
    if (p.layer === 'building') { return { color: '#b54708', weight: 2, fillColor: '#fdb022', fillOpacity: 0.35 }; }
    return {};
  };
  var marker = function (p, latlng) {
    if (p.layer === 'home') {
      return L.circleMarker(latlng, { radius: 6, weight: 2, color: '#fff', fillColor: '#2e90fa', fillOpacity: 1 });
    }
    var hail = p.kind === 'HAIL';
    var inches = p.magnitude || 1;
    return L.circleMarker(latlng, { radius: hail ? 3 + inches * 3 : 5, weight: 1, color: '#fff',
      fillColor: hail ? (inches >= 1.75 ? '#d92d20' : '#f79009') : p.kind === 'WIND' ? '#7a5af8' : '#101828', fillOpacity: 0.85 });
  };
  fetch(el.dataset.geojson, { credentials: 'same-origin', headers: { 'Accept': 'application/json, application/geo+json' } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (data) {
      var home = null;
      var buildings = [];
      var layer = L.geoJSON(data, {
        style: function (f) { return style(f.properties); },
        pointToLayer: function (f, latlng) { return marker(f.properties, latlng); },
        onEachFeature: function (f, l) {
          var box = document.createElement('div');
          box.textContent = f.properties.label;
          l.bindPopup(box);
          if (f.properties.layer === 'home') { home = l.getLatLng(); }
          if (f.properties.layer === 'building') { buildings.push(l); }
        }
      }).addTo(map);
      if (buildings.length > 0) {
        map.fitBounds(L.featureGroup(buildings).getBounds().pad(1.5), { maxZoom: 19 });
      } else if (home) {
        map.setView(home, 18);
      } else {
        map.fitBounds(layer.getBounds());
      }
    });
})();

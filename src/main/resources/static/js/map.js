// The map: a Leaflet map over the configured tile layer with two layers, the actor's leads and one day of storm
// reports (hail sized and coloured by diameter). No inline script (the CSP forbids it): settings come from data
// attributes on #map.
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

  var text = function (tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) { node.className = className; }
    return node;
  };
  var getJson = function (url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json, application/geo+json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); });
  };

  var leadColour = function (stage) {
    if (stage === 'LOST') { return '#98a2b3'; }
    if (stage === 'SIGNED' || stage === 'INSTALLED' || stage === 'PAID') { return '#12b76a'; }
    return '#2e90fa';
  };
  var leadsLoaded = getJson(el.dataset.geojson).then(function (data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, weight: 2, color: '#fff', fillColor: leadColour(feature.properties.stage), fillOpacity: 0.95 });
      },
      onEachFeature: function (feature, marker) {
        var p = feature.properties;
        var box = document.createElement('div');
        var link = text('a', p.address);
        link.href = '/leads/' + p.id;
        box.appendChild(link);
        box.appendChild(text('div', p.stageLabel + ' · ' + p.owner, 'muted small'));
        marker.bindPopup(box);
      }
    }).addTo(map);
    layer.bringToFront();
    // "Enrol the leads in view": the open leads inside the map's bounds, at most 500, to the sequence enrolment page.
    var enrol = document.getElementById('enrol-in-view');
    if (enrol) {
      var update = function () {
        var view = map.getBounds();
        var ids = [];
        layer.eachLayer(function (m) {
          var p = m.feature.properties;
          if (p.stage !== 'LOST' && p.stage !== 'PAID' && view.contains(m.getLatLng()) && ids.length < 500) { ids.push(p.id); }
        });
        enrol.hidden = ids.length === 0;
        enrol.textContent = 'Enrol the ' + ids.length + (ids.length === 500 ? '+' : '') + ' lead' + (ids.length === 1 ? '' : 's') + ' in view in a sequence';
        enrol.href = '/sequences/enrol?' + ids.map(function (id) { return 'leadId=' + encodeURIComponent(id); }).join('&');
      };
      map.on('moveend', update);
      update();
    }
    return data.features.length > 0 ? layer.getBounds() : null;
  }).catch(function () { return null; });

  var stormStyle = function (p) {
    if (p.kind === 'HAIL') {
      var inches = p.magnitude || 1;
      return { radius: 3 + inches * 3, color: '#fff', weight: 1, fillColor: inches >= 1.75 ? '#d92d20' : '#f79009', fillOpacity: 0.8 };
    }
    if (p.kind === 'WIND') { return { radius: 5, color: '#fff', weight: 1, fillColor: '#7a5af8', fillOpacity: 0.75 }; }
    return { radius: 6, color: '#fff', weight: 1.5, fillColor: '#101828', fillOpacity: 0.9 };
  };
  var stormLayer = null;
  var swathLayer = null;
  // The day last asked for: an answer for an earlier choice that arrives late is dropped, not drawn over it.
  var wantedDay = null;
  var showSwath = function (day) {
    if (!el.dataset.hailTiles) { return; }
    getJson(el.dataset.hailTiles + '?date=' + encodeURIComponent(day)).then(function (data) {
      if (day !== wantedDay) { return; }
      if (swathLayer) { map.removeLayer(swathLayer); }
      swathLayer = L.geoJSON(data, {
        style: function (f) {
          var d = f.properties.detections;
          return { color: '#f79009', weight: 0.5, fillColor: '#f79009', fillOpacity: Math.min(0.55, 0.12 + d / 60) };
        },
        onEachFeature: function (f, layer) { layer.bindPopup(text('div', f.properties.detections + ' radar hail signatures in this 0.1° tile on ' + day)); }
      }).addTo(map);
      swathLayer.bringToBack();
      document.getElementById('swath-count').textContent = data.features.length + ' radar tiles';
    }).catch(function () { return null; });
  };
  var showStorms = function (day, fit) {
    wantedDay = day;
    showSwath(day);
    return getJson(el.dataset.storms + '?date=' + encodeURIComponent(day)).then(function (data) {
      if (day !== wantedDay) { return data.features.length; }
      if (stormLayer) { map.removeLayer(stormLayer); }
      stormLayer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, stormStyle(feature.properties)); },
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          var box = document.createElement('div');
          box.appendChild(text('strong', p.headline));
          box.appendChild(text('div', p.time.replace('T', ' ').replace('Z', ' UTC'), 'muted small'));
          box.appendChild(text('div', p.place, 'small'));
          if (p.comments) { box.appendChild(text('div', p.comments, 'small')); }
          marker.bindPopup(box);
        }
      }).addTo(map);
      stormLayer.bringToBack();
      document.getElementById('storm-count').textContent = data.features.length + ' reports';
      if (fit && data.features.length > 0) { map.fitBounds(stormLayer.getBounds().pad(0.1)); }
      return data.features.length;
    });
  };

  var stormsLoaded = getJson(el.dataset.stormDays).then(function (days) {
    if (days.length === 0) {
      document.getElementById('storms-empty').hidden = false;
      if (!el.dataset.importUrl) { document.getElementById('storms-import').hidden = true; }
      return false;
    }
    var select = document.getElementById('storm-day');
    days.forEach(function (d) {
      var option = text('option', d.date + ' · ' + d.hail + ' hail, ' + d.wind + ' wind, ' + d.tornado + ' tornado');
      option.value = d.date;
      select.appendChild(option);
    });
    // A slider over the storm days, oldest on the left, kept in step with the list.
    var slider = document.getElementById('storm-slider');
    slider.max = String(days.length - 1);
    slider.value = String(days.length - 1);
    var dayLabel = document.getElementById('storm-slider-day');
    dayLabel.textContent = days[0].date;
    slider.addEventListener('input', function () {
      var d = days[days.length - 1 - Number(slider.value)].date;
      dayLabel.textContent = d;
      select.value = d;
    });
    slider.addEventListener('change', function () { showStorms(select.value, true); });
    select.addEventListener('change', function () {
      slider.value = String(days.length - 1 - select.selectedIndex);
      dayLabel.textContent = select.value;
      showStorms(select.value, true);
    });
    document.getElementById('storm-legend').hidden = false;
    return days[0].date;
  }).catch(function () { return false; });

  // Homes, once zoomed in close enough to tell them apart: the properties in the view, linked to their pages.
  var homesLayer = L.layerGroup().addTo(map);
  var homesNote = document.getElementById('homes-note');
  var showHomes = function () {
    if (!el.dataset.properties) { return; }
    if (map.getZoom() < 15) {
      homesLayer.clearLayers();
      homesNote.textContent = '(zoom in to see homes)';
      return;
    }
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(6); }).join(',');
    getJson(el.dataset.properties + '?bbox=' + bbox).then(function (data) {
      homesLayer.clearLayers();
      L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 4, weight: 1, color: '#fff', fillColor: '#667085', fillOpacity: 0.9, className: 'home-marker' });
        },
        onEachFeature: function (f, marker) {
          var box = document.createElement('div');
          var link = text('a', f.properties.address);
          link.href = '/properties/' + f.properties.id;
          box.appendChild(link);
          if (f.properties.yearBuilt) { box.appendChild(text('div', 'Built ' + f.properties.yearBuilt, 'muted small')); }
          marker.bindPopup(box);
        }
      }).eachLayer(function (l) { homesLayer.addLayer(l); });
      homesNote.textContent = '(' + data.features.length + ' in view)';
    }).catch(function () { homesNote.textContent = '(zoom in to see homes)'; });
  };
  map.on('moveend', showHomes);

  // Lead scores: homes coloured by score once zoomed in; H3 cells coloured by their best home's score from
  // neighbourhood zoom; re-roofing waves outlined. Never one marker per home when zoomed out.
  var scoreColour = function (s) { return s >= 60 ? '#b42318' : s >= 30 ? '#f79009' : '#98a2b3'; };
  var scoresLayer = L.layerGroup().addTo(map);
  var scoresNote = document.getElementById('scores-note');
  var showScores = function () {
    if (!el.dataset.scores) { return; }
    var zoom = map.getZoom();
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(6); }).join(',');
    if (zoom < 9) {
      scoresLayer.clearLayers();
      scoresNote.textContent = '(zoom in to see scores)';
      return;
    }
    var url = zoom >= 15 ? el.dataset.scores : el.dataset.scoreCells;
    getJson(url + '?bbox=' + bbox).then(function (data) {
      scoresLayer.clearLayers();
      L.geoJSON(data, {
        style: function (f) {
          return { color: scoreColour(f.properties.top), weight: 1, fillColor: scoreColour(f.properties.top), fillOpacity: 0.35 };
        },
        pointToLayer: function (f, latlng) {
          var p = f.properties;
          return L.circleMarker(latlng, { radius: 6, weight: 1.5, color: '#fff', fillColor: p.excluded ? '#d0d5dd' : scoreColour(p.score), fillOpacity: 0.95, className: 'score-marker' });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          var box = document.createElement('div');
          if (p.cell) {
            box.appendChild(text('strong', p.homes + ' scored home' + (p.homes === 1 ? '' : 's')));
            box.appendChild(text('div', 'best ' + p.top + ', mean ' + p.mean + ' of 100', 'small'));
            box.appendChild(text('div', 'Zoom in to see each home', 'muted small'));
          } else {
            var link = text('a', p.address);
            link.href = '/properties/' + p.id;
            box.appendChild(link);
            box.appendChild(text('div', 'Score ' + p.score + ' of 100', 'small'));
            box.appendChild(text('div', p.why, 'muted small'));
          }
          layer.bindPopup(box);
        }
      }).eachLayer(function (l) { scoresLayer.addLayer(l); });
      scoresNote.textContent = zoom >= 15 ? '(' + data.features.length + ' homes in view)' : '(' + data.features.length + ' cells in view)';
    }).catch(function () { scoresNote.textContent = '(scores could not load)'; });
  };
  map.on('moveend', showScores);

  // Getis-Ord Gi* hot (red) and cold (blue) spots of the last year's roof replacements; deeper colour, more confidence.
  if (el.dataset.hotSpots) {
    getJson(el.dataset.hotSpots).then(function (data) {
      var strength = { '99': 0.45, '95': 0.3, '90': 0.18 };
      L.geoJSON(data, {
        style: function (f) {
          var hot = f.properties.kind.indexOf('HOT') === 0;
          var level = f.properties.kind.split('_')[1];
          return { color: hot ? '#d92d20' : '#1570ef', weight: 1, fillColor: hot ? '#d92d20' : '#1570ef', fillOpacity: strength[level] || 0.15 };
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          var box = document.createElement('div');
          box.appendChild(text('strong', (p.kind.indexOf('HOT') === 0 ? 'Hot spot' : 'Cold spot') + ', ' + p.kind.split('_')[1] + '% confidence'));
          box.appendChild(text('div', p.permits + ' roof replacements in the last year; Gi* z = ' + p.z, 'small'));
          layer.bindPopup(box);
        }
      }).addTo(map).bringToBack();
      document.getElementById('spots-count').textContent = data.features.length + ' hot or cold spot' + (data.features.length === 1 ? '' : 's');
    }).catch(function () { return null; });
  }

  var wavesLoaded = el.dataset.waves ? getJson(el.dataset.waves).then(function (data) {
    var layer = L.geoJSON(data, {
      style: function () { return { color: '#6938ef', weight: 2, dashArray: '4 3', fillColor: '#6938ef', fillOpacity: 0.12 }; },
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 9, color: '#6938ef', weight: 2, fillOpacity: 0.15 }); },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var box = document.createElement('div');
        box.appendChild(text('strong', 'Re-roofing wave: ' + p.permits + ' permits'));
        box.appendChild(text('div', p.first + ' to ' + p.last, 'small'));
        var names = Object.keys(p.contractors || {});
        if (names.length) {
          box.appendChild(text('div', 'Working it: ' + names.map(function (n) { return n + ' (' + p.contractors[n] + ')'; }).join(', '), 'muted small'));
        }
        layer.bindPopup(box);
      }
    }).addTo(map);
    document.getElementById('waves-count').textContent = data.features.length + ' re-roofing wave' + (data.features.length === 1 ? '' : 's');
    return layer;
  }).catch(function () { return null; }) : Promise.resolve(null);

  // The day to show once everything has loaded: the one the user picked meanwhile, else the latest.
  var chosenDay = function (latest) {
    var select = document.getElementById('storm-day');
    return select && select.value ? select.value : latest;
  };

  // A link can open the map at a place: /map?at=lat,lon,zoom (the property page's "Show on the map").
  var at = new URLSearchParams(window.location.search).get('at');
  var place = at ? at.split(',').map(Number) : null;
  if (place && place.length === 3 && place.every(function (x) { return isFinite(x); })) {
    Promise.all([leadsLoaded, stormsLoaded]).then(function (results) {
      if (results[1]) { showStorms(chosenDay(results[1]), false); }
      map.setView([place[0], place[1]], place[2]);
    });
    return;
  }

  // Show everything there is: the leads and the latest storm day together.
  Promise.all([leadsLoaded, stormsLoaded]).then(function (results) {
    var leadBounds = results[0];
    var stormDay = results[1];
    var fit = function (bounds) { if (bounds) { map.fitBounds(bounds.pad(0.15), { maxZoom: 15 }); } };
    if (!stormDay) {
      fit(leadBounds);
      return;
    }
    showStorms(chosenDay(stormDay), false).then(function () {
      var bounds = stormLayer && stormLayer.getLayers().length > 0 ? stormLayer.getBounds() : null;
      if (leadBounds) { bounds = bounds ? bounds.extend(leadBounds) : leadBounds; }
      fit(bounds);
    });
  });
})();

// The roof card's overlay toggles: each checkbox shows or hides its detector's boxes on the image. Delegated, so it
// works on cards htmx loads or swaps later; no inline script (the CSP forbids it).
(function () {
  document.addEventListener('change', function (e) {
    var box = e.target;
    if (!box.dataset || !box.dataset.toggle) { return; }
    var card = box.closest('#roof');
    if (!card) { return; }
    card.querySelectorAll('[data-layer="' + box.dataset.toggle + '"]').forEach(function (g) {
      if (box.checked) { g.removeAttribute('hidden'); } else { g.setAttribute('hidden', ''); }
    });
  });
})();

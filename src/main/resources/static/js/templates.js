// The template editor: the preview frame, and the send form that follows the lead chosen for the preview.
(function () {
  // The preview's HTML arrives as text and is shown in a sandboxed frame (no scripts, no forms, no navigation).
  document.body.addEventListener('htmx:afterSwap', function () {
    document.querySelectorAll('.preview-source').forEach(function (source) {
      var frame = source.nextElementSibling;
      if (frame && frame.tagName === 'IFRAME') { frame.srcdoc = source.value; }
    });
  });
  var pick = document.getElementById('preview-lead');
  var lead = document.getElementById('send-lead');
  if (!pick || !lead) { return; }
  var to = lead.form.querySelector('input[name=to]');
  pick.addEventListener('change', function () {
    lead.value = pick.value;
    to.value = pick.options[pick.selectedIndex].getAttribute('data-email') || '';
  });
})();

// Upload with a progress bar: the form posts as usual, through XMLHttpRequest so the browser reports how much
// of the file has gone; the server answers with a redirect to the import page, which shows the import's progress.
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var bar = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.hidden = false;
        bar.value = Math.round(100 * e.loaded / e.total);
        status.textContent = 'Uploading… ' + bar.value + '%';
      }
    });
    xhr.addEventListener('load', function () { window.location.href = xhr.responseURL || '/imports'; });
    xhr.addEventListener('error', function () { status.textContent = 'The upload failed; check the connection and try again.'; });
    form.querySelector('button[type=submit]').disabled = true;
    xhr.send(new FormData(form));
  });
})();

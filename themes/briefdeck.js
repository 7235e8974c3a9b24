/* Starts the deck. Settings come from the JSON block the build writes into the page. */
(() => {
  const config = JSON.parse(document.getElementById('bd-config').textContent);
  const reveal = window.Reveal;
  // The print view is laid out after "ready"; the PDF printer waits for this mark.
  reveal.on('pdf-ready', () => {
    document.documentElement.dataset.pdfReady = 'true';
  });
  const start = (plugins) => reveal.initialize({ ...config, plugins });
  if (/print-pdf/.test(window.location.search)) {
    // Printing needs no presenter view: skipping its plugin saves a third of the load time.
    start([]);
    return;
  }
  const notes = document.createElement('script');
  notes.src = document.currentScript.src.replace(/briefdeck\.js(\?.*)?$/, 'reveal/plugin/notes.js');
  notes.onload = () => start([window.RevealNotes]);
  notes.onerror = () => start([]);
  document.head.appendChild(notes);
})();

/* Starts the deck. Settings come from the JSON block the build writes into the page. */
(() => {
  const config = JSON.parse(document.getElementById('bd-config').textContent);
  // The print view is laid out after "ready"; the PDF printer waits for this mark.
  window.Reveal.on('pdf-ready', () => {
    document.documentElement.dataset.pdfReady = 'true';
  });
  window.Reveal.initialize({ ...config, plugins: [window.RevealNotes] });
})();

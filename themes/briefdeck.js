/* Starts the deck. Settings come from the JSON block the build writes into the page. */
(() => {
  const config = JSON.parse(document.getElementById('bd-config').textContent);
  window.Reveal.initialize({ ...config, plugins: [window.RevealNotes] });
})();

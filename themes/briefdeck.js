/* Starts the deck. Settings come from the JSON block the build writes into the page. */
(() => {
  const config = JSON.parse(document.getElementById('bd-config').textContent);
  const assets = document.currentScript.src.replace(/briefdeck\.js(\?.*)?$/, '');
  const root = document.documentElement;

  if (/print-pdf/.test(window.location.search)) {
    // The print view: each slide one page of the slide's size. Every slide already has its final
    // layout, so reveal.js is not needed for it (the PDF prints faster without it).
    root.classList.add('print-pdf', 'bd-print');
    const page = document.createElement('style');
    page.textContent = `@page { size: ${config.width}px ${config.height}px; margin: 0; }`;
    document.head.appendChild(page);
    document.fonts.ready.then(() => {
      root.dataset.pdfReady = 'true';
    });
    return;
  }

  if (window.Reveal) {
    // The single-file deck has reveal.js and its notes plugin inlined before this script: load nothing.
    window.Reveal.initialize({ ...config, plugins: window.RevealNotes ? [window.RevealNotes] : [] });
    return;
  }

  const load = (file) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = assets + file;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  load('reveal/reveal.js')
    .then(() => load('reveal/plugin/notes.js').then(() => [window.RevealNotes], () => []))
    .then((plugins) => window.Reveal.initialize({ ...config, plugins }));
})();

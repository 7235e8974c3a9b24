/* briefdeck watch: the live-reload client, added to the deck only as the watch server serves it.
 * Listens on the server's event channel (same origin): after a good build the deck reloads on the
 * slide it showed; after a broken save it shows the problems over the last good slides. */
(() => {
  const script = document.currentScript;
  const loadedAt = Number(script?.dataset.build ?? 0);
  const key = `briefdeck:slide:${location.pathname}${location.search}`;
  let overlay;

  // Back on the slide shown before the reload (the URL's hash does this for the main deck; the
  // presenter view's previews are driven by messages and are put back here).
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    let tries = 0;
    const restore = () => {
      const reveal = window.Reveal;
      if (reveal?.isReady?.()) {
        try {
          const { indexh, indexv, indexf } = JSON.parse(saved);
          reveal.setState({ ...reveal.getState(), indexh, indexv, indexf });
        } catch {}
      } else if (++tries < 100) setTimeout(restore, 50);
    };
    restore();
  }

  const reload = () => {
    const state = window.Reveal?.isReady?.() ? window.Reveal.getState() : undefined;
    if (state) sessionStorage.setItem(key, JSON.stringify(state));
    location.reload();
  };

  const show = (problems, current) => {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.setAttribute('role', 'alert');
      overlay.className = 'bd-watch-problems';
      Object.assign(overlay.style, {
        position: 'fixed',
        left: '0',
        right: '0',
        bottom: '0',
        maxHeight: '70vh',
        overflow: 'auto',
        zIndex: '2147483647',
        margin: '0',
        padding: '16px 24px 20px',
        background: 'rgba(24, 24, 27, 0.94)',
        color: '#fafafa',
        borderTop: '4px solid #dc2626',
        font: '15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        textAlign: 'left',
        boxShadow: '0 -8px 24px rgba(0, 0, 0, 0.35)',
      });
    }
    overlay.replaceChildren();
    const title = document.createElement('div');
    title.textContent = current
      ? 'This deck is the last save, but not everything could be made from it:'
      : 'The last save did not build; this is the last good deck. Fix the file and save again.';
    Object.assign(title.style, { font: '600 16px/1.4 system-ui, sans-serif', marginBottom: '8px', color: '#fca5a5' });
    overlay.append(title);
    for (const line of problems) {
      const row = document.createElement('div');
      row.textContent = line;
      row.style.whiteSpace = 'pre-wrap';
      overlay.append(row);
    }
    if (!overlay.isConnected) document.body.append(overlay);
  };

  const hide = () => {
    overlay?.remove();
    overlay = undefined;
  };

  const events = new EventSource('/__briefdeck/events');
  events.onmessage = (message) => {
    let state;
    try {
      state = JSON.parse(message.data);
    } catch {
      return;
    }
    // A newer good deck first (it shows the problems too, if the last save broke); then the problems.
    if (state.build !== loadedAt) reload();
    else if (state.problems.length > 0) show(state.problems, state.current === true);
    else hide();
  };
})();

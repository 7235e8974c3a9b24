/* briefdeck watch: the live-reload client, added to the deck only as the watch server serves it.
 * Listens on the server's event channel (same origin). After a good build that changed only the
 * slides (the same shell: theme, logo, aspect, assets, layout), it fetches the deck from the same
 * origin and swaps the slides that changed in place, on the slide and fragment it shows; after any
 * other good build it reloads on the slide it showed. After a broken save it shows the problems over
 * the last good slides. */
(() => {
  const script = document.currentScript;
  let loadedAt = Number(script?.dataset.build ?? 0);
  const shell = script?.dataset.shell;
  /** The slides as last served (reveal.js changes the live ones): a slide is swapped when it differs. */
  let served = slidesOf(document).map((slide) => slide.outerHTML);
  /** The newest state heard, and whether an update is under way (one at a time). */
  let latest;
  let updating = false;
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
    clearBanner();
  };

  // The problems stand above the slide's bottom classification banner, which stays in sight.
  const clearBanner = () => {
    if (!overlay) return;
    const banner = document.querySelector('.reveal .slides > section.present .bd-banner-bottom');
    const top = banner?.getBoundingClientRect().top;
    overlay.style.bottom = top !== undefined && top < innerHeight ? `${Math.ceil(innerHeight - top)}px` : '0';
  };
  addEventListener('resize', clearBanner);

  const hide = () => {
    overlay?.remove();
    overlay = undefined;
  };

  const showProblems = (state) => {
    if (state.problems.length > 0) show(state.problems, state.current === true);
    else hide();
  };

  /** Swaps in the slides of the deck now served; false when the page around them changed (reload). */
  const swapSlides = async () => {
    const response = await fetch(location.pathname, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return false;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const client = fresh.querySelector('script[data-build]');
    const container = document.querySelector('.reveal .slides');
    if (!container || client?.dataset.shell !== shell || !fresh.querySelector('.reveal .slides')) return false;
    const reveal = window.Reveal;
    const at = reveal.getIndices();
    const next = slidesOf(fresh);
    const now = slidesOf(document);
    next.forEach((slide, index) => {
      const html = slide.outerHTML;
      if (served[index] === html && now[index]) return;
      const adopted = document.importNode(slide, true);
      if (now[index]) now[index].replaceWith(adopted);
      else container.append(adopted);
    });
    for (const extra of now.slice(next.length)) extra.remove();
    served = next.map((slide) => slide.outerHTML);
    loadedAt = Number(client.dataset.build);
    reveal.sync();
    // Back on the same slide and fragment, now the new elements (reveal.js lays the deck out again).
    const last = reveal.getTotalSlides() - 1;
    reveal.slide(Math.min(at.h, last), at.v, at.f);
    // The presenter view's notes are sent on reveal.js's events: one it sends them on, nothing else.
    document.querySelector('.reveal')?.dispatchEvent(new Event('closeoverlay'));
    return true;
  };

  const update = async () => {
    if (updating) return;
    updating = true;
    try {
      for (let tries = 0; latest && latest.build > loadedAt; tries++) {
        const state = latest;
        const inPlace =
          tries < 3 && state.shell !== undefined && state.shell === shell && window.Reveal?.isReady?.();
        if (!inPlace || !(await swapSlides().catch(() => false))) {
          reload();
          return;
        }
      }
      if (latest) showProblems(latest);
    } finally {
      updating = false;
    }
  };

  const events = new EventSource('/__briefdeck/events');
  events.onmessage = (message) => {
    let state;
    try {
      state = JSON.parse(message.data);
    } catch {
      return;
    }
    latest = state;
    // A newer good deck first (it shows the problems too, if the last save broke); then the problems.
    if (state.build !== loadedAt) void update();
    else if (!updating) showProblems(state);
  };

  function slidesOf(root) {
    return Array.from(root.querySelectorAll('.reveal .slides > section'));
  }
})();

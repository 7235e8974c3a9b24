/* Starts the deck. Settings come from the JSON block the build writes into the page. */
(() => {
  /** What reveal.js's speaker view sends the slide previews it frames (notes.js, handleStateMessage). */
  const PREVIEW_COMMANDS = ['setState', 'next', 'triggerKey'];
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

  const messages = guardMessages();

  if (window.Reveal) {
    // The single-file deck has reveal.js and its notes plugin inlined before this script: load nothing.
    start(window.RevealNotes ? [window.RevealNotes] : []);
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
    .then(start);

  function start(plugins) {
    window.Reveal.initialize({ ...config, plugins });
    // reveal.js takes settings from the URL over ours (`?postMessageEvents=true`): set again, before it starts.
    window.Reveal.configure(messages);
  }

  /**
   * Lets only the deck's own presenter view talk to it through postMessage. reveal.js answers any
   * window: its postMessage API runs any method for it (`getSlideNotes` included) and its notes plugin
   * sends the notes to whoever says "heartbeat". So every message is looked at here first (this
   * listener comes before reveal.js's) and any other is stopped:
   * - the deck in its own window hears only the speaker window it opened (whose opener is this
   *   window), of its own origin;
   * - a slide preview in the speaker window (a frame of the deck) hears only that window, its parent,
   *   of its own origin.
   * Opened from a file, Chromium gives every file document an origin of its own (a reloaded deck too),
   * so there the speaker window is known by its opener alone, and a preview's parent gets through
   * only with the commands the speaker view sends its previews, which move the slides and return
   * nothing. Returns reveal.js's own postMessage settings to match.
   */
  function guardMessages() {
    const fromFile = window.location.protocol === 'file:';
    const framed = window.parent !== window;
    const ownOrigin = (other) => {
      try {
        return other.location.origin === window.location.origin;
      } catch {
        return false;
      }
    };
    const sameOrigin = (event) => event.origin === window.location.origin && ownOrigin(event.source);
    const previewCommand = (data) => {
      try {
        const message = typeof data === 'string' ? JSON.parse(data) : undefined;
        return message?.namespace === undefined && PREVIEW_COMMANDS.includes(message?.method);
      } catch {
        return false;
      }
    };
    const fromSpeakerWindow = (event) => event.source.opener === window && (fromFile || sameOrigin(event));
    const fromSpeakerView = (event) =>
      event.source === window.parent &&
      (fromFile ? ownOrigin(event.source) || previewCommand(event.data) : sameOrigin(event));
    window.addEventListener(
      'message',
      (event) => {
        if (event.source === window) return;
        if (event.source && (framed ? fromSpeakerView(event) : fromSpeakerWindow(event))) return;
        event.stopImmediatePropagation();
      },
      true,
    );
    // The deck's own window needs the API (the speaker window moves it) but sends no events; a
    // preview needs both, for its speaker window; a frame of another page gets neither.
    if (!framed) return { postMessageEvents: false };
    return fromFile || ownOrigin(window.parent) ? {} : { postMessage: false, postMessageEvents: false };
  }
})();

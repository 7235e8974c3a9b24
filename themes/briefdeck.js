/* Starts the deck. Settings come from the JSON block the build writes into the page. */
(() => {
  /** What reveal.js's speaker view sends the slide previews it frames (notes.js, handleStateMessage). */
  const PREVIEW_COMMANDS = ['setState', 'next', 'triggerKey'];
  /** The speaker view in the deck's fonts and colours (the theme's --bd-* properties); see dressSpeakerView. */
  const SPEAKER_CSS = `
    html, body { background: var(--bd-bg); color: var(--bd-text); font-family: var(--bd-font); }
    #connection-status { background: var(--bd-bg); color: var(--bd-text); font-size: 20px; }
    #current-slide iframe, #upcoming-slide iframe { border: 1px solid var(--bd-line); background: var(--bd-bg); }
    .overlay-element, #speaker-layout {
      background: var(--bd-surface); color: var(--bd-muted); font-family: var(--bd-font);
      font-size: 16px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; height: 32px; line-height: 32px;
    }
    .overlay-element.interactive:hover { background: var(--bd-line); }
    #speaker-layout select { font-family: var(--bd-font); }
    /* The label and the layout menu stand in a strip above the next slide's preview, never over it. */
    body[data-speaker-layout] #upcoming-slide { padding-top: 48px; }
    #upcoming-slide .label { top: 8px; left: 8px; }
    body[data-speaker-layout="default"] #speaker-layout, body[data-speaker-layout="wide"] #speaker-layout { top: 8px; right: 8px; }
    #speaker-controls { font-size: 18px; color: var(--bd-text); }
    .speaker-controls-time, .speaker-controls-pace { border-bottom-color: var(--bd-line); }
    .speaker-controls-time .label, .speaker-controls-pace .label, .speaker-controls-notes .label,
    .speaker-controls-time .reset-button { color: var(--bd-muted); font-size: 16px; letter-spacing: 0.08em; }
    .speaker-controls-notes .value { font-size: 22px; line-height: 1.45; }
    .speaker-controls-notes .value p + p, .speaker-controls-notes .value ul, .speaker-controls-notes .value ol { margin-top: 0.5em; }
    .speaker-controls-notes .value a { color: var(--bd-link); }
    .speaker-controls-time .pacing.ahead { color: var(--bd-accent); }
    .speaker-controls-time .pacing.on-track { color: var(--bd-stance-friendly); }
    .speaker-controls-time .pacing.behind { color: var(--bd-stance-hostile); }
  `;
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
  dressSpeakerView();

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
   * reveal.js's notes plugin writes its speaker view into a blank window it opens (same origin, the
   * deck's own policy). Once it is written, the deck's style sheets go in too (linked by address, or
   * copied when inline, as in the single file: its fonts are in them) and SPEAKER_CSS after them: the
   * deck's font and colours, notes of 22px, and the "Upcoming" label and the layout menu in a strip
   * above the next slide's preview instead of over it.
   */
  function dressSpeakerView() {
    const open = window.open;
    window.open = function (...args) {
      const opened = open.apply(window, args);
      if (opened && args[1] === 'reveal.js - Notes') setTimeout(() => dress(opened.document), 0);
      return opened;
    };
    const dress = (page) => {
      if (!page?.head || page.getElementById('bd-speaker')) return;
      for (const sheet of document.styleSheets) {
        const owner = sheet.ownerNode;
        const copy = page.createElement(owner.tagName === 'LINK' ? 'link' : 'style');
        if (owner.tagName === 'LINK') Object.assign(copy, { rel: 'stylesheet', href: sheet.href });
        else copy.textContent = owner.textContent;
        page.head.appendChild(copy);
      }
      const own = page.createElement('style');
      own.id = 'bd-speaker';
      own.textContent = SPEAKER_CSS;
      page.head.appendChild(own);
      page.documentElement.lang = root.lang;
    };
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

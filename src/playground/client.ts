// The page's script, served as /client.js (the page allows no inline script). It sends what the
// person does to /act, and swaps each region whose HTML changed; /state?after=N waits for a change,
// so answers that come later (a response_url, a DM, a views.update) appear on their own.
export const CLIENT_JS = String.raw`'use strict';
(() => {
  let version = -1;
  const shown = {};
  function apply(state) {
    if (!state || !state.regions) return;
    version = state.version;
    for (const [name, html] of Object.entries(state.regions)) {
      if (shown[name] === html) continue;
      shown[name] = html;
      const el = document.querySelector('[data-region="' + name + '"]');
      if (!el) continue;
      el.innerHTML = html;
      // A conversation shows its latest message, as Slack does.
      for (const list of el.querySelectorAll('[data-scroll="end"]')) list.scrollTop = list.scrollHeight;
    }
    document.body.dataset.version = String(version);
  }
  async function act(action) {
    const res = await fetch('/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(action) });
    apply(await res.json());
  }
  async function poll() {
    for (;;) {
      try {
        const res = await fetch('/state?after=' + version);
        apply(await res.json());
      } catch (err) {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
  function controlValue(el) {
    if (el.tagName === 'SELECT') return el.multiple ? Array.from(el.selectedOptions, (o) => o.value) : el.value;
    if (el.classList.contains('choices')) return Array.from(el.querySelectorAll('input:checked'), (i) => i.value);
    return el.value;
  }
  function valuesOf(root) {
    const values = {};
    if (!root) return undefined;
    for (const el of root.querySelectorAll('[data-action]')) {
      if (el.tagName === 'BUTTON') continue;
      (values[el.dataset.block] = values[el.dataset.block] || {})[el.dataset.action] = controlValue(el);
    }
    return values;
  }
  function blockAction(el, value) {
    const container = el.closest('[data-container]');
    if (!container) return;
    const form = el.closest('form[data-ui="modal"]') || container;
    const values = valuesOf(form);
    act({ type: 'block_action', container: container.dataset.container, block: el.dataset.block, action: el.dataset.action, value, values });
  }
  const ui = {
    thread: (el) => act({ type: 'thread', ts: el.dataset.ts }),
    'thread-close': () => act({ type: 'thread' }),
    surface: (el) => act({ type: 'surface', surface: el.dataset.surface }),
    'global-shortcut': () => act({ type: 'global_shortcut' }),
    'message-shortcut': (el) => act({ type: 'message_shortcut', channel: el.dataset.channel, ts: el.dataset.ts }),
    'modal-close': (el) => act({ type: 'close', view: el.dataset.view }),
  };
  document.addEventListener('click', (event) => {
    const el = event.target.closest('button');
    if (!el) return;
    if (el.dataset.ui && ui[el.dataset.ui]) return ui[el.dataset.ui](el);
    if (!el.dataset.action) return;
    if (el.dataset.url) window.open(el.dataset.url, '_blank', 'noopener,noreferrer');
    const menu = el.closest('details');
    if (menu) menu.open = false;
    blockAction(el, el.dataset.value);
  });
  document.addEventListener('change', (event) => {
    const el = event.target.closest('[data-action]');
    if (el && el.tagName !== 'BUTTON' && el.hasAttribute('data-dispatch')) blockAction(el, controlValue(el));
  });
  function sendComposer(form) {
    const box = form.querySelector('textarea');
    const text = box.value.trim();
    if (!text) return;
    box.value = '';
    act(Object.assign({ type: 'message', text }, form.dataset.thread ? { thread: form.dataset.thread } : {}));
  }
  document.addEventListener('submit', (event) => {
    const form = event.target;
    event.preventDefault();
    if (form.dataset.ui === 'composer') return sendComposer(form);
    if (form.dataset.ui === 'modal') act({ type: 'submit', view: form.dataset.view, values: valuesOf(form) });
  });
  document.addEventListener('keydown', (event) => {
    const form = event.target.closest && event.target.closest('form[data-ui="composer"]');
    if (form && event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      sendComposer(form);
    }
  });
  fetch('/state').then((r) => r.json()).then((state) => {
    apply(state);
    document.body.dataset.ready = 'true';
    poll();
  });
})();
`;

// The checks that run inside each page. Every function here is passed to
// page.evaluate, so it must be self-contained (no closures over module scope).

/** Facts read off the page as loaded: its language, its language toggle, its statuses,
 * and its own-language text (for the language check). */
export function pageFacts() {
  const html = document.documentElement;
  const lang = (html.getAttribute('lang') || '').trim();
  const primary = (l) => (l || '').trim().toLowerCase().split('-')[0];

  const toggles = [...document.querySelectorAll('nav.language-toggle a')].map((a) => ({
    href: a.href,
    rawHref: a.getAttribute('href'),
    hreflang: a.getAttribute('hreflang') || '',
    lang: a.getAttribute('lang') || '',
    text: a.textContent.trim(),
  }));

  // Statuses must be told in words, never only by colour or an icon. A status is any
  // element with a class starting `status`; the outermost one must carry visible words
  // (its icons, themselves `status-…`, are covered by the words beside them).
  const isStatus = (el) => [...el.classList].some((c) => /^status/i.test(c));
  const statuses = [...document.body.querySelectorAll('[class]')].filter(isStatus);
  const outer = statuses.filter((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (isStatus(p)) return false;
    return true;
  });
  const wordless = [];
  for (const el of outer) {
    if (el.getClientRects().length === 0) continue; // not rendered (e.g. print only)
    const text = el instanceof HTMLElement ? el.innerText.trim() : '';
    if (!/[\p{L}\p{N}]/u.test(text)) wordless.push(el.outerHTML.slice(0, 160));
  }

  // Text in the page's own language: what a reader reads, less navigation, scripts,
  // icons and passages marked as another language (the toggle's "English").
  const skip = new Set(['SCRIPT', 'STYLE', 'NAV', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
  const parts = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const t = child.nodeValue.replace(/\s+/g, ' ').trim();
        if (t) parts.push(t);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (skip.has(child.tagName) || skip.has(child.nodeName)) continue;
        if (child.getAttribute('aria-hidden') === 'true') continue;
        const l = child.getAttribute('lang');
        if (l !== null && primary(l) !== primary(lang)) continue;
        walk(child);
      }
    }
  };
  walk(document.body);

  return { lang, toggles, statusCount: outer.length, wordless, text: parts.join(' ') };
}

/** Marks every element a keyboard user should be able to reach and records how it
 * looks unfocused, so the focused look can be compared with it. */
export function markFocusables() {
  const selector = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
    'summary', 'iframe', '[tabindex]', '[contenteditable=""]', '[contenteditable="true"]',
  ].join(',');
  const look = (el) => {
    const cs = getComputedStyle(el);
    return {
      outline: `${cs.outlineStyle}|${cs.outlineWidth}|${cs.outlineColor}`,
      outlineVisible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 &&
        !/rgba\(.*,\s*0\)$|transparent/.test(cs.outlineColor),
      boxShadow: cs.boxShadow,
      background: `${cs.backgroundColor}|${cs.backgroundImage}`,
      border: `${cs.borderTopWidth} ${cs.borderTopStyle} ${cs.borderTopColor}|${cs.borderBottomWidth} ${cs.borderBottomStyle} ${cs.borderBottomColor}`,
    };
  };
  window.__dangosLook = look;
  const list = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.hasAttribute('disabled') || el.closest('[inert]')) continue;
    const ti = el.getAttribute('tabindex');
    if (ti !== null && parseInt(ti, 10) < 0) continue;
    if (el.getClientRects().length === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    const id = String(list.length);
    el.setAttribute('data-kbd-id', id);
    window.__dangosUnfocused = window.__dangosUnfocused || {};
    window.__dangosUnfocused[id] = look(el);
    list.push({ id, desc: describe(el) });
  }
  function describe(el) {
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    const href = el.getAttribute('href');
    return `<${el.tagName.toLowerCase()}${href ? ` href="${href}"` : ''}>${text}`;
  }
  return list;
}

/** After a Tab: which marked element has focus, and does it look focused? */
export function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { id: null };
  const id = el.getAttribute('data-kbd-id');
  const tag = el.tagName.toLowerCase();
  const desc = `<${tag}${el.id ? ` id="${el.id}"` : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}>${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50)}`;
  const mains = [...document.querySelectorAll('main, [role="main"]')];
  const href = el.getAttribute('href') || '';
  const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  const info = {
    id, desc,
    inMain: mains.some((m) => m.contains(el)),
    skipsToMain: tag === 'a' && !!target && mains.includes(target),
    isMain: mains.includes(el),
  };
  if (id === null) return info;
  const before = window.__dangosUnfocused[id];
  const now = window.__dangosLook(el);
  info.visible = (now.outlineVisible && now.outline !== before.outline) ||
    now.boxShadow !== before.boxShadow || now.background !== before.background ||
    now.border !== before.border;
  return info;
}

/** Elements that stick out past the right edge of the viewport, deepest first. */
export function horizontalOverflow() {
  const width = document.documentElement.clientWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const culprits = [];
  if (scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 0.5 && r.width > 0) {
        const inner = [...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5);
        if (!inner) culprits.push(describe(el, r));
      }
      if (culprits.length >= 5) break;
    }
  }
  function describe(el, r) {
    const cls = el.getAttribute('class');
    return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ''}> right edge ${Math.round(r.right)}px: ${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}`;
  }
  return { width, scrollWidth, culprits };
}

/** Text cut off by its box: an element that hides (or clips) its overflow, holds text,
 * and has more content than room. Visually hidden text (1 px boxes, clip) is meant to
 * be cut off and is left out. */
export function clippedText() {
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!(el instanceof HTMLElement)) continue;
    const cs = getComputedStyle(el);
    const hx = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    const hy = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    if (!hx && !hy) continue;
    if (!el.innerText || !el.innerText.trim()) continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
    if (cs.clip !== 'auto' || cs.clipPath !== 'none') continue;
    const overX = hx && el.scrollWidth > el.clientWidth + 1;
    const overY = hy && el.scrollHeight > el.clientHeight + 1;
    if (overX || overY) {
      const cls = el.getAttribute('class');
      found.push(`<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ''}> ` +
        `${overX ? `${el.scrollWidth}px of text in ${el.clientWidth}px` : ''}` +
        `${overX && overY ? ', ' : ''}${overY ? `${el.scrollHeight}px tall in ${el.clientHeight}px` : ''}: ` +
        el.innerText.replace(/\s+/g, ' ').trim().slice(0, 50));
    }
  }
  return found;
}

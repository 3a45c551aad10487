// The support console: plain JavaScript on top of the admin API, no build step. The browser already holds the admin
// credentials for this origin (it asked for them to load this page), so every call is a same-origin fetch.
'use strict';

// Causes in business language, by the code the order flow parks an order with (io.jesync.order.ParkReason.Code,
// returned as `reasonCode`). Items without a code (an operator's park, status actions, reversals) group by kind.
const onOrders = (n, what) => `${what} on ${n} ${plural(n, 'order')}`;
const RESEND = ', then re-send.';
const CAUSES = {
  MISSING_EMAIL: { title: n => onOrders(n, 'customer e-mail missing'),
    fix: "Add the buyer's e-mail to the order in the shop" + RESEND },
  MISSING_NAME: { title: n => onOrders(n, 'customer name missing'),
    fix: "Add the buyer's name to the order in the shop" + RESEND },
  UNKNOWN_COUNTRY: { title: n => onOrders(n, 'country or VAT zone unknown'),
    fix: 'Correct the country on the order (two letters, e.g. SE), or map it to a VAT zone'
      + ' (shop.<id>.orders.vat-zone.overrides, e.g. FI:2)' + RESEND },
  UNKNOWN_CURRENCY: { title: n => onOrders(n, 'unknown currency'), fix: "Check the channel's currency in the shop" + RESEND },
  BAD_QUANTITY: { title: n => onOrders(n, 'wrong quantity'),
    fix: 'Correct the quantity in the shop (returns are credited, not sent as negative lines)' + RESEND },
  MISSING_PRICE: { title: n => onOrders(n, 'price or VAT rate missing'), fix: 'Correct the line in the shop' + RESEND },
  BAD_DISCOUNT: { title: n => onOrders(n, 'discount out of range'), fix: 'Correct the discount in the shop' + RESEND },
  MISSING_ARTICLE_NUMBER: { title: n => onOrders(n, 'article number missing'),
    fix: 'Give the product an article number in the shop (and the same product number in e-conomic)' + RESEND },
  ARTICLE_NUMBER_TOO_LONG: { title: n => onOrders(n, 'article number too long for e-conomic'),
    fix: 'Shorten the article number in the shop' + RESEND },
  TEXT_TOO_LONG: { title: n => onOrders(n, 'text too long for e-conomic'), fix: 'Shorten the text the reason names' + RESEND },
  TOTALS_DO_NOT_ADD_UP: { title: n => onOrders(n, 'totals do not add up'),
    fix: "Check the order's prices, discounts and VAT in the shop" + RESEND },
  TOTALS_DIFFER_IN_ECONOMIC: { title: n => onOrders(n, 'e-conomic computed other totals'),
    fix: "Check the order's prices, discounts and VAT against e-conomic" + RESEND },
  UNREADABLE_ORDER: { title: n => onOrders(n, 'order unreadable'), fix: 'Correct the field the reason names in the shop'
    + RESEND },
  NO_LINES: { title: n => onOrders(n, 'no lines'), fix: 'Add the lines in the shop, or skip the order.' },
  OUT_OF_BOUNDS: { title: n => onOrders(n, 'value out of range'), fix: 'Correct the value the reason names' + RESEND },
  ORDER_VANISHED: { title: n => `${n} ${plural(n, 'order')} gone from the shop`,
    fix: 'If the order should be invoiced, restore it in the shop (or set a trigger status)' + RESEND },
  ARTICLE_NOT_IN_ECONOMIC: { title: n => onOrders(n, 'article not in e-conomic'),
    fix: 'Create the article in e-conomic with exactly this product number (or correct it in the shop)' + RESEND },
  REJECTED_BY_ECONOMIC: { title: n => `refused by e-conomic (${n})`,
    fix: 'Correct the data in the shop or the setting the reason names' + RESEND },
  REFUSED_BY_AGREEMENT: { title: n => `the e-conomic agreement refuses it (${n})`,
    fix: "Correct the agreement's settings or the runtime's setting the reason names" + RESEND },
};
const OTHER = { title: (n, kind) => `${kind === 'order' ? 'other orders' : kind + 's'} (${n})`,
  fix: 'Read the reason on each item; fix it, then re-send or retry.' };

// What waits besides orders (GET /api/parked-items), by the kind the flow parks it under. `key` is the item key the
// flow wrote: an article number, "<price list>/<article>" for a price row, "<order>/payment-<id>" for a payment.
// `action` is set only where the admin API has an endpoint that acts on one such row.
const repush = (shop, article) => ({ label: 'Re-push', name: 'repush', title: `Re-push article ${article}`,
  text: `Article ${article} is read from e-conomic on the next stock and price tick and its stock and prices are sent`
    + ` to shop ${shop} again.`,
  path: `/api/stock-prices/${encodeURIComponent(shop)}/${encodeURIComponent(article)}/repush` });
const PARKED_KINDS = {
  product: { label: 'Parked products', what: 'Article', subject: key => key, article: key => key,
    fix: 'Correct the product the reason names; the next change is written again. Nothing can be retried from here.' },
  STOCK: { label: 'Parked stock rows', what: 'Article', subject: key => key, article: key => key,
    fix: 'Correct what the reason names, then re-push the article.', action: (shop, key) => repush(shop, key) },
  PRICE: { label: 'Parked price rows', what: 'Price list / article', subject: key => key,
    article: key => key.slice(key.indexOf('/') + 1),
    fix: 'Correct what the reason names, then re-push the article.',
    action: (shop, key) => repush(shop, key.slice(key.indexOf('/') + 1)) },
  CUSTOMER_PRICE_LISTS: { label: 'Parked customer price lists', what: 'Article', subject: key => key,
    fix: 'Correct what the reason names; a new value from e-conomic sends it again.' },
  payment: { label: 'Parked payments', what: 'Order / payment', subject: key => key,
    fix: 'Correct what the reason names (book the invoice, check the amount), then retry the payment.',
    action: (shop, key) => {
      const m = /^(.*)\/payment-(\d+)$/.exec(key);
      return m ? { label: 'Retry', name: 'retry-payment', title: `Retry payment ${m[2]} of order ${m[1]}`,
        text: 'The payment is entered in e-conomic again; it is looked up there first, so it cannot be entered twice.',
        path: `/api/payments/${encodeURIComponent(shop)}/${m[2]}/retry` } : null;
    } },
};
const DASHBOARD_PARKED_KINDS = ['product', 'STOCK', 'PRICE', 'payment'];

function parkedKind(kind) {
  return PARKED_KINDS[kind] || { label: `Parked ${kind} rows`, what: 'Item', subject: key => key,
    fix: 'Read the reason on each row and correct what it names.' };
}

function byKind(items) {
  const kinds = new Map();
  for (const item of items) {
    if (!kinds.has(item.kind)) kinds.set(item.kind, []);
    kinds.get(item.kind).push(item);
  }
  return kinds;
}

const FINAL = ['ACKNOWLEDGED', 'SKIPPED', 'PARKED', 'FAILED'];
const DASHBOARD_REFRESH_MS = 10000;
const view = document.getElementById('view');
let refreshTimer = null;

function plural(n, word) { return n === 1 ? word : word + 's'; }

/** The group an item waits in: its reason's code, or its kind where the reason has none. */
function cause(item) {
  const rule = CAUSES[item.code];
  return rule ? { rule, key: item.code } : { rule: OTHER, key: 'other-' + item.kind.replace(' ', '-'), kind: item.kind };
}

async function api(method, path, body) {
  // location.origin, not a relative URL: a page opened as http://user:pass@host/ would otherwise resolve calls to a
  // URL carrying credentials, which fetch refuses.
  const response = await fetch(location.origin + path, {
    // X-Requested-With: the runtime refuses a change without it, which is what keeps a foreign page from making one.
    method, headers: Object.assign({ 'X-Requested-With': 'jesync-console' },
      body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined, cache: 'no-store' });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { error: text }; }
  if (response.status === 401) throw new Error('Not signed in: reload the page and give the admin user and password.');
  if (!response.ok) throw new Error(json.error || `${method} ${path} answered ${response.status}`);
  return json;
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

function stateBadge(state) {
  const kind = ['ACKNOWLEDGED', 'CREATED', 'DONE', 'BOOKED', 'Started'].includes(state) ? 'ok'
    : ['PARKED', 'FAILED', 'Stopped'].includes(state) ? 'bad' : ['SKIPPED'].includes(state) ? '' : 'warn';
  return h('span', { class: 'state ' + kind, 'data-state': state }, state);
}

function orderLink(shop, orderNo) {
  return h('a', { href: `#/order/${encodeURIComponent(shop)}/${encodeURIComponent(orderNo)}`,
    'data-order': `${shop}/${orderNo}` }, orderNo);
}

/** `bad`, when given, marks rows (by index) that need attention: they are shown red. */
function table(headers, rows, bad) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headers.map(x => h('th', x.optional ? { class: 'optional' } : {}, x.label || x)))),
    h('tbody', {}, rows.map((cells, r) => h('tr', bad && bad[r] ? { class: 'bad' } : {}, cells.map((c, i) =>
      h('td', headers[i].optional ? { class: 'optional' } : {}, c)))))));
}

function notify(message, bad) {
  const box = document.getElementById('notice');
  box.textContent = message;
  box.className = bad ? 'bad' : '';
  box.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** A confirmation dialog; resolves to the reason typed (or '' when none is asked), or null when cancelled. */
function confirmAction(title, text, askReason) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  const reason = document.getElementById('confirm-reason');
  document.getElementById('confirm-reason-label').hidden = !askReason;
  reason.value = '';
  reason.required = !!askReason;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? reason.value.trim() : null),
      { once: true });
    dialog.showModal();
  });
}

async function act(title, text, askReason, method, path, bodyOf) {
  const reason = await confirmAction(title, text, askReason);
  if (reason === null) return;
  try {
    const answer = await api(method, path, bodyOf ? bodyOf(reason) : undefined);
    notify(answer.message || 'Done.');
  } catch (e) {
    notify(e.message, true);
  }
  route();
}

// ---- pages

async function dashboard() {
  const [flows, parked, failed, actions, reversals, items] = await Promise.all([api('GET', '/api/flows'),
    api('GET', '/api/orders?state=PARKED&limit=500'), api('GET', '/api/orders?state=FAILED&limit=500'),
    api('GET', '/api/status-actions'), api('GET', '/api/reversals?state=PARKED'),
    api('GET', '/api/parked-items?limit=1000')]);
  const economic = flows.economic || {};
  const kinds = byKind(items.items || []);
  const kindCards = [...new Set([...DASHBOARD_PARKED_KINDS, ...kinds.keys()])].map(kind =>
    card(parkedKind(kind).label, (kinds.get(kind) || []).length, '#/failures', 'parked-' + kind));
  const cards = h('div', { class: 'cards' },
    card('Parked orders', parked.count, '#/failures', 'parked-orders'),
    card('Failed orders', failed.count, '#/failures', 'failed-orders'),
    card('Parked status actions', actions.count, '#/failures', 'parked-status-actions'),
    card('Parked reversals', reversals.count, '#/failures', 'parked-reversals'),
    kindCards,
    card('e-conomic calls today', economic.callsToday, null, 'calls-today',
      `budget ${economic.dailyCallBudget}, ${economic.budgetLeft} left` + (economic.rateLimit
        ? `; rate limit headroom ${economic.rateLimit.headroom}/${economic.rateLimit.limit}` : '')));
  const shops = (flows.shops || []).map(shop => h('section', { 'data-shop': shop.shop },
    h('h2', {}, `Shop ${shop.shop}`), flowTable(shop.flows),
    h('h2', {}, 'Items by state'),
    table(['Items', 'By state'], Object.entries(shop.items || {}).map(([kind, states]) => [kind,
      Object.keys(states).length ? h('span', {}, Object.entries(states).map(([state, n]) =>
        h('span', {}, stateBadge(state), ` ${n}  `))) : h('span', { class: 'muted' }, 'none')]))));
  const others = (flows.otherFlows || []).length ? [h('h2', {}, 'Other flows'), flowTable(flows.otherFlows)] : [];
  // Counts and states move while the page is open: it refreshes itself, but never under an open dialog.
  refreshTimer = setTimeout(() => document.getElementById('confirm').open ? null : route(), DASHBOARD_REFRESH_MS);
  return [h('h1', { 'data-page': 'dashboard' }, 'Dashboard'), connectionsBlock(flows), cards, shops, others,
    h('p', { class: 'muted' }, `As of ${when(flows.generatedAt)}; refreshes every ${DASHBOARD_REFRESH_MS / 1000} s.`)];
}

/** e-conomic and each shop: reachable or not, since when, and the cause with its fix. */
function connectionsBlock(flows) {
  const list = flows.connections || [];
  if (!list.length) return null;
  return h('section', { 'data-connections': '' }, h('h2', {}, 'Connections'),
    table(['Connection', 'State', { label: 'Since', optional: true }, 'Cause and fix'], list.map(c => [
      h('span', { 'data-connection': c.id, 'data-up': String(c.up) }, c.connection),
      h('span', { class: 'state ' + (c.up ? 'ok' : 'bad') }, c.up ? 'Connected' : 'Down'), when(c.since),
      c.up ? h('span', { class: 'muted' }, c.detail) : h('span', { class: 'cause' }, c.detail)]),
    list.map(c => !c.up)));
}

function flowTable(list) {
  return table(['Flow', 'Status', { label: 'Last run', optional: true }, { label: 'Last success', optional: true },
    { label: 'Next run', optional: true }, 'Lag', ''],
    list.map(f => [h('span', {}, h('span', { 'data-flow': f.routeId }, f.flow),
      f.failing ? h('div', { class: 'cause', 'data-flow-error': f.routeId }, f.lastError || 'its last run failed')
        : null),
      f.failing ? h('span', { class: 'state bad', 'data-failing': f.routeId }, 'Failing') : stateBadge(f.status),
      when(f.lastRunFinishedAt || f.lastRunStartedAt), when(f.lastSuccessAt), when(f.nextRunAt),
      f.lagSeconds === null ? h('span', { class: 'muted', title: 'not due yet' }, 'not due') : duration(f.lagSeconds),
      runNowButton(f)]), list.map(f => f.failing));
}

function runNowButton(f) {
  return h('button', { 'data-action': 'run-now', 'data-run': f.routeId, 'aria-label': `Run ${f.routeId} now`,
    onclick: () => act(`Run ${f.flow} now`, `Flow ${f.routeId} runs once now, besides its schedule (after the run in`
      + ' progress, if any).', false, 'POST', `/api/flows/${encodeURIComponent(f.routeId)}/run`) }, 'Run now');
}

function card(label, value, href, test, note) {
  const body = [h('div', { class: 'muted' }, label), h('div', { class: 'big', 'data-count': test }, value ?? '—'),
    note ? h('div', { class: 'muted' }, note) : null];
  return h('div', { class: 'card' }, href ? h('a', { href }, body) : body);
}

async function failures() {
  const [parked, failed, actions, reversalsParked, reversalsFailed, parkedItems, flows] = await Promise.all([
    api('GET', '/api/orders?state=PARKED&limit=500'), api('GET', '/api/orders?state=FAILED&limit=500'),
    api('GET', '/api/status-actions'), api('GET', '/api/reversals?state=PARKED'),
    api('GET', '/api/reversals?state=FAILED'), api('GET', '/api/parked-items?limit=1000'), api('GET', '/api/flows')]);
  const down = (flows.connections || []).filter(c => !c.up);
  const failing = (flows.shops || []).flatMap(s => s.flows).concat(flows.otherFlows || []).filter(f => f.failing);
  const items = [
    ...parked.orders.concat(failed.orders).map(o => ({ kind: 'order', shop: o.shop, orderNo: o.orderNo,
      state: o.state, reason: o.reason, code: o.reasonCode, at: o.updatedAt })),
    ...actions.statusActions.map(a => ({ kind: 'status action', shop: a.shop, orderNo: a.orderNo, state: a.state,
      reason: a.reason, at: a.updatedAt, what: a.action })),
    ...reversalsParked.reversals.concat(reversalsFailed.reversals).map(r => ({ kind: 'reversal', shop: r.shop,
      orderNo: r.orderNo, state: r.state, reason: r.reason, at: r.updatedAt, what: r.action }))];
  const groups = new Map();
  for (const item of items) {
    const c = cause(item);
    if (!groups.has(c.key)) groups.set(c.key, { ...c, items: [] });
    groups.get(c.key).items.push(item);
  }
  const sorted = [...groups.values()].sort((a, b) => a.key.startsWith('other') - b.key.startsWith('other')
    || b.items.length - a.items.length);
  const rows = parkedItems.items || [];
  const outages = down.length + failing.length;
  return [h('h1', { 'data-page': 'failures' }, 'Failures'),
    items.length || rows.length || outages ? null
      : h('p', { class: 'muted', 'data-empty': 'failures' }, 'Nothing waits for a person.'),
    outages ? h('section', { class: 'group', 'data-group': 'outages' },
      h('h2', {}, `Connections down and failing flows (`, h('span', { 'data-count': 'outages' }, outages), ')'),
      h('p', { class: 'fix' }, 'Do what the cause says; the flows try again on their own and catch up once it works.'),
      table(['What', 'Cause and fix'], down.map(c => [h('span', { 'data-down': c.id }, `Connection to ${c.connection}`),
        c.detail]).concat(failing.map(f => [h('span', { 'data-failing-flow': f.routeId }, `Flow ${f.routeId}`),
        f.lastError || 'its last run failed'])))) : null,
    sorted.map(g => h('section', { class: 'group', 'data-group': g.key },
      h('h2', {}, g.rule.title(g.items.length, g.kind)),
      h('p', { class: 'fix' }, g.rule.fix),
      table(['Order', 'What', 'State', { label: 'Reason', optional: true }, { label: 'Since', optional: true }],
        g.items.map(i => [h('span', {}, `${i.shop} `, orderLink(i.shop, i.orderNo)),
          i.kind + (i.what ? `: ${i.what}` : ''), stateBadge(i.state), i.reason || '', when(i.at)])))),
    [...byKind(rows)].map(([kind, list]) => parkedSection(kind, list))];
}

function parkedSection(kind, list) {
  const k = parkedKind(kind);
  return h('section', { class: 'group', 'data-parked-kind': kind },
    h('h2', {}, `${k.label} (${list.length})`),
    h('p', { class: 'fix' }, k.fix),
    table(['Shop', k.what, 'Reason', { label: 'Since', optional: true }, ''], list.map(item => {
      const action = k.action ? k.action(item.shop, item.key) : null;
      const articleNo = k.article ? k.article(item.key) : null;
      return [item.shop, h('span', { 'data-parked-key': `${item.shop}/${item.key}` },
        articleNo ? articleLink(item.shop, articleNo) : k.subject(item.key)),
        h('span', { 'data-parked-reason': '' }, item.reason || ''), when(item.parkedAt),
        action ? h('button', { 'data-action': action.name, 'aria-label': action.title, onclick: () => act(
          action.title, action.text, false, 'POST', action.path) }, action.label) : ''];
    })));
}

async function orders(params) {
  const q = params.get('q') || '';
  const state = params.get('state') || '';
  // encodeURIComponent, not URLSearchParams: that writes a space as '+', which is a plus sign in a path-style
  // decoder and may be one in an e-mail; %20 is a space everywhere.
  const query = 'limit=100' + (q ? '&q=' + encodeURIComponent(q) : '')
    + (state ? '&state=' + encodeURIComponent(state) : '');
  const [result, articles] = await Promise.all([api('GET', '/api/orders?' + query), q ? articlesNamed(q) : []]);
  const found = q ? [h('p', { 'data-search-count': result.count }, result.count
    ? `${result.count} ${plural(result.count, 'order')} match; exact order and e-conomic numbers first.`
    : h('span', { 'data-empty': 'search' }, `No order matches “${q}”: searched order numbers, customer names and`
      + ' e-mails, article numbers and e-conomic document numbers.')),
    articles.map(a => h('p', {}, 'Article ', h('a', { href: `#/article/${encodeURIComponent(a.shop)}/`
      + encodeURIComponent(a.article), 'data-article-link': `${a.shop}/${a.article}` }, a.article),
      ` in shop ${a.shop}: its catalogue page.`))]
    : h('p', { class: 'muted' }, `${result.count} shown, newest first.`);
  return [h('h1', { 'data-page': 'orders' }, q ? `Search “${q}”` : 'Orders'), found,
    result.count ? table(['Shop', 'Order', 'State', { label: 'Channel', optional: true },
      { label: 'e-conomic', optional: true }, { label: 'Updated', optional: true }, { label: 'Reason', optional: true }],
      result.orders.map(o => [o.shop, orderLink(o.shop, o.orderNo), stateBadge(o.state), o.channel,
        o.economicDocumentLabel || '', when(o.updatedAt), o.reason || ''])) : null];
}

/** The catalogue's articles with exactly this number, in each shop that knows anything of it. */
async function articlesNamed(q) {
  if (/\s/.test(q)) return [];
  const shops = (await api('GET', '/api/flows')).shops.map(s => s.shop);
  const found = await Promise.all(shops.map(shop => api('GET', `/api/articles/${encodeURIComponent(shop)}/`
    + encodeURIComponent(q)).catch(() => null)));
  return found.filter(a => a && (a.economicReading || (a.shopValues || []).length || (a.productWrites || []).length
    || (a.parked || []).length));
}

async function order(shop, orderNo) {
  const o = await api('GET', `/api/orders/${encodeURIComponent(shop)}/${encodeURIComponent(orderNo)}`);
  const base = `/api/orders/${encodeURIComponent(shop)}/${encodeURIComponent(orderNo)}`;
  const buttons = [];
  if (['PARKED', 'FAILED'].includes(o.state)) {
    buttons.push(h('button', { class: 'primary', 'data-action': 'resend', onclick: () => act('Re-send order ' + orderNo,
      'The order goes back to the flow. It is looked up in e-conomic first, so it cannot be created twice.', false,
      'POST', base + '/resend') }, 'Re-send'));
  }
  if (['NEW', 'IN_DOUBT', 'FAILED'].includes(o.state)) {
    buttons.push(h('button', { 'data-action': 'park', onclick: () => act('Park order ' + orderNo,
      'The flow stops trying this order until it is re-sent or unparked.', true, 'POST', base + '/park',
      reason => ({ reason })) }, 'Park…'));
  }
  if (['PARKED', 'SKIPPED'].includes(o.state)) {
    buttons.push(h('button', { 'data-action': 'unpark', onclick: () => act('Unpark order ' + orderNo,
      'The order goes back to the flow as it is now in the shop.', false, 'POST', base + '/unpark') }, 'Unpark'));
  }
  if (!['ACKNOWLEDGED', 'SKIPPED', 'IN_DOUBT', 'CREATED', 'SENDING'].includes(o.state)) {
    buttons.push(h('button', { 'data-action': 'skip', onclick: () => act('Skip order ' + orderNo,
      'The order will not be sent to e-conomic. Refused when e-conomic already has a document for it.', true,
      'POST', base + '/skip', reason => ({ reason })) }, 'Skip…'));
  }
  // A dry run: the standard mapping and the plugins on the order as the shop has it now; nothing is written.
  const replayOut = h('div', { 'data-replay': '' });
  buttons.push(h('button', { 'data-action': 'replay', onclick: async () => {
    replayOut.replaceChildren(h('p', { class: 'muted' }, 'Replaying…'));
    try {
      const r = await api('POST', base + '/replay');
      replayOut.replaceChildren(h('h2', {}, 'Replay (nothing was written)'),
        r.parked ? h('p', { 'data-replay-parked': '' }, 'It would be parked: ' + r.parked) : null,
        h('p', { 'data-replay-differences': (r.differences || []).length },
          (r.differences || []).length ? 'Differences from what was sent:' : r.sent
            ? 'The document would be the same as the one sent.' : 'Nothing was sent for it yet.'),
        (r.differences || []).length ? h('ul', {}, r.differences.map(d => h('li', {}, d))) : null,
        r.document ? h('details', {}, h('summary', {}, 'The document that would be sent (JSON)'),
          h('pre', {}, pretty(r.document))) : null);
    } catch (e) {
      replayOut.replaceChildren(h('p', { class: 'error' }, e.message));
    }
  } }, 'Replay (dry run)'));
  const c = CAUSES[o.reasonCode] ? { rule: CAUSES[o.reasonCode] } : null;
  const outcome = o.outcome || {};
  const summary = orderSummary(o);
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, 'State'), h('dd', { 'data-order-state': o.state }, stateBadge(o.state)),
    o.reason ? [h('dt', {}, 'Reason'), h('dd', { 'data-reason': '' }, o.reason)] : null,
    c ? [h('dt', {}, 'Fix'), h('dd', {}, c.rule.fix)] : null,
    h('dt', {}, 'Customer'), h('dd', { 'data-customer': '' }, summary.customer || '—'),
    h('dt', {}, 'e-conomic'), h('dd', { 'data-economic': '' }, (outcome.documents || []).length
      ? h('ul', { class: 'docs' }, outcome.documents.map(d => h('li', { 'data-document-kind': d.kind },
        h('strong', {}, `${d.kind} ${d.number}`), h('span', { class: 'muted' }, ` ${d.what}`))))
      : 'not yet'),
    h('dt', {}, 'Channel'), h('dd', {}, o.channel || '—'),
    h('dt', {}, 'Attempts'), h('dd', {}, o.attempts),
    h('dt', {}, 'Updated'), h('dd', {}, when(o.updatedAt)));
  const timeline = h('ol', { class: 'timeline', 'data-timeline': '' }, (o.timeline || []).map(step => h('li', {},
    h('strong', { 'data-step': step.step }, step.step), ' ', h('span', { class: 'muted' }, when(step.at)),
    step.httpStatus ? ` · HTTP ${step.httpStatus}` : '', step.attempt ? ` · attempt ${step.attempt}` : '',
    step.detail ? h('div', {}, step.detail) : null,
    step.payload ? h('details', {}, h('summary', {}, 'payload'), h('pre', {}, pretty(step.payload))) : null)));
  const withReason = reason => ({ reason });
  const actions = (o.statusActions || []).map(a => [a.id, a.action || a.event, stateBadge(a.state), a.reason || '',
    [a.state === 'PARKED' ? h('button', { 'data-action': 'retry-status-action', onclick: () => act('Retry status action',
      a.retryWill || '', false, 'POST', `${base}/status-actions/${a.id}/retry`) }, 'Retry') : '',
    ['PARKED', 'FAILED'].includes(a.state) ? h('button', { 'data-action': 'skip-status-action', onclick: () => act(
      'Skip status action', 'Nothing is done in the shop for it. Say why:', true, 'POST',
      `${base}/status-actions/${a.id}/skip`, withReason) }, 'Skip') : '']]);
  const reversals = (o.reversals || []).map(r => [r.seq, r.kind, r.action || '', stateBadge(r.state), r.reason || '',
    ['PARKED', 'FAILED'].includes(r.state) ? [h('button', { 'data-action': 'retry-reversal', onclick: () => act(
      'Retry reversal ' + r.seq, 'What may already be in e-conomic is looked up first.', false, 'POST',
      `${base}/reversals/${r.seq}/retry`) }, 'Retry'), h('button', { 'data-action': 'skip-reversal', onclick: () => act(
      'Skip reversal ' + r.seq, 'Nothing is changed in e-conomic for it. Say why:', true, 'POST',
      `${base}/reversals/${r.seq}/skip`, withReason) }, 'Skip')] : '']);
  if (!FINAL.includes(o.state)) {
    // Still on its way: show the outcome when the flow gets there, without a reload by hand.
    refreshTimer = setTimeout(route, 2000);
  }
  return [h('h1', { 'data-page': 'order' }, `Order ${orderNo} `, h('span', { class: 'muted' }, `shop ${shop}`)),
    outcome.headline ? h('p', { class: 'outcome ' + (outcome.tone || ''), 'data-outcome': outcome.tone || '' },
      outcome.headline) : null,
    facts, h('div', { class: 'actions' }, buttons), replayOut,
    summary.lines.length ? [h('h2', {}, 'Lines'), table(['Article', 'Product', 'Qty',
      { label: 'Price', optional: true }, 'Amount'], summary.lines),
      h('p', { 'data-total': '' }, h('strong', {}, 'Total '), summary.total)] : null,
    h('h2', {}, 'Timeline'), timeline,
    actions.length ? [h('h2', {}, 'Status actions'), table(['#', 'Action', 'State', 'Reason', ''], actions)] : null,
    reversals.length ? [h('h2', {}, 'Reversals'), table(['#', 'Kind', 'Action', 'State', 'Reason', ''], reversals)]
      : null,
    o.economicDocument ? h('details', {}, h('summary', {}, 'The e-conomic document as sent (JSON)'),
      h('pre', { 'data-document': '' }, pretty(o.economicDocument))) : null,
    o.shopOrder ? h('details', {}, h('summary', {}, 'The shop order as read (JSON)'), h('pre', {}, pretty(o.shopOrder)))
      : null];
}

/** Customer, lines and total, read from the shop order (the shop's own words) or else the e-conomic document. */
function orderSummary(o) {
  const shopOrder = o.shopOrder && typeof o.shopOrder === 'object' ? o.shopOrder : {};
  const doc = o.economicDocument && typeof o.economicDocument === 'object' ? o.economicDocument : {};
  const buyer = shopOrder.Buyer || {};
  const name = [buyer.FirstName, buyer.LastName].filter(Boolean).join(' ') || buyer.CompanyName
    || (doc.recipient || {}).name;
  const customer = [name, buyer.EmailAddress, (doc.customer || {}).customerNumber
    ? `e-conomic customer ${doc.customer.customerNumber}` : null].filter(Boolean).join(' · ');
  const currency = typeof shopOrder.Currency === 'string' ? shopOrder.Currency
    : (shopOrder.Currency || {}).Code || doc.currency || '';
  const money = n => n === undefined || n === null || isNaN(n) ? '—'
    : `${Number(n).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
  let total = 0;
  let lines = [];
  if (Array.isArray(shopOrder.Items) && shopOrder.Items.length) {
    lines = shopOrder.Items.map(i => {
      const amount = i.LineAmount ?? (i.PriceSale ?? 0) * (i.QtyOrdered ?? 0);
      total += Number(amount) || 0;
      return [i.PartNo || '—', i.ProductName || i.Name || '', i.QtyOrdered ?? '', money(i.PriceSale), money(amount)];
    });
  } else if (Array.isArray(doc.lines)) {
    lines = doc.lines.map(l => {
      const amount = (l.quantity || 0) * (l.unitNetPrice || 0) * (1 - (l.discountPercentage || 0) / 100);
      total += amount;
      return [(l.product || {}).productNumber || '—', l.description || '', l.quantity ?? '', money(l.unitNetPrice),
        money(amount)];
    });
  }
  return { customer, lines, total: money(total) };
}

function pretty(value) { return typeof value === 'string' ? value : JSON.stringify(value, null, 2); }

/** What a reconciliation run counted, in the words of its kind. */
function counted(r) {
  return r.kind === 'stock-prices'
    ? `${r.economicDocuments} e-conomic articles read, ${r.ledgerOrders} shop values compared`
    : `${r.shopOrders} shop orders, ${r.ledgerOrders} in the ledger, ${r.economicDocuments} e-conomic documents`;
}

const RECONCILIATION_KINDS = { orders: 'Orders (shop vs ledger vs e-conomic)',
  'stock-prices': 'Stock and prices (e-conomic vs what the shop was sent)' };

async function reconciliation() {
  const [runs, flows] = await Promise.all([api('GET', '/api/reconciliation'), api('GET', '/api/flows')]);
  const shops = [...new Set(flows.shops.map(s => s.shop))];
  const shop = h('select', { id: 'reco-shop' }, shops.map(s => h('option', { value: s }, s)));
  const kinds = (runs.kinds || 'orders').split(',').filter(Boolean);
  const kind = h('select', { id: 'reco-kind' }, kinds.map(k => h('option', { value: k }, RECONCILIATION_KINDS[k] || k)));
  const day = h('input', { id: 'reco-day', type: 'date' });
  const run = h('button', { class: 'primary', 'data-action': 'reconcile', onclick: async () => {
    run.disabled = true;
    try {
      const result = await api('POST', '/api/reconciliation', { shop: shop.value, kind: kind.value,
        day: day.value || null });
      location.hash = `#/reconciliation/${result.id}`;
    } catch (e) { notify(e.message, true); run.disabled = false; }
  } }, 'Reconcile now');
  return [h('h1', { 'data-page': 'reconciliation' }, 'Reconciliation'),
    h('p', { class: 'muted' }, 'Orders: shop orders vs the ledger vs e-conomic documents, per shop and day (empty day:'
      + ' yesterday). Stock and prices: every e-conomic article against the values the shop was sent.'),
    h('div', { class: 'actions' }, h('label', {}, 'Shop ', shop), h('label', {}, 'Kind ', kind),
      h('label', {}, 'Day ', day), run),
    table(['Run', 'Shop', { label: 'Day', optional: true }, 'Kind', 'State', 'Findings',
      { label: 'Counted', optional: true }],
      runs.runs.map(r => [h('a', { href: `#/reconciliation/${r.id}` }, `#${r.id}`), r.shop, r.day,
        r.kind === 'stock-prices' ? 'stock and prices' : r.kind, stateBadge(r.state), r.findingCount,
        counted(r)]))];
}

async function reconciliationRun(id) {
  const r = await api('GET', `/api/reconciliation/${encodeURIComponent(id)}`);
  const findings = (r.findings || []).map(f => [f.kind, f.orderNo ? orderLink(r.shop, f.orderNo)
    : f.articleNo ? articleLink(r.shop, f.articleNo) : '', f.detail,
    h('span', {}, f.action, f.fixPath ? h('div', {}, h('button', { 'data-action': 'fix', onclick: () => act(f.action,
      `${f.fixMethod} ${f.fixPath}`, false, f.fixMethod, f.fixPath, f.fixBody ? () => f.fixBody : null) }, 'Do it'))
      : null)]);
  return [h('h1', { 'data-page': 'reconciliation-run' }, `Reconciliation #${r.id}: shop ${r.shop}, `
      + `${r.kind === 'stock-prices' ? 'stock and prices' : 'orders of ' + r.day}`),
    h('p', {}, stateBadge(r.state), ` ${counted(r)}; ${r.apiCalls} e-conomic calls.`, r.error ? ` ${r.error}` : ''),
    findings.length ? table(['Finding',
      r.kind === 'stock-prices' ? 'Article' : 'Order', 'What is wrong', 'Fix'], findings)
      : h('p', { class: 'muted' }, 'Everything matches.'),
    h('p', {}, h('a', { href: '#/reconciliation' }, '← all runs'))];
}

function articleLink(shop, article) {
  return h('a', { href: `#/article/${encodeURIComponent(shop)}/${encodeURIComponent(article)}`,
    'data-article-link': `${shop}/${article}` }, article);
}

// ---- catalogue

function value(kind, v) {
  if (v === null || v === undefined) return '—';
  if (kind === 'stock') return `${v.onHand} on hand` + (Number(v.incoming) ? `, ${v.incoming} incoming` : '')
    + (v.leadTimeDays !== null && v.leadTimeDays !== undefined ? `, lead time ${v.leadTimeDays} days` : '');
  if (kind === 'price') return v.active ? String(v.price) : 'switched off';
  return Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v);
}

async function article(shop, articleNo) {
  // An article nothing knows of may answer 404: the page says so instead of failing.
  const a = await api('GET', `/api/articles/${encodeURIComponent(shop)}/${encodeURIComponent(articleNo)}`)
    .catch(e => /answered 404|^No /.test(e.message) ? {} : Promise.reject(e));
  const r = a.economicReading;
  const known = r || (a.shopValues || []).length || (a.productWrites || []).length || (a.parked || []).length;
  const repushAction = repush(shop, articleNo);
  return [h('h1', { 'data-page': 'article' }, `Article ${articleNo} `, h('span', { class: 'muted' }, `shop ${shop}`)),
    known ? null : h('p', { 'data-empty': 'article' }, `Nothing is known of article ${articleNo} in shop ${shop}: `
      + 'e-conomic has not been read for it and no value or product write names it.'),
    (a.parked || []).length ? h('section', { class: 'group', 'data-parked-article': '' }, h('h2', {}, 'Parked'),
      table(['Kind', 'Reason', { label: 'Since', optional: true }], a.parked.map(p => [parkedKind(p.kind).label,
        p.reason, when(p.parkedAt)]))) : null,
    h('h2', {}, 'e-conomic'),
    r ? h('dl', { class: 'facts', 'data-economic-reading': '' },
      h('dt', {}, 'In stock'), h('dd', {}, r.inStock ?? '—'), h('dt', {}, 'Available'), h('dd', {}, r.available ?? '—'),
      h('dt', {}, 'Incoming'), h('dd', {}, r.incoming ?? '—'), h('dt', {}, 'Sales price'),
      h('dd', {}, r.salesPrice ?? '—'), h('dt', {}, 'Barred'), h('dd', {}, r.barred ? 'yes' : 'no'),
      h('dt', {}, 'Changed in e-conomic'), h('dd', {}, when(r.lastUpdated)))
      : h('p', { class: 'muted' }, 'Not read from e-conomic yet.'),
    h('h2', {}, 'What the shop is sent'),
    (a.shopValues || []).length ? table(['Value', 'Wanted', 'Sent', { label: 'Sent at', optional: true }, 'State'],
      a.shopValues.map(v => [v.kind === 'price' ? `price list ${v.priceList}` : v.kind,
        h('span', { 'data-wanted': v.kind + (v.priceList ? ':' + v.priceList : '') }, value(v.kind, v.wanted)),
        value(v.kind, v.sent), when(v.pushedAt),
        v.reason ? h('span', { class: 'cause' }, v.reason) : v.waiting ? h('span', { class: 'state warn' }, 'waiting')
          : h('span', { class: 'state ok' }, 'sent')]))
      : h('p', { class: 'muted' }, 'No stock or price values for this shop.'),
    (a.shopValues || []).length ? h('div', { class: 'actions' }, h('button', { 'data-action': 'repush',
      onclick: () => act(repushAction.title, repushAction.text, false, 'POST', repushAction.path) }, 'Re-push'))
      : null,
    h('h2', {}, 'Product history'),
    (a.productWrites || []).length ? h('ol', { class: 'timeline', 'data-history': '' }, a.productWrites.map(w =>
      h('li', {}, h('strong', {}, w.outcome), ' ', h('span', { class: 'muted' }, when(w.at)),
        ` · ${w.writer} → ${w.target}`, w.fields ? h('div', {}, `fields: ${w.fields}`) : null,
        w.detail ? h('div', {}, w.detail) : null)))
      : h('p', { class: 'muted' }, 'No product writes recorded.')];
}

async function initialSync(id) {
  const flows = await api('GET', '/api/flows');
  if (!id) {
    const shop = h('select', { id: 'sync-shop' }, flows.shops.map(s => h('option', { value: s.shop }, s.shop)));
    const direction = h('select', { id: 'sync-direction' },
      h('option', { value: 'shop-to-economic' }, 'shop → e-conomic'),
      h('option', { value: 'economic-to-shop' }, 'e-conomic → shop'));
    const start = dryRun => async () => {
      if (!dryRun && await confirmAction('Start a real initial sync',
        'Products are written to the target system as the plan says. Run a dry run first.', false) === null) return;
      try {
        const run = await api('POST', '/api/initial-sync', { shop: shop.value, direction: direction.value, dryRun });
        location.hash = `#/initial-sync/${run.id}`;
      } catch (e) { notify(e.message, true); }
    };
    return [h('h1', { 'data-page': 'initial-sync' }, 'Initial sync'),
      h('p', { class: 'muted' }, 'Matches every product of the shop and of e-conomic by article number and plans what'
        + ' to create and update. A dry run writes nothing and ends with the report; a real run writes the plan.'),
      h('div', { class: 'actions' }, h('label', {}, 'Shop ', shop), h('label', {}, 'Direction ', direction),
        h('button', { class: 'primary', 'data-action': 'dry-run', onclick: start(true) }, 'Dry run'),
        h('button', { 'data-action': 'real-run', onclick: start(false) }, 'Real run…'))];
  }
  const run = await api('GET', `/api/initial-sync/${encodeURIComponent(id)}`);
  const finished = !!run.finishedAt;
  if (!finished) refreshTimer = setTimeout(route, 1000); // live progress until the run ends
  const p = run.progress;
  const percent = p && p.total ? Math.min(100, Math.round(p.done * 100 / p.total)) : null;
  const counts = run.counts && typeof run.counts === 'object' ? run.counts : null;
  return [h('h1', { 'data-page': 'initial-sync-run' }, `Initial sync #${run.id}: shop ${run.shop}, ${run.direction}`
      + (run.dryRun ? ' (dry run)' : '')),
    h('p', {}, stateBadge(run.state), finished ? ` finished ${when(run.finishedAt)}` : ' running…',
      run.message || (finished && run.dryRun) ? h('span', { 'data-sync-message': '' }, ' ' + (run.message
        || 'Dry run: nothing was written; the report shows what a real run would do.')) : null),
    p ? h('div', { 'data-progress': '' }, h('progress', { max: p.total || 1, value: p.done }),
      ` ${p.phase}: ${p.done} of ${p.total}` + (percent !== null ? ` (${percent} %)` : '')) : null,
    !run.dryRun && run.total ? h('p', {}, `Written ${run.done} of ${run.total}, ${run.failed} refused.`) : null,
    counts ? [h('h2', {}, 'Report'), table(['What', 'Products'], Object.entries(counts).map(([k, v]) => [k,
      h('span', { 'data-report-count': k }, String(v))]))] : null,
    run.reportDownload ? h('p', {}, h('a', { href: location.origin + run.reportDownload,
      download: `initial-sync-${run.id}.json`, 'data-report-download': '' }, 'Download the report (JSON)')) : null,
    h('p', {}, h('a', { href: '#/initial-sync' }, '← start another'))];
}

async function flowsPage() {
  // The instances are an extra: when they cannot be read the flows still show.
  const [flows, instances] = await Promise.all([api('GET', '/api/flows'),
    api('GET', '/api/instances').catch(() => null)]);
  refreshTimer = setTimeout(() => document.getElementById('confirm').open ? null : route(), DASHBOARD_REFRESH_MS);
  return [h('h1', { 'data-page': 'flows' }, 'Flows'),
    h('p', { class: 'muted' }, 'Every scheduled flow; "Run now" runs it once besides its schedule. To see what a flow'
      + ' does step by step, with its calls to e-conomic and the shop, switch on its ', h('a', { href: '#/tracing' },
      'tracing'), '.'),
    connectionsBlock(flows),
    (flows.shops || []).map(shop => [h('h2', {}, `Shop ${shop.shop}`), flowTable(shop.flows)]),
    (flows.otherFlows || []).length ? [h('h2', {}, 'Other flows'), flowTable(flows.otherFlows)] : null,
    instances ? instancesBlock(instances) : null];
}

/** The runtimes sharing this store: which one answered, and which have stopped beating. */
function instancesBlock(view) {
  const list = view.instances || [];
  return h('section', { 'data-block': 'instances' }, h('h2', {}, 'Instances'),
    h('p', { class: 'muted' }, `${view.live} live; this page is served by ${view.self} (${view.role}); `
      + `scheduler ${view.scheduler}.`),
    table(['Instance', 'State', { label: 'Host', optional: true }, { label: 'Version', optional: true },
      { label: 'Started', optional: true }, 'Last beat'],
    list.map(i => [i.self ? `${i.id} (this one)` : i.id, liveBadge(i.live), i.host, i.version, when(i.startedAt),
      when(i.lastBeat)]), list.map(i => !i.live)));
}

function liveBadge(live) {
  const word = live ? 'live' : 'gone';
  return h('span', { class: 'state ' + (live ? 'ok' : 'bad'), 'data-state': word }, word);
}

// ---- tracing

/** A flow's name as the dashboard shows it, by route id; routes a flow calls (order-steps, ...) keep their id. */
function flowNames(flows) {
  const names = new Map();
  (flows.shops || []).flatMap(s => s.flows).concat(flows.otherFlows || []).forEach(f => names.set(f.routeId, f.flow));
  return names;
}

function traceLink(routeId, label) {
  return h('a', { href: `#/tracing/${encodeURIComponent(routeId)}`, 'data-trace-link': routeId }, label);
}

async function switchTracing(routeId, name, on) {
  if (on && await confirmAction(`Trace ${name}`, `Every step of ${routeId} and each of its calls to e-conomic and`
    + ' the shop are kept in memory (credentials masked, customer data as in the timeline) until tracing is switched'
    + ' off.', false) === null) return;
  try {
    await api('POST', `/api/tracing/${encodeURIComponent(routeId)}`, { enabled: on });
    notify(on ? `Tracing of ${name} is on: run the flow, then read what it did.`
      : `Tracing of ${name} is off; its capture is cleared.`);
  } catch (e) { notify(e.message, true); }
  route();
}

function tracingButton(routeId, name, enabled) {
  return h('button', { 'data-action': enabled ? 'trace-off' : 'trace-on', 'data-trace': routeId,
    'aria-label': `${enabled ? 'Stop tracing' : 'Trace'} ${routeId}`, class: enabled ? null : 'primary',
    onclick: () => switchTracing(routeId, name, !enabled) }, enabled ? 'Switch off' : 'Switch on');
}

async function tracing() {
  const [list, flows] = await Promise.all([api('GET', '/api/tracing'), api('GET', '/api/flows')]);
  const names = flowNames(flows);
  const routes = list.routes || [];
  const rows = kind => routes.filter(r => r.kind === kind).map(r => [
    h('span', {}, traceLink(r.routeId, names.get(r.routeId) || r.routeId),
      names.has(r.routeId) ? h('div', { class: 'muted' }, r.routeId) : null),
    h('span', { class: 'state ' + (r.enabled ? 'ok' : ''), 'data-tracing': r.routeId }, r.enabled ? 'On' : 'Off'),
    String(r.captured), tracingButton(r.routeId, names.get(r.routeId) || r.routeId, r.enabled)]);
  const admin = rows('admin');
  return [h('h1', { 'data-page': 'tracing' }, 'Tracing'),
    h('p', { class: 'muted' }, 'Switch tracing on for a flow, let it run (or press Run now on the Flows page), then'
      + ' open it: each step by name and each call to e-conomic and the shop with its request and answer,'
      + ` credentials masked. The last ${list.captureSize} entries per flow are kept, in memory of this instance.`
      + ' To follow one order, trace order-steps; a reversal, process-reversal.'),
    table(['Flow', 'Tracing', 'Captured', ''], rows('flow')),
    admin.length ? h('details', {}, h('summary', {}, `The admin side's own routes (${admin.length})`),
      table(['Route', 'Tracing', 'Captured', ''], admin)) : null];
}

function callStatus(call) {
  if (call.failure) return h('span', { class: 'state bad', 'data-call-status': 'failed' }, 'failed');
  const status = (call.response || {}).status;
  return h('span', { class: 'state ' + (status >= 200 && status < 300 ? 'ok' : status >= 400 ? 'bad' : 'warn'),
    'data-call-status': String(status) }, String(status));
}

function headerList(headers) {
  const entries = Object.entries(headers || {});
  return entries.length ? h('dl', { class: 'facts' }, entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]))
    : h('p', { class: 'muted' }, 'No headers.');
}

function folded(label, headers, body, test) {
  const empty = body === null || body === undefined || body === '';
  return h('details', { 'data-fold': test }, h('summary', {}, label),
    h('h3', {}, 'Headers'), headerList(headers),
    h('h3', {}, 'Body'), empty ? h('p', { class: 'muted' }, 'No body.') : h('pre', { 'data-body': test }, pretty(body)));
}

function traceEntry(entry, names) {
  const at = h('span', { class: 'muted' }, when(entry.at));
  if (entry.call) {
    const c = entry.call;
    const request = c.request || {};
    return h('li', { class: 'call', 'data-call': c.system, 'data-call-method': request.method },
      h('div', {}, h('strong', {}, `Call to ${c.system}`), ' ', callStatus(c), ' ', at,
        h('span', { class: 'muted' }, ` · ${c.millis ?? '—'} ms`)),
      h('div', { class: 'url', 'data-call-url': '' }, `${request.method} ${request.url}`),
      c.failure ? h('div', { class: 'cause' }, c.failure) : null,
      folded('Request', request.headers, request.body, 'request'),
      c.response ? folded(`Answer ${c.response.status}`, c.response.headers, c.response.body, 'response') : null);
  }
  return h('li', { 'data-step': entry.step },
    h('div', {}, h('strong', {}, entry.step), ' ', h('span', { class: 'muted' },
      `in ${names.get(entry.route) || entry.route}`), ' ', at),
    folded('Message', entry.headers, entry.body, 'message'));
}

async function traceCapture(routeId, params) {
  const [capture, flows] = await Promise.all([api('GET', `/api/tracing/${encodeURIComponent(routeId)}`),
    api('GET', '/api/flows')]);
  const names = flowNames(flows);
  const name = names.get(routeId) || routeId;
  const callsOnly = params.get('calls') === '1';
  const all = (capture.messages || []).slice().reverse(); // newest first: support looks for what just happened
  const shown = callsOnly ? all.filter(m => m.call) : all;
  const calls = all.filter(m => m.call).length;
  const here = `#/tracing/${encodeURIComponent(routeId)}`;
  return [h('h1', { 'data-page': 'trace' }, `Tracing: ${name}`, names.has(routeId)
    ? h('span', { class: 'muted' }, ` ${routeId}`) : null),
  h('p', {}, h('span', { class: 'state ' + (capture.enabled ? 'ok' : ''), 'data-tracing': routeId },
    capture.enabled ? 'On' : 'Off'), ` ${all.length} of at most ${capture.captureSize} entries kept, ${calls}`
    + ` ${plural(calls, 'call')} to e-conomic and the shop; newest first.`),
  h('div', { class: 'actions' }, tracingButton(routeId, name, capture.enabled),
    h('button', { 'data-action': 'refresh', onclick: () => route() }, 'Refresh'),
    h('a', { href: callsOnly ? here : here + '?calls=1', 'data-filter': callsOnly ? 'all' : 'calls' },
      callsOnly ? 'Show every step' : 'Show only the calls')),
  shown.length ? h('ol', { class: 'timeline trace', 'data-capture': routeId }, shown.map(m => traceEntry(m, names)))
    : h('p', { class: 'muted', 'data-empty': 'trace' }, capture.enabled
      ? 'Nothing captured yet: the flow has not run since tracing was switched on.'
      : 'Tracing is off. Switch it on, then let the flow run.'),
  h('p', {}, h('a', { href: '#/tracing' }, '← every flow'))];
}

// ---- routing

async function route() {
  clearTimeout(refreshTimer);
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, queryString] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(queryString || '');
  const page = parts[0] || 'dashboard';
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active',
    a.dataset.nav === ({ order: 'orders', article: 'orders' }[page] || page)));
  try {
    let content;
    if (page === 'failures') content = await failures();
    else if (page === 'orders') content = await orders(params);
    else if (page === 'order' && parts.length === 3) content = await order(parts[1], parts[2]);
    else if (page === 'reconciliation' && parts[1]) content = await reconciliationRun(parts[1]);
    else if (page === 'reconciliation') content = await reconciliation();
    else if (page === 'article' && parts.length === 3) content = await article(parts[1], parts[2]);
    else if (page === 'initial-sync') content = await initialSync(parts[1]);
    else if (page === 'flows') content = await flowsPage();
    else if (page === 'tracing' && parts[1]) content = await traceCapture(parts[1], params);
    else if (page === 'tracing') content = await tracing();
    else if (page === 'dashboard') content = await dashboard();
    else content = [h('h1', { 'data-page': 'unknown' }, 'No such page'), h('p', {}, `The console has no page “${hash}”. `,
      h('a', { href: '#/' }, 'Go to the dashboard'))];
    if (hash !== (location.hash.replace(/^#/, '') || '/')) return; // the user moved on meanwhile
    view.replaceChildren(...[content].flat(Infinity).filter(x => x !== null && x !== undefined && x !== false));
  } catch (e) {
    view.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { 'data-error': '' }, e.message));
  }
}

document.getElementById('search').addEventListener('submit', event => {
  event.preventDefault();
  const q = document.getElementById('search-q').value.trim();
  location.hash = '#/orders' + (q ? '?q=' + encodeURIComponent(q) : '');
});
document.getElementById('notice').addEventListener('click', event => { event.currentTarget.hidden = true; });
window.addEventListener('hashchange', route);
route();

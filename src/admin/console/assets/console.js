// iam-local console: hash-routed pages, no framework. Every change goes through
// POST /_iam/console/api/call, i.e. the same execute() as the AWS API, as the signed-in principal.
'use strict';
const API = '/_iam/console/api';
const main = document.getElementById('main');
let me = null;

// ---------- small DOM helpers ----------
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}
const link = (href, text) => h('a', { href }, text);
const fmt = (v) => (v === undefined || v === null || v === '' ? '—' : /^\d{4}-\d\d-\d\dT/.test(v) ? v.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : String(v));
const enc = encodeURIComponent;
const decodeDoc = (d) => { try { return decodeURIComponent(d); } catch { return d; } };
/** A one-line document, indented for reading (documents with their own layout are shown as stored). */
const prettyJson = (text) => { try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; } };

function table(cols, rows, empty = 'None.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, cols.map((c) => h('th', {}, c[0] || h('span', { class: 'sr-only' }, 'Actions'))))),
    h('tbody', {}, rows.map((r) => h('tr', {}, cols.map((c) => h('td', {}, c[1](r))))))));
}
function errorBox(e) {
  return h('div', { class: 'error', role: 'alert' }, h('b', {}, e.code || 'Error'), ': ', e.message || String(e));
}
function panel(title, body, ...actions) {
  return h('section', { class: 'panel' }, h('header', {}, h('h2', {}, title), h('div', { class: 'actions' }, actions)), body);
}

// ---------- API ----------
async function api(path, body) {
  const res = await fetch(API + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({ error: { code: 'Error', message: res.statusText, status: res.status } }));
  if (data && data.error) {
    if (data.error.code === 'NotSignedIn') { me = null; location.hash = '#/signin'; }
    throw data.error;
  }
  return data;
}
/** One IAM (or STS) action with flat Query parameters; resolves to its output, rejects with {code,message,status}. */
async function call(action, params = {}, service = 'iam') {
  return (await api('/call', { service, action, params })).output;
}
/** Every page of a paginated List* action. */
async function all(action, params, key) {
  let out = [], marker;
  for (let i = 0; i < 50; i++) {
    const r = await call(action, { ...params, ...(marker ? { Marker: marker } : {}), MaxItems: '1000' });
    out = out.concat(r[key] || []);
    if (!r.IsTruncated) break;
    marker = r.Marker;
  }
  return out;
}
const members = (prefix, values) => Object.fromEntries(values.map((v, i) => [`${prefix}.member.${i + 1}`, v]));

/** Runs fn; on failure shows the AWS error above `where` (or in the page). Returns true when it worked. */
async function act(fn, where) {
  try { await fn(); return true; } catch (e) { flash(e, where); return false; }
}
function flash(e, where) {
  const box = e && e.code ? errorBox(e) : h('div', { class: 'ok' }, String(e));
  const host = where || main;
  host.querySelectorAll(':scope > .error, :scope > .ok').forEach((n) => n.remove());
  const head = host.querySelector(':scope > header, :scope > h1');
  if (head) head.after(box); else host.prepend(box);
  box.scrollIntoView({ block: 'nearest' });
}
/** An async section: renders a placeholder, then the loaded content or the error in place. */
function lazy(render) {
  const box = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  Promise.resolve().then(render).then((el) => box.replaceChildren(el), (e) => box.replaceChildren(errorBox(e)));
  return box;
}
const rerender = () => route();
let fieldIds = 0;
/** A control with its visible label (label for=…), for forms. */
function field(text, control) {
  if (!control.id) control.id = `field-${++fieldIds}`;
  return [h('label', { for: control.id }, text), control];
}

/** One confirmation listing what will happen; resolves true when confirmed. */
function confirmDialog(title, items, { confirm = 'Delete', intro = '' } = {}) {
  return new Promise((resolve) => {
    const ok = h('button', { class: 'primary danger', type: 'button', 'data-test': 'confirm' }, confirm);
    const cancel = h('button', { type: 'button', 'data-test': 'cancel' }, 'Cancel');
    const dlg = h('dialog', { class: 'confirm', 'aria-labelledby': 'dlg-title', 'data-test': 'confirm-dialog' },
      h('h2', { id: 'dlg-title' }, title), intro ? h('p', {}, intro) : '',
      items.length ? h('ul', { 'data-test': 'confirm-items' }, items.map((i) => h('li', {}, i))) : '',
      h('div', { class: 'inline' }, ok, cancel));
    const back = document.activeElement;
    const done = (v) => { dlg.close(); dlg.remove(); if (back && back.isConnected) back.focus(); resolve(v); };
    ok.addEventListener('click', () => done(true));
    cancel.addEventListener('click', () => done(false));
    dlg.addEventListener('cancel', (ev) => { ev.preventDefault(); done(false); });
    document.body.append(dlg);
    dlg.showModal();
    cancel.focus();
  });
}
/** Runs fn after a confirmation. */
const confirmed = (title, items, fn, _unused, opts) => async (ev) => {
  // Errors show in the panel the button is in (looked up on click: the panel may not exist yet when the button is made).
  const where = (ev && ev.currentTarget && ev.currentTarget.closest && ev.currentTarget.closest('section.panel')) || null;
  if (await confirmDialog(title, items, opts)) await act(fn, where);
};

/** A button that copies `text` to the clipboard. */
function copyButton(text, what) {
  const b = h('button', { type: 'button', class: 'small', 'aria-label': `Copy ${what}` }, 'Copy');
  b.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(text); }
    catch { const t = h('textarea', {}); t.value = text; document.body.append(t); t.select(); document.execCommand('copy'); t.remove(); }
    b.textContent = 'Copied';
    setTimeout(() => { b.textContent = 'Copy'; }, 1500);
  });
  return b;
}
const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

// ---------- policies: one searchable list over customer and AWS managed policies ----------
let policyCache = null;
const allPolicies = () => (policyCache ??= all('ListPolicies', { Scope: 'All' }, 'Policies').catch((e) => { policyCache = null; throw e; }));
const forgetPolicies = () => { policyCache = null; };
const isAwsArn = (arn) => arn.startsWith('arn:aws:iam::aws:');
const policyType = (arn) => (isAwsArn(arn) ? 'AWS managed' : 'Customer managed');
/** Exact name matches first, then prefix matches, then the rest that contain the text. */
function rankPolicies(list, q) {
  const f = q.trim().toLowerCase();
  const ranked = [];
  for (const p of list) {
    const n = p.PolicyName.toLowerCase();
    const r = !f ? 3 : n === f || p.Arn.toLowerCase() === f ? 0 : n.startsWith(f) ? 1 : n.includes(f) ? 2 : -1;
    if (r >= 0) ranked.push([r, isAwsArn(p.Arn) ? 1 : 0, p]);
  }
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].PolicyName.localeCompare(b[2].PolicyName)).map((x) => x[2]);
}
let pickerIds = 0;
/** Search + checkboxes (radio buttons when single) over every policy; .selected() → ARNs. */
function policyPicker({ exclude = [], single = false, label = 'Search policies' } = {}) {
  const uid = ++pickerIds;
  const chosen = new Set();
  const q = h('input', { type: 'search', 'aria-label': label, placeholder: 'Policy name, e.g. ReadOnly', 'data-test': 'policy-search', autocomplete: 'off' });
  const typeSel = h('select', { 'aria-label': 'Policy type filter' }, [['All', 'All types'], ['AWS', 'AWS managed'], ['Local', 'Customer managed']].map(([v, t]) => h('option', { value: v }, t)));
  const count = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading policies…');
  const body = h('tbody');
  let list = [];
  const draw = () => {
    const t = typeSel.value;
    const hits = rankPolicies(list.filter((p) => t === 'All' || (t === 'AWS') === isAwsArn(p.Arn)), q.value);
    const shown = hits.slice(0, 50);
    count.textContent = `${hits.length} ${hits.length === 1 ? 'policy' : 'policies'}${hits.length > shown.length ? `, first ${shown.length} shown: type more of the name` : ''}${chosen.size ? `; ${chosen.size} selected` : ''}.`;
    body.replaceChildren(...shown.map((p, i) => {
      const id = `pick-${uid}-${i}`;
      const box = h('input', { type: single ? 'radio' : 'checkbox', name: `pick-${uid}`, id, value: p.Arn, checked: chosen.has(p.Arn) });
      box.addEventListener('change', () => { if (single) chosen.clear(); if (box.checked) chosen.add(p.Arn); else chosen.delete(p.Arn); draw(); });
      return h('tr', { 'data-arn': p.Arn }, h('td', {}, box), h('td', {}, h('label', { for: id }, p.PolicyName)), h('td', {}, policyType(p.Arn)));
    }));
  };
  q.addEventListener('input', draw);
  typeSel.addEventListener('change', draw);
  const ready = allPolicies().then((l) => { list = l.filter((p) => !exclude.includes(p.Arn)); draw(); }, (e) => { count.replaceChildren(errorBox(e)); throw e; });
  const el = h('div', { class: 'picker' }, h('div', { class: 'inline' }, q, typeSel), count,
    h('div', { class: 'scroll pick-table' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, h('span', { class: 'sr-only' }, 'Select')), h('th', {}, 'Policy name'), h('th', {}, 'Type'))), body)));
  /** The chosen ARNs; with none chosen, what was typed: an ARN as is, or the one policy of that exact name. */
  el.selected = async () => {
    if (chosen.size) return [...chosen];
    await ready;
    const typed = q.value.trim();
    if (!typed) throw { code: 'NothingChosen', message: 'Choose one or more policies from the list.' };
    if (typed.startsWith('arn:')) return [typed];
    const exact = list.filter((p) => p.PolicyName.toLowerCase() === typed.toLowerCase());
    if (exact.length === 1) return [exact[0].Arn];
    throw { code: 'NothingChosen', message: exact.length ? `Several policies are named ${typed}: tick the one you mean.` : `No policy is named ${typed}: choose one from the list.` };
  };
  el.input = q;
  el.chosenCount = () => chosen.size;
  return el;
}

// ---------- document viewer with a highlighted range ----------
function offsetOf(text, pos) {
  let line = 1, i = 0;
  while (line < pos.Line && i < text.length) { if (text[i] === '\n') line++; i++; }
  return i + pos.Column - 1;
}
function docView(text, range, cls) {
  const pre = h('pre', { class: 'code' });
  if (range) {
    // AWS's StartPosition is just after the statement's `{`; the mark starts at the `{` itself.
    const a = offsetOf(text, range.StartPosition) - 1, b = offsetOf(text, range.EndPosition);
    pre.append(text.slice(0, a), h('mark', { class: cls || '' }, text.slice(a, b)), text.slice(b));
  } else pre.textContent = /\n/.test(text) ? text : prettyJson(text);
  return pre;
}

// ---------- policy editor: what IAM and Access Analyzer would say, as you type ----------
let editorIds = 0;
function policyEditor(initial, kind = 'identity', label = 'Policy document') {
  const id = `policy-editor-${++editorIds}`;
  const ta = h('textarea', { class: 'code', id, spellcheck: 'false', 'aria-label': label, 'aria-describedby': `${id}-status ${id}-keys` });
  ta.value = initial || '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}';
  const status = h('div', { class: 'validation', id: `${id}-status`, 'data-test': 'validation', 'aria-live': 'polite' });
  const list = h('ul', { class: 'findings', 'data-test': 'findings' });
  const keysHelp = h('p', { class: 'muted small', id: `${id}-keys` }, 'Tab moves to the next control; to indent, select lines and press Tab (Shift+Tab outdents), or press Ctrl+] / Ctrl+[.');
  let timer, seq = 0;
  const where = (f) => h('button', { type: 'button', class: 'link', title: 'Select it in the editor', onclick: () => goTo(f.start, f.end) }, `Line ${f.start.line}, column ${f.start.column}`);
  const check = async () => {
    const n = ++seq;
    try {
      const { iam, findings } = await api('/policy-check', { document: ta.value, kind });
      if (n !== seq) return;
      // The server points IAM's refusal at the key or value it is about when it can.
      const at = iam.line ? { line: iam.line, column: iam.column } : null;
      const atEnd = iam.endLine ? { line: iam.endLine, column: iam.endColumn } : null;
      status.replaceChildren(iam.ok
        ? (findings.length ? h('div', { class: 'warn' }, `IAM accepts this policy, but Access Analyzer would report ${findings.length} finding${findings.length === 1 ? '' : 's'}:`) : h('span', { class: 'ok' }, 'Policy is valid.'))
        : h('div', { class: 'error' }, at ? h('button', { type: 'button', class: 'link', title: 'Go to the problem', onclick: () => goTo(at, atEnd) }, `Line ${at.line}, column ${at.column}`) : '', at ? ': ' : '', h('b', {}, iam.code), ': ', iam.message));
      const shown = iam.message === 'This policy contains invalid Json' ? [] : findings;
      list.replaceChildren(...shown.map((f) => h('li', { class: `finding ${f.findingType.toLowerCase()}`, 'data-issue': f.issueCode },
        where(f), ': ', h('b', {}, f.issueCode), ` (${{ ERROR: 'error', SECURITY_WARNING: 'security warning', WARNING: 'warning', SUGGESTION: 'suggestion' }[f.findingType]})`, ': ', h('span', { 'data-test': 'finding-details' }, f.findingDetails),
        h('div', { class: 'hint' }, h('span', { class: 'muted' }, 'Hint: '), f.hint, ' ', h('a', { href: f.learnMoreLink, target: '_blank', rel: 'noopener noreferrer' }, 'Learn more')))));
    } catch (e) { status.replaceChildren(errorBox(e)); }
  };
  const goTo = (from, to) => {
    const a = offsetOf(ta.value, { Line: from.line, Column: from.column });
    const b = to ? offsetOf(ta.value, { Line: to.line, Column: to.column }) : a + 1;
    ta.focus(); ta.setSelectionRange(a, Math.max(a + 1, b));
  };
  ta.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 250); });
  // As code editors in browsers do: Tab leaves the editor unless lines are selected; Ctrl+] / Ctrl+[ indent the line(s).
  const shift = (out) => {
    const v = ta.value, s0 = ta.selectionStart, e0 = ta.selectionEnd;
    const from = v.lastIndexOf('\n', s0 - 1) + 1;
    const to = e0 > s0 && v[e0 - 1] === '\n' ? e0 - 1 : e0;
    const lines = v.slice(from, to).split('\n');
    const changed = lines.map((l) => (out ? l.replace(/^ {1,2}/, '') : '  ' + l)).join('\n');
    ta.setRangeText(changed, from, to, 'select');
    ta.dispatchEvent(new Event('input'));
  };
  ta.addEventListener('keydown', (ev) => {
    if (ev.key === 'Tab' && !ev.ctrlKey && !ev.altKey && !ev.metaKey && ta.selectionEnd > ta.selectionStart && ta.value.slice(ta.selectionStart, ta.selectionEnd).includes('\n')) { ev.preventDefault(); shift(ev.shiftKey); }
    else if ((ev.ctrlKey || ev.metaKey) && (ev.key === ']' || ev.key === '[')) { ev.preventDefault(); shift(ev.key === '['); }
  });
  check();
  const el = h('div', { class: 'editor' }, ta, keysHelp, status, list);
  el.value = () => ta.value;
  el.textarea = ta;
  return el;
}
/** A dialog-like panel with an editor and a submit action. */
function editorForm(title, initial, kind, extraFields, submit) {
  const ed = policyEditor(initial, kind);
  const form = h('form', { class: 'stack' }, extraFields || [], h('label', { for: ed.textarea.id }, 'Policy document (JSON)'), ed,
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Save')));
  form.addEventListener('submit', async (ev) => { ev.preventDefault(); if (await act(() => submit(ed.value(), form), form)) rerender(); });
  return panel(title, form);
}

// ---------- reusable entity sections ----------
function attachedPolicies(kind, name) {
  const K = kind[0].toUpperCase() + kind.slice(1);
  return lazy(async () => {
    const list = await all(`ListAttached${K}Policies`, { [`${K}Name`]: name }, 'AttachedPolicies');
    const holder = h('div');
    const open = h('button', { type: 'button', 'data-test': 'add-permissions', 'aria-expanded': 'false' }, 'Add permissions');
    open.addEventListener('click', () => {
      if (holder.firstChild) { holder.replaceChildren(); open.setAttribute('aria-expanded', 'false'); return; }
      open.setAttribute('aria-expanded', 'true');
      const picker = policyPicker({ exclude: list.map((p) => p.PolicyArn), label: `Search policies to attach to ${name}` });
      const go = h('button', { type: 'button', class: 'primary', 'data-test': 'attach-selected' }, 'Attach policies');
      go.addEventListener('click', () => act(async () => { for (const arn of await picker.selected()) await call(`Attach${K}Policy`, { [`${K}Name`]: name, PolicyArn: arn }); rerender(); }, box));
      picker.input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); go.click(); } });
      holder.replaceChildren(picker, h('p', {}, go));
      picker.input.focus();
    });
    const box = panel('Permissions policies (attached)', h('div', {},
      table([['Policy', (p) => link(`#/policies/${enc(p.PolicyArn)}`, p.PolicyName)], ['Type', (p) => policyType(p.PolicyArn)],
        ['', (p) => h('button', { class: 'small danger', 'aria-label': `Detach ${p.PolicyName}`, onclick: confirmed(`Detach ${p.PolicyName}?`, [`${p.PolicyName} is detached from ${kind} ${name}; the policy itself is kept.`], async () => { await call(`Detach${K}Policy`, { [`${K}Name`]: name, PolicyArn: p.PolicyArn }); rerender(); }, null, { confirm: 'Detach' }) }, 'Detach')]], list, 'No policies attached.'),
      holder), open);
    return box;
  });
}
function inlinePolicies(kind, name) {
  const K = kind[0].toUpperCase() + kind.slice(1);
  return lazy(async () => {
    const names = await all(`List${K}Policies`, { [`${K}Name`]: name }, 'PolicyNames');
    const docs = await Promise.all(names.map((n) => call(`Get${K}Policy`, { [`${K}Name`]: name, PolicyName: n })));
    const holder = h('div');
    const box = panel('Inline policies', h('div', {}, holder,
      docs.length ? docs.map((d) => h('details', {}, h('summary', {}, d.PolicyName, ' ',
        h('button', { class: 'small', onclick: (ev) => { ev.preventDefault(); holder.replaceChildren(editorForm(`Edit ${d.PolicyName}`, decodeDoc(d.PolicyDocument), 'identity', null, (doc) => call(`Put${K}Policy`, { [`${K}Name`]: name, PolicyName: d.PolicyName, PolicyDocument: doc }))); } }, 'Edit'), ' ',
        h('button', { class: 'small danger', onclick: (ev) => { ev.preventDefault(); confirmed(`Delete inline policy ${d.PolicyName}?`, [`The inline policy ${d.PolicyName} of ${kind} ${name} is deleted; it cannot be restored.`], async () => { await call(`Delete${K}Policy`, { [`${K}Name`]: name, PolicyName: d.PolicyName }); rerender(); }, null)(); } }, 'Delete')),
        docView(decodeDoc(d.PolicyDocument)))) : h('p', { class: 'muted' }, 'None.')),
      h('button', { onclick: () => { const pn = h('input', { type: 'text', name: 'PolicyName', placeholder: 'PolicyName' }); holder.replaceChildren(editorForm('Add inline policy', '', 'identity', field('Policy name', pn), (doc) => call(`Put${K}Policy`, { [`${K}Name`]: name, PolicyName: pn.value, PolicyDocument: doc }))); } }, 'Add inline policy'));
    return box;
  });
}
function tagsPanel(kind, params, tags) {
  const K = kind;
  const key = h('input', { type: 'text', placeholder: 'Key', 'aria-label': 'Tag key' }), val = h('input', { type: 'text', placeholder: 'Value', 'aria-label': 'Tag value' });
  const form = h('form', { class: 'inline' }, key, val, h('button', { type: 'submit' }, 'Add tag'));
  const box = panel('Tags', h('div', {}, table([['Key', (t) => t.Key], ['Value', (t) => t.Value],
    ['', (t) => h('button', { class: 'small danger', 'aria-label': `Remove tag ${t.Key}`, onclick: confirmed(`Remove tag ${t.Key}?`, [], async () => { await call(`Untag${K}`, { ...params, 'TagKeys.member.1': t.Key }); rerender(); }, null, { confirm: 'Remove' }) }, 'Remove')]], tags || []), form));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call(`Tag${K}`, { ...params, 'Tags.member.1.Key': key.value, 'Tags.member.1.Value': val.value }); rerender(); }, box); });
  return box;
}
function boundaryPanel(kind, name, boundary) {
  const K = kind[0].toUpperCase() + kind.slice(1);
  const holder = h('div');
  const open = h('button', { type: 'button', 'aria-expanded': 'false' }, boundary ? 'Change boundary' : 'Set boundary');
  open.addEventListener('click', () => {
    if (holder.firstChild) { holder.replaceChildren(); open.setAttribute('aria-expanded', 'false'); return; }
    open.setAttribute('aria-expanded', 'true');
    const picker = policyPicker({ single: true, label: `Search the policy to use as ${name}'s permissions boundary` });
    const go = h('button', { type: 'button', class: 'primary', 'data-test': 'set-boundary' }, 'Set boundary');
    go.addEventListener('click', () => act(async () => { await call(`Put${K}PermissionsBoundary`, { [`${K}Name`]: name, PermissionsBoundary: (await picker.selected())[0] }); rerender(); }, box));
    holder.replaceChildren(picker, h('p', {}, go));
  });
  const box = panel('Permissions boundary', h('div', {},
    boundary ? h('p', {}, link(`#/policies/${enc(boundary.PermissionsBoundaryArn)}`, boundary.PermissionsBoundaryArn), ' ',
      h('button', { class: 'small danger', onclick: confirmed('Remove the permissions boundary?', [`${kind} ${name} keeps its policies; without the boundary they alone decide.`], async () => { await call(`Delete${K}PermissionsBoundary`, { [`${K}Name`]: name }); rerender(); }, null, { confirm: 'Remove boundary' }) }, 'Remove boundary'))
      : h('p', { class: 'muted' }, 'Not set: the identity policies alone decide.'), holder), open);
  return box;
}
function kv(pairs) { return h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : fmt(v))])); }

// ---------- deleting an entity with what AWS's console removes for you ----------
const orNone = (p) => p.catch((e) => { if (e.code === 'NoSuchEntity') return null; throw e; });
async function userPlan(u) {
  const P = { UserName: u };
  const [keys, mfas, groups, attached, inline, login, certs, ssh, ssc] = await Promise.all([
    all('ListAccessKeys', P, 'AccessKeyMetadata'), all('ListMFADevices', P, 'MFADevices'), all('ListGroupsForUser', P, 'Groups'),
    all('ListAttachedUserPolicies', P, 'AttachedPolicies'), all('ListUserPolicies', P, 'PolicyNames'), orNone(call('GetLoginProfile', P)),
    all('ListSigningCertificates', P, 'Certificates').catch(() => []), all('ListSSHPublicKeys', P, 'SSHPublicKeys').catch(() => []),
    call('ListServiceSpecificCredentials', P).then((r) => r.ServiceSpecificCredentials || [], () => [])]);
  const plan = { items: [], steps: [] };
  const add = (item, step) => { plan.items.push(item); plan.steps.push(step); };
  if (login) add('Console password (login profile)', () => call('DeleteLoginProfile', P));
  keys.forEach((k) => add(`Access key ${k.AccessKeyId} (${k.Status})`, () => call('DeleteAccessKey', { ...P, AccessKeyId: k.AccessKeyId })));
  certs.forEach((c) => add(`Signing certificate ${c.CertificateId}`, () => call('DeleteSigningCertificate', { ...P, CertificateId: c.CertificateId })));
  ssh.forEach((k) => add(`SSH public key ${k.SSHPublicKeyId}`, () => call('DeleteSSHPublicKey', { ...P, SSHPublicKeyId: k.SSHPublicKeyId })));
  ssc.forEach((c) => add(`Service-specific credential ${c.ServiceSpecificCredentialId} (${c.ServiceName})`, () => call('DeleteServiceSpecificCredential', { ...P, ServiceSpecificCredentialId: c.ServiceSpecificCredentialId })));
  mfas.forEach((d) => add(`MFA device ${d.SerialNumber}`, async () => { await call('DeactivateMFADevice', { ...P, SerialNumber: d.SerialNumber }); if (d.SerialNumber.includes(':mfa/')) await orNone(call('DeleteVirtualMFADevice', { SerialNumber: d.SerialNumber })); }));
  groups.forEach((g) => add(`Membership of group ${g.GroupName}`, () => call('RemoveUserFromGroup', { ...P, GroupName: g.GroupName })));
  attached.forEach((a) => add(`Attached policy ${a.PolicyName} (detached, not deleted)`, () => call('DetachUserPolicy', { ...P, PolicyArn: a.PolicyArn })));
  inline.forEach((n) => add(`Inline policy ${n}`, () => call('DeleteUserPolicy', { ...P, PolicyName: n })));
  plan.final = () => call('DeleteUser', P);
  return plan;
}
async function groupPlan(g) {
  const P = { GroupName: g };
  const [grp, attached, inline] = await Promise.all([call('GetGroup', P), all('ListAttachedGroupPolicies', P, 'AttachedPolicies'), all('ListGroupPolicies', P, 'PolicyNames')]);
  const plan = { items: [], steps: [] };
  const add = (item, step) => { plan.items.push(item); plan.steps.push(step); };
  (grp.Users || []).forEach((u) => add(`Member ${u.UserName} (removed from the group; the user is kept)`, () => call('RemoveUserFromGroup', { ...P, UserName: u.UserName })));
  attached.forEach((a) => add(`Attached policy ${a.PolicyName} (detached, not deleted)`, () => call('DetachGroupPolicy', { ...P, PolicyArn: a.PolicyArn })));
  inline.forEach((n) => add(`Inline policy ${n}`, () => call('DeleteGroupPolicy', { ...P, PolicyName: n })));
  plan.final = () => call('DeleteGroup', P);
  return plan;
}
async function rolePlan(r) {
  const P = { RoleName: r };
  const [profiles, attached, inline] = await Promise.all([all('ListInstanceProfilesForRole', P, 'InstanceProfiles'), all('ListAttachedRolePolicies', P, 'AttachedPolicies'), all('ListRolePolicies', P, 'PolicyNames')]);
  const plan = { items: [], steps: [] };
  const add = (item, step) => { plan.items.push(item); plan.steps.push(step); };
  profiles.forEach((p) => add(`Instance profile ${p.InstanceProfileName} (the role is removed from it)`, () => call('RemoveRoleFromInstanceProfile', { ...P, InstanceProfileName: p.InstanceProfileName })));
  attached.forEach((a) => add(`Attached policy ${a.PolicyName} (detached, not deleted)`, () => call('DetachRolePolicy', { ...P, PolicyArn: a.PolicyArn })));
  inline.forEach((n) => add(`Inline policy ${n}`, () => call('DeleteRolePolicy', { ...P, PolicyName: n })));
  plan.final = () => call('DeleteRole', P);
  return plan;
}
async function policyPlan(arn) {
  const [e, versions] = await Promise.all([call('ListEntitiesForPolicy', { PolicyArn: arn }), all('ListPolicyVersions', { PolicyArn: arn }, 'Versions')]);
  const plan = { items: [], steps: [] };
  const add = (item, step) => { plan.items.push(item); plan.steps.push(step); };
  (e.PolicyUsers || []).forEach((x) => add(`Attachment to user ${x.UserName}`, () => call('DetachUserPolicy', { UserName: x.UserName, PolicyArn: arn })));
  (e.PolicyGroups || []).forEach((x) => add(`Attachment to group ${x.GroupName}`, () => call('DetachGroupPolicy', { GroupName: x.GroupName, PolicyArn: arn })));
  (e.PolicyRoles || []).forEach((x) => add(`Attachment to role ${x.RoleName}`, () => call('DetachRolePolicy', { RoleName: x.RoleName, PolicyArn: arn })));
  versions.filter((v) => !v.IsDefaultVersion).forEach((v) => add(`Policy version ${v.VersionId}`, () => call('DeletePolicyVersion', { PolicyArn: arn, VersionId: v.VersionId })));
  plan.final = () => call('DeletePolicy', { PolicyArn: arn });
  return plan;
}
/** One confirmation listing everything that goes, then the calls in AWS's console order. */
async function deleteEntity(what, name, planFn, where, after) {
  let plan;
  try { plan = await planFn(); } catch (e) { flash(e, where); return; }
  const ok = await confirmDialog(`Delete ${what} ${name}?`, [...plan.items, `The ${what} ${name} itself`],
    { intro: plan.items.length ? `Deleting the ${what} also removes what it still has. This cannot be undone:` : 'This cannot be undone.', confirm: `Delete ${what}` });
  if (!ok) return;
  await act(async () => { for (const step of plan.steps) await step(); await plan.final(); after(); }, where);
}

// ---------- pages ----------
const pages = {};

pages.signin = () => {
  let kind = 'root';
  const rootForm = h('form', { class: 'stack', id: 'signin-root' },
    h('label', { for: 'akid' }, 'Access key ID'), h('input', { type: 'text', id: 'akid', name: 'accessKeyId', placeholder: 'test', autocomplete: 'username' }),
    h('label', { for: 'secret' }, 'Secret access key'), h('input', { type: 'password', id: 'secret', name: 'secretAccessKey', placeholder: 'test', autocomplete: 'current-password' }),
    h('p', { class: 'muted' }, 'The bootstrap key test / test is the root of the default account.'),
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Sign in')));
  const userForm = h('form', { class: 'stack', id: 'signin-user', hidden: true },
    h('label', { for: 'acct' }, 'Account ID (12 digits) or alias'), h('input', { type: 'text', id: 'acct', name: 'accountId' }),
    h('label', { for: 'uname' }, 'IAM user name'), h('input', { type: 'text', id: 'uname', name: 'userName', autocomplete: 'username' }),
    h('label', { for: 'pw' }, 'Password'), h('input', { type: 'password', id: 'pw', name: 'password', autocomplete: 'current-password' }),
    h('label', { for: 'mfa' }, 'MFA code (when the user has an MFA device)'), h('input', { type: 'text', id: 'mfa', name: 'mfaCode', inputmode: 'numeric', autocomplete: 'one-time-code' }),
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Sign in')));
  const msg = h('div');
  const tabs = h('div', { class: 'tabs' },
    h('button', { type: 'button', 'aria-pressed': 'true', id: 'tab-root', onclick: (ev) => setKind('root', ev.target) }, 'Root user'),
    h('button', { type: 'button', 'aria-pressed': 'false', id: 'tab-user', onclick: (ev) => setKind('user', ev.target) }, 'IAM user'));
  function setKind(k, btn) { kind = k; tabs.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === btn))); rootForm.hidden = k !== 'root'; userForm.hidden = k !== 'user'; }
  const submit = async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(ev.target));
    if (kind === 'root') { data.accessKeyId ||= 'test'; data.secretAccessKey ||= 'test'; }
    try { me = await api('/signin', { kind, ...data }); location.hash = me.passwordResetRequired ? '#/change-password' : '#/'; showChrome(); }
    catch (e) { msg.replaceChildren(errorBox(e)); }
  };
  rootForm.addEventListener('submit', submit); userForm.addEventListener('submit', submit);
  // One account on this server: the IAM user sign-in knows which (as AWS's account sign-in URL does).
  api('/signin-hints').then((r) => { const a = userForm.querySelector('#acct'); if (r.accountId && !a.value) a.value = r.accountId; }, () => {});
  return h('div', { class: 'signin panel' }, h('h1', {}, 'Sign in to the iam-local console'), tabs, msg, rootForm, userForm);
};

pages['change-password'] = () => {
  const form = h('form', { class: 'stack' },
    h('p', {}, me.passwordResetRequired ? 'You must change your password to continue.' : 'Change the password you sign in with.'),
    h('label', { for: 'oldpw' }, 'Old password'), h('input', { type: 'password', id: 'oldpw', autocomplete: 'current-password' }),
    h('label', { for: 'newpw' }, 'New password'), h('input', { type: 'password', id: 'newpw', autocomplete: 'new-password' }),
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Change password')));
  const page = h('div', { class: 'signin panel' }, h('h1', {}, 'Change password'), form);
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => {
    await call('ChangePassword', { OldPassword: form.querySelector('#oldpw').value, NewPassword: form.querySelector('#newpw').value });
    me.passwordResetRequired = false;
    flash('Password changed.', page);
  }, page); });
  return page;
};

/** GetAccountSummary's keys in words. */
const SUMMARY_WORDS = {
  Users: 'Users', Groups: 'User groups', Roles: 'Roles', Policies: 'Customer managed policies', InstanceProfiles: 'Instance profiles',
  MFADevices: 'MFA devices', MFADevicesInUse: 'MFA devices in use', AccountMFAEnabled: 'Root user MFA', AccountAccessKeysPresent: 'Root user access keys',
  Providers: 'Identity providers', AccountSigningCertificatesPresent: 'Root user signing certificates', ServerCertificates: 'Server certificates',
  PolicyVersionsInUse: 'Policy versions in use', AttachedPoliciesPerUserQuota: 'Policies attached per user (quota)', AttachedPoliciesPerGroupQuota: 'Policies attached per group (quota)',
  AttachedPoliciesPerRoleQuota: 'Policies attached per role (quota)', AccessKeysPerUserQuota: 'Access keys per user (quota)', SigningCertificatesPerUserQuota: 'Signing certificates per user (quota)',
  GroupsPerUserQuota: 'Groups per user (quota)', PolicySizeQuota: 'Managed policy size (quota, characters)', PolicyVersionsInUseQuota: 'Policy versions in use (quota)',
  VersionsPerPolicyQuota: 'Versions per policy (quota)', UserPolicySizeQuota: 'Inline policy size per user (quota, characters)', GroupPolicySizeQuota: 'Inline policy size per group (quota, characters)',
  RolePolicySizeQuota: 'Inline policy size per role (quota, characters)', AssumeRolePolicySizeQuota: 'Trust policy size (quota, characters)', ServerCertificatesQuota: 'Server certificates (quota)',
  UsersQuota: 'Users (quota)', GroupsQuota: 'User groups (quota)', RolesQuota: 'Roles (quota)', PoliciesQuota: 'Customer managed policies (quota)', InstanceProfilesQuota: 'Instance profiles (quota)',
  GlobalEndpointTokenVersion: 'STS global endpoint token version',
};
const words = (k) => SUMMARY_WORDS[k] || k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/Quota$/, '(quota)').replace(/^./, (c) => c.toUpperCase());
const summaryValue = (k, v) => (k === 'AccountMFAEnabled' ? (v ? 'Enabled' : 'Not enabled') : k === 'AccountAccessKeysPresent' || k === 'AccountSigningCertificatesPresent' ? (v ? 'Present' : 'None') : v);
pages.dashboard = () => h('div', {}, h('h1', {}, 'IAM dashboard'),
  lazy(async () => {
    const [id, aliases] = await Promise.all([call('GetCallerIdentity', {}, 'sts').catch((e) => ({ error: e })), call('ListAccountAliases').catch(() => ({ AccountAliases: [] }))]);
    return panel('AWS account', kv([['Account ID', me.accountId], ['Account alias', (aliases.AccountAliases || [])[0]], ['Signed in as', id.Arn || me.arn], ['Authorization enforcement', { off: 'Off: every call is allowed', audit: 'Audit: decided and logged, never denied', on: 'On: every call is authorized' }[me.enforce] || me.enforce]]));
  }),
  lazy(async () => {
    const s = (await call('GetAccountSummary')).SummaryMap || {};
    const show = ['Users', 'Groups', 'Roles', 'Policies', 'InstanceProfiles', 'MFADevices', 'MFADevicesInUse', 'AccountMFAEnabled', 'AccountAccessKeysPresent', 'Providers'];
    return panel('Resources in this account', h('div', {},
      h('div', { class: 'cards' }, show.filter((k) => k in s).map((k) => h('div', { class: 'card', 'data-key': k }, h('b', {}, summaryValue(k, s[k])), words(k)))),
      h('details', {}, h('summary', {}, 'All counts and quotas'), table([['What', (r) => words(r[0])], ['Value', (r) => summaryValue(r[0], r[1])]], Object.entries(s)))));
  }));

// Users
pages.users = () => {
  const name = h('input', { type: 'text', name: 'UserName', placeholder: 'User name', 'aria-label': 'User name', 'data-test': 'new-user-name', required: true });
  const path = h('input', { type: 'text', name: 'Path', placeholder: 'Path (optional, /…/)', 'aria-label': 'Path (optional)' });
  const form = h('form', { class: 'inline' }, name, path, h('button', { class: 'primary', type: 'submit' }, 'Create user'));
  const page = h('div', {}, h('h1', {}, 'Users'), panel('Create user', form),
    lazy(async () => panel('Users', table([
      ['User name', (u) => link(`#/users/${enc(u.UserName)}`, u.UserName)], ['Path', (u) => u.Path], ['Created', (u) => fmt(u.CreateDate)],
      ['Password last used', (u) => fmt(u.PasswordLastUsed)], ['ARN', (u) => u.Arn]], await all('ListUsers', {}, 'Users'), 'No users yet.'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('CreateUser', { UserName: name.value, ...(path.value ? { Path: path.value } : {}) }); location.hash = `#/users/${enc(name.value)}`; }, page); });
  return page;
};
pages.user = (userName) => {
  const page = h('div', {}, h('div', { class: 'crumbs' }, link('#/users', 'Users'), ' › ', userName), h('h1', {}, userName));
  page.append(lazy(async () => {
    const u = (await call('GetUser', { UserName: userName })).User;
    const del = h('button', { class: 'danger', 'data-test': 'delete-entity', onclick: () => deleteEntity('user', userName, () => userPlan(userName), page, () => { location.hash = '#/users'; }) }, 'Delete user');
    return h('div', {},
      panel('Summary', kv([['ARN', u.Arn], ['User ID', u.UserId], ['Path', u.Path], ['Created', u.CreateDate], ['Password last used', u.PasswordLastUsed]]), del),
      h('div', { class: 'grid2' }, userGroups(userName), attachedPolicies('user', userName)),
      h('div', { style: 'height:14px' }),
      inlinePolicies('user', userName),
      boundaryPanel('user', userName, u.PermissionsBoundary),
      h('div', { class: 'grid2' }, accessKeys(userName), loginProfile(userName)),
      h('div', { style: 'height:14px' }),
      h('div', { class: 'grid2' }, mfaDevices(userName), tagsPanel('User', { UserName: userName }, u.Tags)));
  }));
  return page;
};
function userGroups(userName) {
  return lazy(async () => {
    const [mine, every] = await Promise.all([all('ListGroupsForUser', { UserName: userName }, 'Groups'), all('ListGroups', {}, 'Groups').catch(() => [])]);
    const sel = h('select', { 'aria-label': 'Group' }, every.filter((g) => !mine.some((m) => m.GroupName === g.GroupName)).map((g) => h('option', { value: g.GroupName }, g.GroupName)));
    const form = sel.options.length ? h('form', { class: 'inline' }, sel, h('button', { type: 'submit' }, 'Add to group')) : h('p', { class: 'muted' }, every.length ? 'Member of every group.' : 'No groups to add to.');
    const box = panel('Groups', h('div', {}, table([['Group', (g) => link(`#/groups/${enc(g.GroupName)}`, g.GroupName)],
      ['', (g) => h('button', { class: 'small danger', 'aria-label': `Remove from ${g.GroupName}`, onclick: confirmed(`Remove ${userName} from ${g.GroupName}?`, [`${userName} loses the permissions of group ${g.GroupName}.`], async () => { await call('RemoveUserFromGroup', { GroupName: g.GroupName, UserName: userName }); rerender(); }, null, { confirm: 'Remove' }) }, 'Remove')]], mine, 'Not in any group.'), form));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('AddUserToGroup', { GroupName: sel.value, UserName: userName }); rerender(); }, box); });
    return box;
  });
}
function accessKeys(userName) {
  return lazy(async () => {
    const keys = await all('ListAccessKeys', userName ? { UserName: userName } : {}, 'AccessKeyMetadata');
    const last = await Promise.all(keys.map((k) => call('GetAccessKeyLastUsed', { AccessKeyId: k.AccessKeyId }).catch(() => ({}))));
    const secretBox = h('div'), listBox = h('div');
    const draw = () => listBox.replaceChildren(table([['Access key ID', (k) => k.AccessKeyId], ['Status', (k) => k.Status], ['Created', (k) => fmt(k.CreateDate)],
      ['Last used', (k) => { const l = (last[keys.indexOf(k)] || {}).AccessKeyLastUsed; return l && l.LastUsedDate ? `${fmt(l.LastUsedDate)} (${l.ServiceName})` : 'Never'; }],
      ['', (k) => [h('button', { class: 'small', onclick: () => act(async () => { await call('UpdateAccessKey', { ...(userName ? { UserName: userName } : {}), AccessKeyId: k.AccessKeyId, Status: k.Status === 'Active' ? 'Inactive' : 'Active' }); rerender(); }, box) }, k.Status === 'Active' ? 'Deactivate' : 'Activate'), ' ',
        h('button', { class: 'small danger', 'aria-label': `Delete access key ${k.AccessKeyId}`, onclick: confirmed(`Delete access key ${k.AccessKeyId}?`, ['Programs using this key stop working at once.'], async () => { await call('DeleteAccessKey', { ...(userName ? { UserName: userName } : {}), AccessKeyId: k.AccessKeyId }); rerender(); }, null) }, 'Delete')]]], keys, 'No access keys.'));
    draw();
    const box = panel('Access keys', h('div', {}, secretBox, listBox),
      h('button', { 'data-test': 'create-key', onclick: () => act(async () => {
        const k = (await call('CreateAccessKey', userName ? { UserName: userName } : {})).AccessKey;
        keys.push(k); last.push({}); draw();
        // As AWS's console: copy either value, or download both as <user>_accessKeys.csv.
        const csv = `Access key ID,Secret access key\n${csvCell(k.AccessKeyId)},${csvCell(k.SecretAccessKey)}\n`;
        const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
        secretBox.replaceChildren(h('div', { class: 'secret', role: 'status' }, h('p', {}, h('b', {}, 'This is the only time the secret access key can be viewed. Copy or download it now.')),
          kv([['Access key ID', h('span', {}, h('code', { 'data-test': 'new-key-id' }, k.AccessKeyId), ' ', copyButton(k.AccessKeyId, 'access key ID'))],
            ['Secret access key', h('span', {}, h('code', { 'data-test': 'secret' }, k.SecretAccessKey), ' ', copyButton(k.SecretAccessKey, 'secret access key'))]]),
          h('p', {}, h('a', { class: 'button', href: url, download: `${k.UserName || 'root'}_accessKeys.csv`, 'data-test': 'download-key-csv' }, 'Download .csv file'))));
      }, box) }, 'Create access key'));
    return box;
  });
}
function loginProfile(userName) {
  return lazy(async () => {
    let p = null;
    try { p = (await call('GetLoginProfile', { UserName: userName })).LoginProfile; } catch (e) { if (e.code !== 'NoSuchEntity') throw e; }
    const pw = h('input', { type: 'password', placeholder: 'Password', 'aria-label': 'Console password', autocomplete: 'new-password' });
    const reset = h('input', { type: 'checkbox' });
    const form = h('form', { class: 'inline' }, pw, h('label', {}, reset, ' require reset'), h('button', { type: 'submit' }, p ? 'Set password' : 'Enable console access'));
    const box = panel('Console sign-in (login profile)', h('div', {},
      p ? kv([['Created', p.CreateDate], ['Password reset required', String(p.PasswordResetRequired)]]) : h('p', { class: 'muted' }, 'Console access disabled.'),
      form, p && h('button', { class: 'small danger', onclick: confirmed(`Disable console access for ${userName}?`, ['The console password is deleted; access keys keep working.'], async () => { await call('DeleteLoginProfile', { UserName: userName }); rerender(); }, null, { confirm: 'Disable' }) }, 'Disable console access')));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call(p ? 'UpdateLoginProfile' : 'CreateLoginProfile', { UserName: userName, Password: pw.value, PasswordResetRequired: String(reset.checked) }); rerender(); }, box); });
    return box;
  });
}
function mfaDevices(userName) {
  return lazy(async () => {
    const list = await all('ListMFADevices', { UserName: userName }, 'MFADevices');
    const setup = h('div');
    const box = panel('MFA devices', h('div', {}, table([['Serial number', (d) => d.SerialNumber], ['Enabled', (d) => fmt(d.EnableDate)],
      ['', (d) => h('button', { class: 'small danger', 'aria-label': `Deactivate MFA device ${d.SerialNumber}`, onclick: confirmed('Deactivate this MFA device?', [d.SerialNumber, 'Signing in will no longer ask for its codes.'], async () => { await call('DeactivateMFADevice', { UserName: userName, SerialNumber: d.SerialNumber }); if (d.SerialNumber.includes(':mfa/')) await orNone(call('DeleteVirtualMFADevice', { SerialNumber: d.SerialNumber })); rerender(); }, null, { confirm: 'Deactivate' }) }, 'Deactivate')]], list, 'No MFA device.'), setup),
      h('button', { onclick: () => act(async () => {
        // As the console does: create a virtual device, show its QR code and seed, then enable it with two consecutive codes.
        const d = (await call('CreateVirtualMFADevice', { VirtualMFADeviceName: `${userName}-${Date.now().toString(36)}` })).VirtualMFADevice;
        const c1 = h('input', { type: 'text', placeholder: 'MFA code 1', 'aria-label': 'MFA code 1', size: 8, inputmode: 'numeric', autocomplete: 'one-time-code' }), c2 = h('input', { type: 'text', placeholder: 'MFA code 2', 'aria-label': 'MFA code 2', size: 8, inputmode: 'numeric', autocomplete: 'one-time-code' });
        const form = h('form', { class: 'inline' }, c1, c2, h('button', { class: 'primary', type: 'submit' }, 'Assign MFA'));
        form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('EnableMFADevice', { UserName: userName, SerialNumber: d.SerialNumber, AuthenticationCode1: c1.value, AuthenticationCode2: c2.value }); rerender(); }, setup); });
        setup.replaceChildren(h('div', { class: 'secret' }, h('img', { src: `data:image/png;base64,${d.QRCodePNG}`, alt: 'QR code', 'data-test': 'mfa-qr', width: 160, height: 160 }),
          kv([['Serial number', d.SerialNumber], ['Secret key (Base32)', h('code', { 'data-test': 'mfa-seed' }, d.Base32StringSeed)]]), h('p', {}, 'Enter two consecutive codes from the device:'), form));
      }, box) }, 'Assign virtual MFA device'));
    return box;
  });
}

// Groups
pages.groups = () => {
  const name = h('input', { type: 'text', placeholder: 'Group name', 'aria-label': 'Group name', required: true });
  const form = h('form', { class: 'inline' }, name, h('button', { class: 'primary', type: 'submit' }, 'Create group'));
  const page = h('div', {}, h('h1', {}, 'User groups'), panel('Create group', form),
    lazy(async () => panel('Groups', table([['Group name', (g) => link(`#/groups/${enc(g.GroupName)}`, g.GroupName)], ['Path', (g) => g.Path], ['Created', (g) => fmt(g.CreateDate)], ['ARN', (g) => g.Arn]], await all('ListGroups', {}, 'Groups'), 'No groups yet.'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('CreateGroup', { GroupName: name.value }); location.hash = `#/groups/${enc(name.value)}`; }, page); });
  return page;
};
pages.group = (groupName) => {
  const page = h('div', {}, h('div', { class: 'crumbs' }, link('#/groups', 'User groups'), ' › ', groupName), h('h1', {}, groupName));
  page.append(lazy(async () => {
    const g = await call('GetGroup', { GroupName: groupName });
    const users = h('input', { type: 'text', placeholder: 'User name', 'aria-label': 'User to add' });
    const form = h('form', { class: 'inline' }, users, h('button', { type: 'submit' }, 'Add user'));
    const membersBox = panel('Members', h('div', {}, table([['User', (u) => link(`#/users/${enc(u.UserName)}`, u.UserName)],
      ['', (u) => h('button', { class: 'small danger', 'aria-label': `Remove ${u.UserName}`, onclick: confirmed(`Remove ${u.UserName} from ${groupName}?`, [`${u.UserName} loses the permissions of group ${groupName}.`], async () => { await call('RemoveUserFromGroup', { GroupName: groupName, UserName: u.UserName }); rerender(); }, null, { confirm: 'Remove' }) }, 'Remove')]], g.Users || [], 'No members.'), form));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('AddUserToGroup', { GroupName: groupName, UserName: users.value }); rerender(); }, membersBox); });
    return h('div', {},
      panel('Summary', kv([['ARN', g.Group.Arn], ['Group ID', g.Group.GroupId], ['Created', g.Group.CreateDate]]),
        h('button', { class: 'danger', 'data-test': 'delete-entity', onclick: () => deleteEntity('group', groupName, () => groupPlan(groupName), page, () => { location.hash = '#/groups'; }) }, 'Delete group')),
      h('div', { class: 'grid2' }, membersBox, attachedPolicies('group', groupName)), h('div', { style: 'height:14px' }), inlinePolicies('group', groupName));
  }));
  return page;
};

// Roles
pages.roles = () => h('div', {}, h('h1', {}, 'Roles'),
  h('p', {}, h('a', { class: 'button primary', href: '#/create-role', 'data-test': 'create-role' }, 'Create role')),
  lazy(async () => panel('Roles', table([['Role name', (r) => link(`#/roles/${enc(r.RoleName)}`, r.RoleName)], ['Path', (r) => r.Path], ['Created', (r) => fmt(r.CreateDate)], ['Description', (r) => r.Description || '']], await all('ListRoles', {}, 'Roles'), 'No roles yet.'))));

// Create role: the trusted entity, then permissions, then name: one flow, as AWS's console.
const SERVICE_PRINCIPALS = [['EC2', 'ec2.amazonaws.com'], ['Lambda', 'lambda.amazonaws.com'], ['Elastic Container Service task', 'ecs-tasks.amazonaws.com'], ['Elastic Kubernetes Service', 'eks.amazonaws.com'], ['CodeBuild', 'codebuild.amazonaws.com'], ['API Gateway', 'apigateway.amazonaws.com'], ['Step Functions', 'states.amazonaws.com'], ['Glue', 'glue.amazonaws.com'], ['SageMaker', 'sagemaker.amazonaws.com']];
const WEB_IDPS = [['Amazon Cognito', 'cognito-identity.amazonaws.com'], ['Login with Amazon', 'www.amazon.com'], ['Facebook', 'graph.facebook.com'], ['Google', 'accounts.google.com']];
pages['create-role'] = () => {
  const types = [['service', 'AWS service', 'Lets a service such as EC2 or Lambda act in this account.'], ['account', 'AWS account', 'Lets principals in this or another account assume the role.'], ['web', 'Web identity', 'Lets users of an OpenID Connect provider (Cognito, Google, …) assume the role.'], ['saml', 'SAML 2.0 federation', 'Lets users of your SAML identity provider assume the role.'], ['custom', 'Custom trust policy', 'Write the trust policy yourself.']];
  let type = 'service';
  const radios = h('fieldset', { class: 'choices', 'data-test': 'trusted-entity' }, h('legend', {}, 'Trusted entity type'),
    types.map(([v, t, d]) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'trusted', value: v, checked: v === type, 'aria-describedby': `te-${v}` }), ' ', h('b', {}, t), h('span', { class: 'muted', id: `te-${v}` }, d))));
  const svc = h('select', { 'data-test': 'service-principal' }, SERVICE_PRINCIPALS.map(([t, v]) => h('option', { value: v }, `${t} (${v})`)), h('option', { value: '' }, 'Other…'));
  const svcOther = h('input', { type: 'text', placeholder: 'service.amazonaws.com', hidden: true, 'aria-label': 'Other service principal' });
  const acct = h('input', { type: 'text', inputmode: 'numeric', value: me.accountId, 'data-test': 'trusted-account', size: 14 });
  const extId = h('input', { type: 'text', 'data-test': 'external-id', placeholder: 'optional' });
  const mfa = h('input', { type: 'checkbox', 'data-test': 'require-mfa' });
  const idp = h('select', { 'data-test': 'web-idp' }, WEB_IDPS.map(([t, v]) => h('option', { value: v }, t)));
  const aud = h('input', { type: 'text', 'data-test': 'audience', placeholder: 'client / application id' });
  const saml = h('select', { 'data-test': 'saml-provider' }, h('option', { value: '' }, 'No SAML provider in this account'));
  all('ListOpenIDConnectProviders', {}, 'OpenIDConnectProviderList').then((ps) => ps.forEach((p) => idp.append(h('option', { value: p.Arn }, `OIDC: ${p.Arn.split(':oidc-provider/')[1]}`))), () => {});
  call('ListSAMLProviders').then((r) => { const ps = r.SAMLProviderList || []; if (ps.length) saml.replaceChildren(...ps.map((p) => h('option', { value: p.Arn }, p.Arn.split(':saml-provider/')[1]))); }, () => {});
  const opts = {
    service: h('div', { class: 'stack' }, field('Service that will use this role', svc), svcOther),
    account: h('div', { class: 'stack' }, field('Account ID (12 digits; this account is pre-filled)', acct), field('Require external ID', extId), h('label', {}, mfa, ' Require MFA (aws:MultiFactorAuthPresent)')),
    web: h('div', { class: 'stack' }, field('Identity provider', idp), field('Audience', aud)),
    saml: h('div', { class: 'stack' }, field('SAML 2.0 provider', saml), h('p', { class: 'muted' }, 'Allows sign-in to the console and programmatic access (SAML:aud is the AWS sign-in endpoint).')),
    custom: h('p', { class: 'muted' }, 'Edit the trust policy below.'),
  };
  const optBox = h('div', { class: 'te-options' });
  const trustDoc = () => {
    const st = { Effect: 'Allow' };
    if (type === 'service') { st.Principal = { Service: svc.value || svcOther.value.trim() }; st.Action = 'sts:AssumeRole'; }
    else if (type === 'account') {
      st.Principal = { AWS: `arn:aws:iam::${acct.value.trim()}:root` }; st.Action = 'sts:AssumeRole';
      const c = {};
      if (extId.value.trim()) c.StringEquals = { 'sts:ExternalId': extId.value.trim() };
      if (mfa.checked) c.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
      if (Object.keys(c).length) st.Condition = c;
    } else if (type === 'web') {
      const p = idp.value; const host = p.startsWith('arn:') ? p.split(':oidc-provider/')[1] : p;
      st.Principal = { Federated: p }; st.Action = 'sts:AssumeRoleWithWebIdentity';
      if (aud.value.trim()) st.Condition = { StringEquals: { [`${host}:aud`]: aud.value.trim() } };
    } else if (type === 'saml') {
      st.Principal = { Federated: saml.value || `arn:aws:iam::${me.accountId}:saml-provider/PROVIDER` }; st.Action = 'sts:AssumeRoleWithSAML';
      st.Condition = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };
    }
    return JSON.stringify({ Version: '2012-10-17', Statement: [st] }, null, 2);
  };
  const ed = policyEditor(trustDoc(), 'trust', 'Trust policy');
  const refresh = () => {
    type = radios.querySelector('input:checked').value;
    optBox.replaceChildren(opts[type]);
    svcOther.hidden = svc.value !== '';
    if (type !== 'custom') { ed.textarea.value = trustDoc(); ed.textarea.dispatchEvent(new Event('input')); }
  };
  radios.addEventListener('change', refresh);
  for (const c of [svc, svcOther, acct, extId, mfa, idp, aud, saml]) c.addEventListener(c.tagName === 'SELECT' || c.type === 'checkbox' ? 'change' : 'input', refresh);
  optBox.replaceChildren(opts.service);
  const picker = policyPicker({ label: 'Search permissions policies for the new role' });
  const name = h('input', { type: 'text', placeholder: 'Role name', 'data-test': 'role-name', required: true });
  const desc = h('input', { type: 'text', placeholder: 'optional', 'data-test': 'role-description' });
  const submit = h('button', { class: 'primary', type: 'submit', 'data-test': 'create-role-submit' }, 'Create role');
  const form = h('form', { class: 'stack' },
    panel('1. Trusted entity', h('div', {}, radios, optBox, h('label', { for: ed.textarea.id }, 'Trust policy (built from your choices; you may edit it)'), ed)),
    panel('2. Add permissions', h('div', {}, h('p', { class: 'muted' }, 'Tick the policies to attach (optional); several at once.'), picker)),
    panel('3. Name and create', h('div', {}, field('Role name', name), field('Description', desc), h('p', {}, submit))));
  const page = h('div', {}, h('div', { class: 'crumbs' }, link('#/roles', 'Roles'), ' › Create role'), h('h1', {}, 'Create role'), form);
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => {
    let arns = [];
    if (picker.chosenCount()) arns = await picker.selected();
    await call('CreateRole', { RoleName: name.value, AssumeRolePolicyDocument: ed.value(), ...(desc.value ? { Description: desc.value } : {}) });
    for (const arn of arns) await call('AttachRolePolicy', { RoleName: name.value, PolicyArn: arn });
    location.hash = `#/roles/${enc(name.value)}`;
  }, page); });
  return page;
};
pages.role = (roleName) => {
  const page = h('div', {}, h('div', { class: 'crumbs' }, link('#/roles', 'Roles'), ' › ', roleName), h('h1', {}, roleName));
  page.append(lazy(async () => {
    const r = (await call('GetRole', { RoleName: roleName })).Role;
    const trust = decodeDoc(r.AssumeRolePolicyDocument || '');
    const holder = h('div');
    const last = r.RoleLastUsed || {};
    return h('div', {},
      panel('Summary', kv([['ARN', r.Arn], ['Role ID', r.RoleId], ['Created', r.CreateDate], ['Max session duration', `${r.MaxSessionDuration} s`], ['Description', r.Description], ['Last used', last.LastUsedDate ? `${fmt(last.LastUsedDate)} in ${last.Region}` : 'Never']]),
        h('button', { class: 'danger', 'data-test': 'delete-entity', onclick: () => deleteEntity('role', roleName, () => rolePlan(roleName), page, () => { location.hash = '#/roles'; }) }, 'Delete role')),
      panel('Trust policy', h('div', {}, holder, docView(trust)), h('button', { onclick: () => holder.replaceChildren(editorForm('Edit trust policy', trust, 'trust', null, (doc) => call('UpdateAssumeRolePolicy', { RoleName: roleName, PolicyDocument: doc }))) }, 'Edit trust policy')),
      attachedPolicies('role', roleName), inlinePolicies('role', roleName), boundaryPanel('role', roleName, r.PermissionsBoundary),
      h('div', { class: 'grid2' },
        lazy(async () => panel('Instance profiles', table([['Instance profile', (p) => p.InstanceProfileName], ['ARN', (p) => p.Arn]], await all('ListInstanceProfilesForRole', { RoleName: roleName }, 'InstanceProfiles')))),
        tagsPanel('Role', { RoleName: roleName }, r.Tags)));
  }));
  return page;
};

// Policies
pages.policies = (q) => {
  const params = new URLSearchParams(q || '');
  const scope = params.get('scope') || 'Local';
  const search = h('input', { type: 'search', placeholder: 'Filter by name', value: params.get('q') || '', 'aria-label': 'Filter policies' });
  const scopeSel = h('select', { 'aria-label': 'Type' }, [['Local', 'Customer managed'], ['AWS', 'AWS managed'], ['All', 'All types']].map(([v, t]) => h('option', { value: v, selected: v === scope }, t)));
  const holder = h('div');
  const page = h('div', {}, h('h1', {}, 'Policies'),
    h('p', {}, h('button', { class: 'primary', onclick: () => { const n = h('input', { type: 'text', placeholder: 'Policy name', 'data-test': 'policy-name' }); const d = h('input', { type: 'text', placeholder: 'Description (optional)' }); holder.replaceChildren(editorForm('Create policy', '', 'identity', [field('Policy name', n), field('Description', d)], async (doc) => { const p = (await call('CreatePolicy', { PolicyName: n.value, PolicyDocument: doc, ...(d.value ? { Description: d.value } : {}) })).Policy; forgetPolicies(); location.hash = `#/policies/${enc(p.Arn)}`; })); } }, 'Create policy')), holder);
  const listBox = h('div');
  let policies = [];
  const draw = () => {
    const f = search.value.toLowerCase();
    const hits = policies.filter((p) => p.PolicyName.toLowerCase().includes(f));
    listBox.replaceChildren(h('p', { class: 'muted' }, hits.length > 300 ? `Showing 300 of ${hits.length} policies: filter by name to narrow.` : `${hits.length} ${hits.length === 1 ? 'policy' : 'policies'}.`),
      table([['Policy name', (p) => link(`#/policies/${enc(p.Arn)}`, p.PolicyName)], ['Type', (p) => (p.Arn.startsWith('arn:aws:iam::aws:') ? 'AWS managed' : 'Customer managed')],
        ['Path', (p) => p.Path], ['Attachments', (p) => p.AttachmentCount], ['Default version', (p) => p.DefaultVersionId]], hits.slice(0, 300), 'No policies.'));
  };
  search.addEventListener('input', draw);
  scopeSel.addEventListener('change', () => { location.hash = `#/policies?scope=${scopeSel.value}&q=${enc(search.value)}`; });
  page.append(panel('Policies', h('div', {}, h('form', { class: 'inline', onsubmit: (ev) => ev.preventDefault() }, scopeSel, search), lazy(async () => { policies = await all('ListPolicies', { Scope: scope }, 'Policies'); draw(); return listBox; }))));
  return page;
};
pages.policy = (arn) => {
  const page = h('div', {}, h('div', { class: 'crumbs' }, link('#/policies', 'Policies'), ' › ', arn), h('h1', {}, arn.split('/').pop()));
  page.append(lazy(async () => {
    const p = (await call('GetPolicy', { PolicyArn: arn })).Policy;
    const versions = await all('ListPolicyVersions', { PolicyArn: arn }, 'Versions');
    const viewer = h('div'), holder = h('div');
    const show = async (v) => { const d = (await call('GetPolicyVersion', { PolicyArn: arn, VersionId: v })).PolicyVersion; viewer.replaceChildren(h('p', { class: 'muted' }, `Version ${v}${d.IsDefaultVersion ? ' (default)' : ''}`), docView(decodeDoc(d.Document))); return d; };
    const current = await show(p.DefaultVersionId);
    const aws = arn.startsWith('arn:aws:iam::aws:');
    const versionsBox = panel('Policy versions', table([['Version', (v) => h('button', { type: 'button', class: 'link', title: 'Show this version', onclick: () => show(v.VersionId) }, v.VersionId)], ['Default', (v) => (v.IsDefaultVersion ? 'Yes' : '')], ['Created', (v) => fmt(v.CreateDate)],
      ['', (v) => aws || v.IsDefaultVersion ? '' : [h('button', { class: 'small', onclick: () => act(async () => { await call('SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: v.VersionId }); rerender(); }, versionsBox) }, 'Set as default'), ' ',
        h('button', { class: 'small danger', 'aria-label': `Delete version ${v.VersionId}`, onclick: confirmed(`Delete policy version ${v.VersionId}?`, [], async () => { await call('DeletePolicyVersion', { PolicyArn: arn, VersionId: v.VersionId }); rerender(); }, null) }, 'Delete')]]], versions),
      !aws && h('button', { onclick: () => holder.replaceChildren(editorForm('New version (becomes the default)', decodeDoc(current.Document), 'identity', null, (doc) => call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc, SetAsDefault: 'true' }))) }, 'Edit policy (new version)'));
    return h('div', {},
      panel('Summary', kv([['ARN', p.Arn], ['Policy ID', p.PolicyId], ['Path', p.Path], ['Description', p.Description], ['Created', p.CreateDate], ['Updated', p.UpdateDate], ['Default version', p.DefaultVersionId], ['Attachments', p.AttachmentCount], ['Used as boundary', p.PermissionsBoundaryUsageCount]]),
        !aws && h('button', { class: 'danger', 'data-test': 'delete-entity', onclick: () => deleteEntity('policy', p.PolicyName, () => policyPlan(arn), page, () => { forgetPolicies(); location.hash = '#/policies'; }) }, 'Delete policy')),
      holder, panel('Policy document', viewer), versionsBox,
      lazy(async () => {
        const e = await call('ListEntitiesForPolicy', { PolicyArn: arn });
        const rows = [...(e.PolicyUsers || []).map((x) => ['User', x.UserName, `#/users/${enc(x.UserName)}`]), ...(e.PolicyGroups || []).map((x) => ['Group', x.GroupName, `#/groups/${enc(x.GroupName)}`]), ...(e.PolicyRoles || []).map((x) => ['Role', x.RoleName, `#/roles/${enc(x.RoleName)}`])];
        const holder = h('div');
        const open = h('button', { type: 'button', 'data-test': 'attach-to', 'aria-expanded': 'false' }, 'Attach to users, groups or roles…');
        open.addEventListener('click', () => {
          if (holder.firstChild) { holder.replaceChildren(); open.setAttribute('aria-expanded', 'false'); return; }
          open.setAttribute('aria-expanded', 'true');
          holder.replaceChildren(entityPicker(p, rows, box));
        });
        const box = panel('Entities attached', h('div', {}, table([['Type', (r) => r[0]], ['Name', (r) => link(r[2], r[1])],
          ['', (r) => h('button', { class: 'small danger', 'aria-label': `Detach from ${r[0].toLowerCase()} ${r[1]}`, onclick: confirmed(`Detach ${p.PolicyName} from ${r[0].toLowerCase()} ${r[1]}?`, [], async () => { await call(`Detach${r[0]}Policy`, { [`${r[0]}Name`]: r[1], PolicyArn: arn }); rerender(); }, null, { confirm: 'Detach' }) }, 'Detach')]], rows, 'Not attached to any entity.'), holder), open);
        return box;
      }));
  }));
  return page;
};

/** The users, groups and roles a policy is not yet attached to: filter, tick several, attach. */
function entityPicker(p, attached, box) {
  const have = new Set(attached.map((r) => `${r[0]}:${r[1]}`));
  const q = h('input', { type: 'search', 'aria-label': 'Filter users, groups and roles', placeholder: 'Filter by name', 'data-test': 'entity-search' });
  const body = h('tbody');
  const chosen = new Set();
  let list = [];
  const draw = () => {
    const f = q.value.trim().toLowerCase();
    body.replaceChildren(...list.filter((e) => e.name.toLowerCase().includes(f)).slice(0, 100).map((e, i) => {
      const id = `ent-${i}`;
      const box2 = h('input', { type: 'checkbox', id, value: `${e.type}:${e.name}`, checked: chosen.has(`${e.type}:${e.name}`) });
      box2.addEventListener('change', () => (box2.checked ? chosen.add(box2.value) : chosen.delete(box2.value)));
      return h('tr', {}, h('td', {}, box2), h('td', {}, h('label', { for: id }, e.name)), h('td', {}, e.type));
    }));
  };
  Promise.all([all('ListUsers', {}, 'Users'), all('ListGroups', {}, 'Groups'), all('ListRoles', {}, 'Roles')]).then(([us, gs, rs]) => {
    list = [...us.map((u) => ({ type: 'User', name: u.UserName })), ...gs.map((g) => ({ type: 'Group', name: g.GroupName })), ...rs.map((r) => ({ type: 'Role', name: r.RoleName }))].filter((e) => !have.has(`${e.type}:${e.name}`));
    draw();
  }, (e) => flash(e, box));
  q.addEventListener('input', draw);
  const go = h('button', { type: 'button', class: 'primary', 'data-test': 'attach-entities' }, 'Attach policy');
  go.addEventListener('click', () => act(async () => {
    if (!chosen.size) throw { code: 'NothingChosen', message: 'Tick one or more users, groups or roles.' };
    for (const v of chosen) { const [type, name] = v.split(/:(.*)/s); await call(`Attach${type}Policy`, { [`${type}Name`]: name, PolicyArn: p.Arn }); }
    rerender();
  }, box));
  return h('div', { class: 'picker' }, q, h('div', { class: 'scroll pick-table' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, h('span', { class: 'sr-only' }, 'Select')), h('th', {}, 'Name'), h('th', {}, 'Type'))), body)), h('p', {}, go));
}

// Instance profiles and simulated instances
pages['instance-profiles'] = () => {
  const name = h('input', { type: 'text', placeholder: 'Instance profile name', 'aria-label': 'Instance profile name', required: true });
  const form = h('form', { class: 'inline' }, name, h('button', { class: 'primary', type: 'submit' }, 'Create instance profile'));
  const page = h('div', {}, h('h1', {}, 'Instance profiles'), panel('Create instance profile', form),
    lazy(async () => {
      const list = await all('ListInstanceProfiles', {}, 'InstanceProfiles');
      const box = panel('Instance profiles', table([['Name', (p) => p.InstanceProfileName], ['Roles', (p) => (p.Roles || []).map((r) => [link(`#/roles/${enc(r.RoleName)}`, r.RoleName), ' ', h('button', { class: 'small danger', 'aria-label': `Remove role ${r.RoleName}`, onclick: confirmed(`Remove role ${r.RoleName} from ${p.InstanceProfileName}?`, ['Instances using the profile lose the role\'s credentials.'], async () => { await call('RemoveRoleFromInstanceProfile', { InstanceProfileName: p.InstanceProfileName, RoleName: r.RoleName }); rerender(); }, null, { confirm: 'Remove' }) }, 'Remove')])],
        ['Add role', (p) => { const r = h('input', { type: 'text', placeholder: 'Role name', 'aria-label': `Role to add to ${p.InstanceProfileName}`, size: 14 }); const f = h('form', { class: 'inline' }, r, h('button', { class: 'small', type: 'submit' }, 'Add')); f.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('AddRoleToInstanceProfile', { InstanceProfileName: p.InstanceProfileName, RoleName: r.value }); rerender(); }, box); }); return f; }],
        ['Created', (p) => fmt(p.CreateDate)], ['', (p) => h('button', { class: 'small danger', 'aria-label': `Delete instance profile ${p.InstanceProfileName}`, onclick: confirmed(`Delete instance profile ${p.InstanceProfileName}?`, [], async () => { await call('DeleteInstanceProfile', { InstanceProfileName: p.InstanceProfileName }); rerender(); }, null) }, 'Delete')]], list, 'No instance profiles.'));
      return box;
    }),
    lazy(async () => {
      const res = await fetch('/_iam/instances');
      const data = await res.json().catch(() => null);
      const list = Array.isArray(data) ? data : (data && (data.instances || data.Instances)) || [];
      return panel('Simulated instances (GET /_iam/instances)', list.length ? table(Object.keys(list[0]).map((k) => [k, (i) => (typeof i[k] === 'object' ? JSON.stringify(i[k]) : fmt(i[k]))]), list) : h('p', { class: 'muted' }, 'No simulated instances. Start one with POST /_iam/instances.'));
    }));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('CreateInstanceProfile', { InstanceProfileName: name.value }); rerender(); }, page); });
  return page;
};

// Policy simulator
pages.simulator = () => {
  const state = { actions: [], contexts: [] };
  const mode = h('select', { 'aria-label': 'Policies to simulate', 'data-test': 'sim-mode' }, h('option', { value: 'principal' }, 'Existing user, group or role'), h('option', { value: 'custom' }, 'New policies (paste)'));
  const principal = h('select', { 'aria-label': 'Principal', 'data-test': 'sim-principal' });
  Promise.all([all('ListUsers', {}, 'Users'), all('ListGroups', {}, 'Groups'), all('ListRoles', {}, 'Roles')]).then(([us, gs, rs]) => {
    principal.append(h('optgroup', { label: 'Users' }, us.map((u) => h('option', { value: u.Arn, 'data-kind': 'user', 'data-name': u.UserName }, `User: ${u.UserName}`))),
      h('optgroup', { label: 'Groups' }, gs.map((g) => h('option', { value: g.Arn, 'data-kind': 'group', 'data-name': g.GroupName }, `Group: ${g.GroupName}`))),
      h('optgroup', { label: 'Roles' }, rs.map((r) => h('option', { value: r.Arn, 'data-kind': 'role', 'data-name': r.RoleName }, `Role: ${r.RoleName}`))));
  }, (e) => flash(e, page));
  const customs = h('div');
  const addCustom = (text) => {
    const n = customs.querySelectorAll('textarea').length + 1;
    const ta = h('textarea', { class: 'code', id: `sim-custom-${n}`, 'data-test': 'sim-custom', style: 'min-height:160px', spellcheck: 'false' });
    ta.value = text;
    customs.append(h('label', { for: ta.id }, `Policy ${n} (JSON)`), ta);
  };
  addCustom('{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}');
  const customTexts = () => [...customs.querySelectorAll('textarea')].map((t) => t.value).filter((v) => v.trim());
  const customBox = h('div', { hidden: true }, customs, h('button', { type: 'button', class: 'small', onclick: () => addCustom('') }, 'Add another policy'));
  const principalBox = h('div', {}, principal);
  mode.addEventListener('change', () => { customBox.hidden = mode.value !== 'custom'; principalBox.hidden = mode.value === 'custom'; });

  // Action search: arrow keys move the highlight, Enter picks the highlighted action (only ever one the search found).
  const search = h('input', { type: 'search', placeholder: 'e.g. s3:Get or iam:*User', 'aria-label': 'Search actions', 'data-test': 'action-search', style: 'width:100%', autocomplete: 'off', 'aria-describedby': 'action-search-help' });
  const help = h('p', { class: 'muted small', id: 'action-search-help' }, '↑/↓ move through the results, Enter adds the highlighted action.');
  const pick = h('div', { class: 'picklist', 'data-test': 'action-results' });
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite', 'data-test': 'action-active' });
  const chips = h('div', { class: 'chips', 'data-test': 'chosen-actions' });
  const drawChips = () => chips.replaceChildren(...(state.actions.length ? state.actions.map((a) => h('span', {}, a, h('button', { type: 'button', title: 'Remove', 'aria-label': `Remove ${a}`, onclick: () => { state.actions = state.actions.filter((x) => x !== a); drawChips(); syncChecks(); } }, '×'))) : [h('span', { class: 'muted' }, 'No actions chosen')]));
  const addAction = (a) => { if (a && !state.actions.includes(a)) state.actions.push(a); drawChips(); syncChecks(); };
  let hits = [], active = -1;
  const syncChecks = () => pick.querySelectorAll('input[type=checkbox]').forEach((b) => { b.checked = state.actions.includes(b.value); });
  const setActive = (i) => {
    const labels = pick.querySelectorAll('label');
    if (!labels.length) { active = -1; live.textContent = ''; return; }
    active = (i + labels.length) % labels.length;
    labels.forEach((l, j) => l.classList.toggle('active', j === active));
    labels[active].scrollIntoView({ block: 'nearest' });
    live.textContent = `${hits[active].action}, ${active + 1} of ${hits.length}`;
  };
  let st, searchSeq = 0;
  const clearResults = () => { hits = []; active = -1; live.textContent = ''; pick.replaceChildren(); };
  search.addEventListener('input', () => {
    clearTimeout(st);
    const q = search.value.trim();
    if (!q) { searchSeq++; clearResults(); return; }
    st = setTimeout(async () => {
      const n = ++searchSeq;
      try {
        const r = await api(`/actions?q=${enc(q)}`);
        if (n !== searchSeq) return; // a later search has been typed (or the box cleared)
        const lc = q.toLowerCase();
        hits = r.actions.slice().sort((a, b) => (b.action.toLowerCase() === lc) - (a.action.toLowerCase() === lc));
        pick.replaceChildren(...hits.map((a, i) => h('label', { title: a.description || '', 'data-action': a.action, onmousemove: () => { if (active !== i) setActive(i); } },
          h('input', { type: 'checkbox', value: a.action, checked: state.actions.includes(a.action), onchange: (ev) => { if (ev.target.checked) addAction(a.action); else { state.actions = state.actions.filter((x) => x !== a.action); drawChips(); } } }), ' ', a.action, a.accessLevel ? h('span', { class: 'muted' }, ` — ${a.accessLevel}`) : '')),
          r.truncated ? h('p', { class: 'muted' }, 'More match: refine the search.') : '', hits.length ? h('button', { type: 'button', class: 'small', 'data-test': 'add-all-shown', onclick: () => hits.forEach((a) => addAction(a.action)) }, `Add all ${hits.length} shown`) : h('p', { class: 'muted' }, 'No action matches.'));
        setActive(0);
      } catch (e) { pick.replaceChildren(errorBox(e)); }
    }, 150);
  });
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') { ev.preventDefault(); if (hits.length) setActive(active + (ev.key === 'ArrowDown' ? 1 : -1)); }
    else if (ev.key === 'Enter') { ev.preventDefault(); if (active >= 0 && hits[active]) addAction(hits[active].action); }
    else if (ev.key === 'Escape' && search.value) { search.value = ''; searchSeq++; clearResults(); }
  });
  drawChips();

  const resources = h('textarea', { class: 'code', 'aria-label': 'Resources, one ARN per line', 'data-test': 'sim-resources', style: 'min-height:60px' });
  resources.value = '*';
  const ctxRows = h('div');
  const addCtx = (k = '', t = 'string', v = '') => {
    const key = h('input', { type: 'text', placeholder: 'aws:SourceIp', value: k, size: 18, 'aria-label': 'Context key' });
    const type = h('select', { 'aria-label': 'Type' }, ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'].map((x) => h('option', { value: x, selected: x === t }, x)));
    const val = h('input', { type: 'text', placeholder: 'value(s), comma separated', value: v, size: 18, 'aria-label': 'Context value' });
    const row = h('div', { class: 'inline ctx' }, key, type, val, h('button', { type: 'button', class: 'small danger', 'aria-label': 'Remove this context key', onclick: () => row.remove() }, '×'));
    ctxRows.append(row);
  };
  const loadKeys = async () => {
    const r = mode.value === 'custom' ? await call('GetContextKeysForCustomPolicy', members('PolicyInputList', customTexts())) : await call('GetContextKeysForPrincipalPolicy', { PolicySourceArn: principal.value });
    const have = new Set([...ctxRows.querySelectorAll('input[aria-label="Context key"]')].map((i) => i.value));
    for (const k of r.ContextKeyNames || []) if (!have.has(k)) addCtx(k);
  };

  const results = h('div', { 'data-test': 'sim-results' });
  const viewer = h('div', { 'data-test': 'sim-policy-view' });
  let sources = {};
  const run = async () => {
    const t0 = performance.now();
    const params = { ...members('ActionNames', state.actions), ...members('ResourceArns', resources.value.split(/\s+/).filter(Boolean)) };
    let n = 0;
    for (const row of ctxRows.querySelectorAll('.ctx')) {
      const [key, type, val] = row.querySelectorAll('input, select');
      if (!key.value.trim()) continue;
      n++;
      params[`ContextEntries.member.${n}.ContextKeyName`] = key.value.trim();
      params[`ContextEntries.member.${n}.ContextKeyType`] = type.value;
      (type.value.endsWith('List') ? val.value.split(',').map((s) => s.trim()) : [val.value]).forEach((v, i) => { params[`ContextEntries.member.${n}.ContextKeyValues.member.${i + 1}`] = v; });
    }
    let out;
    if (mode.value === 'custom') {
      sources = {};
      customTexts().forEach((text, i) => { params[`PolicyInputList.member.${i + 1}`] = text; sources[`PolicyInputList.${i + 1}`] = async () => text; });
      out = await call('SimulateCustomPolicy', params);
    } else {
      params.PolicySourceArn = principal.value;
      const opt = principal.selectedOptions[0];
      // Only the names of the principal's policies now; a document is fetched when its match is opened.
      [out, sources] = await Promise.all([call('SimulatePrincipalPolicy', params), policySources(opt.dataset.kind, opt.dataset.name).catch(() => ({}))]);
    }
    const t1 = performance.now();
    drawResults(out.EvaluationResults || []);
    const t2 = performance.now();
    results.dataset.totalMs = String(Math.round(t2 - t0));
    results.dataset.renderMs = String(Math.round(t2 - t1));
  };
  const DECISION = { allowed: 'allowed', explicitDeny: 'denied (explicit deny)', implicitDeny: 'denied (implicit deny)' };
  function drawResults(list) {
    viewer.replaceChildren();
    const rows = list.flatMap((r) => (r.ResourceSpecificResults && r.ResourceSpecificResults.length > 1
      ? r.ResourceSpecificResults.map((x) => ({ action: r.EvalActionName, resource: x.EvalResourceName, decision: x.EvalResourceDecision, matched: x.MatchedStatements || [], missing: x.MissingContextValues || [] }))
      : [{ action: r.EvalActionName, resource: r.EvalResourceName, decision: r.EvalDecision, matched: r.MatchedStatements || [], missing: r.MissingContextValues || [] }]));
    const allowed = rows.filter((r) => r.decision === 'allowed').length;
    results.replaceChildren(panel(`Results: ${allowed} allowed, ${rows.length - allowed} denied`, h('div', { class: 'scroll' }, h('table', { class: 'results', 'data-test': 'sim-summary' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Action'), h('th', {}, 'Resource'), h('th', {}, 'Decision'), h('th', {}, 'Matched statement'))),
      h('tbody', {}, rows.map((r) => h('tr', { class: 'result', 'data-action': r.action, 'data-resource': r.resource },
        h('td', {}, r.action), h('td', {}, h('code', {}, r.resource)),
        h('td', {}, h('span', { class: `badge ${r.decision}`, 'data-test': 'decision' }, DECISION[r.decision] || r.decision), r.missing.length ? h('div', { class: 'muted small' }, `missing context: ${r.missing.join(', ')}`) : ''),
        h('td', {}, r.matched.length ? r.matched.map((m) => h('button', { type: 'button', class: 'link match', 'data-test': 'match', onclick: () => openMatch(m, r) }, `${m.SourcePolicyId}, line ${m.StartPosition.Line}`))
          : h('span', { class: 'muted' }, 'None: denied by default')))))))), viewer);
  }
  async function openMatch(m, r) {
    viewer.replaceChildren(h('p', { class: 'muted' }, 'Loading the policy…'));
    try {
      const get = sources[m.SourcePolicyId];
      if (!get) throw { code: 'NotAvailable', message: `The text of ${m.SourcePolicyId} is not available here.` };
      const text = await get();
      const pre = docView(text, m, r.decision === 'explicitDeny' ? 'deny' : '');
      const lines = text.split('\n').length;
      viewer.replaceChildren(panel(`${m.SourcePolicyId} (${m.SourcePolicyType}): the statement that decided ${r.action}`, h('div', {},
        h('p', { class: 'muted' }, `Lines ${m.StartPosition.Line}–${m.EndPosition.Line} of ${lines}, highlighted.`), pre),
        h('button', { type: 'button', class: 'small', onclick: () => viewer.replaceChildren() }, 'Close')));
      const mark = pre.querySelector('mark');
      if (mark) { pre.scrollTop = Math.max(0, mark.offsetTop - 24); viewer.scrollIntoView({ block: 'nearest' }); }
    } catch (e) { viewer.replaceChildren(errorBox(e)); }
  }
  const runBtn = h('button', { class: 'primary', 'data-test': 'sim-run', onclick: () => act(run, page) }, 'Run simulation');
  const page = h('div', {}, h('h1', {}, 'IAM Policy Simulator'),
    h('div', { class: 'sim' },
      h('div', {},
        panel('1. Policies', h('div', {}, mode, principalBox, customBox)),
        panel('2. Actions', h('div', {}, search, help, live, pick, chips)),
        panel('3. Resources (one ARN per line)', resources),
        panel('4. Context keys', h('div', {}, ctxRows, h('button', { type: 'button', class: 'small', onclick: () => addCtx() }, 'Add key'), ' ', h('button', { type: 'button', class: 'small', onclick: () => act(loadKeys, page) }, 'Keys used by the policies'))),
        runBtn),
      results));
  return page;
};
/** SourcePolicyId → a function fetching that policy's text (through the API, when asked). */
async function policySources(kind, name) {
  const sources = {};
  const K = kind[0].toUpperCase() + kind.slice(1);
  const managed = (arn) => async () => {
    const p = (await call('GetPolicy', { PolicyArn: arn })).Policy;
    return decodeDoc((await call('GetPolicyVersion', { PolicyArn: arn, VersionId: p.DefaultVersionId })).PolicyVersion.Document);
  };
  const grab = async (k, n) => {
    const Kk = k[0].toUpperCase() + k.slice(1);
    const [inline, attached] = await Promise.all([all(`List${Kk}Policies`, { [`${Kk}Name`]: n }, 'PolicyNames'), all(`ListAttached${Kk}Policies`, { [`${Kk}Name`]: n }, 'AttachedPolicies')]);
    for (const pn of inline) sources[pn] = async () => decodeDoc((await call(`Get${Kk}Policy`, { [`${Kk}Name`]: n, PolicyName: pn })).PolicyDocument);
    for (const ap of attached) sources[ap.PolicyName] = managed(ap.PolicyArn);
  };
  const groups = kind === 'user' ? all('ListGroupsForUser', { UserName: name }, 'Groups') : Promise.resolve([]);
  const entity = kind !== 'group' ? call(`Get${K}`, { [`${K}Name`]: name }).then((r) => r[K]) : Promise.resolve(null);
  await grab(kind, name);
  await Promise.all((await groups).map((g) => grab('group', g.GroupName)));
  const ent = await entity;
  if (ent && ent.PermissionsBoundary) sources[ent.PermissionsBoundary.PermissionsBoundaryArn.split('/').pop()] = managed(ent.PermissionsBoundary.PermissionsBoundaryArn);
  return sources;
}

// Credential report
function parseCsv(text) {
  const rows = []; let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else q = false; } else cell += c; }
    else if (c === '"') q = true; else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const yesNo = (v) => ({ true: 'Yes', false: 'No', 'N/A': 'N/A', not_supported: 'Not supported', no_information: 'No information' }[v] ?? fmt(v));
/** The report's 22 CSV columns, grouped into readable columns (the CSV keeps them all). */
const REPORT_COLUMNS = [
  ['User', (r) => [h('b', {}, r.user), h('div', { class: 'muted small' }, r.arn)]],
  ['Created', (r) => fmt(r.user_creation_time)],
  ['Console password', (r) => r.password_enabled === 'true' ? h('div', {}, 'Enabled', h('div', { class: 'muted small' }, `Last used: ${yesNo(r.password_last_used)}`), h('div', { class: 'muted small' }, `Last changed: ${yesNo(r.password_last_changed)}`), h('div', { class: 'muted small' }, `Next rotation: ${yesNo(r.password_next_rotation)}`)) : yesNo(r.password_enabled) === 'No' ? 'None' : yesNo(r.password_enabled)],
  ['MFA', (r) => (r.mfa_active === 'true' ? 'Active' : 'None')],
  ...[1, 2].map((n) => [`Access key ${n}`, (r) => r[`access_key_${n}_active`] === 'true' || r[`access_key_${n}_last_rotated`] !== 'N/A'
    ? h('div', {}, r[`access_key_${n}_active`] === 'true' ? 'Active' : 'Inactive', h('div', { class: 'muted small' }, `Rotated: ${yesNo(r[`access_key_${n}_last_rotated`])}`),
      h('div', { class: 'muted small' }, `Last used: ${yesNo(r[`access_key_${n}_last_used_date`])}${r[`access_key_${n}_last_used_service`] && r[`access_key_${n}_last_used_service`] !== 'N/A' ? ` (${r[`access_key_${n}_last_used_service`]}, ${r[`access_key_${n}_last_used_region`]})` : ''}`))
    : 'None']),
  ['Signing certificates', (r) => [1, 2].filter((n) => r[`cert_${n}_active`] === 'true').map((n) => h('div', {}, `Certificate ${n}: active, rotated ${yesNo(r[`cert_${n}_last_rotated`])}`)).concat(r.cert_1_active === 'true' || r.cert_2_active === 'true' ? [] : ['None'])],
];
pages['credential-report'] = () => {
  const out = h('div');
  const page = h('div', {}, h('h1', {}, 'Credential report'),
    h('p', {}, 'Every user of the account and the state of their credentials: passwords, access keys, MFA and certificates.'),
    h('p', {}, h('button', { class: 'primary', 'data-test': 'gen-report', onclick: () => act(async () => {
      for (let i = 0; i < 20; i++) { const s = await call('GenerateCredentialReport'); if (s.State === 'COMPLETE') break; await new Promise((r) => setTimeout(r, 300)); }
      const rep = await call('GetCredentialReport');
      const csv = rep.Content;
      const [head, ...rows] = parseCsv(csv.trim());
      const objs = rows.map((r) => Object.fromEntries(head.map((k, i) => [k, r[i]])));
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const grid = h('table', { class: 'report', 'data-test': 'report' }, h('thead', {}, h('tr', {}, REPORT_COLUMNS.map((c) => h('th', { scope: 'col' }, c[0])))),
        h('tbody', {}, objs.map((o) => h('tr', {}, REPORT_COLUMNS.map((c) => h('td', {}, c[1](o)))))));
      out.replaceChildren(panel(`Report generated ${fmt(rep.GeneratedTime)}: ${objs.length} ${objs.length === 1 ? 'entry' : 'entries'}`, h('div', { class: 'report-box', tabindex: '0', role: 'region', 'aria-label': 'Credential report table' }, grid),
        h('a', { class: 'button', href: url, download: 'credential-report.csv', 'data-test': 'download-csv' }, 'Download CSV (all 22 columns)')));
    }, page) }, 'Generate and show report')), out);
  return page;
};

// Audit findings: for callers allowed to read the account's IAM configuration (the API checks it).
const entityHref = (f) => {
  if (f.entityType === 'user') return `#/users/${enc(f.entity)}`;
  if (f.entityType === 'group') return `#/groups/${enc(f.entity)}`;
  if (f.entityType === 'role') return `#/roles/${enc(f.entity)}`;
  if (f.entityType === 'policy') return f.entityArn ? `#/policies/${enc(f.entityArn)}` : '#/policies';
  if (f.entityType === 'access-key') { const m = /of user (\S+)/.exec(f.detail); return m ? `#/users/${enc(m[1])}` : '#/security-credentials'; }
  return '#/';
};
const where = (f) => ({ user: `Users › ${f.entity}`, group: `User groups › ${f.entity}`, role: `Roles › ${f.entity}`, policy: `Policies › ${f.entity}` }[f.entityType] || '');
/** The console action that fixes each finding. */
const FIX_IN_CONSOLE = {
  'user-direct-policy': (f) => `${where(f)} › Permissions policies: Detach; then attach it to a group (User groups › Add permissions) and add the user to that group`,
  'inline-policy': (f) => `Policies › Create policy with the same document, attach it, then ${where(f)} › Inline policies: Delete`,
  'wildcard-resource-write': (f) => (f.entityType === 'policy' ? `${where(f)} › Edit policy (new version): name the resources` : `${where(f)} › Inline policies: Edit, and name the resources`),
  'access-key-old': (f) => `${/of user (\S+)/.test(f.detail) ? `Users › ${/of user (\S+)/.exec(f.detail)[1]}` : 'My security credentials'} › Access keys: Create access key, then Deactivate and Delete ${f.entity}`,
  'access-key-unused': (f) => `${/of user (\S+)/.test(f.detail) ? `Users › ${/of user (\S+)/.exec(f.detail)[1]}` : 'My security credentials'} › Access keys: Deactivate, then Delete ${f.entity}`,
  'root-access-key': (f) => `My security credentials (as the root user) › Access keys: Delete ${f.entity}`,
  'user-without-mfa': (f) => `${where(f)} › MFA devices: Assign virtual MFA device`,
  'user-idle-30': (f) => `${where(f)} › Summary: Delete user (if no longer needed)`,
  'user-idle-90': (f) => `${where(f)} › Summary: Delete user (if no longer needed)`,
  'role-trusts-anyone': (f) => `${where(f)} › Trust policy: Edit trust policy and name the principals`,
  'role-trusts-external-account': (f) => `${where(f)} › Trust policy: Edit trust policy and require sts:ExternalId`,
  'admin-without-mfa': (f) => `${where(f)} › Permissions policies: attach a policy that denies without MFA, or narrow the policy`,
};
pages.audit = () => h('div', {}, h('h1', {}, 'Audit findings'), lazy(async () => {
  const data = await api('/audit');
  const list = data.findings || [];
  if (!list.length) return panel('Findings', h('p', { class: 'muted' }, 'No findings.'));
  return panel(`${list.length} finding${list.length === 1 ? '' : 's'}: ${['critical', 'high', 'medium', 'low'].filter((s) => data.summary[s]).map((s) => `${data.summary[s]} ${s}`).join(', ')}`,
    table([['Severity', (f) => h('span', { class: `badge sev-${f.severity}` }, f.severity)], ['Finding', (f) => f.rule],
      ['Entity', (f) => link(entityHref(f), f.entity)], ['Detail', (f) => f.detail],
      ['Fix in the console', (f) => h('span', { 'data-test': 'console-fix' }, h('a', { href: entityHref(f) }, (FIX_IN_CONSOLE[f.ruleId] || (() => f.fix))(f)), h('div', { class: 'muted small' }, `API: ${f.fix}`))]], list));
}));

// Authorization decisions (IAM_LOCAL_ENFORCE=audit|on): every call decided, IAM's own and the
// enforcement gateway's (S3, DynamoDB, …), each explained: the deciding layer and statements.
const DECIDED = { allowed: 'Allowed', explicitDeny: 'Explicit deny', implicitDeny: 'Implicit deny' };
pages.decisions = (query) => {
  const id = new URLSearchParams(query || '').get('id');
  if (id) return h('div', {}, h('h1', {}, 'Authorization decision'), h('p', {}, link('#/decisions', '‹ All decisions')), lazy(async () => {
    const d = await api(`/decisions?id=${enc(id)}`);
    const stmts = (list) => table([['Layer', (s) => s.layer], ['Policy', (s) => s.policyId], ['Statement', (s) => `${s.sid ? `${s.sid} ` : ''}#${s.statementIndex + 1} (line ${s.start.line})`], ['Effect', (s) => s.effect]], list, 'No statement applied.');
    return h('div', { 'data-test': 'decision-detail' },
      panel(`${d.action} on ${d.resource}`, h('dl', { class: 'facts' },
        h('dt', {}, 'Decision'), h('dd', {}, h('span', { class: `badge ${d.decision}`, 'data-test': 'decision' }, DECIDED[d.decision] || d.decision), d.denied ? ' — refused' : d.decision !== 'allowed' ? ' — recorded only (audit)' : ''),
        h('dt', {}, 'Principal'), h('dd', {}, d.principal),
        h('dt', {}, 'Why'), h('dd', { 'data-test': 'reason' }, `decided by the ${d.decidedBy} layer: ${d.reason}`),
        d.message ? [h('dt', {}, 'Message'), h('dd', { 'data-test': 'message' }, d.message)] : '',
        d.missingContextKeys.length ? [h('dt', {}, 'Missing context keys'), h('dd', {}, d.missingContextKeys.join(', '))] : '',
        d.note ? [h('dt', {}, 'Note'), h('dd', {}, d.note)] : '',
        h('dt', {}, 'Time'), h('dd', {}, fmt(d.time)))),
      panel('Decisive statements', stmts(d.statements)),
      Object.entries(d.layers).map(([layer, l]) => panel(`${layer} layer: ${DECIDED[l.decision] || l.decision}`, stmts(l.statements))),
      panel('Request context', h('pre', {}, JSON.stringify(d.context, null, 2))));
  }));
  return h('div', {}, h('h1', {}, 'Authorization decisions'), lazy(async () => {
    const data = await api('/decisions');
    if (data.enforce === 'off') return panel('Decisions', h('p', { class: 'muted' }, 'Enforcement is off (IAM_LOCAL_ENFORCE=off): nothing is decided. Start with --enforce audit or on.'));
    return panel(`${data.decisions.length} recent decision${data.decisions.length === 1 ? '' : 's'}`,
      table([['Time', (d) => fmt(d.time)], ['Decision', (d) => h('span', { class: `badge ${d.decision}` }, DECIDED[d.decision] || d.decision)],
        ['Action', (d) => link(`#/decisions?id=${enc(d.id)}`, d.action)], ['Resource', (d) => d.resource], ['Principal', (d) => d.principal], ['Why', (d) => d.reason]], data.decisions, 'No decisions yet.'));
  }));
};

// My security credentials: the signed-in user's own password, access keys and MFA, under their own permissions.
pages['security-credentials'] = () => {
  const page = h('div', {}, h('h1', {}, 'My security credentials'));
  if (me.kind === 'user') {
    page.append(panel('Console password', h('div', {}, h('p', {}, 'Change the password you sign in with.'), h('a', { class: 'button', href: '#/change-password' }, 'Change password'))),
      h('div', { class: 'grid2' }, accessKeys(me.userName), mfaDevices(me.userName)));
  } else {
    page.append(h('p', { class: 'muted' }, 'You are signed in as the root user: these are the root user\'s access keys. Prefer IAM users or roles for programs.'), accessKeys(null));
  }
  return page;
};

// ---------- routing ----------
function showChrome() {
  const signedIn = !!me;
  document.body.classList.toggle('signed-out', !signedIn);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('signout').hidden = !signedIn;
  document.getElementById('mycreds').hidden = !signedIn;
  document.getElementById('who').textContent = signedIn ? `${me.kind === 'root' ? 'Root user' : `IAM user ${me.userName}`}${me.mfa ? ' (MFA)' : ''} @ ${me.accountId}` : '';
}
async function route() {
  const raw = location.hash.slice(1) || '/';
  const [path, query] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!me && parts[0] !== 'signin') {
    try { me = await api('/me'); } catch { me = null; }
    if (!me) { location.hash = '#/signin'; if (raw !== '/signin') return; }
  }
  showChrome();
  document.querySelectorAll('nav#nav a').forEach((a) => { const on = a.getAttribute('href') === `#/${parts[0] || ''}` || (parts[0] === 'create-role' && a.getAttribute('href') === '#/roles'); a.classList.toggle('active', on); if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current'); });
  const single = { users: 'user', groups: 'group', roles: 'role', policies: 'policy' };
  let view;
  if (!parts.length) view = pages.dashboard();
  else if (parts.length > 1 && single[parts[0]]) view = pages[single[parts[0]]](parts.slice(1).join('/'));
  else if (pages[parts[0]]) view = pages[parts[0]](query);
  else view = h('p', {}, 'No such page. ', link('#/', 'Dashboard'));
  document.title = `${parts[0] || 'Dashboard'} — iam-local IAM console`;
  main.replaceChildren(view);
  // A new page: focus goes to its heading, as a screen reader user expects after navigation.
  const h1 = main.querySelector('h1');
  if (h1 && document.activeElement && document.activeElement !== document.body && !main.contains(document.activeElement)) { h1.tabIndex = -1; h1.focus({ preventScroll: true }); }
}
document.getElementById('signout').addEventListener('click', async () => { await api('/signout', {}).catch(() => {}); me = null; location.hash = '#/signin'; showChrome(); });
window.addEventListener('hashchange', route);
route();

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
  return h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, cols.map((c) => h('th', {}, c[0])))),
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

// ---------- policy editor: validation as you type ----------
function policyEditor(initial, kind = 'identity') {
  const ta = h('textarea', { class: 'code', spellcheck: 'false', 'aria-label': 'Policy document' });
  ta.value = initial || '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}';
  const status = h('div', { class: 'validation', 'data-test': 'validation' });
  let timer, seq = 0;
  const check = async () => {
    const n = ++seq;
    try {
      const r = await api('/validate', { document: ta.value, kind });
      if (n !== seq) return;
      status.replaceChildren(r.ok
        ? h('span', { class: 'ok' }, 'Policy is valid.')
        : h('div', { class: 'error' }, r.line ? h('button', { type: 'button', class: 'link', title: 'Go to the problem', onclick: () => goTo(r.line, r.column) }, `Line ${r.line}, column ${r.column}`) : '', r.line ? ': ' : '', h('b', {}, r.code), ': ', r.message));
    } catch (e) { status.replaceChildren(errorBox(e)); }
  };
  const goTo = (line, column) => { const at = offsetOf(ta.value, { Line: line, Column: column }); ta.focus(); ta.setSelectionRange(at, at + 1); };
  ta.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 250); });
  ta.addEventListener('keydown', (ev) => { if (ev.key === 'Tab') { ev.preventDefault(); ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end'); } });
  check();
  const el = h('div', { class: 'editor' }, ta, status);
  el.value = () => ta.value;
  return el;
}
/** A dialog-like panel with an editor and a submit action. */
function editorForm(title, initial, kind, extraFields, submit) {
  const ed = policyEditor(initial, kind);
  const form = h('form', { class: 'stack' }, extraFields || [], h('label', {}, 'Policy document (JSON)'), ed,
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Save')));
  form.addEventListener('submit', async (ev) => { ev.preventDefault(); if (await act(() => submit(ed.value(), form), form)) rerender(); });
  return panel(title, form);
}

// ---------- reusable entity sections ----------
function attachedPolicies(kind, name) {
  const K = kind[0].toUpperCase() + kind.slice(1);
  return lazy(async () => {
    const list = await all(`ListAttached${K}Policies`, { [`${K}Name`]: name }, 'AttachedPolicies');
    const sel = h('input', { type: 'text', placeholder: 'Policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess', size: 56, list: 'policy-arns', 'data-test': 'attach-arn' });
    const dl = h('datalist', { id: 'policy-arns' });
    all('ListPolicies', { Scope: 'Local' }, 'Policies').then((ps) => ps.forEach((p) => dl.append(h('option', { value: p.Arn }, p.PolicyName))), () => {});
    const form = h('form', { class: 'inline' }, sel, dl, h('button', { type: 'submit' }, 'Attach policy'));
    const box = panel('Attached (managed) policies', h('div', {}, form,
      table([['Policy', (p) => link(`#/policies/${enc(p.PolicyArn)}`, p.PolicyName)], ['ARN', (p) => p.PolicyArn],
        ['', (p) => h('button', { class: 'small danger', onclick: () => act(async () => { await call(`Detach${K}Policy`, { [`${K}Name`]: name, PolicyArn: p.PolicyArn }); rerender(); }, box) }, 'Detach')]], list)));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call(`Attach${K}Policy`, { [`${K}Name`]: name, PolicyArn: sel.value.trim() }); rerender(); }, box); });
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
        h('button', { class: 'small danger', onclick: (ev) => { ev.preventDefault(); act(async () => { await call(`Delete${K}Policy`, { [`${K}Name`]: name, PolicyName: d.PolicyName }); rerender(); }, box); } }, 'Delete')),
        docView(decodeDoc(d.PolicyDocument)))) : h('p', { class: 'muted' }, 'None.')),
      h('button', { onclick: () => { const pn = h('input', { type: 'text', name: 'PolicyName', placeholder: 'PolicyName' }); holder.replaceChildren(editorForm('Add inline policy', '', 'identity', [h('label', {}, 'Policy name'), pn], (doc) => call(`Put${K}Policy`, { [`${K}Name`]: name, PolicyName: pn.value, PolicyDocument: doc }))); } }, 'Add inline policy'));
    return box;
  });
}
function tagsPanel(kind, params, tags) {
  const K = kind;
  const key = h('input', { type: 'text', placeholder: 'Key', 'aria-label': 'Tag key' }), val = h('input', { type: 'text', placeholder: 'Value', 'aria-label': 'Tag value' });
  const form = h('form', { class: 'inline' }, key, val, h('button', { type: 'submit' }, 'Add tag'));
  const box = panel('Tags', h('div', {}, table([['Key', (t) => t.Key], ['Value', (t) => t.Value],
    ['', (t) => h('button', { class: 'small danger', onclick: () => act(async () => { await call(`Untag${K}`, { ...params, 'TagKeys.member.1': t.Key }); rerender(); }, box) }, 'Remove')]], tags || []), form));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call(`Tag${K}`, { ...params, 'Tags.member.1.Key': key.value, 'Tags.member.1.Value': val.value }); rerender(); }, box); });
  return box;
}
function boundaryPanel(kind, name, boundary) {
  const K = kind[0].toUpperCase() + kind.slice(1);
  const arn = h('input', { type: 'text', size: 56, placeholder: 'Policy ARN', list: 'policy-arns' });
  const form = h('form', { class: 'inline' }, arn, h('button', { type: 'submit' }, boundary ? 'Change boundary' : 'Set boundary'));
  const box = panel('Permissions boundary', h('div', {},
    boundary ? h('p', {}, link(`#/policies/${enc(boundary.PermissionsBoundaryArn)}`, boundary.PermissionsBoundaryArn), ' ',
      h('button', { class: 'small danger', onclick: () => act(async () => { await call(`Delete${K}PermissionsBoundary`, { [`${K}Name`]: name }); rerender(); }, box) }, 'Remove boundary'))
      : h('p', { class: 'muted' }, 'Not set: the identity policies alone decide.'), form));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call(`Put${K}PermissionsBoundary`, { [`${K}Name`]: name, PermissionsBoundary: arn.value.trim() }); rerender(); }, box); });
  return box;
}
function kv(pairs) { return h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : fmt(v))])); }

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
    h('button', { type: 'button', 'aria-pressed': 'true', onclick: (ev) => setKind('root', ev.target) }, 'Root user'),
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

pages.dashboard = () => h('div', {}, h('h1', {}, 'IAM dashboard'),
  lazy(async () => {
    const [id, aliases] = await Promise.all([call('GetCallerIdentity', {}, 'sts').catch((e) => ({ error: e })), call('ListAccountAliases').catch(() => ({ AccountAliases: [] }))]);
    return panel('AWS account', kv([['Account ID', me.accountId], ['Account alias', (aliases.AccountAliases || [])[0]], ['Signed in as', id.Arn || me.arn], ['Enforcement (IAM_LOCAL_ENFORCE)', me.enforce]]));
  }),
  lazy(async () => {
    const s = (await call('GetAccountSummary')).SummaryMap || {};
    const show = ['Users', 'Groups', 'Roles', 'Policies', 'InstanceProfiles', 'MFADevices', 'MFADevicesInUse', 'AccountMFAEnabled', 'AccountAccessKeysPresent', 'Providers'];
    return panel('Resources in this account (GetAccountSummary)', h('div', {},
      h('div', { class: 'cards' }, show.filter((k) => k in s).map((k) => h('div', { class: 'card' }, h('b', {}, s[k]), k))),
      h('details', {}, h('summary', {}, 'All quotas and counts'), table([['Key', (r) => r[0]], ['Value', (r) => r[1]]], Object.entries(s)))));
  }));

// Users
pages.users = () => {
  const name = h('input', { type: 'text', name: 'UserName', placeholder: 'User name', 'data-test': 'new-user-name', required: true });
  const path = h('input', { type: 'text', name: 'Path', placeholder: 'Path (optional, /…/)' });
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
    const del = h('button', { class: 'danger', onclick: () => confirm(`Delete user ${userName}?`) && act(async () => { await call('DeleteUser', { UserName: userName }); location.hash = '#/users'; }, page) }, 'Delete user');
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
      ['', (g) => h('button', { class: 'small danger', onclick: () => act(async () => { await call('RemoveUserFromGroup', { GroupName: g.GroupName, UserName: userName }); rerender(); }, box) }, 'Remove')]], mine, 'Not in any group.'), form));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('AddUserToGroup', { GroupName: sel.value, UserName: userName }); rerender(); }, box); });
    return box;
  });
}
function accessKeys(userName) {
  return lazy(async () => {
    const keys = await all('ListAccessKeys', { UserName: userName }, 'AccessKeyMetadata');
    const last = await Promise.all(keys.map((k) => call('GetAccessKeyLastUsed', { AccessKeyId: k.AccessKeyId }).catch(() => ({}))));
    const secretBox = h('div'), listBox = h('div');
    const draw = () => listBox.replaceChildren(table([['Access key ID', (k) => k.AccessKeyId], ['Status', (k) => k.Status], ['Created', (k) => fmt(k.CreateDate)],
      ['Last used', (k) => { const l = (last[keys.indexOf(k)] || {}).AccessKeyLastUsed; return l && l.LastUsedDate ? `${fmt(l.LastUsedDate)} (${l.ServiceName})` : 'Never'; }],
      ['', (k) => [h('button', { class: 'small', onclick: () => act(async () => { await call('UpdateAccessKey', { UserName: userName, AccessKeyId: k.AccessKeyId, Status: k.Status === 'Active' ? 'Inactive' : 'Active' }); rerender(); }, box) }, k.Status === 'Active' ? 'Deactivate' : 'Activate'), ' ',
        h('button', { class: 'small danger', onclick: () => act(async () => { await call('DeleteAccessKey', { UserName: userName, AccessKeyId: k.AccessKeyId }); rerender(); }, box) }, 'Delete')]]], keys));
    draw();
    const box = panel('Access keys', h('div', {}, secretBox, listBox),
      h('button', { 'data-test': 'create-key', onclick: () => act(async () => {
        const k = (await call('CreateAccessKey', { UserName: userName })).AccessKey;
        keys.push(k); last.push({}); draw();
        secretBox.replaceChildren(h('div', { class: 'secret' }, h('p', {}, h('b', {}, 'This is the only time the secret access key can be viewed.')),
          kv([['Access key ID', k.AccessKeyId], ['Secret access key', h('code', { 'data-test': 'secret' }, k.SecretAccessKey)]])));
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
      form, p && h('button', { class: 'small danger', onclick: () => act(async () => { await call('DeleteLoginProfile', { UserName: userName }); rerender(); }, box) }, 'Disable console access')));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call(p ? 'UpdateLoginProfile' : 'CreateLoginProfile', { UserName: userName, Password: pw.value, PasswordResetRequired: String(reset.checked) }); rerender(); }, box); });
    return box;
  });
}
function mfaDevices(userName) {
  return lazy(async () => {
    const list = await all('ListMFADevices', { UserName: userName }, 'MFADevices');
    const setup = h('div');
    const box = panel('MFA devices', h('div', {}, table([['Serial number', (d) => d.SerialNumber], ['Enabled', (d) => fmt(d.EnableDate)],
      ['', (d) => h('button', { class: 'small danger', onclick: () => act(async () => { await call('DeactivateMFADevice', { UserName: userName, SerialNumber: d.SerialNumber }); rerender(); }, box) }, 'Deactivate')]], list, 'No MFA device.'), setup),
      h('button', { onclick: () => act(async () => {
        // As the console does: create a virtual device, show its QR code and seed, then enable it with two consecutive codes.
        const d = (await call('CreateVirtualMFADevice', { VirtualMFADeviceName: `${userName}-${Date.now().toString(36)}` })).VirtualMFADevice;
        const c1 = h('input', { type: 'text', placeholder: 'MFA code 1', size: 8, inputmode: 'numeric' }), c2 = h('input', { type: 'text', placeholder: 'MFA code 2', size: 8, inputmode: 'numeric' });
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
  const name = h('input', { type: 'text', placeholder: 'Group name', required: true });
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
      ['', (u) => h('button', { class: 'small danger', onclick: () => act(async () => { await call('RemoveUserFromGroup', { GroupName: groupName, UserName: u.UserName }); rerender(); }, membersBox) }, 'Remove')]], g.Users || [], 'No members.'), form));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('AddUserToGroup', { GroupName: groupName, UserName: users.value }); rerender(); }, membersBox); });
    return h('div', {},
      panel('Summary', kv([['ARN', g.Group.Arn], ['Group ID', g.Group.GroupId], ['Created', g.Group.CreateDate]]),
        h('button', { class: 'danger', onclick: () => confirm(`Delete group ${groupName}?`) && act(async () => { await call('DeleteGroup', { GroupName: groupName }); location.hash = '#/groups'; }, page) }, 'Delete group')),
      h('div', { class: 'grid2' }, membersBox, attachedPolicies('group', groupName)), h('div', { style: 'height:14px' }), inlinePolicies('group', groupName));
  }));
  return page;
};

// Roles
const EC2_TRUST = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "Service": "ec2.amazonaws.com" },\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}';
pages.roles = () => {
  const holder = h('div');
  const page = h('div', {}, h('h1', {}, 'Roles'),
    h('p', {}, h('button', { class: 'primary', onclick: () => { const n = h('input', { type: 'text', placeholder: 'Role name' }); holder.replaceChildren(editorForm('Create role — trust policy', EC2_TRUST, 'trust', [h('label', {}, 'Role name'), n], async (doc) => { await call('CreateRole', { RoleName: n.value, AssumeRolePolicyDocument: doc }); location.hash = `#/roles/${enc(n.value)}`; })); } }, 'Create role')), holder,
    lazy(async () => panel('Roles', table([['Role name', (r) => link(`#/roles/${enc(r.RoleName)}`, r.RoleName)], ['Path', (r) => r.Path], ['Created', (r) => fmt(r.CreateDate)], ['Description', (r) => r.Description || '']], await all('ListRoles', {}, 'Roles'), 'No roles yet.'))));
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
        h('button', { class: 'danger', onclick: () => confirm(`Delete role ${roleName}?`) && act(async () => { await call('DeleteRole', { RoleName: roleName }); location.hash = '#/roles'; }, page) }, 'Delete role')),
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
    h('p', {}, h('button', { class: 'primary', onclick: () => { const n = h('input', { type: 'text', placeholder: 'Policy name', 'data-test': 'policy-name' }); const d = h('input', { type: 'text', placeholder: 'Description (optional)' }); holder.replaceChildren(editorForm('Create policy', '', 'identity', [h('label', {}, 'Policy name'), n, h('label', {}, 'Description'), d], async (doc) => { const p = (await call('CreatePolicy', { PolicyName: n.value, PolicyDocument: doc, ...(d.value ? { Description: d.value } : {}) })).Policy; location.hash = `#/policies/${enc(p.Arn)}`; })); } }, 'Create policy')), holder);
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
        h('button', { class: 'small danger', onclick: () => act(async () => { await call('DeletePolicyVersion', { PolicyArn: arn, VersionId: v.VersionId }); rerender(); }, versionsBox) }, 'Delete')]]], versions),
      !aws && h('button', { onclick: () => holder.replaceChildren(editorForm('New version (becomes the default)', decodeDoc(current.Document), 'identity', null, (doc) => call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc, SetAsDefault: 'true' }))) }, 'Edit policy (new version)'));
    return h('div', {},
      panel('Summary', kv([['ARN', p.Arn], ['Policy ID', p.PolicyId], ['Path', p.Path], ['Description', p.Description], ['Created', p.CreateDate], ['Updated', p.UpdateDate], ['Default version', p.DefaultVersionId], ['Attachments', p.AttachmentCount], ['Used as boundary', p.PermissionsBoundaryUsageCount]]),
        !aws && h('button', { class: 'danger', onclick: () => confirm(`Delete policy ${p.PolicyName}?`) && act(async () => { await call('DeletePolicy', { PolicyArn: arn }); location.hash = '#/policies'; }, page) }, 'Delete policy')),
      holder, panel('Policy document', viewer), versionsBox,
      lazy(async () => {
        const e = await call('ListEntitiesForPolicy', { PolicyArn: arn });
        const rows = [...(e.PolicyUsers || []).map((x) => ['User', x.UserName, `#/users/${enc(x.UserName)}`]), ...(e.PolicyGroups || []).map((x) => ['Group', x.GroupName, `#/groups/${enc(x.GroupName)}`]), ...(e.PolicyRoles || []).map((x) => ['Role', x.RoleName, `#/roles/${enc(x.RoleName)}`])];
        return panel('Entities attached', table([['Type', (r) => r[0]], ['Name', (r) => link(r[2], r[1])]], rows, 'Not attached to any entity.'));
      }));
  }));
  return page;
};

// Instance profiles and simulated instances
pages['instance-profiles'] = () => {
  const name = h('input', { type: 'text', placeholder: 'Instance profile name', required: true });
  const form = h('form', { class: 'inline' }, name, h('button', { class: 'primary', type: 'submit' }, 'Create instance profile'));
  const page = h('div', {}, h('h1', {}, 'Instance profiles'), panel('Create instance profile', form),
    lazy(async () => {
      const list = await all('ListInstanceProfiles', {}, 'InstanceProfiles');
      const box = panel('Instance profiles', table([['Name', (p) => p.InstanceProfileName], ['Roles', (p) => (p.Roles || []).map((r) => [link(`#/roles/${enc(r.RoleName)}`, r.RoleName), ' ', h('button', { class: 'small danger', onclick: () => act(async () => { await call('RemoveRoleFromInstanceProfile', { InstanceProfileName: p.InstanceProfileName, RoleName: r.RoleName }); rerender(); }, box) }, 'Remove')])],
        ['Add role', (p) => { const r = h('input', { type: 'text', placeholder: 'Role name', size: 14 }); const f = h('form', { class: 'inline' }, r, h('button', { class: 'small', type: 'submit' }, 'Add')); f.addEventListener('submit', (ev) => { ev.preventDefault(); act(async () => { await call('AddRoleToInstanceProfile', { InstanceProfileName: p.InstanceProfileName, RoleName: r.value }); rerender(); }, box); }); return f; }],
        ['Created', (p) => fmt(p.CreateDate)], ['', (p) => h('button', { class: 'small danger', onclick: () => act(async () => { await call('DeleteInstanceProfile', { InstanceProfileName: p.InstanceProfileName }); rerender(); }, box) }, 'Delete')]], list, 'No instance profiles.'));
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
  const mode = h('select', { 'aria-label': 'Mode', 'data-test': 'sim-mode' }, h('option', { value: 'principal' }, 'Existing user, group or role'), h('option', { value: 'custom' }, 'New policies (paste)'));
  const principal = h('select', { 'aria-label': 'Principal', 'data-test': 'sim-principal' });
  Promise.all([all('ListUsers', {}, 'Users'), all('ListGroups', {}, 'Groups'), all('ListRoles', {}, 'Roles')]).then(([us, gs, rs]) => {
    principal.append(h('optgroup', { label: 'Users' }, us.map((u) => h('option', { value: u.Arn, 'data-kind': 'user', 'data-name': u.UserName }, `User: ${u.UserName}`))),
      h('optgroup', { label: 'Groups' }, gs.map((g) => h('option', { value: g.Arn, 'data-kind': 'group', 'data-name': g.GroupName }, `Group: ${g.GroupName}`))),
      h('optgroup', { label: 'Roles' }, rs.map((r) => h('option', { value: r.Arn, 'data-kind': 'role', 'data-name': r.RoleName }, `Role: ${r.RoleName}`))));
  }, (e) => flash(e, page));
  const customs = h('div');
  const addCustom = (text) => {
    const ta = h('textarea', { class: 'code', 'aria-label': 'Custom policy', 'data-test': 'sim-custom', style: 'min-height:160px' });
    ta.value = text;
    customs.append(h('label', {}, `Policy ${customs.querySelectorAll('textarea').length + 1} (JSON)`), ta);
  };
  addCustom('{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}');
  const customTexts = () => [...customs.querySelectorAll('textarea')].map((t) => t.value).filter((v) => v.trim());
  const customBox = h('div', { hidden: true }, customs, h('button', { type: 'button', class: 'small', onclick: () => addCustom('') }, 'Add another policy'));
  const principalBox = h('div', {}, principal);
  mode.addEventListener('change', () => { customBox.hidden = mode.value !== 'custom'; principalBox.hidden = mode.value === 'custom'; });

  const search = h('input', { type: 'search', placeholder: 'Search actions, e.g. s3:Get or iam:*User', 'data-test': 'action-search', style: 'width:100%' });
  const pick = h('div', { class: 'picklist', 'data-test': 'action-results' });
  const chips = h('div', { class: 'chips', 'data-test': 'chosen-actions' });
  const drawChips = () => chips.replaceChildren(...(state.actions.length ? state.actions.map((a) => h('span', {}, a, h('button', { type: 'button', title: 'Remove', onclick: () => { state.actions = state.actions.filter((x) => x !== a); drawChips(); } }, '×'))) : [h('span', { class: 'muted' }, 'No actions chosen')]));
  const addAction = (a) => { if (a && !state.actions.includes(a)) state.actions.push(a); drawChips(); };
  let st, searchSeq = 0;
  search.addEventListener('input', () => { clearTimeout(st); st = setTimeout(async () => {
    const n = ++searchSeq;
    if (!search.value.trim()) return pick.replaceChildren();
    try {
      const r = await api(`/actions?q=${enc(search.value)}`);
      if (n !== searchSeq) return; // a later search has been typed
      pick.replaceChildren(...r.actions.map((a) => h('label', { title: a.description || '' }, h('input', { type: 'checkbox', value: a.action, checked: state.actions.includes(a.action), onchange: (ev) => { if (ev.target.checked) addAction(a.action); else { state.actions = state.actions.filter((x) => x !== a.action); drawChips(); } } }), ' ', a.action, a.accessLevel ? h('span', { class: 'muted' }, ` — ${a.accessLevel}`) : '')),
        r.truncated ? h('p', { class: 'muted' }, 'More match: refine the search.') : '', r.actions.length ? '' : h('p', { class: 'muted' }, 'No action matches.'));
    } catch (e) { pick.replaceChildren(errorBox(e)); }
  }, 200); });
  search.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); if (/^[\w-]+:[\w*?]+$/.test(search.value.trim())) addAction(search.value.trim()); } });
  drawChips();

  const resources = h('textarea', { class: 'code', 'aria-label': 'Resources', 'data-test': 'sim-resources', style: 'min-height:60px' });
  resources.value = '*';
  const ctxRows = h('div');
  const addCtx = (k = '', t = 'string', v = '') => {
    const key = h('input', { type: 'text', placeholder: 'aws:SourceIp', value: k, size: 18, 'aria-label': 'Context key' });
    const type = h('select', { 'aria-label': 'Type' }, ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'].map((x) => h('option', { value: x, selected: x === t }, x)));
    const val = h('input', { type: 'text', placeholder: 'value(s), comma separated', value: v, size: 18, 'aria-label': 'Context value' });
    const row = h('div', { class: 'inline ctx' }, key, type, val, h('button', { type: 'button', class: 'small danger', onclick: () => row.remove() }, '×'));
    ctxRows.append(row);
  };
  const loadKeys = async () => {
    const r = mode.value === 'custom' ? await call('GetContextKeysForCustomPolicy', members('PolicyInputList', customTexts())) : await call('GetContextKeysForPrincipalPolicy', { PolicySourceArn: principal.value });
    const have = new Set([...ctxRows.querySelectorAll('input[aria-label="Context key"]')].map((i) => i.value));
    for (const k of r.ContextKeyNames || []) if (!have.has(k)) addCtx(k);
  };

  const results = h('div', { 'data-test': 'sim-results' });
  const run = async () => {
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
    let texts = {};
    let out;
    if (mode.value === 'custom') {
      customTexts().forEach((text, i) => { params[`PolicyInputList.member.${i + 1}`] = text; texts[`PolicyInputList.${i + 1}`] = text; });
      out = await call('SimulateCustomPolicy', params);
    } else {
      params.PolicySourceArn = principal.value;
      out = await call('SimulatePrincipalPolicy', params);
      const opt = principal.selectedOptions[0];
      texts = await policyTexts(opt.dataset.kind, opt.dataset.name).catch(() => ({}));
    }
    drawResults(out.EvaluationResults || [], texts);
  };
  function drawResults(list, texts) {
    results.replaceChildren(panel('Results', h('div', {}, list.map((r) => {
      const ms = r.MatchedStatements || [];
      return h('div', { class: 'result', 'data-action': r.EvalActionName, style: 'border-bottom:1px solid #e9ebed;padding:6px 0' },
        h('div', {}, h('span', { class: `badge ${r.EvalDecision}`, 'data-test': 'decision' }, { allowed: 'allowed', explicitDeny: 'denied (explicit deny)', implicitDeny: 'denied (implicit deny)' }[r.EvalDecision] || r.EvalDecision), ' ',
          h('b', {}, r.EvalActionName), ' on ', h('code', {}, r.EvalResourceName),
          (r.MissingContextValues || []).length ? h('span', { class: 'muted' }, ` — missing context: ${r.MissingContextValues.join(', ')}`) : ''),
        ms.length ? ms.map((m) => h('details', { open: true }, h('summary', {}, `Matched statement in ${m.SourcePolicyId} (${m.SourcePolicyType}), line ${m.StartPosition.Line}`),
          texts[m.SourcePolicyId] ? docView(texts[m.SourcePolicyId], m, r.EvalDecision === 'explicitDeny' ? 'deny' : '') : h('p', { class: 'muted' }, 'Policy text not available.')))
          : h('p', { class: 'muted' }, 'No statement matched: denied by default (implicit deny).'));
    }))));
  }
  const runBtn = h('button', { class: 'primary', 'data-test': 'sim-run', onclick: () => act(run, page) }, 'Run simulation');
  const page = h('div', {}, h('h1', {}, 'IAM Policy Simulator'),
    h('div', { class: 'sim' },
      h('div', {},
        panel('1. Policies', h('div', {}, mode, principalBox, customBox)),
        panel('2. Actions', h('div', {}, search, pick, chips)),
        panel('3. Resources (one ARN per line)', resources),
        panel('4. Context keys', h('div', {}, ctxRows, h('button', { type: 'button', class: 'small', onclick: () => addCtx() }, 'Add key'), ' ', h('button', { type: 'button', class: 'small', onclick: () => act(loadKeys, page) }, 'Keys used by the policies'))),
        runBtn),
      results));
  return page;
};
/** The texts of the policies SimulatePrincipalPolicy reports as SourcePolicyId, fetched through the API. */
async function policyTexts(kind, name) {
  const texts = {};
  const K = kind[0].toUpperCase() + kind.slice(1);
  const grab = async (k, n) => {
    const Kk = k[0].toUpperCase() + k.slice(1);
    for (const pn of await all(`List${Kk}Policies`, { [`${Kk}Name`]: n }, 'PolicyNames')) texts[pn] = decodeDoc((await call(`Get${Kk}Policy`, { [`${Kk}Name`]: n, PolicyName: pn })).PolicyDocument);
    for (const ap of await all(`ListAttached${Kk}Policies`, { [`${Kk}Name`]: n }, 'AttachedPolicies')) await managed(ap.PolicyArn, ap.PolicyName);
  };
  const managed = async (arn, pname) => {
    const p = (await call('GetPolicy', { PolicyArn: arn })).Policy;
    texts[pname || p.PolicyName] = decodeDoc((await call('GetPolicyVersion', { PolicyArn: arn, VersionId: p.DefaultVersionId })).PolicyVersion.Document);
  };
  await grab(kind, name);
  if (kind === 'user') for (const g of await all('ListGroupsForUser', { UserName: name }, 'Groups')) await grab('group', g.GroupName);
  if (kind !== 'group') {
    const ent = (await call(`Get${K}`, { [`${K}Name`]: name }))[K];
    if (ent.PermissionsBoundary) await managed(ent.PermissionsBoundary.PermissionsBoundaryArn);
  }
  return texts;
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
pages['credential-report'] = () => {
  const out = h('div');
  const page = h('div', {}, h('h1', {}, 'Credential report'),
    h('p', {}, h('button', { class: 'primary', 'data-test': 'gen-report', onclick: () => act(async () => {
      for (let i = 0; i < 20; i++) { const s = await call('GenerateCredentialReport'); if (s.State === 'COMPLETE') break; await new Promise((r) => setTimeout(r, 300)); }
      const rep = await call('GetCredentialReport');
      const csv = rep.Content;
      const rows = parseCsv(csv.trim());
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const grid = h('table', {}, h('thead', {}, h('tr', {}, rows[0].map((c) => h('th', {}, c)))), h('tbody', {}, rows.slice(1).map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
      out.replaceChildren(panel(`Report generated ${fmt(rep.GeneratedTime)}`, h('div', { class: 'scroll' }, grid),
        h('a', { class: 'button', href: url, download: 'credential-report.csv', 'data-test': 'download-csv' }, 'Download CSV')));
    }, page) }, 'Generate and show report')), out);
  return page;
};

// Audit findings
pages.audit = () => h('div', {}, h('h1', {}, 'Audit findings'), lazy(async () => {
  const res = await fetch('/_iam/audit');
  if (!res.ok) throw { code: `HTTP ${res.status}`, message: res.status === 404 ? 'This server has no audit endpoint (GET /_iam/audit).' : await res.text() };
  const data = await res.json();
  const list = Array.isArray(data) ? data : data.findings || data.Findings || null;
  if (list && list.length && typeof list[0] === 'object') {
    const keys = [...new Set(list.flatMap((f) => Object.keys(f)))];
    const show = (v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : fmt(v));
    // The usual fields first; whatever else a finding carries goes under "More".
    const main = ['severity', 'rule', 'title', 'entity', 'detail', 'fix'].filter((k) => keys.includes(k));
    const cols = main.length >= 3 ? main : keys;
    const rest = keys.filter((k) => !cols.includes(k));
    const columns = cols.map((k) => [k, (f) => (k === 'severity' ? h('span', { class: `badge sev-${f[k]}` }, f[k]) : show(f[k]))]);
    if (rest.length) columns.push(['More', (f) => h('details', {}, h('summary', {}, 'details'), kv(rest.map((k) => [k, show(f[k])])))]);
    return panel(`${list.length} finding(s)`, table(columns, list));
  }
  if (list) return panel('Findings', h('p', { class: 'muted' }, 'No findings.'));
  return panel('Findings', h('pre', { class: 'code' }, JSON.stringify(data, null, 2)));
}));

// ---------- routing ----------
function showChrome() {
  const signedIn = !!me;
  document.body.classList.toggle('signed-out', !signedIn);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('signout').hidden = !signedIn;
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
  document.querySelectorAll('nav#nav a').forEach((a) => a.classList.toggle('active', a.getAttribute('href') === `#/${parts[0] || ''}`));
  const single = { users: 'user', groups: 'group', roles: 'role', policies: 'policy' };
  let view;
  if (!parts.length) view = pages.dashboard();
  else if (parts.length > 1 && single[parts[0]]) view = pages[single[parts[0]]](parts.slice(1).join('/'));
  else if (pages[parts[0]]) view = pages[parts[0]](query);
  else view = h('p', {}, 'No such page. ', link('#/', 'Dashboard'));
  document.title = `${parts[0] || 'Dashboard'} — iam-local IAM console`;
  main.replaceChildren(view);
}
document.getElementById('signout').addEventListener('click', async () => { await api('/signout', {}).catch(() => {}); me = null; location.hash = '#/signin'; showChrome(); });
window.addEventListener('hashchange', route);
route();

// nstrace explorer (docs/explorer.md). Everything the page shows comes from the three
// gzip+base64 blocks above; nothing is loaded from anywhere. Text from the trace (argv,
// paths, comm, hostnames) is untrusted: it is only ever inserted with textContent (or as
// an SVG text node), never as HTML, and control and bidi characters are shown as escapes.
'use strict';
// ---- untrusted text ----------------------------------------------------------------
// C0, DEL, C1, the line and paragraph separators and the bidi formatting characters
// become visible escapes (as nstrace's terminal output writes them).
const VIS_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function vis(s) {
  s = String(s);
  return s.replace(VIS_RE, (c) => {
    const v = c.charCodeAt(0);
    return v < 0x80 ? '\\x' + v.toString(16).padStart(2, '0') : '\\u{' + v.toString(16).padStart(4, '0') + '}';
  });
}
// An element with a class and a text: the one way text gets into the page.
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = vis(text);
  return e;
}
function secs(us) { return (us / 1e6).toFixed(6); }
function shortSecs(us) {
  const s = us / 1e6;
  return s >= 100 ? s.toFixed(1) + ' s' : s >= 1 ? s.toFixed(3) + ' s' : s >= 0.001 ? (s * 1e3).toFixed(3) + ' ms' : us.toFixed(0) + ' µs';
}

// ---- data ----------------------------------------------------------------------------
function bytesOf(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
async function inflate(id) {
  const node = document.getElementById(id);
  const b64 = node.textContent;
  node.textContent = '';
  const stream = new Blob([bytesOf(b64)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return await new Response(stream).text();
}


// The instance that keys go to: the one last clicked or focused (a compare page has two).
let activeExplorer = null;

// One explorer over the elements whose ids start with `prefix` (the page's own are
// unprefixed; a compare page has 'a-' and 'b-'), inside `root`. `api` is what tests and
// scripts see; `done` is called once it is ready (or failed).
function explorer(prefix, root, api, done, options) {
  options = options || {};
  const t0 = performance.now();
  const $ = (id) => document.getElementById(prefix + id);
  const SVGNS = 'http://www.w3.org/2000/svg';
  const TYPES = ['user', 'pid', 'mnt', 'net', 'uts', 'ipc', 'cgroup', 'time'];
  const TYPE_COLOR = { user: '#f4cccc', pid: '#fce5cd', mnt: '#fff2cc', net: '#d9ead3', uts: '#d0e0e3', ipc: '#cfe2f3', cgroup: '#d9d2e9', time: '#ead1dc' };

  let M, N, TEXT, PARAMS;
  let cTask, cT, cDur, cName, cErr, textOff, paramsOff;
  let tasks, taskByPid, order, depth, callsOf, callsStart;
  let nsById, nsList, classes;
  const S = { tasks: new Set(), ns: null, call: -1, expanded: -1, cursorTask: -1, cursorNs: -1 };

  async function load() {
    const [model, text, params] = await Promise.all([inflate(prefix + 'nstrace-model'), inflate(prefix + 'nstrace-text'), inflate(prefix + 'nstrace-params')]);
    M = JSON.parse(model);
    if (M.format !== 'nstrace-explorer') throw new Error('not an nstrace explorer model');
    TEXT = text;
    PARAMS = params;
    const C = M.calls;
    N = C.count;
    cTask = Int32Array.from(C.task);
    cName = Int32Array.from(C.name);
    cErr = Int32Array.from(C.errno);
    cT = new Float64Array(N);
    let acc = 0;
    for (let i = 0; i < N; i++) { acc += C.tDelta[i]; cT[i] = acc; }
    cDur = Float64Array.from(C.duration);
    textOff = new Float64Array(N + 1);
    for (let i = 0; i < N; i++) textOff[i + 1] = textOff[i] + C.textLength[i];
    paramsOff = new Float64Array(3 * N + 1);
    for (let i = 0; i < 3 * N; i++) paramsOff[i + 1] = paramsOff[i] + C.paramsLength[i];
    C.task = C.name = C.errno = C.tDelta = C.duration = C.textLength = C.paramsLength = null;

    tasks = M.tasks;
    taskByPid = new Map();
    tasks.forEach((t, i) => { if (!taskByPid.has(t.pid)) taskByPid.set(t.pid, i); });
    // Calls of each task (indices in time order), as one array and offsets.
    const counts = new Int32Array(tasks.length + 1);
    for (let i = 0; i < N; i++) counts[cTask[i] + 1]++;
    callsStart = new Int32Array(tasks.length + 1);
    for (let i = 0; i < tasks.length; i++) callsStart[i + 1] = callsStart[i] + counts[i + 1];
    callsOf = new Int32Array(N);
    const fill = callsStart.slice(0, tasks.length);
    for (let i = 0; i < N; i++) callsOf[fill[cTask[i]]++] = i;

    // The tree: roots are tasks whose parent is not in the record; depth-first, no recursion.
    const kids = tasks.map(() => []);
    const roots = [];
    tasks.forEach((t, i) => {
      const p = t.ppid === null ? undefined : taskByPid.get(t.ppid);
      if (p === undefined || p === i) roots.push(i); else kids[p].push(i);
    });
    order = [];
    depth = new Int32Array(tasks.length);
    const seen = new Uint8Array(tasks.length);
    const stack = roots.slice().reverse().map((i) => [i, 0]);
    while (stack.length) {
      const [i, d] = stack.pop();
      if (seen[i]) continue;
      seen[i] = 1;
      order.push(i);
      depth[i] = d;
      for (let k = kids[i].length - 1; k >= 0; k--) stack.push([kids[i][k], d + 1]);
    }
    tasks.forEach((t, i) => { if (!seen[i]) { order.push(i); depth[i] = 0; } }); // cycles

    nsList = M.namespaces;
    nsById = new Map(nsList.map((n, i) => [n.id, i]));
    for (const n of nsList) n.into = [];
    M.transitions.forEach((tr, i) => { const k = nsById.get(tr.to); if (k !== undefined) nsList[k].into.push(i); });
    classes = M.classes || {};
  }

  // ---- header ----------------------------------------------------------------------------
  function renderHeader() {
    const cmd = M.command && M.command.length ? M.command.join(' ') : M.title;
    if (!prefix) document.title = vis('nstrace: ' + cmd);
    $('title').textContent = vis(M.title);
    const meta = [];
    for (const [k, v] of M.header) if (k !== 'command') meta.push(k + ' ' + v);
    if (M.end) meta.push('ended: ' + M.end); else if (M.source === 'record') meta.push('no end line: the record was cut short');
    $('meta').textContent = vis(meta.join(' · '));
  }

  // ---- tasks -------------------------------------------------------------------------------
  let taskRows = [];
  function renderTasks() {
    const box = $('task-tree');
    const frag = document.createDocumentFragment();
    taskRows = new Array(tasks.length);
    for (const i of order) {
      const t = tasks[i];
      const row = el('div', 'task');
      row.setAttribute('role', 'treeitem');
      row.dataset.task = String(i);
      row.dataset.pid = String(t.pid);
      row.style.paddingLeft = (6 + 14 * Math.min(depth[i], 30)) + 'px';
      const l1 = el('div', 'line1');
      l1.append(el('span', 'pid', String(t.pid)));
      if (t.nspid.length > 1) l1.append(el('span', 'inner', ' (' + t.nspid.slice(1).join(' → ') + ' inside)'));
      if (t.tgid !== null && t.tgid !== t.pid) l1.append(el('span', 'inner', ' thread of ' + t.tgid));
      l1.append(el('span', 'label', t.label));
      if (t.programs.length && !(t.programs.length === 1 && t.programs[0] === t.label)) l1.append(el('span', 'progs', t.programs.join(' → ')));
      if (t.via && t.via !== 'spawned') l1.append(el('span', 'progs', t.via));
      if (t.exit) l1.append(el('span', 'exit' + (t.exit === 'exited 0' || t.exit === 'detached' || t.exit.startsWith('superseded') ? '' : ' bad'), t.exit));
      const nCalls = callsStart[i + 1] - callsStart[i];
      if (M.source === 'record') l1.append(el('span', 'progs', nCalls + (nCalls === 1 ? ' call' : ' calls')));
      for (const type of TYPES) {
        const inode = t.ns[type];
        if (inode === undefined) continue;
        const id = type + ':[' + inode + ']';
        const k = nsById.get(id);
        if (k === undefined || nsList[k].initial) continue;
        const b = el('span', 'badge ' + type, type + ' …' + inode.slice(-4));
        b.title = id;
        b.dataset.ns = id;
        l1.append(b);
      }
      row.append(l1);
      if (t.uid !== null) l1.append(el('span', 'progs', 'uid ' + t.uid));
      if (t.argv.length) row.append(el('div', 'argv', t.argv.join(' ')));
      taskRows[i] = row;
      frag.append(row);
    }
    box.append(frag);
    $('task-count').textContent = tasks.length + (tasks.length === 1 ? ' task' : ' tasks');
    box.addEventListener('click', (ev) => {
      const b = ev.target.closest('.badge');
      if (b) { selectNamespace(b.dataset.ns, true); return; }
      const r = ev.target.closest('.task');
      if (!r) return;
      const i = Number(r.dataset.task);
      S.cursorTask = order.indexOf(i);
      selectTasks([i], ev.ctrlKey || ev.metaKey);
    });
    box.addEventListener('keydown', (ev) => {
      if (!order.length) return;
      let c = S.cursorTask < 0 ? 0 : S.cursorTask;
      const page = Math.max(1, Math.floor(box.clientHeight / 40));
      switch (ev.key) {
        case 'ArrowDown': c = Math.min(order.length - 1, c + (S.cursorTask < 0 ? 0 : 1)); break;
        case 'ArrowUp': c = Math.max(0, c - 1); break;
        case 'PageDown': c = Math.min(order.length - 1, c + page); break;
        case 'PageUp': c = Math.max(0, c - page); break;
        case 'Home': c = 0; break;
        case 'End': c = order.length - 1; break;
        case 'Enter': case ' ': selectTasks([order[c]], ev.ctrlKey || ev.metaKey); ev.preventDefault(); return;
        default: return;
      }
      ev.preventDefault();
      S.cursorTask = c;
      selectTasks([order[c]], false);
    });
  }
  function updateTaskRows() {
    taskRows.forEach((r, i) => {
      r.classList.toggle('sel', S.tasks.has(i));
      r.classList.toggle('cursor', S.cursorTask >= 0 && order[S.cursorTask] === i);
    });
    const c = S.cursorTask >= 0 ? taskRows[order[S.cursorTask]] : null;
    if (c) c.scrollIntoView({ block: 'nearest' });
  }

  // ---- namespaces: list, detail, graph -----------------------------------------------------
  let nsRows = [];
  function renderNamespaces() {
    const box = $('ns-list');
    nsRows = [];
    for (const n of nsList) {
      const r = el('div', 'ns-item');
      r.setAttribute('role', 'option');
      r.dataset.ns = n.id;
      const sw = el('span', 'swatch');
      sw.style.background = TYPE_COLOR[n.type] || '#eee';
      r.append(sw, el('span', 'id', n.id));
      if (n.initial) r.append(el('span', 'initial', ' (initial)'));
      r.append(el('span', 'n', n.tasks.length + (n.tasks.length === 1 ? ' task' : ' tasks')));
      nsRows.push(r);
      box.append(r);
    }
    $('ns-count').textContent = String(nsList.length);
    box.addEventListener('click', (ev) => {
      const r = ev.target.closest('.ns-item');
      if (r) { S.cursorNs = nsRows.indexOf(r); selectNamespace(r.dataset.ns, true); }
    });
    box.addEventListener('keydown', (ev) => {
      if (!nsRows.length) return;
      let c = S.cursorNs < 0 ? 0 : S.cursorNs;
      if (ev.key === 'ArrowDown') c = Math.min(nsRows.length - 1, c + (S.cursorNs < 0 ? 0 : 1));
      else if (ev.key === 'ArrowUp') c = Math.max(0, c - 1);
      else if (ev.key === 'Home') c = 0;
      else if (ev.key === 'End') c = nsRows.length - 1;
      else if (ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      S.cursorNs = c;
      selectNamespace(nsList[c].id, ev.key === 'Enter' || ev.key === ' ');
      nsRows[c].scrollIntoView({ block: 'nearest' });
    });
  }
  function renderNsDetail() {
    const box = $('ns-detail');
    box.textContent = '';
    if (S.ns === null) return;
    const n = nsList[nsById.get(S.ns)];
    if (!n) return;
    box.append(el('h3', '', n.id + (n.initial ? ' (initial)' : '')));
    for (const f of n.facts) box.append(el('div', '', f));
    if (n.heldBy) box.append(el('div', '', 'held by ' + n.heldBy));
    if (n.parent) box.append(el('div', '', 'parent ' + n.parent));
    if (n.owner) box.append(el('div', '', 'owner ' + n.owner));
    if (n.into.length) {
      box.append(el('div', '', n.into.length === 1 ? 'made or entered by:' : 'made or entered by (first made it):'));
      const ul = el('ul');
      for (const k of n.into) {
        const tr = M.transitions[k];
        const li = el('li');
        const text = tr.pid + ' ' + (tr.call || tr.cause) + (tr.kind !== n.type ? ' (' + tr.kind + ')' : '') + ' @' + secs(tr.t) + 's';
        const a = el('span', 'link creator', text);
        a.dataset.transition = String(k);
        a.tabIndex = 0;
        li.append(a);
        if (tr.callIndex === null) li.append(el('span', 'nm', ' (the call is not in the record)'));
        ul.append(li);
      }
      box.append(ul);
    }
    box.append(el('div', '', n.tasks.length + (n.tasks.length === 1 ? ' task in it:' : ' tasks in it:')));
    const ul = el('ul');
    for (const pid of n.tasks) {
      const i = taskByPid.get(pid);
      const li = el('li');
      const a = el('span', 'link task-link', pid + (i !== undefined ? ' ' + tasks[i].label : ''));
      a.dataset.pid = String(pid);
      a.tabIndex = 0;
      li.append(a);
      ul.append(li);
    }
    box.append(ul);
  }
  function nsDetailActivate(ev) {
    const a = ev.target.closest('.link');
    if (!a) return;
    if (a.dataset.transition !== undefined) {
      const tr = M.transitions[Number(a.dataset.transition)];
      if (tr.callIndex !== null) jumpToCall(tr.callIndex);
    } else if (a.dataset.pid !== undefined) {
      const i = taskByPid.get(Number(a.dataset.pid));
      if (i !== undefined) selectTasks([i], false);
    }
  }

  // The picture: Graphviz's SVG, copied element by element through an allow-list (no
  // script, no link, no event handler, no style can come from it), then pan and zoom.
  const SVG_TAGS = new Set(['svg', 'g', 'title', 'path', 'polygon', 'polyline', 'ellipse', 'circle', 'rect', 'line', 'text', 'tspan']);
  const SVG_ATTRS = new Set(['id', 'class', 'd', 'points', 'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'transform',
    'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'viewBox', 'font-family', 'font-size',
    'font-weight', 'font-style', 'text-anchor', 'opacity', 'fill-opacity', 'stroke-opacity']);
  function cleanSVG(text) {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    if (!root || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
    let budget = 200000;
    function copy(src) {
      if (--budget < 0) return null;
      if (src.nodeType === 3) return document.createTextNode(src.nodeValue);
      if (src.nodeType !== 1 || src.namespaceURI !== SVGNS || !SVG_TAGS.has(src.localName)) return null;
      const e = document.createElementNS(SVGNS, src.localName);
      for (const a of src.attributes) {
        if (a.namespaceURI !== null || !SVG_ATTRS.has(a.name)) continue;
        if (/url\s*\(|javascript:|expression/i.test(a.value)) continue;
        e.setAttribute(a.name, a.value);
      }
      for (const c of src.childNodes) { const k = copy(c); if (k) e.append(k); }
      return e;
    }
    return copy(root);
  }
  let svg = null, vb = null, vb0 = null;
  const graphNodes = new Map(); // key (p<pid> or ns id) -> <g>
  function renderGraph() {
    const box = $('graph');
    const note = $('graph-note');
    if (!M.svg) {
      note.hidden = false;
      note.textContent = vis(M.svgError ? 'No picture: ' + M.svgError : 'No picture.');
      return;
    }
    svg = cleanSVG(M.svg);
    M.svg = null;
    if (!svg) { note.hidden = false; note.textContent = 'No picture: the SVG could not be read.'; return; }
    const v = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
    vb0 = v.length === 4 && v.every(Number.isFinite) ? v : [0, 0, 1000, 1000];
    vb = vb0.slice();
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.setAttribute('viewBox', vb.join(' '));
    box.append(svg);
    for (const g of svg.querySelectorAll('g.node')) {
      const title = g.querySelector('title');
      if (!title) continue;
      const key = title.textContent;
      graphNodes.set(key, g);
      g.dataset.key = key;
    }
    let drag = null;
    svg.addEventListener('click', (ev) => {
      if (drag && drag.moved) return;
      const g = ev.target.closest('g.node');
      if (!g) return;
      const key = g.dataset.key;
      const m = /^p(\d+)$/.exec(key);
      if (m) { const i = taskByPid.get(Number(m[1])); if (i !== undefined) selectTasks([i], ev.ctrlKey || ev.metaKey); }
      else if (nsById.has(key)) selectNamespace(key, true);
    });
    box.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      zoomGraph(Math.exp(ev.deltaY * 0.0015), (ev.clientX - r.left) / r.width, (ev.clientY - r.top) / r.height);
    }, { passive: false });
    box.addEventListener('pointerdown', (ev) => {
      drag = { x: ev.clientX, y: ev.clientY, vb: vb.slice(), moved: false };
      box.setPointerCapture(ev.pointerId);
    });
    box.addEventListener('pointermove', (ev) => {
      if (!drag || !(ev.buttons & 1)) return;
      const r = svg.getBoundingClientRect();
      const s = Math.max(vb[2] / r.width, vb[3] / r.height);
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; box.classList.add('dragging'); }
      vb[0] = drag.vb[0] - dx * s;
      vb[1] = drag.vb[1] - dy * s;
      svg.setAttribute('viewBox', vb.join(' '));
    });
    box.addEventListener('pointerup', () => { box.classList.remove('dragging'); setTimeout(() => { drag = null; }, 0); });
    box.addEventListener('keydown', (ev) => {
      const step = 0.1;
      if (ev.key === '+' || ev.key === '=') zoomGraph(0.8, 0.5, 0.5);
      else if (ev.key === '-') zoomGraph(1.25, 0.5, 0.5);
      else if (ev.key === '0') fitGraph();
      else if (ev.key === 'ArrowLeft') vb[0] -= vb[2] * step;
      else if (ev.key === 'ArrowRight') vb[0] += vb[2] * step;
      else if (ev.key === 'ArrowUp') vb[1] -= vb[3] * step;
      else if (ev.key === 'ArrowDown') vb[1] += vb[3] * step;
      else return;
      ev.preventDefault();
      svg.setAttribute('viewBox', vb.join(' '));
    });
    $('graph-fit').addEventListener('click', fitGraph);
  }
  function zoomGraph(f, fx, fy) {
    if (!svg) return;
    const nw = Math.min(Math.max(vb[2] * f, vb0[2] / 50), vb0[2] * 20);
    const k = nw / vb[2];
    const nh = vb[3] * k;
    vb[0] += (vb[2] - nw) * fx;
    vb[1] += (vb[3] - nh) * fy;
    vb[2] = nw;
    vb[3] = nh;
    svg.setAttribute('viewBox', vb.join(' '));
  }
  function fitGraph() { if (svg) { vb = vb0.slice(); svg.setAttribute('viewBox', vb.join(' ')); } }
  function updateGraph() {
    for (const g of graphNodes.values()) g.classList.remove('sel', 'related');
    for (const i of S.tasks) { const g = graphNodes.get('p' + tasks[i].pid); if (g) g.classList.add('sel'); }
    if (S.ns !== null) {
      const g = graphNodes.get(S.ns);
      if (g) g.classList.add('sel');
      const n = nsList[nsById.get(S.ns)];
      for (const pid of n ? n.tasks : []) { const h = graphNodes.get('p' + pid); if (h && !h.classList.contains('sel')) h.classList.add('related'); }
    }
  }

  // ---- calls: filters and the virtual list ---------------------------------------------------
  let VIS = new Int32Array(0);
  let rowH = 20;
  const MAX_SPACER = 15e6;
  function textOf(i) { return TEXT.substring(textOff[i], textOff[i + 1]); }
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
  function nameMask() {
    const q = $('f-name').value.trim();
    if (!q) return null;
    const mask = new Uint8Array(M.calls.names.length);
    const byName = new Map(M.calls.names.map((n, i) => [n, i]));
    for (const tok of q.split(/[\s,]+/)) {
      if (!tok) continue;
      if (tok.startsWith('%')) {
        for (const i of classes[tok.slice(1)] || []) mask[i] = 1;
      } else if (byName.has(tok)) {
        mask[byName.get(tok)] = 1;
      } else {
        M.calls.names.forEach((n, i) => { if (n.includes(tok)) mask[i] = 1; });
      }
    }
    return mask;
  }
  // Calls whose text matches: one regular expression over all the text, each match mapped
  // to its call by binary search over the offsets.
  function searchMask() {
    const q = $('f-text').value;
    if (!q) return null;
    const mask = new Uint8Array(N);
    const re = new RegExp(escapeRe(q), /[A-Z]/.test(q) ? 'g' : 'gi');
    let m;
    while ((m = re.exec(TEXT)) !== null) {
      const pos = m.index;
      let lo = 0, hi = N - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (textOff[mid] <= pos) lo = mid; else hi = mid - 1; }
      if (pos + m[0].length <= textOff[lo + 1]) { mask[lo] = 1; re.lastIndex = textOff[lo + 1]; }
      else re.lastIndex = pos + 1;
      if (m[0].length === 0) re.lastIndex++;
    }
    return mask;
  }
  function refilter(keepScroll) {
    const names = nameMask();
    const text = searchMask();
    const failed = $('f-failed').checked;
    const out = new Int32Array(N);
    let k = 0;
    const push = (i) => {
      if (names && !names[cName[i]]) return;
      if (failed && cErr[i] === 0) return;
      if (text && !text[i]) return;
      out[k++] = i;
    };
    if (S.tasks.size) {
      // The selected tasks' calls, merged in time order.
      const lists = [...S.tasks].sort((a, b) => a - b).map((ti) => [callsStart[ti], callsStart[ti + 1]]);
      if (lists.length === 1) {
        for (let j = lists[0][0]; j < lists[0][1]; j++) push(callsOf[j]);
      } else {
        const mask = new Uint8Array(tasks.length);
        for (const ti of S.tasks) mask[ti] = 1;
        for (let i = 0; i < N; i++) if (mask[cTask[i]]) push(i);
      }
    } else {
      for (let i = 0; i < N; i++) push(i);
    }
    VIS = out.subarray(0, k);
    const what = S.tasks.size ? (S.tasks.size === 1 ? 'of ' + tasks[[...S.tasks][0]].pid : 'of ' + S.tasks.size + ' tasks') : '';
    $('call-count').textContent = (k === N ? '' : k + ' of ') + N + (N === 1 ? ' call ' : ' calls ') + what;
    if (!keepScroll) $('call-list').scrollTop = 0;
    layoutList();
  }
  let expandedH = 0;
  function spacerHeight() { return Math.min(VIS.length * rowH, MAX_SPACER); }
  function layoutList() {
    $('call-spacer').style.height = (spacerHeight() + expandedH) + 'px';
    renderRows();
  }
  function firstRow() {
    const list = $('call-list');
    const total = VIS.length * rowH;
    const visible = Math.ceil(list.clientHeight / rowH);
    if (total <= MAX_SPACER) {
      const posExp = S.expanded >= 0 ? indexInVis(S.expanded) : -1;
      let top = list.scrollTop;
      if (posExp >= 0 && top > (posExp + 1) * rowH) top = Math.max((posExp + 1) * rowH, top - expandedH);
      return Math.min(Math.floor(top / rowH), Math.max(0, VIS.length - 1));
    }
    const frac = list.scrollTop / Math.max(1, MAX_SPACER + expandedH - list.clientHeight);
    return Math.min(Math.floor(frac * Math.max(0, VIS.length - visible + 1)), Math.max(0, VIS.length - 1));
  }
  function indexInVis(ci) {
    // VIS is in time order, and calls are numbered in time order: binary search.
    let lo = 0, hi = VIS.length - 1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (VIS[mid] === ci) return mid; if (VIS[mid] < ci) lo = mid + 1; else hi = mid - 1; }
    return -1;
  }
  function renderRows() {
    const list = $('call-list');
    const rows = $('call-rows');
    const first = firstRow();
    const count = Math.ceil(list.clientHeight / rowH) + 2;
    const total = VIS.length * rowH;
    let top;
    if (total <= MAX_SPACER) {
      const posExp = S.expanded >= 0 ? indexInVis(S.expanded) : -1;
      top = first * rowH + (posExp >= 0 && posExp < first ? expandedH : 0);
    } else {
      top = list.scrollTop;
    }
    rows.style.top = top + 'px';
    rows.textContent = '';
    const frag = document.createDocumentFragment();
    for (let k = first; k < Math.min(VIS.length, first + count); k++) {
      const i = VIS[k];
      const r = el('div', 'row' + (cErr[i] ? ' err' : '') + (i === S.call ? ' sel' : '') + (marked && marked.has(cName[i]) ? ' diff' : ''));
      r.setAttribute('role', 'row');
      r.dataset.call = String(i);
      r.dataset.pid = String(tasks[cTask[i]].pid);
      r.append(el('span', 'tog', i === S.expanded ? '▾' : '▸'), el('span', 't', secs(cT[i])), el('span', 'who', String(tasks[cTask[i]].pid)),
        el('span', 'txt', textOf(i)), el('span', 'dur', cDur[i] >= 0 ? '<' + secs(cDur[i]) + '>' : ''));
      frag.append(r);
      if (i === S.expanded) frag.append(renderDetail(i));
    }
    rows.append(frag);
    if (S.expanded >= 0) {
      const d = rows.querySelector('.detail');
      const h = d ? d.offsetHeight : expandedH;
      if (d && h !== expandedH) { expandedH = h; $('call-spacer').style.height = (spacerHeight() + expandedH) + 'px'; }
    }
  }
  function renderDetail(i) {
    const d = el('div', 'detail');
    d.append(el('div', 'full', textOf(i)));
    const dl = el('dl');
    const add = (k, v) => { dl.append(el('dt', '', k), el('dd', '', v)); };
    const t = tasks[cTask[i]];
    add('task', t.pid + ' ' + t.label);
    add('entry', secs(cT[i]) + ' s');
    add('duration', cDur[i] >= 0 ? secs(cDur[i]) + ' s' : 'did not return');
    add('errno', cErr[i] ? M.calls.errnos[cErr[i]] : '—');
    d.append(dl);
    const p = PARAMS.substring(paramsOff[3 * i], paramsOff[3 * i + 1]);
    const rv = PARAMS.substring(paramsOff[3 * i + 1], paramsOff[3 * i + 2]);
    const fds = PARAMS.substring(paramsOff[3 * i + 2], paramsOff[3 * i + 3]);
    if (p) d.append(el('div', 'nm', 'params'), jsonTree(p));
    if (rv && rv !== 'null') d.append(el('div', 'nm', 'retValue'), jsonTree(rv));
    if (fds && fds !== '{}') d.append(el('div', 'nm', 'fds (the file of each descriptor)'), jsonTree(fds));
    if (!p && !rv) d.append(el('div', 'nm', M.calls.hasParams ? 'no params for this call' : 'no typed params in this record (record version 3 has them)'));
    return d;
  }
  // A record's typed value as a tree: objects and arrays nested, a flag set
  // {"value": N, "names": [...]} as NAME|NAME (0x..).
  function jsonTree(text) {
    const box = el('div', 'tree');
    let v;
    try { v = JSON.parse(text); } catch (e) { box.append(el('div', '', text)); return box; }
    let budget = 5000;
    function node(v) {
      if (--budget < 0) return el('span', 'nm', '…');
      if (v === null) return el('span', 'nm', 'null');
      if (Array.isArray(v)) {
        const ul = el('ul');
        v.forEach((x, i) => { const li = el('li'); li.append(el('span', 'k', i + ': '), node(x)); ul.append(li); });
        if (!v.length) return el('span', 'nm', '[]');
        return ul;
      }
      if (typeof v === 'object') {
        const keys = Object.keys(v);
        if (keys.length === 2 && Array.isArray(v.names) && typeof v.value === 'number') {
          return el('span', '', (v.names.length ? v.names.join('|') : '0') + ' (0x' + v.value.toString(16) + ')');
        }
        if (!keys.length) return el('span', 'nm', '{}');
        const ul = el('ul');
        for (const k of keys) { const li = el('li'); li.append(el('span', 'k', k + ': '), node(v[k])); ul.append(li); }
        return ul;
      }
      if (typeof v === 'string') return el('span', 's', JSON.stringify(v));
      return el('span', '', String(v));
    }
    const ul = el('ul');
    const li = el('li');
    li.append(node(v));
    ul.append(li);
    box.append(ul);
    return box;
  }
  function scrollToVis(k) {
    const list = $('call-list');
    if (VIS.length * rowH <= MAX_SPACER) {
      const posExp = S.expanded >= 0 ? indexInVis(S.expanded) : -1;
      const y = k * rowH + (posExp >= 0 && posExp < k ? expandedH : 0);
      if (y < list.scrollTop) list.scrollTop = y;
      else if (y + rowH > list.scrollTop + list.clientHeight) list.scrollTop = y + rowH - list.clientHeight + (k === posExp ? Math.min(expandedH, list.clientHeight - rowH) : 0);
    } else {
      const visible = Math.ceil(list.clientHeight / rowH);
      list.scrollTop = k / Math.max(1, VIS.length - visible + 1) * (MAX_SPACER + expandedH - list.clientHeight);
    }
    renderRows();
  }
  function selectCall(i, expand) {
    S.call = i;
    if (expand !== undefined) { S.expanded = expand ? i : -1; if (!expand) expandedH = 0; layoutList(); }
    const k = indexInVis(i);
    if (k >= 0) scrollToVis(k); else renderRows();
    drawTimeline();
  }
  function jumpToCall(i) {
    const ti = cTask[i];
    if (!(S.tasks.size === 1 && S.tasks.has(ti))) { S.tasks = new Set([ti]); S.cursorTask = order.indexOf(ti); }
    // A filter that hides the call is cleared.
    const f = nameMask(), s = searchMask();
    if ((f && !f[cName[i]]) || (s && !s[i])) { $('f-name').value = ''; $('f-text').value = ''; }
    if ($('f-failed').checked && !cErr[i]) $('f-failed').checked = false;
    S.expanded = -1; expandedH = 0;
    refilter(false);
    updateTaskRows();
    updateGraph();
    selectCall(i);
  }
  function setupCalls() {
    const list = $('call-list');
    const probe = el('div', 'row', 'x');
    $('call-rows').append(probe);
    rowH = probe.offsetHeight || 20;
    probe.remove();
    let pending = 0;
    list.addEventListener('scroll', () => { if (!pending) pending = requestAnimationFrame(() => { pending = 0; renderRows(); }); });
    new ResizeObserver(() => renderRows()).observe(list);
    list.addEventListener('click', (ev) => {
      const r = ev.target.closest('.row');
      if (!r) return;
      const i = Number(r.dataset.call);
      list.focus({ preventScroll: true });
      if (ev.target.closest('.tog') || i === S.call) selectCall(i, S.expanded !== i);
      else selectCall(i);
    });
    list.addEventListener('keydown', (ev) => {
      if (!VIS.length) return;
      let k = S.call >= 0 ? indexInVis(S.call) : -1;
      const page = Math.max(1, Math.floor(list.clientHeight / rowH) - 1);
      switch (ev.key) {
        case 'ArrowDown': k = Math.min(VIS.length - 1, k + 1); break;
        case 'ArrowUp': k = Math.max(0, k < 0 ? 0 : k - 1); break;
        case 'PageDown': k = Math.min(VIS.length - 1, Math.max(0, k) + page); break;
        case 'PageUp': k = Math.max(0, k - page); break;
        case 'Home': k = 0; break;
        case 'End': k = VIS.length - 1; break;
        case 'Enter': case ' ': if (S.call >= 0) selectCall(S.call, S.expanded !== S.call); ev.preventDefault(); return;
        default: return;
      }
      ev.preventDefault();
      selectCall(VIS[k]);
    });
    let timer = 0;
    const later = () => { clearTimeout(timer); timer = setTimeout(() => { S.expanded = -1; expandedH = 0; refilter(false); drawTimeline(); }, 120); };
    $('f-name').addEventListener('input', later);
    $('f-text').addEventListener('input', later);
    $('f-failed').addEventListener('change', () => { S.expanded = -1; expandedH = 0; refilter(false); drawTimeline(); });
  }

  // ---- timeline: tasks as lanes, calls as ticks -----------------------------------------------
  const LANE = 18, AXIS = 18, LABEL = 170;
  let tl = null;
  function setupTimeline() {
    const canvas = $('timeline');
    let maxT = 0;
    for (let i = 0; i < N; i++) { const e = cT[i] + Math.max(0, cDur[i]); if (e > maxT) maxT = e; }
    for (const t of tasks) { if (t.end !== null && t.end > maxT) maxT = t.end; }
    for (const x of M.execs) if (x.t > maxT) maxT = x.t;
    if (maxT <= 0) maxT = 1;
    tl = { canvas, x0: 0, x1: maxT * 1.01, full: maxT * 1.01, scrollY: 0, lane: new Int32Array(tasks.length) };
    order.forEach((ti, k) => { tl.lane[ti] = k; });
    new ResizeObserver(() => drawTimeline()).observe(canvas.parentElement);
    const timeAt = (px) => tl.x0 + (px - LABEL) / Math.max(1, canvas.clientWidth - LABEL) * (tl.x1 - tl.x0);
    const zoom = (f, px) => {
      const at = timeAt(px);
      let w = Math.min(tl.full * 4, Math.max(2, (tl.x1 - tl.x0) * f));
      tl.x0 = at - (at - tl.x0) * w / (tl.x1 - tl.x0);
      tl.x1 = tl.x0 + w;
      drawTimeline();
    };
    canvas.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      if (ev.shiftKey) { tl.scrollY = Math.max(0, tl.scrollY + ev.deltaY); drawTimeline(); return; }
      const r = canvas.getBoundingClientRect();
      zoom(Math.exp(ev.deltaY * 0.002), Math.max(LABEL, ev.clientX - r.left));
    }, { passive: false });
    let drag = null;
    canvas.addEventListener('pointerdown', (ev) => { drag = { x: ev.clientX, y: ev.clientY, x0: tl.x0, x1: tl.x1, sy: tl.scrollY, moved: false }; canvas.setPointerCapture(ev.pointerId); });
    canvas.addEventListener('pointermove', (ev) => {
      if (!drag || !(ev.buttons & 1)) return;
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      const per = (drag.x1 - drag.x0) / Math.max(1, canvas.clientWidth - LABEL);
      tl.x0 = drag.x0 - dx * per; tl.x1 = drag.x1 - dx * per;
      tl.scrollY = Math.max(0, drag.sy - dy);
      drawTimeline();
    });
    canvas.addEventListener('pointerup', (ev) => {
      const d = drag;
      drag = null;
      if (!d || d.moved) return;
      const r = canvas.getBoundingClientRect();
      const px = ev.clientX - r.left, py = ev.clientY - r.top;
      const k = Math.floor((py - AXIS + tl.scrollY) / LANE);
      if (py < AXIS || k < 0 || k >= order.length) return;
      const ti = order[k];
      if (px >= LABEL) {
        // The nearest call of the lane within 4 pixels.
        const t = timeAt(px), tol = 4 * (tl.x1 - tl.x0) / Math.max(1, canvas.clientWidth - LABEL);
        let best = -1, bd = tol;
        const a = callsStart[ti], b = callsStart[ti + 1];
        let lo = a, hi = b;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (cT[callsOf[mid]] < t - tol) lo = mid + 1; else hi = mid; }
        for (let j = lo; j < b && cT[callsOf[j]] <= t + tol; j++) { const dd = Math.abs(cT[callsOf[j]] - t); if (dd <= bd) { bd = dd; best = callsOf[j]; } }
        if (best >= 0) { jumpToCall(best); return; }
      }
      S.cursorTask = order.indexOf(ti);
      selectTasks([ti], ev.ctrlKey || ev.metaKey);
    });
    canvas.addEventListener('keydown', (ev) => {
      const w = tl.x1 - tl.x0;
      if (ev.key === '+' || ev.key === '=') zoom(0.7, LABEL + (canvas.clientWidth - LABEL) / 2);
      else if (ev.key === '-') zoom(1.4, LABEL + (canvas.clientWidth - LABEL) / 2);
      else if (ev.key === '0') { tl.x0 = 0; tl.x1 = tl.full; tl.scrollY = 0; drawTimeline(); }
      else if (ev.key === 'ArrowLeft') { tl.x0 -= w * 0.1; tl.x1 -= w * 0.1; drawTimeline(); }
      else if (ev.key === 'ArrowRight') { tl.x0 += w * 0.1; tl.x1 += w * 0.1; drawTimeline(); }
      else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        const c = Math.max(0, Math.min(order.length - 1, (S.cursorTask < 0 ? -1 : S.cursorTask) + (ev.key === 'ArrowDown' ? 1 : -1)));
        S.cursorTask = c;
        selectTasks([order[c]], false);
      } else return;
      ev.preventDefault();
    });
  }
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function drawTimeline() {
    if (!tl) return;
    const canvas = tl.canvas;
    const dpr = window.devicePixelRatio || 1;
    const W = canvas.clientWidth, H = canvas.clientHeight;
    if (!W || !H) return;
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) { canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr); }
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const fg = css('--fg'), muted = css('--muted'), line = css('--line'), accent = css('--accent'), err = css('--err'), selbg = css('--accent-bg');
    g.fillStyle = css('--bg');
    g.fillRect(0, 0, W, H);
    const maxScroll = Math.max(0, order.length * LANE - (H - AXIS));
    if (tl.scrollY > maxScroll) tl.scrollY = maxScroll;
    const span = tl.x1 - tl.x0, plotW = Math.max(1, W - LABEL);
    const X = (t) => LABEL + (t - tl.x0) / span * plotW;
    // axis
    g.font = '11px ' + css('--mono');
    g.fillStyle = muted;
    g.strokeStyle = line;
    const step = niceStep(span / Math.max(1, plotW / 110));
    for (let t = Math.ceil(tl.x0 / step) * step; t <= tl.x1; t += step) {
      const x = X(t);
      g.beginPath(); g.moveTo(x + 0.5, AXIS - 4); g.lineTo(x + 0.5, H); g.stroke();
      g.fillText(shortSecs(t), x + 3, 12);
    }
    $('timeline-range').textContent = shortSecs(Math.max(0, tl.x0)) + ' – ' + shortSecs(tl.x1);
    const firstLane = Math.floor(tl.scrollY / LANE);
    const lastLane = Math.min(order.length - 1, Math.floor((tl.scrollY + H - AXIS) / LANE));
    const names = M.calls.names;
    const nsColor = TYPE_COLOR;
    const selNs = S.ns;
    for (let k = firstLane; k <= lastLane; k++) {
      const ti = order[k];
      const t = tasks[ti];
      const y = AXIS + k * LANE - tl.scrollY;
      if (S.tasks.has(ti)) { g.fillStyle = selbg; g.fillRect(0, y, W, LANE); }
      // life span
      const s = t.start !== null ? t.start : 0, e = t.end !== null ? t.end : tl.full;
      g.fillStyle = line;
      g.fillRect(Math.max(LABEL, X(s)), y + LANE / 2 - 1, Math.max(1, Math.min(W, X(e)) - Math.max(LABEL, X(s))), 2);
      // ticks, one per pixel column at most (red when any call there failed)
      const a = callsStart[ti], b = callsStart[ti + 1];
      let lo = a, hi = b;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (cT[callsOf[mid]] < tl.x0) lo = mid + 1; else hi = mid; }
      let lastX = -1, lastErr = false;
      for (let j = lo; j < b; j++) {
        const ci = callsOf[j];
        const tt = cT[ci];
        if (tt > tl.x1) break;
        const x = Math.floor(X(tt));
        const bad = cErr[ci] !== 0;
        if (x === lastX && (lastErr || !bad)) continue;
        // how long it took, faint; its entry, a tick
        const wdt = cDur[ci] > 0 ? Math.min(plotW, cDur[ci] / span * plotW) : 0;
        if (wdt >= 2) { g.globalAlpha = 0.25; g.fillStyle = muted; g.fillRect(x, y + 6, wdt, LANE - 12); g.globalAlpha = 1; }
        g.fillStyle = bad ? err : fg;
        g.fillRect(x, y + 4, 1, LANE - 8);
        lastX = x; lastErr = bad;
      }
      // label
      g.fillStyle = S.tasks.has(ti) ? selbg : css('--panel');
      g.fillRect(0, y, LABEL - 4, LANE);
      g.fillStyle = fg;
      g.fillText(vis(t.pid + ' ' + t.label).slice(0, 24), 4, y + 13);
    }
    // markers: execs (triangles), namespace transitions (diamonds in the namespace's colour)
    const laneY = (pid) => { const ti = taskByPid.get(pid); return ti === undefined ? null : AXIS + tl.lane[ti] * LANE - tl.scrollY; };
    for (const x of M.execs) {
      const y = laneY(x.pid);
      if (y === null || y < AXIS - LANE || y > H) continue;
      const px = X(x.t);
      if (px < LABEL || px > W) continue;
      g.fillStyle = accent;
      g.beginPath(); g.moveTo(px, y + 1); g.lineTo(px + 6, y + 1); g.lineTo(px + 3, y + 7); g.closePath(); g.fill();
    }
    for (const tr of M.transitions) {
      const y = laneY(tr.pid);
      if (y === null || y < AXIS - LANE || y > H) continue;
      const px = X(tr.t);
      if (px < LABEL || px > W) continue;
      const type = tr.to.slice(0, tr.to.indexOf(':'));
      g.fillStyle = nsColor[type] || '#888';
      g.strokeStyle = selNs === tr.to ? accent : '#333';
      g.lineWidth = selNs === tr.to ? 2 : 1;
      const cy = y + LANE - 5;
      g.beginPath(); g.moveTo(px, cy - 5); g.lineTo(px + 5, cy); g.lineTo(px, cy + 5); g.lineTo(px - 5, cy); g.closePath(); g.fill(); g.stroke();
      g.lineWidth = 1;
    }
    // the selected call
    if (S.call >= 0) {
      const px = X(cT[S.call]);
      if (px >= LABEL && px <= W) { g.strokeStyle = accent; g.lineWidth = 2; g.beginPath(); g.moveTo(px, AXIS); g.lineTo(px, H); g.stroke(); g.lineWidth = 1; }
    }
  }
  function niceStep(x) {
    const p = Math.pow(10, Math.floor(Math.log10(Math.max(x, 1e-9))));
    const m = x / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  // ---- linked selection ------------------------------------------------------------------------
  function selectTasks(list, add) {
    if (add) { for (const i of list) { if (S.tasks.has(i)) S.tasks.delete(i); else S.tasks.add(i); } }
    else S.tasks = new Set(list);
    S.call = -1; S.expanded = -1; expandedH = 0;
    updateTaskRows();
    updateGraph();
    refilter(false);
    drawTimeline();
  }
  function selectNamespace(id, jump) {
    if (!nsById.has(id)) return;
    S.ns = id;
    S.cursorNs = nsById.get(id);
    nsRows.forEach((r) => r.classList.toggle('sel', r.dataset.ns === id));
    for (const b of root.querySelectorAll('.badge')) b.classList.toggle('sel', b.dataset.ns === id);
    renderNsDetail();
    updateGraph();
    const n = nsList[nsById.get(id)];
    const first = n.into.map((k) => M.transitions[k]).find((tr) => tr.callIndex !== null);
    if (jump && first) jumpToCall(first.callIndex);
    else drawTimeline();
  }
  function clearAll() {
    S.tasks = new Set(); S.ns = null; S.call = -1; S.expanded = -1; expandedH = 0; S.cursorTask = -1;
    $('f-name').value = ''; $('f-text').value = ''; $('f-failed').checked = false;
    nsRows.forEach((r) => r.classList.remove('sel'));
    for (const b of root.querySelectorAll('.badge')) b.classList.remove('sel');
    renderNsDetail();
    updateTaskRows(); updateGraph(); refilter(false); drawTimeline();
  }
  function setupKeys() {
    $('ns-detail').addEventListener('click', nsDetailActivate);
    $('ns-detail').addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); nsDetailActivate(ev); } });
    $('help-button').addEventListener('click', () => {
      const h = $('help');
      h.hidden = !h.hidden;
      $('help-button').setAttribute('aria-expanded', String(!h.hidden));
    });
    if (!activeExplorer) activeExplorer = api;
    root.addEventListener('pointerdown', () => { activeExplorer = api; }, true);
    root.addEventListener('focusin', () => { activeExplorer = api; });
    document.addEventListener('keydown', (ev) => {
      if (activeExplorer !== api) return;
      const inField = ev.target instanceof HTMLInputElement;
      if (ev.key === 'Escape') {
        if (inField) { ev.target.blur(); return; }
        clearAll();
        return;
      }
      if (inField || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const focus = { '/': 'f-text', n: 'f-name', t: 'task-tree', s: 'ns-list', g: 'graph', c: 'call-list', l: 'timeline' }[ev.key];
      if (focus) { ev.preventDefault(); $(focus).focus(); return; }
      if (ev.key === 'f') { $('f-failed').checked = !$('f-failed').checked; refilter(false); drawTimeline(); }
      else if (ev.key === '?') $('help-button').click();
    });
  }

  // ---- for the compare page -----------------------------------------------------------------
  let marked = null;
  api.markNames = (names) => {
    const byName = new Map(M.calls.names.map((n, i) => [n, i]));
    marked = new Set(names.filter((n) => byName.has(n)).map((n) => byName.get(n)));
    renderRows();
  };
  api.filterNames = (text) => { $('f-name').value = text; S.expanded = -1; expandedH = 0; refilter(false); drawTimeline(); };

  // ---- for tests and scripts ------------------------------------------------------------------
  api.selectPid = (pid) => { const i = taskByPid.get(pid); if (i !== undefined) selectTasks([i], false); };
  api.shownCalls = () => Array.from(VIS, (i) => ({ index: i, pid: tasks[cTask[i]].pid, name: M.calls.names[cName[i]], t: cT[i], text: textOf(i) }));
  api.selectedCall = () => (S.call >= 0 ? { index: S.call, pid: tasks[cTask[S.call]].pid, name: M.calls.names[cName[S.call]], text: textOf(S.call) } : null);
  api.counts = () => ({ tasks: tasks.length, namespaces: nsList.length, calls: N });

  load().then(() => {
    if (M.source !== 'record') root.classList.add('live');
    renderHeader();
    renderTasks();
    renderNamespaces();
    renderGraph();
    setupCalls();
    setupTimeline();
    setupKeys();
    refilter(false);
    drawTimeline();
    api.loadMs = Math.round(performance.now() - t0);
    $('status').textContent = N + (N === 1 ? ' call, ' : ' calls, ') + tasks.length + (tasks.length === 1 ? ' task, ' : ' tasks, ') +
      nsList.length + ' namespaces · ready in ' + api.loadMs + ' ms';
    api.ready = true;
    if (done) done();
  }).catch((e) => {
    $('status').textContent = 'cannot show this trace: ' + e;
    $('status').classList.add('error');
    api.error = String(e);
    api.ready = true;
    if (done) done();
  });
}

// The report of a compare page (JSONReport, docs/compare.md): each side's place and outcome,
// then what differs, highlighted; a call or syscall row filters both sides to that name.
async function renderReport(sides) {
  const R = JSON.parse(await inflate('nstrace-report'));
  const box = document.getElementById('report');
  const title = 'nstrace compare: ' + (R.command || []).join(' ');
  document.title = vis(title);
  document.getElementById('cmp-title').textContent = vis(title);
  const pick = (name) => { for (const s of sides) if (s.filterNames) s.filterNames(name); };
  function table(caption, head, rows) {
    if (!rows.length) return;
    const card = el('div', 'card');
    card.append(el('h3', '', caption));
    const t = el('table');
    const hr = el('tr');
    for (const h of head) hr.append(el('th', '', h));
    t.append(hr);
    for (const r of rows) {
      const tr = el('tr', r.differs ? 'differs' : '');
      r.cells.forEach((c, k) => tr.append(el('td', k === 0 && r.pick ? 'pick' : '', c === null || c === undefined ? '—' : c)));
      if (r.pick) { tr.dataset.pick = r.pick; tr.tabIndex = 0; }
      t.append(tr);
    }
    card.append(t);
    box.append(card);
  }
  const side = (x) => [x.place, x.outcome, String(x.processes) + ' processes, ' + x.calls + ' calls', (x.programs || []).join(' ')];
  const o = side(R.outside), i = side(R.inside);
  table('the two runs', ['', 'outside', 'inside'], ['place', 'outcome', 'size', 'programs'].map((k, n) =>
    ({ cells: [k, o[n], i[n]], differs: n === 1 && o[n] !== i[n] })));
  table('identity', ['', 'outside', 'inside'], (R.identity || []).map((r) => ({ cells: [r.name, r.outside, r.inside], differs: !r.same })));
  table('verdicts', ['namespace', 'verdict'], (R.verdicts || []).map((v) => ({ cells: [v.type, v.text], differs: v.different })));
  table('calls whose results differ', ['call', 'outside', 'inside'], (R.results || []).map((r) =>
    ({ cells: [r.call, r.outside.join(', '), r.inside.join(', ')], differs: true, pick: r.call.split(' ')[0] })));
  table('directories listed differently', ['path', 'outside', 'inside'], (R.listings || []).map((r) =>
    ({ cells: [r.path, r.outside, r.inside], differs: true })));
  for (const [k, rows] of Object.entries(R.files || {})) {
    table('files: ' + k.replace(/([A-Z])/g, ' $1').toLowerCase(), ['path', 'outside', 'inside'], (rows || []).map((r) =>
      ({ cells: [r.path, r.outside, r.inside], differs: true })));
  }
  table('syscalls made a different number of times', ['name', 'outside', 'inside', 'difference'],
    (R.syscalls || []).filter((r) => r.diff !== 0).slice(0, 40).map((r) =>
      ({ cells: [r.name, String(r.outside), String(r.inside), (r.diff > 0 ? '+' : '') + r.diff], differs: true, pick: r.name })));
  for (const k of ['stdout', 'stderr']) {
    const d = R[k];
    if (!d) continue;
    const card = el('div', 'card');
    card.append(el('h3', '', k + (d.same ? ': the same on both sides' : ': differs')));
    if (!d.same && d.diff) {
      const pre = el('pre', 'diff-text');
      pre.textContent = d.diff.split('\n').slice(0, 200).map(vis).join('\n');
      card.append(pre);
    }
    box.append(card);
  }
  box.addEventListener('click', (ev) => { const r = ev.target.closest('tr[data-pick]'); if (r) pick(r.dataset.pick); });
  box.addEventListener('keydown', (ev) => {
    const r = ev.target.closest('tr[data-pick]');
    if (r && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); pick(r.dataset.pick); }
  });
  const names = (R.results || []).map((r) => r.call.split(' ')[0]);
  for (const s of sides) if (s.markNames) s.markNames(names);
}

// A compare page (nstrace compare --format html) holds two explorers and the report.
if (document.getElementById('a-nstrace-model')) {
  document.body.classList.add('compare');
  const sides = [{ ready: false }, { ready: false }];
  const api = { ready: false, sides };
  window.nstraceExplorer = api;
  let left = 2;
  const finish = () => {
    if (--left) return;
    const t0 = performance.now();
    renderReport(sides).then(() => {
      api.loadMs = Math.max(sides[0].loadMs || 0, sides[1].loadMs || 0) + Math.round(performance.now() - t0);
      api.error = sides[0].error || sides[1].error || null;
      api.ready = true;
    }).catch((e) => { api.error = String(e); api.ready = true; });
  };
  explorer('a-', document.getElementById('side-a'), sides[0], finish, { side: 'outside' });
  explorer('b-', document.getElementById('side-b'), sides[1], finish, { side: 'inside' });
} else {
  const api = { ready: false };
  window.nstraceExplorer = api;
  explorer('', document.body, api, null);
}

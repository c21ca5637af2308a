// newskg report page: reads the embedded graph (the JSON exporter's node-link
// document plus precomputed positions), draws it with cytoscape.js and wires
// the search box, details panel, filters and tables. Everything from the
// graph goes into the page as text (textContent), never as HTML.
(function () {
  'use strict';
  const started = performance.now();
  const data = JSON.parse(document.getElementById('newskg-data').textContent);
  const graph = data.graph;
  const nodes = graph.nodes || [];
  const edges = graph.edges || [];
  const articles = graph.articles || [];
  const positions = data.positions || [];

  const TYPE_COLOURS = {
    PERSON: '#e4572e', ORG: '#2e86de', PRODUCT: '#17a589', LOCATION: '#8e44ad', EVENT: '#e67e22', WORK: '#c2185b',
    MONEY: '#d4a017',
    DATE: '#7f8c8d', TIME: '#95a5a6', QUANTITY: '#a0522d', ARTICLE: '#34495e',
  };
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d',
    '#31a354', '#756bb1', '#636363'];
  const typeColour = (t) => TYPE_COLOURS[t] || '#b0b7c3';
  const kinds = [...new Set(edges.map((e) => e.kind))].sort();
  const kindColour = {};
  kinds.forEach((k, i) => { kindColour[k] = PALETTE[i % PALETTE.length]; });
  const types = [...new Set(nodes.map((n) => n.type))].sort();

  // ---- small DOM helpers ----
  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'onclick') e.addEventListener('click', v);
      else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }
  // Only web and file links become clickable.
  function link(url, text) {
    if (typeof url === 'string' && /^(https?|file):/i.test(url)) {
      return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text || url);
    }
    return el('span', {}, text || url || '');
  }
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const label = (n) => (n.label && n.label_en && n.label_en !== n.label ? `${n.label} (${n.label_en})` : n.label || n.label_en || n.id);
  const day = (s) => (s ? String(s).slice(0, 10) : null);

  // ---- degree and per-node edges ----
  const degree = new Array(nodes.length).fill(0);
  const incident = nodes.map(() => []);
  edges.forEach((e, i) => {
    const s = byId.get(e.source), t = byId.get(e.target);
    if (s === undefined || t === undefined) return;
    degree[s] += 1; degree[t] += 1;
    incident[s].push(i); incident[t].push(i);
  });

  $('summary').textContent = `${nodes.length} entities · ${edges.length} relations · ${articles.length} articles`;

  // ---- empty state ----
  let cy = null;
  if (nodes.length === 0) {
    $('empty').hidden = false;
    $('cy').hidden = true;
    $('details').replaceChildren(el('p', { class: 'hint' }, 'No entities found.'));
  } else {
    const maxMentions = Math.max(1, ...nodes.map((n) => n.mentions || 0));
    const big = nodes.length > 1500;
    const elements = [];
    nodes.forEach((n, i) => {
      const p = positions[i] || [0, 0];
      elements.push({
        group: 'nodes',
        data: { id: 'n' + i, idx: i, label: n.label || n.label_en || n.id, colour: typeColour(n.type),
          size: 12 + 38 * Math.sqrt((n.mentions || 0) / maxMentions) },
        position: { x: p[0], y: p[1] },
      });
    });
    edges.forEach((e, i) => {
      const s = byId.get(e.source), t = byId.get(e.target);
      if (s === undefined || t === undefined) return;
      elements.push({
        group: 'edges',
        data: { id: 'e' + i, idx: i, source: 'n' + s, target: 'n' + t, colour: kindColour[e.kind],
          width: 1 + Math.min(6, Math.log2(1 + (e.weight || 1))), directed: e.directed !== false },
      });
    });
    cy = cytoscape({
      container: $('cy'),
      elements,
      layout: { name: 'preset', fit: true, padding: 30 },
      wheelSensitivity: 0.3,
      minZoom: 0.02,
      maxZoom: 4,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      pixelRatio: big ? 1 : 'auto',
      style: [
        { selector: 'node', style: {
          'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
          label: 'data(label)', 'font-size': 11, 'min-zoomed-font-size': 9, color: '#1d2430',
          'text-valign': 'bottom', 'text-margin-y': 2, 'text-outline-color': '#fff', 'text-outline-width': 2,
          'font-family': getComputedStyle(document.body).fontFamily,
        } },
        { selector: 'edge', style: {
          'line-color': 'data(colour)', width: 'data(width)', 'curve-style': big ? 'haystack' : 'bezier',
          'target-arrow-shape': 'none', opacity: 0.75,
        } },
        { selector: 'edge[?directed]', style: big ? {} : { 'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(colour)', 'arrow-scale': 0.8 } },
        { selector: ':selected', style: { 'border-width': 3, 'border-color': '#111', 'line-color': '#111', 'target-arrow-color': '#111', opacity: 1 } },
        { selector: '.hidden', style: { display: 'none' } },
        { selector: '.faded', style: { opacity: 0.15 } },
      ],
    });
    // A small graph fitted to the window would be drawn huge.
    if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
    cy.on('tap', 'node', (ev) => showNode(ev.target.data('idx')));
    cy.on('tap', 'edge', (ev) => showEdge(ev.target.data('idx')));
    cy.one('render', () => {
      requestAnimationFrame(() => {
        markReady();
      });
    });
  }
  // When the first frame is on screen; read by the browser test and the
  // render benchmark.
  function markReady() {
    const now = performance.now();
    window.newskgFirstRender = { sinceNavigation: now, sinceScript: now - started };
    document.body.dataset.ready = '1';
  }

  // ---- legend ----
  const legend = $('legend');
  types.forEach((t) => legend.append(el('span', {}, el('span', { class: 'swatch', style: `background:${typeColour(t)}` }), t, ' ')));

  // ---- details panel ----
  function evidenceList(e) {
    const ul = el('ul', { class: 'evidence' });
    for (const ev of e.evidence || []) {
      ul.append(el('li', {},
        el('blockquote', {}, ev.sentence),
        el('div', { class: 'muted' }, ev.date ? ev.date + ' · ' : '', link(ev.url, articleTitle(ev.url)),
          ev.modality && ev.modality !== 'asserted' ? ` · ${ev.modality}` : '')));
    }
    return ul;
  }
  const articleByUrl = new Map(articles.map((a) => [a.url, a]));
  function articleTitle(url) {
    const a = articleByUrl.get(url);
    return (a && a.title) || url;
  }
  function dl(pairs) {
    const d = el('dl');
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      d.append(el('dt', {}, k), el('dd', {}, Array.isArray(v) ? v.join(', ') : v));
    }
    return d;
  }
  function edgeLine(e) {
    const s = nodes[byId.get(e.source)], t = nodes[byId.get(e.target)];
    return `${s ? label(s) : e.source} → ${e.kind} → ${t ? label(t) : e.target}`;
  }
  function showNode(i) {
    const n = nodes[i];
    const panel = $('details');
    const rels = incident[i].slice().sort((a, b) => (edges[b].weight || 0) - (edges[a].weight || 0));
    const relList = el('ul', { class: 'relations' });
    for (const ei of rels.slice(0, 100)) {
      const e = edges[ei];
      relList.append(el('li', {},
        el('span', { class: 'relation', onclick: () => { select('e' + ei); showEdge(ei); } }, edgeLine(e)),
        el('span', { class: 'muted' }, ` weight ${e.weight}`),
        evidenceList(e)));
    }
    const artList = el('ul', { class: 'articles' });
    for (const ai of n.articles || []) {
      const a = articles[ai];
      if (a) artList.append(el('li', {}, link(a.url, a.title || a.url), el('span', { class: 'muted' }, ' ', [a.publisher, day(a.published)].filter(Boolean).join(' · '))));
    }
    panel.replaceChildren(...[
      el('h2', {}, n.label || n.id),
      n.label_en && n.label_en !== n.label ? el('div', { class: 'muted' }, n.label_en) : null,
      dl([['type', n.type], ['id', n.id], ['aliases', n.aliases], ['roles', n.roles], ['mentions', n.mentions],
        ['articles', n.article_count], ['first seen', n.first_seen], ['last seen', n.last_seen], ['degree', degree[i]]]),
      el('h3', {}, `Relations (${rels.length})`),
      rels.length ? relList : el('p', { class: 'muted' }, 'No relations.'),
      el('h3', {}, `Articles (${(n.articles || []).length})`),
      artList].filter(Boolean));
    panel.scrollTop = 0;
  }
  function showEdge(i) {
    const e = edges[i];
    const attrs = Object.entries(e.attributes || {}).map(([k, v]) => [k, [...v]]);
    const ends = [e.source, e.target].map((id) => {
      const ni = byId.get(id);
      return el('span', { class: 'relation', onclick: () => { select('n' + ni); showNode(ni); } }, ni === undefined ? id : label(nodes[ni]));
    });
    $('details').replaceChildren(
      el('h2', {}, e.kind),
      el('p', {}, ends[0], ` → ${e.kind} → `, ends[1]),
      dl([['kind', e.kind], ['weight', e.weight], ['status', e.status], ['confidence', e.confidence],
        ['first seen', e.first_seen], ['last seen', e.last_seen], ['articles', e.article_count], ...attrs]),
      el('h3', {}, `Evidence (${(e.evidence || []).length})`),
      evidenceList(e));
    $('details').scrollTop = 0;
  }
  function select(cyId) {
    if (!cy) return;
    const target = cy.getElementById(cyId);
    if (target.empty()) return;
    cy.$(':selected').unselect();
    target.select();
    if (target.isNode()) cy.animate({ center: { eles: target }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    else cy.animate({ fit: { eles: target.connectedNodes(), padding: 80 } }, { duration: 300 });
  }

  // ---- search ----
  const norm = (s) => String(s || '').normalize('NFC').toLowerCase();
  const searchKeys = nodes.map((n) => [n.label, n.label_en, n.id, ...(n.aliases || [])].filter(Boolean).map(norm));
  function search(q) {
    q = norm(q).trim();
    if (!q) return [];
    const hits = [];
    searchKeys.forEach((keys, i) => {
      let rank = 9;
      for (const k of keys) {
        if (k === q) rank = Math.min(rank, 0);
        else if (k.startsWith(q)) rank = Math.min(rank, 1);
        else if (k.includes(q)) rank = Math.min(rank, 2);
      }
      if (rank < 9) hits.push([rank, -(nodes[i].mentions || 0), i]);
    });
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return hits.slice(0, 20).map((h) => h[2]);
  }
  const results = $('search-results');
  function pick(i) {
    results.replaceChildren();
    select('n' + i);
    showNode(i);
  }
  $('search').addEventListener('input', (ev) => {
    results.replaceChildren(...search(ev.target.value).map((i) => el('li', { role: 'option', 'data-idx': i, onclick: () => pick(i) },
      label(nodes[i]), ' ', el('span', { class: 'type' }, `${nodes[i].type} · ${nodes[i].mentions} mentions`))));
  });
  $('search').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      const first = results.querySelector('li');
      if (first) pick(Number(first.dataset.idx));
    } else if (ev.key === 'Escape') {
      results.replaceChildren();
    }
  });

  // ---- filters ----
  function checkboxes(container, values, colour, line) {
    for (const v of values) {
      container.append(el('label', {}, el('input', { type: 'checkbox', value: v, checked: '' }),
        el('span', { class: line ? 'swatch line' : 'swatch', style: `background:${colour(v)}` }), v));
    }
    container.addEventListener('change', applyFilters);
  }
  checkboxes($('filter-types'), types, typeColour, false);
  checkboxes($('filter-kinds'), kinds, (k) => kindColour[k], true);
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight || 1));
  $('min-weight').max = maxWeight;
  $('min-weight').addEventListener('input', () => { $('min-weight-value').textContent = $('min-weight').value; applyFilters(); });
  $('connected-only').addEventListener('change', applyFilters);

  // Dates: every day from the earliest to the latest one seen.
  const allDays = [...nodes.flatMap((n) => [n.first_seen, n.last_seen]), ...edges.flatMap((e) => [e.first_seen, e.last_seen]),
    ...articles.map((a) => day(a.published))].map(day).filter(Boolean).sort();
  const days = [];
  if (allDays.length) {
    const end = new Date(allDays[allDays.length - 1] + 'T00:00:00Z');
    for (let d = new Date(allDays[0] + 'T00:00:00Z'); d <= end && days.length < 20000; d.setUTCDate(d.getUTCDate() + 1)) {
      days.push(d.toISOString().slice(0, 10));
    }
  }
  const from = $('date-from'), to = $('date-to');
  if (days.length > 1) {
    from.max = to.max = days.length - 1;
    to.value = days.length - 1;
    from.addEventListener('input', () => { if (+from.value > +to.value) to.value = from.value; applyFilters(); });
    to.addEventListener('input', () => { if (+to.value < +from.value) from.value = to.value; applyFilters(); });
  } else {
    $('time-slider').hidden = true;
  }
  function dateLabel() {
    if (!days.length) return 'no dates';
    if (days.length === 1) return days[0];
    return `${days[+from.value]} – ${days[+to.value]}`;
  }
  $('date-range-label').textContent = dateLabel();
  const overlaps = (first, last, lo, hi) => !first || !last || (day(first) <= hi && day(last) >= lo);

  function applyFilters() {
    const typeOn = new Set([...$('filter-types').querySelectorAll('input:checked')].map((c) => c.value));
    const kindOn = new Set([...$('filter-kinds').querySelectorAll('input:checked')].map((c) => c.value));
    const minW = +$('min-weight').value;
    const lo = days.length > 1 ? days[+from.value] : '0000', hi = days.length > 1 ? days[+to.value] : '9999';
    $('date-range-label').textContent = dateLabel();
    const nodeOn = nodes.map((n) => typeOn.has(n.type) && overlaps(n.first_seen, n.last_seen, lo, hi));
    const edgeOn = edges.map((e) => {
      const s = byId.get(e.source), t = byId.get(e.target);
      return kindOn.has(e.kind) && (e.weight || 0) >= minW && overlaps(e.first_seen, e.last_seen, lo, hi) && nodeOn[s] && nodeOn[t];
    });
    if ($('connected-only').checked) {
      const linked = new Array(nodes.length).fill(false);
      edges.forEach((e, i) => { if (edgeOn[i]) { linked[byId.get(e.source)] = true; linked[byId.get(e.target)] = true; } });
      nodeOn.forEach((on, i) => { nodeOn[i] = on && linked[i]; });
    }
    const shown = nodeOn.filter(Boolean).length, shownEdges = edgeOn.filter(Boolean).length;
    $('visible-count').textContent = `${shown} of ${nodes.length} entities, ${shownEdges} of ${edges.length} relations shown`;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => { n.toggleClass('hidden', !nodeOn[n.data('idx')]); });
      cy.edges().forEach((e) => { e.toggleClass('hidden', !edgeOn[e.data('idx')]); });
    });
  }
  $('fit').addEventListener('click', () => cy && cy.fit(cy.elements(':visible'), 30));
  $('reset').addEventListener('click', () => {
    document.querySelectorAll('#filters input[type=checkbox]').forEach((c) => { c.checked = c.id !== 'connected-only'; });
    $('min-weight').value = 1; $('min-weight-value').textContent = '1';
    from.value = 0; to.value = Math.max(0, days.length - 1);
    applyFilters();
  });
  applyFilters();

  // ---- tables ----
  function table(id, head, rows, onRow) {
    const t = $(id);
    t.replaceChildren(el('tr', {}, ...head.map(([h, num]) => el('th', { class: num ? 'num' : '' }, h))));
    rows.forEach((cells, r) => {
      const tr = el('tr', { class: onRow ? 'clickable' : '' }, ...cells.map((c, j) => el('td', { class: head[j][1] ? 'num' : '' }, c)));
      if (onRow) tr.addEventListener('click', () => onRow(r));
      t.append(tr);
    });
    if (!rows.length) t.append(el('tr', {}, el('td', { colspan: head.length, class: 'muted' }, 'none')));
  }
  const TOP = 20;
  const byMentions = nodes.map((_, i) => i).sort((a, b) => (nodes[b].mentions || 0) - (nodes[a].mentions || 0) || a - b).slice(0, TOP);
  table('top-mentions', [['entity'], ['type'], ['mentions', true], ['articles', true]],
    byMentions.map((i) => [label(nodes[i]), nodes[i].type, nodes[i].mentions, nodes[i].article_count]),
    (r) => pick(byMentions[r]));
  const byDegree = nodes.map((_, i) => i).filter((i) => degree[i] > 0).sort((a, b) => degree[b] - degree[a] || a - b).slice(0, TOP);
  table('top-degree', [['entity'], ['type'], ['degree', true]],
    byDegree.map((i) => [label(nodes[i]), nodes[i].type, degree[i]]),
    (r) => pick(byDegree[r]));
  const topEdges = edges.map((_, i) => i).sort((a, b) => (edges[b].weight || 0) - (edges[a].weight || 0) || a - b).slice(0, TOP);
  table('top-relations', [['relation'], ['weight', true], ['status']],
    topEdges.map((i) => [edgeLine(edges[i]), edges[i].weight, edges[i].status]),
    (r) => { select('e' + topEdges[r]); showEdge(topEdges[r]); });
  table('articles', [['title'], ['publisher'], ['date']],
    articles.map((a) => [link(a.url, a.title || a.url), a.publisher || '', day(a.published) || '']));
  if (!cy) markReady();
})();

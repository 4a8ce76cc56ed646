'use strict';
// The scorecard page: token login, one POST to /api/scorecard, then tables and Chart.js charts from its answer.
(() => {
  const TOKEN_KEY = 'scorecard-token';
  const NARRATIVE_PREFIX = 'scorecard-narrative:';
  const $ = (id) => document.getElementById(id);
  const charts = [];
  let narrativeKey = null;

  const fmt = (value, unit = '') => value === null || value === undefined ? 'no data' : `${value.toFixed(1)}${unit}`;
  const ragText = { Green: 'Green', Amber: 'Amber', Red: 'Red', None: 'No status' };
  const monthLabel = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

  function defaultMonth() {
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return last.toISOString().slice(0, 7);
  }

  function showMessage(text) {
    $('message').textContent = text;
    $('message').hidden = !text;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function figureCell(row, key, figure, unit) {
    const td = cell(row, '', 'number');
    td.dataset.figure = key;
    td.dataset.status = figure.status;
    if (figure.value !== null) td.dataset.value = String(figure.value);
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = fmt(figure.value, unit);
    const rag = document.createElement('span');
    rag.className = `rag rag-${figure.status}`;
    rag.textContent = ragText[figure.status];
    td.append(value, rag);
  }

  function renderHeadlines(headlines) {
    const body = $('headlines').tBodies[0];
    body.replaceChildren();
    for (const h of headlines) {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = h.name;
      row.appendChild(th);
      cell(row, h.targetText);
      figureCell(row, `${h.key}-month`, h.month, h.unit);
      figureCell(row, `${h.key}-ytd`, h.yearToDate, h.unit);
      cell(row, h.yearToDateBasis);
    }
  }

  function fillTable(table, headers, rows) {
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const h of headers) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of rows) {
      const row = body.insertRow();
      r.forEach((v, i) => cell(row, v, i > 0 ? 'number' : undefined));
    }
  }

  function renderList(tableId, totalId, total, rows, columns) {
    $(totalId).textContent = `(${total} in all${total > rows.length ? `, first ${rows.length} shown` : ''})`;
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    if (rows.length === 0) {
      cell(body.insertRow(), 'None').colSpan = 5;
      return;
    }
    for (const r of rows) {
      const row = body.insertRow();
      columns.forEach((c) => cell(row, c(r) || '—'));
    }
  }

  const line = (label, data, color, extra = {}) => ({ label, data, borderColor: color, backgroundColor: color, pointRadius: 2, spanGaps: false, ...extra });
  const targetLine = (label, value, count) => line(label, Array(count).fill(value), '#505a5f', { borderDash: [6, 4], pointRadius: 0 });

  function chart(id, config) {
    config.options = { animation: false, responsive: true, aspectRatio: 2, ...config.options };
    charts.push(new Chart($(id), config));
  }

  // Draws the caseload target as a vertical line inside the bucket that holds it.
  const distributionTarget = {
    id: 'distributionTarget',
    afterDatasetsDraw(c, _args, options) {
      const buckets = options.buckets;
      const index = buckets.findIndex((b) => options.target >= b.from && (b.to === null || options.target < b.to));
      if (index < 0) return;
      const b = buckets[index];
      const x = c.scales.x;
      const width = x.width / buckets.length;
      const left = x.getPixelForValue(index) - width / 2;
      const px = left + (b.to === null ? 0 : (options.target - b.from) / (b.to - b.from)) * width;
      const ctx = c.ctx;
      ctx.save();
      ctx.strokeStyle = '#d4351c';
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px, c.chartArea.top);
      ctx.lineTo(px, c.chartArea.bottom);
      ctx.stroke();
      ctx.fillStyle = '#d4351c';
      ctx.fillText(`target ${options.target}`, px + 4, c.chartArea.top + 10);
      ctx.restore();
    },
  };

  function renderCharts(s) {
    charts.splice(0).forEach((c) => c.destroy());
    const t = s.trends;
    const labels = t.monthEnds.map(monthLabel);
    const agencyTarget = s.headlines.find((h) => h.key === 'agency-rate').target;
    chart('chart-agency', { type: 'line', data: { labels, datasets: [
      line('Agency rate (FTE, %)', t.agencyRatePercent, '#1d70b8'),
      targetLine(`Target ${agencyTarget}%`, agencyTarget, labels.length)] } });
    fillTable($('table-agency'), ['Month end', 'Agency rate (%)'], t.monthEnds.map((m, i) => [m, fmt(t.agencyRatePercent[i])]));

    const f = s.forecast;
    const future = f ? f.monthEnds : [];
    const all = [...labels, ...future.map(monthLabel)];
    const pad = (values) => [...Array(labels.length).fill(null), ...values];
    const datasets = [line('Average caseload', [...t.averageCaseload, ...Array(future.length).fill(null)], '#1d70b8')];
    if (f) {
      const band = (label, values, fill, color) => line(label, pad(values), color, { fill, pointRadius: 0, borderWidth: 0, backgroundColor: color });
      datasets.push(
        line('Forecast (mean)', pad(f.point), '#4c2c92', { borderDash: [3, 3] }),
        band('95% interval, upper', f.upper95, false, 'rgba(76,44,146,0.15)'),
        band('95% interval, lower', f.lower95, '-1', 'rgba(76,44,146,0.15)'),
        band('80% interval, upper', f.upper80, false, 'rgba(76,44,146,0.30)'),
        band('80% interval, lower', f.lower80, '-1', 'rgba(76,44,146,0.30)'));
    }
    datasets.push(targetLine(`Target ${s.caseloadTarget}`, s.caseloadTarget, all.length));
    chart('chart-caseload', { type: 'line', data: { labels: all, datasets } });
    fillTable($('table-caseload'), ['Month end', 'Average caseload'], t.monthEnds.map((m, i) => [m, fmt(t.averageCaseload[i])]));
    fillTable($('table-forecast'), ['Forecast month end', 'Mean', '80% interval', '95% interval'],
      future.map((m, i) => [m, fmt(f.point[i]), `${fmt(f.lower80[i])}–${fmt(f.upper80[i])}`, `${fmt(f.lower95[i])}–${fmt(f.upper95[i])}`]));
    $('forecast-note').textContent = f
      ? `Target first met (forecast mean): ${f.targetFirstMet ?? 'not within the horizon'}; chance of meeting it by ${future[future.length - 1]}: ${(f.probabilityMetByHorizon * 100).toFixed(0)}%.`
      : (s.forecastNote ?? 'No forecast.');

    chart('chart-supervision', { type: 'line', data: { labels, datasets: [
      line('Due dates met in the month (%)', t.supervisionHeldInMonthPercent, '#00703c'),
      line('Staff in date at month end (%)', t.supervisionInDatePercent, '#1d70b8'),
      targetLine('Green from 90%', 90, labels.length)] }, options: { scales: { y: { min: 0, max: 100 } } } });
    fillTable($('table-supervision'), ['Month end', 'Met in month (%)', 'In date (%)'],
      t.monthEnds.map((m, i) => [m, fmt(t.supervisionHeldInMonthPercent[i]), fmt(t.supervisionInDatePercent[i])]));

    const buckets = s.distribution;
    const bucketLabel = (b) => b.to === null ? `${b.from}+` : `${b.from}–${b.to}`;
    chart('chart-distribution', {
      type: 'bar',
      data: { labels: buckets.map(bucketLabel), datasets: [{ label: 'Workers', data: buckets.map((b) => b.workers), backgroundColor: '#1d70b8' }] },
      options: { plugins: { distributionTarget: { target: s.caseloadTarget, buckets } }, scales: { x: { title: { display: true, text: 'cases per FTE' } } } },
      plugins: [distributionTarget],
    });
    fillTable($('table-distribution'), ['Cases per FTE', 'Workers'], buckets.map((b) => [bucketLabel(b), String(b.workers)]));
  }

  function loadNarrative(authority, month) {
    narrativeKey = `${NARRATIVE_PREFIX}${authority}:${month}`;
    $('narrative').value = localStorage.getItem(narrativeKey) ?? '';
    $('narrative-saved').textContent = '';
  }

  function render(s, month) {
    $('title-council').textContent = `— council ${s.authority}`;
    $('period').textContent = `In month: ${monthLabel(s.asOf)} (figures at ${s.asOf}). Year to date: from ${s.yearFrom}, the start of the council's reporting year.`;
    renderHeadlines(s.headlines);
    renderList('overdue', 'overdue-total', s.overdue.total, s.overdue.rows,
      [(r) => r.staffId, (r) => r.supervisorStaffId, (r) => r.dueDate, (r) => String(r.daysOverdue), (r) => r.lastSession]);
    renderList('reallocation', 'reallocation-total', s.reallocation.total, s.reallocation.rows,
      [(r) => r.caseId, (r) => r.staffId, (r) => r.reason, (r) => r.since, (r) => String(r.daysSince)]);
    loadNarrative(s.authority, month);
    $('scorecard').hidden = false;
    renderCharts(s);
  }

  async function show(event) {
    event.preventDefault();
    const token = $('token').value.trim();
    const authority = $('authority').value.trim();
    const month = $('month').value;
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem('scorecard-authority', authority);
    sessionStorage.setItem('scorecard-month', month);
    document.body.dataset.state = 'loading';
    showMessage('');
    try {
      const response = await fetch('api/scorecard', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ authority, month }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        $('scorecard').hidden = true;
        showMessage(body.error ?? `The scorecard host answered ${response.status}.`);
        document.body.dataset.state = 'error';
        return;
      }
      render(body, month);
      document.body.dataset.state = 'ready';
    } catch {
      showMessage('The scorecard host did not answer: is it running?');
      document.body.dataset.state = 'error';
    }
  }

  function exportNarratives() {
    const all = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(NARRATIVE_PREFIX)) all[key.slice(NARRATIVE_PREFIX.length)] = localStorage.getItem(key);
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(all, null, 2)], { type: 'application/json' }));
    link.download = 'scorecard-narratives.json';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  $('token').value = sessionStorage.getItem(TOKEN_KEY) ?? '';
  $('authority').value = sessionStorage.getItem('scorecard-authority') ?? '';
  $('month').value = sessionStorage.getItem('scorecard-month') ?? defaultMonth();
  $('login').addEventListener('submit', show);
  $('forget').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); $('token').value = ''; });
  $('narrative').addEventListener('input', () => {
    if (!narrativeKey) return;
    localStorage.setItem(narrativeKey, $('narrative').value);
    $('narrative-saved').textContent = 'Saved in this browser.';
  });
  $('export-narrative').addEventListener('click', exportNarratives);
})();

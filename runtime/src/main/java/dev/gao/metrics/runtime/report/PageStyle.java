package dev.gao.metrics.runtime.report;

/**
 * The stylesheet and script every report shares: light and dark colours by the reader's setting,
 * the Okabe-Ito palette (told apart with every common colour-vision deficiency; vermillion is kept
 * for regressions and failures, which are also named in words), a print stylesheet, and the script
 * that draws each chart of the page's data island ({@link Charts}) with uPlot: a tooltip with the
 * run and the values under the cursor, zoom by dragging across (a double click zooms out), series
 * shown and hidden by a click on the legend, a table of each line chart's data, and tables sorted
 * by a click on a heading. The script publishes {@code window.gaoReport}: the data and the drawn
 * charts by id; each chart element gets {@code data-drawn-series} and {@code data-drawn-points}.
 */
final class PageStyle {
  private PageStyle() {}

  static final String CSS =
      """
      :root{--bg:#ffffff;--fg:#1b1b1b;--muted:#5c5c5c;--rule:#d4d4d4;--band:#f3f3f3;
      --c1:#0072B2;--c2:#E69F00;--c3:#009E73;--c4:#CC79A7;--c5:#56B4E9;--c6:#000000;
      --bad:#D55E00;--good:#009E73;--changed:#B8860B;color-scheme:light dark}
      @media (prefers-color-scheme:dark){:root{--bg:#161616;--fg:#e8e8e8;--muted:#a8a8a8;
      --rule:#3a3a3a;--band:#222222;--c1:#56B4E9;--c5:#0072B2;--c6:#e8e8e8;--bad:#F07B3F;
      --changed:#F0E442}}
      body{background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,sans-serif;margin:0 auto;
      max-width:90rem;padding:1rem 1.5rem}
      h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
      h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
      table{border-collapse:collapse;margin:.25rem 0 1rem;min-width:24rem}
      th,td{border-bottom:1px solid var(--rule);padding:.25rem .75rem;text-align:left;
      vertical-align:top}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      thead th{background:var(--band)}
      .muted{color:var(--muted)}
      .better-lower::before{content:"\\2193 "}.better-higher::before{content:"\\2191 "}
      .status-failed,.verdict-regressed{color:var(--bad);font-weight:600}
      .verdict-improved{color:var(--good);font-weight:600}.verdict-changed{color:var(--changed)}
      .chart{margin:.5rem 0;position:relative}
      .tip{position:absolute;z-index:10;pointer-events:none;white-space:pre;background:var(--bg);
      color:var(--fg);border:1px solid var(--rule);padding:.3rem .5rem;font-size:13px;
      box-shadow:0 2px 6px rgba(0,0,0,.25)}
      table.sortable thead th{cursor:pointer;user-select:none}
      th[aria-sort=ascending]::after{content:" \\25B4"}th[aria-sort=descending]::after{content:" \\25BE"}
      details.data{margin:0 0 1.25rem}details.data summary{cursor:pointer;color:var(--muted)}
      .note{color:var(--muted);font-size:.9rem}.id{white-space:nowrap;font-size:.85rem}
      .wide{overflow-x:auto;max-width:100%}table.facts td{overflow-wrap:anywhere}
      svg.spark{vertical-align:middle}svg.spark polyline{fill:none;stroke:var(--c1);stroke-width:1.5}
      svg.spark circle{fill:var(--c1)}svg.spark circle.bad{fill:var(--bad)}
      nav.crumbs{font-size:.9rem;margin:.25rem 0}a{color:var(--c1)}
      .uplot,.u-legend{color:var(--fg)}
      @media print{body{max-width:none;padding:0;font-size:11pt;background:#fff;color:#000}
      .chart{break-inside:avoid}table{break-inside:auto}tr{break-inside:avoid}
      thead th{background:none}.tip,.u-select{display:none}details.data{display:none}
      a{color:#000;text-decoration:none}}
      """;

  static final String SCRIPT =
      """
      (function () {
        'use strict';
        var data = JSON.parse(document.getElementById('report-data').textContent);
        var style = getComputedStyle(document.documentElement);
        function css(name) { return style.getPropertyValue(name).trim(); }
        function colour(i) { return css('--c' + (i % 6 + 1)); }
        var fg = css('--fg');
        var rule = css('--rule');
        var mark = css('--bad');
        var report = window.gaoReport = { data: data, charts: {} };

        // as the tables show numbers: six significant digits, a million or more as a whole number
        function num(v) {
          if (v == null) { return '-'; }
          var a = Math.abs(v);
          if (a >= 1e6) { return Math.round(v).toFixed(0); }
          if (a !== 0 && a < 1e-6) {
            var digits = Math.min(100, 5 - Math.floor(Math.log10(a)));
            return v.toFixed(digits).replace(/0+$/, '');
          }
          return String(+v.toPrecision(6));
        }
        function time(seconds) {
          return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\\.000Z$|Z$/, '');
        }
        function withUnit(v, unit) { return num(v) + (unit && v != null ? ' ' + unit : ''); }

        // A box beside the cursor with the point's run (or label) and every series' value there.
        function tooltip(describe) {
          var tip;
          return { hooks: {
            init: function (u) {
              tip = document.createElement('div');
              tip.className = 'tip';
              tip.hidden = true;
              u.over.appendChild(tip);
            },
            setCursor: function (u) {
              var i = u.cursor.idx;
              var text = i == null || u.cursor.left < 0 ? null : describe(u, i);
              if (!text) { tip.hidden = true; return; }
              tip.textContent = text;
              tip.hidden = false;
              var left = u.cursor.left + 14, top = u.cursor.top + 14;
              if (left + tip.offsetWidth > u.over.clientWidth) { left = Math.max(0, u.cursor.left - tip.offsetWidth - 14); }
              if (top + tip.offsetHeight > u.over.clientHeight) { top = Math.max(0, u.cursor.top - tip.offsetHeight - 14); }
              tip.style.left = left + 'px';
              tip.style.top = top + 'px';
            }
          } };
        }

        function axes(unit, x) {
          return [
            Object.assign({ stroke: fg, grid: { stroke: rule, width: 1 }, ticks: { stroke: rule } }, x || {}),
            { stroke: fg, grid: { stroke: rule, width: 1 }, ticks: { stroke: rule }, label: unit || '', size: 64,
              values: function (u, splits) { return splits.map(num); } }
          ];
        }

        function bars(chart, target, width) {
          var labels = chart.labels;
          var options = {
            width: width, height: 280, title: chart.title,
            scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
            axes: axes(chart.unit, { grid: { show: false },
              splits: function () { return chart.x; },
              values: function (u, splits) { return splits.map(function (i) { return labels[i]; }); } }),
            series: [{ label: 'key', value: function (u, i) { return i == null ? '' : labels[i]; } }].concat(
              chart.series.map(function (s) {
                return { label: s.label, stroke: colour(s.colour), fill: colour(s.colour),
                  paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false },
                  value: function (u, v) { return num(v); } };
              })),
            plugins: [tooltip(function (u, i) {
              var lines = [labels[i]];
              chart.series.forEach(function (s) {
                if (s.values[i] != null) { lines.push(s.label + ': ' + withUnit(s.values[i], chart.unit)); }
              });
              return lines.join('\\n');
            })]
          };
          return new uPlot(options, [chart.x].concat(chart.series.map(function (s) { return s.values; })), target);
        }

        function lines(chart, target, width) {
          var options = {
            width: width, height: 300, title: chart.title,
            scales: { x: { time: true } },
            // times in UTC, as the tables and tooltips write them
            tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
            axes: axes(chart.unit),
            cursor: { drag: { x: true, y: false } },
            series: [{ label: 'time', value: function (u, v) { return v == null ? '' : time(v); } }].concat(
              chart.series.map(function (s) {
                var c = s.role === 'marks' ? mark : colour(s.colour);
                var series = { label: s.label, stroke: c, width: s.role === 'average' ? 2 : 1.25, spanGaps: true,
                  value: function (u, v) { return num(v); } };
                if (s.role === 'average') { series.dash = [6, 4]; series.points = { show: false }; }
                if (s.role === 'marks') {
                  series.paths = function () { return null; };
                  series.points = { show: true, size: 13, width: 2, stroke: c, fill: 'transparent' };
                }
                if (s.role === 'changes') {
                  series.paths = function () { return null; };
                  series.points = { show: true, size: 9, width: 2, stroke: c, fill: c };
                }
                return series;
              })),
            plugins: [tooltip(function (u, i) {
              var count = chart.counts ? chart.counts[i] : 1;
              var head = chart.ids[i] != null ? 'run ' + chart.ids[i] : count + (count === 1 ? ' run' : ' runs') + ' from';
              var lines = [head + ' ' + time(chart.x[i])];
              chart.series.forEach(function (s, k) {
                var v = s.values[i];
                if (v == null || !u.series[k + 1].show) { return; }
                lines.push(s.label + ': ' + withUnit(v, chart.unit));
                if (s.evidence && s.evidence[i]) { lines.push(s.evidence[i]); }
              });
              return lines.length > 1 ? lines.join('\\n') : null;
            })]
          };
          return new uPlot(options, [chart.x].concat(chart.series.map(function (s) { return s.values; })), target);
        }

        // The data of a line chart as a table, under the chart.
        function table(chart, target) {
          var details = document.createElement('details');
          details.className = 'data';
          var summary = document.createElement('summary');
          summary.textContent = 'Data of ' + chart.title + ' (' + chart.x.length + ' points)';
          details.appendChild(summary);
          var t = document.createElement('table');
          t.className = 'sortable chart-data';
          var head = '<thead><tr><th>time</th><th>run</th>';
          chart.series.forEach(function (s) { if (s.role !== 'marks' && s.role !== 'changes') { head += '<th class="num"></th>'; } });
          t.innerHTML = head + '</tr></thead><tbody></tbody>';
          var cells = t.tHead.rows[0].cells, c = 2;
          chart.series.forEach(function (s) { if (s.role !== 'marks' && s.role !== 'changes') { cells[c++].textContent = s.label; } });
          var body = t.tBodies[0];
          chart.x.forEach(function (x, i) {
            var row = body.insertRow();
            row.insertCell().textContent = time(x);
            row.insertCell().textContent = chart.ids[i] != null ? chart.ids[i] : (chart.counts ? chart.counts[i] : 1) + ' runs';
            chart.series.forEach(function (s) {
              if (s.role === 'marks' || s.role === 'changes') { return; }
              var cell = row.insertCell();
              cell.className = 'num';
              cell.textContent = num(s.values[i]);
            });
          });
          details.appendChild(t);
          target.insertAdjacentElement('afterend', details);
        }

        (data.charts || []).forEach(function (chart) {
          var target = document.getElementById(chart.id);
          if (!target) { return; }
          var width = Math.min(1000, Math.max(320, target.clientWidth || 640));
          var plot = chart.kind === 'bars' ? bars(chart, target, width) : lines(chart, target, width);
          report.charts[chart.id] = plot;
          var points = 0;
          chart.series.forEach(function (s) { s.values.forEach(function (v) { if (v != null) { points++; } }); });
          target.setAttribute('data-drawn-series', String(chart.series.length));
          target.setAttribute('data-drawn-points', String(points));
          if (chart.kind === 'lines') { table(chart, target); }
        });

        // Sortable tables: a click on a heading sorts by that column, again to reverse.
        function sortKey(cell) {
          var text = cell.getAttribute('data-sort') || cell.getAttribute('data-value') || cell.textContent;
          return cell.classList.contains('num') ? (text === '-' || text === '' ? -Infinity : parseFloat(text)) : text;
        }
        document.addEventListener('click', function (event) {
          var th = event.target.closest('table.sortable thead th');
          if (!th) { return; }
          var t = th.closest('table'), column = th.cellIndex;
          var ascending = th.getAttribute('aria-sort') !== 'ascending';
          Array.prototype.forEach.call(th.parentNode.cells, function (cell) { cell.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          var rows = Array.prototype.slice.call(t.tBodies[0].rows);
          rows.sort(function (a, b) {
            var x = sortKey(a.cells[column]), y = sortKey(b.cells[column]);
            var order = x < y ? -1 : x > y ? 1 : 0;
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { t.tBodies[0].appendChild(row); });
        });
      })();
      """;
}

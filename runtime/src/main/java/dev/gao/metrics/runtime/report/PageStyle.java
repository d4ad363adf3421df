package dev.gao.metrics.runtime.report;

/**
 * The stylesheet and script every report shares: light and dark colours by the reader's setting,
 * the Okabe-Ito palette (told apart with every common colour-vision deficiency), a print
 * stylesheet, and the script that draws each chart from the page's data island.
 */
final class PageStyle {
  private PageStyle() {}

  static final String CSS =
      """
      :root{--bg:#ffffff;--fg:#1b1b1b;--muted:#5c5c5c;--rule:#d4d4d4;--band:#f3f3f3;
      --c1:#0072B2;--c2:#E69F00;--c3:#009E73;--c4:#CC79A7;--c5:#56B4E9;--c6:#D55E00;--c7:#F0E442;
      color-scheme:light dark}
      @media (prefers-color-scheme:dark){:root{--bg:#161616;--fg:#e8e8e8;--muted:#a8a8a8;
      --rule:#3a3a3a;--band:#222222;--c1:#56B4E9;--c5:#0072B2}}
      body{background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,sans-serif;margin:0 auto;
      max-width:70rem;padding:1rem 1.5rem}
      h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
      h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
      table{border-collapse:collapse;margin:.25rem 0 1rem;min-width:24rem}
      th,td{border-bottom:1px solid var(--rule);padding:.25rem .75rem;text-align:left;
      vertical-align:top}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      thead th{background:var(--band)}
      .muted{color:var(--muted)}
      .better-lower::before{content:"\\2193 "}.better-higher::before{content:"\\2191 "}
      .chart{margin:.5rem 0}
      .status-failed{color:var(--c6);font-weight:600}
      .uplot,.u-legend{color:var(--fg)}
      @media print{body{max-width:none;padding:0;font-size:11pt;background:#fff;color:#000}
      .chart{break-inside:avoid}table{break-inside:auto}tr{break-inside:avoid}
      thead th{background:none}}
      """;

  static final String SCRIPT =
      """
      (function () {
        'use strict';
        var data = JSON.parse(document.getElementById('report-data').textContent);
        var style = getComputedStyle(document.documentElement);
        function colour(i) { return style.getPropertyValue('--c' + (i % 7 + 1)).trim(); }
        var fg = style.getPropertyValue('--fg').trim();
        var rule = style.getPropertyValue('--rule').trim();
        data.maps.forEach(function (map, index) {
          var target = document.getElementById('chart-' + index);
          if (!target || map.keys.length === 0) { return; }
          var xs = map.keys.map(function (key, i) { return i; });
          var width = Math.min(900, Math.max(320, target.clientWidth || 640));
          new uPlot({
            width: width,
            height: 260,
            title: map.metric,
            scales: { x: { time: false, range: [-0.5, map.keys.length - 0.5] } },
            axes: [
              { stroke: fg, grid: { show: false }, ticks: { stroke: rule },
                splits: function () { return xs; },
                values: function (u, splits) { return splits.map(function (i) { return map.keys[i]; }); } },
              { stroke: fg, grid: { stroke: rule }, ticks: { stroke: rule }, label: map.unit }
            ],
            series: [
              { label: 'key', value: function (u, i) { return i == null ? '' : map.keys[i]; } },
              { label: map.unit ? map.unit : 'value', stroke: colour(index), fill: colour(index),
                paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }
            ]
          }, [xs, map.values], target);
        });
      })();
      """;
}

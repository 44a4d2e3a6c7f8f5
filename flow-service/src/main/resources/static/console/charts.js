// Time-series charts drawn with uPlot, shipped in the service's jar (no CDN): one line per series.
'use strict';

const ConsoleCharts = (() => {
  const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0969da', '#57606a'];

  /** A chart in {@code container}, to be fed with {@code update(times, series)}. */
  function timeSeries(container, title, unit) {
    let plot = null;
    let names = null;

    function build(seriesNames, times, values) {
      if (plot) {
        plot.destroy();
      }
      names = seriesNames.join('\u0000');
      const width = Math.max(320, container.clientWidth || 640);
      plot = new uPlot({
        title,
        width,
        height: 240,
        scales: {x: {time: true}},
        axes: [{}, {label: unit}],
        series: [{}].concat(seriesNames.map((name, i) => ({
          label: name, stroke: COLOURS[i % COLOURS.length], width: 2, points: {show: false}
        })))
      }, [times].concat(values), container);
    }

    return {
      update(times, series) {
        const seriesNames = Object.keys(series);
        const values = seriesNames.map(name => series[name]);
        if (!plot || names !== seriesNames.join('\u0000')) {
          build(seriesNames, times, values);
        } else {
          plot.setData([times].concat(values));
        }
      }
    };
  }

  return {timeSeries};
})();

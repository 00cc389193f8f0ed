// Draws the statistics page's charts with uPlot (served from this server). The figures come from
// the page itself (#charts data-stats, the same table as GET /api/stats); suppressed groups are gaps.
(function () {
    "use strict";
    var holder = document.getElementById("charts");
    if (!holder || typeof uPlot === "undefined") {
        return;
    }
    var data = JSON.parse(holder.getAttribute("data-stats"));
    var rows = data.rows;
    if (rows.length === 0) {
        return;
    }
    var label = function (name) { return holder.getAttribute("data-label-" + name); };
    var xs = rows.map(function (r, i) { return i; });
    var figure = function (pick) { return rows.map(function (r) { return r.suppressed ? null : pick(r); }); };
    var hours = function (seconds) { return seconds === null || seconds === undefined ? null : Math.round(seconds / 360) / 10; };
    var sum = function (counts) {
        if (!counts) { return 0; }
        return Object.keys(counts).reduce(function (t, k) { return t + counts[k]; }, 0);
    };
    var width = function () { return Math.max(280, Math.min(holder.clientWidth || 640, 900)); };
    var colours = ["#1f5fa8", "#b3261e", "#2e7d32", "#8a5a00"];
    var axisX = {
        values: function (u, splits) { return splits.map(function (i) { return rows[i] ? rows[i].group : ""; }); },
        incrs: [1]
    };

    function chart(id, series) {
        var target = document.getElementById(id);
        var opts = {
            width: width(),
            height: 220,
            scales: { x: { time: false, range: [-0.5, rows.length - 0.5] } },
            axes: [axisX, {}],
            series: [{ label: label("group") }].concat(series.map(function (s, i) {
                return { label: s.label, stroke: colours[i], width: 2, points: { show: true, size: 7 }, spanGaps: false };
            }))
        };
        return new uPlot(opts, [xs].concat(series.map(function (s) { return s.values; })), target);
    }

    chart("chart-volume", [
        { label: label("tickets"), values: figure(function (r) { return r.tickets; }) },
        { label: label("breaches"), values: figure(function (r) { return r.breaches; }) }
    ]);
    chart("chart-times", [
        { label: label("first"), values: figure(function (r) { return hours(r.firstResponseSeconds.median); }) },
        { label: label("resolution"), values: figure(function (r) { return hours(r.resolutionSeconds.median); }) }
    ]);
    chart("chart-csat", [
        { label: label("csat"), values: figure(function (r) { return r.csat.average; }) }
    ]);
    chart("chart-privacy", [
        { label: label("redactions"), values: figure(function (r) { return sum(r.redactions); }) },
        { label: label("trackers"), values: figure(function (r) { return sum(r.trackersRemoved); }) }
    ]);
}());

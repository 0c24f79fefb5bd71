// Programme progress charts (Chart.js, vendored). The numbers come from the page through
// Django's json_script; the page shows them in tables too, so nothing is lost without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("programme-chart-data");
  if (!source || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const styles = getComputedStyle(document.documentElement);
  const colour = (name) => styles.getPropertyValue(`--bs-${name}`).trim() || "#6c757d";
  const statusColour = {
    not_started: colour("secondary"),
    on_track: colour("primary"),
    at_risk: colour("warning"),
    late: colour("danger"),
    done: colour("success"),
    cancelled: colour("dark"),
  };
  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    if (canvas) new window.Chart(canvas, config);
  };
  const labelOf = (key) => data.status.labels[data.status.keys.indexOf(key)] || key;

  draw("chart-status", {
    type: "doughnut",
    data: {
      labels: data.status.labels,
      datasets: [{ data: data.status.values, backgroundColor: data.status.keys.map((k) => statusColour[k]) }],
    },
    options: { plugins: { legend: { position: "bottom" } }, maintainAspectRatio: true },
  });

  draw("chart-tasks", {
    type: "bar",
    data: {
      labels: data.tasks.labels,
      datasets: [
        {
          type: "bar",
          label: data.series.progress,
          data: data.tasks.progress,
          backgroundColor: data.tasks.keys.map((k) => statusColour[k]),
        },
        {
          type: "line",
          label: data.series.expected,
          data: data.tasks.expected,
          showLine: false,
          pointRadius: 4,
          pointStyle: "rectRot",
          borderColor: colour("emphasis-color"),
          backgroundColor: colour("emphasis-color"),
        },
      ],
    },
    options: {
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const i = items[0].dataIndex;
              return `${data.tasks.labels[i]}. ${data.tasks.titles[i]}`;
            },
            afterTitle: (items) => labelOf(data.tasks.keys[items[0].dataIndex]),
          },
        },
      },
    },
  });

  draw("chart-periods", {
    type: "bar",
    data: {
      labels: data.periods.labels,
      datasets: [
        { label: data.series.on_time, data: data.periods.on_time, backgroundColor: colour("success") },
        { label: data.series.late, data: data.periods.late, backgroundColor: colour("warning") },
        { label: data.series.missing, data: data.periods.missing, backgroundColor: colour("danger") },
      ],
    },
    options: {
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
});

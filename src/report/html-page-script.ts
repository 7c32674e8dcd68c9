// The page's only script: the per-sample table (filter, paging) and the trajectory viewer.
// Plain browser JavaScript, inlined; it reads the JSON embedded in #capbench-samples.
export const HTML_PAGE_SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("capbench-samples").textContent);
  var rows = data.rows;
  var pageSize = 100;
  var page = 0;
  var filtered = rows;
  var body = document.getElementById("sample-body");
  var status = document.getElementById("sample-status");
  var filterSelect = document.getElementById("sample-filter");
  var search = document.getElementById("sample-search");
  var dialog = document.getElementById("trajectory-dialog");
  var dialogTitle = document.getElementById("trajectory-title");
  var dialogBody = document.getElementById("trajectory-body");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function resultText(row) {
    if (row.pass === null) return "error";
    return (row.pass ? "pass " : "fail ") + row.value.toFixed(2);
  }
  function money(value) {
    return value === null ? "no price" : "$" + value.toPrecision(2);
  }
  function applyFilter() {
    var mode = filterSelect.value;
    var needle = search.value.trim().toLowerCase();
    filtered = rows.filter(function (row) {
      if (mode === "failures" && row.pass !== false) return false;
      if (mode === "passes" && row.pass !== true) return false;
      if (mode === "errors" && row.pass !== null) return false;
      if (mode === "limits" && ["max_turns", "token_budget", "cost_budget", "context_overflow", "timeout", "parse_error"].indexOf(row.stopReason) < 0) return false;
      if (!needle) return true;
      return [row.suite, row.taskId, row.harness, row.model, row.stopReason, row.answer, row.explanation, row.error || ""].join(" ").toLowerCase().indexOf(needle) >= 0;
    });
    page = 0;
    render();
  }
  function render() {
    body.textContent = "";
    var start = page * pageSize;
    filtered.slice(start, start + pageSize).forEach(function (row) {
      var tr = element("tr", "sample " + (row.pass === true ? "passed" : "failed"));
      [row.suite, row.taskId, row.harness, row.model + (row.simulated ? " (simulated)" : ""), row.tier, row.epoch].forEach(function (value) {
        tr.appendChild(element("td", "", value));
      });
      tr.appendChild(element("td", "result", resultText(row)));
      tr.appendChild(element("td", "", row.stopReason));
      tr.appendChild(element("td", "num", money(row.costUsd)));
      tr.appendChild(element("td", "", row.error ? row.error : row.explanation));
      tr.appendChild(element("td", "", row.trajectory !== null ? "open" : row.trace ? "file" : "–"));
      tr.addEventListener("click", function () { openSample(row); });
      body.appendChild(tr);
    });
    var pages = Math.max(1, Math.ceil(filtered.length / pageSize));
    status.textContent = filtered.length + " of " + rows.length + " rows shown in pages of " + pageSize + " — page " + (page + 1) + " of " + pages +
      (data.omittedRows > 0 ? " (" + data.omittedRows + " more samples are in samples.jsonl)" : "");
  }
  function eventNode(event) {
    var box = element("div", "event");
    var head = (event.agent ? event.agent + " · " : "") + event.type + (typeof event.latencyMs === "number" ? " · " + (event.latencyMs < 10 ? event.latencyMs.toFixed(1) : Math.round(event.latencyMs)) + " ms" : "");
    box.appendChild(element("div", "kind", head));
    if (event.type === "model") {
      var messages = (event.request && event.request.messages) || [];
      var last = messages[messages.length - 1];
      if (last) box.appendChild(element("pre", "", "» " + last.role + ": " + (last.content || "")));
      if (event.response) {
        box.appendChild(element("pre", "", "« " + (event.response.text || "") +
          (event.response.toolCalls && event.response.toolCalls.length ? "\\ntool calls: " + JSON.stringify(event.response.toolCalls) : "")));
      }
      if (event.error) box.appendChild(element("pre", "", "error: " + event.error));
    } else if (event.type === "tool") {
      box.appendChild(element("pre", "", (event.call ? event.call.name + " " + JSON.stringify(event.call.arguments) : "")));
      if (event.result) box.appendChild(element("pre", "", (event.result.isError ? "error: " : "") + event.result.content));
    } else if (event.type === "note") {
      box.appendChild(element("pre", "", event.message + (event.data !== undefined ? "\\n" + JSON.stringify(event.data, null, 2) : "")));
    } else {
      box.appendChild(element("pre", "", JSON.stringify(event, null, 2)));
    }
    return box;
  }
  function openSample(row) {
    dialogTitle.textContent = row.harness + " · " + row.model + " · " + row.taskId + " · epoch " + row.epoch + " — " + resultText(row);
    dialogBody.textContent = "";
    dialogBody.appendChild(element("pre", "", "answer: " + row.answer + "\\n" + (row.error ? "error: " + row.error : "score: " + row.explanation) + "\\nstop reason: " + row.stopReason));
    if (row.trajectory !== null) {
      var trajectory = data.trajectories[row.trajectory];
      var events = Array.isArray(trajectory) ? trajectory : (trajectory && trajectory.events) || [];
      if (events.length === 0) dialogBody.appendChild(element("p", "muted", "The trajectory has no events."));
      events.forEach(function (event) { dialogBody.appendChild(eventNode(event)); });
    } else if (row.trace) {
      var link = element("a", "", "Open the trace file " + row.trace + (row.traceOffset !== null ? " (its line starts at byte " + row.traceOffset + ")" : ""));
      link.href = row.trace;
      var note = element("p", "muted", "Not embedded (size or count limit): ");
      note.appendChild(link);
      dialogBody.appendChild(note);
    } else {
      dialogBody.appendChild(element("p", "muted", "No trajectory was recorded for this sample."));
    }
    if (typeof dialog.showModal === "function") dialog.showModal(); else dialog.setAttribute("open", "");
  }
  document.getElementById("trajectory-close").addEventListener("click", function () { dialog.close(); });
  document.getElementById("sample-prev").addEventListener("click", function () { if (page > 0) { page--; render(); } });
  document.getElementById("sample-next").addEventListener("click", function () { if ((page + 1) * pageSize < filtered.length) { page++; render(); } });
  filterSelect.addEventListener("change", applyFilter);
  search.addEventListener("input", applyFilter);
  applyFilter();
})();
`;

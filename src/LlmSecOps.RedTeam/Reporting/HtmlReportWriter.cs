using System.Globalization;
using System.Net;
using System.Text;
using LlmSecOps.RedTeam.Probes;
using LlmSecOps.RedTeam.Running;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// One self-contained HTML page: inline CSS, no scripts, no external requests, every piece of
/// model output HTML-encoded (a report about injection must not be injectable itself).
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>Most successful attacks shown in full.</summary>
    public const int MaxFindings = 500;

    private const string Css = """
        :root{--fg:#1b1f24;--muted:#5b636e;--line:#d8dde3;--bad:#c62828;--ok:#2e7d32;--warn:#b26a00;--bg:#f6f8fa}
        *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0;background:#fff}
        header{padding:20px 28px;border-bottom:1px solid var(--line);background:var(--bg)}h1{font-size:20px;margin:0 0 6px}
        main{padding:8px 28px 40px}h2{font-size:16px;margin:28px 0 10px}.muted{color:var(--muted)}
        .cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px}.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:120px;background:#fff}
        .card b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;margin-top:6px}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
        th{background:var(--bg);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .bar{height:8px;background:#eceff3;border-radius:4px;min-width:80px}.bar i{display:block;height:8px;border-radius:4px;background:var(--bad)}
        .pass{color:var(--ok);font-weight:600}.fail{color:var(--bad);font-weight:600}.err{color:var(--warn);font-weight:600}
        details{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px 10px}summary{cursor:pointer}
        pre{white-space:pre-wrap;word-break:break-word;background:var(--bg);padding:8px;border-radius:4px;max-height:320px;overflow:auto;margin:6px 0}
        code{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:12px}.tag{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 6px;margin:1px;font-size:12px}
        """;

    public static void Write(RunReport report, Stream stream)
    {
        var sb = new StringBuilder(64 * 1024);
        var run = report.Run;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
          .Append("<title>llmsecops probe ").Append(E(run.Id)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<header><h1>Red-team run ").Append(E(run.Id)).Append("</h1><div class=\"muted\">")
          .Append(E(run.Kind)).Append(" · ").Append(E(run.Status)).Append(" · target <code>").Append(E(run.Target)).Append("</code> · seed ")
          .Append(run.Seed.ToString(CultureInfo.InvariantCulture)).Append(" · started ").Append(E(run.StartedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)));
        if (run.FinishedAt is { } f)
        {
            sb.Append(" · finished ").Append(E(f.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)));
        }

        sb.Append("</div><div class=\"cards\">");
        Card(sb, "attack success rate", Pct(report.Total.Asr));
        Card(sb, "attempts", Int(report.Total.Attempts));
        Card(sb, "successes", Int(report.Total.Successes));
        Card(sb, "resisted", Int(report.Total.Failures));
        Card(sb, "blocked by guard", Int(report.Total.Blocked));
        Card(sb, "errors", Int(report.Total.Errors));
        sb.Append("</div></header><main>");

        sb.Append("<h2>By family</h2>");
        GroupTable(sb, report.ByFamily, "family");
        sb.Append("<h2>By mutator</h2>");
        GroupTable(sb, report.ByMutator, "mutator");

        sb.Append("<h2>By probe</h2><table><thead><tr><th>probe</th><th>family</th><th>OWASP / ATLAS</th><th>attempts</th><th>successes</th><th>blocked</th><th>errors</th><th>ASR</th><th>verdict</th></tr></thead><tbody>");
        foreach (var r in report.ByProbe)
        {
            var p = report.Probe(r.Key);
            sb.Append("<tr><td><b>").Append(E(r.Key)).Append("</b><br><span class=\"muted\">").Append(E(p.Title)).Append("</span></td><td>")
              .Append(E(r.Family ?? string.Empty)).Append("</td><td>");
            foreach (var o in p.Owasp)
            {
                sb.Append("<span class=\"tag\" title=\"").Append(E(Taxonomy.DescribeOwasp(o))).Append("\">").Append(E(o)).Append("</span>");
            }

            foreach (var a in p.Atlas)
            {
                sb.Append("<span class=\"tag\" title=\"").Append(E(Taxonomy.DescribeAtlas(a))).Append("\">").Append(E(a)).Append("</span>");
            }

            sb.Append("</td><td class=\"n\">").Append(Int(r.Attempts)).Append("</td><td class=\"n\">").Append(Int(r.Successes))
              .Append("</td><td class=\"n\">").Append(Int(r.Blocked)).Append("</td><td class=\"n\">").Append(Int(r.Errors))
              .Append("</td><td class=\"n\">").Append(Pct(r.Asr)).Append("</td><td>");
            if (r.AllErrored)
            {
                sb.Append("<span class=\"err\">error</span>");
            }
            else if (JUnitReportWriter.Failed(r))
            {
                sb.Append("<span class=\"fail\">vulnerable</span>");
                if (r.Threshold is { } t)
                {
                    sb.Append(" <span class=\"muted\">(&gt; ").Append(Pct(t)).Append(")</span>");
                }
            }
            else
            {
                sb.Append("<span class=\"pass\">resisted</span>");
            }

            sb.Append("</td></tr>");
        }

        sb.Append("</tbody></table>");

        var findings = report.Successes.ToList();
        sb.Append("<h2>Successful attacks (").Append(Int(findings.Count)).Append(")</h2>");
        if (findings.Count > MaxFindings)
        {
            sb.Append("<p class=\"muted\">Showing the first ").Append(Int(MaxFindings)).Append("; the JSONL report has them all.</p>");
        }

        foreach (var a in findings.Take(MaxFindings))
        {
            sb.Append("<details><summary><b>").Append(E(a.ProbeId)).Append("</b> · ").Append(E(a.Mutator)).Append(" · ").Append(E(a.PromptKey))
              .Append(" — ").Append(E(a.Evidence ?? string.Empty)).Append("</summary>");
            sb.Append("<div class=\"muted\">attempt <code>").Append(E(a.AttemptId)).Append("</code> · score ").Append(a.Score.ToString("0.###", CultureInfo.InvariantCulture))
              .Append(" · ").Append(a.LatencyMs.ToString("0.#", CultureInfo.InvariantCulture)).Append(" ms</div>");
            sb.Append("<div>Prompt</div><pre><code>").Append(E(Clip(a.Prompt, 6000))).Append("</code></pre>");
            sb.Append("<div>Response</div><pre><code>").Append(E(Clip(a.Response, 6000))).Append("</code></pre>");
            sb.Append("<table><thead><tr><th>detector</th><th>score</th><th>evidence</th></tr></thead><tbody>");
            foreach (var d in a.Detectors)
            {
                sb.Append("<tr><td>").Append(E(d.Name)).Append(d.Fired ? " <span class=\"fail\">fired</span>" : string.Empty).Append("</td><td class=\"n\">")
                  .Append(d.Score.ToString("0.###", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(d.Error ?? d.Evidence ?? string.Empty)).Append("</td></tr>");
            }

            sb.Append("</tbody></table></details>");
        }

        var errors = report.Attempts.Where(a => a.Outcome == AttemptOutcome.Error).Take(50).ToList();
        if (errors.Count > 0)
        {
            sb.Append("<h2>Errors</h2><table><thead><tr><th>probe</th><th>mutator</th><th>error</th></tr></thead><tbody>");
            foreach (var a in errors)
            {
                sb.Append("<tr><td>").Append(E(a.ProbeId)).Append("</td><td>").Append(E(a.Mutator)).Append("</td><td>").Append(E(a.Error ?? string.Empty)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</main></body></html>\n");
        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        stream.Write(bytes);
    }

    private static void GroupTable(StringBuilder sb, IReadOnlyList<MetricRow> rows, string label)
    {
        sb.Append("<table><thead><tr><th>").Append(label).Append("</th><th>attempts</th><th>successes</th><th>blocked</th><th>errors</th><th>ASR</th><th></th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            sb.Append("<tr><td>").Append(E(r.Key)).Append("</td><td class=\"n\">").Append(Int(r.Attempts)).Append("</td><td class=\"n\">").Append(Int(r.Successes))
              .Append("</td><td class=\"n\">").Append(Int(r.Blocked)).Append("</td><td class=\"n\">").Append(Int(r.Errors)).Append("</td><td class=\"n\">").Append(Pct(r.Asr))
              .Append("</td><td><div class=\"bar\"><i style=\"width:").Append((r.Asr * 100).ToString("0.#", CultureInfo.InvariantCulture)).Append("%\"></i></div></td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Card(StringBuilder sb, string label, string value) =>
        sb.Append("<div class=\"card\"><b>").Append(E(value)).Append("</b><span class=\"muted\">").Append(E(label)).Append("</span></div>");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}

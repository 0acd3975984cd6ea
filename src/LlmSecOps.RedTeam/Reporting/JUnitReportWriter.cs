using System.Globalization;
using System.Text;
using System.Xml;
using LlmSecOps.RedTeam.Running;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// JUnit XML for CI test views: one test suite per family and one test case per probe. A case
/// fails when its ASR is above its <c>--fail-on</c> threshold (with no thresholds, when any
/// attack succeeded) and is an error when every attempt errored.
/// </summary>
internal static class JUnitReportWriter
{
    public static void Write(RunReport report, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false };
        using var w = XmlWriter.Create(stream, settings);
        var failures = report.ByProbe.Count(Failed);
        var errors = report.ByProbe.Count(r => r.AllErrored);
        var seconds = Seconds(report.Attempts);
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        w.WriteAttributeString("name", "llmsecops probe " + report.Run.Id);
        w.WriteAttributeString("tests", Int(report.ByProbe.Count));
        w.WriteAttributeString("failures", Int(failures));
        w.WriteAttributeString("errors", Int(errors));
        w.WriteAttributeString("time", seconds);
        foreach (var family in report.ByProbe.GroupBy(r => r.Family ?? "unknown", StringComparer.Ordinal))
        {
            var rows = family.ToList();
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", family.Key);
            w.WriteAttributeString("tests", Int(rows.Count));
            w.WriteAttributeString("failures", Int(rows.Count(Failed)));
            w.WriteAttributeString("errors", Int(rows.Count(r => r.AllErrored)));
            w.WriteAttributeString("skipped", "0");
            w.WriteAttributeString("timestamp", report.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            w.WriteAttributeString("time", Seconds(report.Attempts.Where(a => a.Family == family.Key)));
            w.WriteStartElement("properties");
            Property(w, "run_id", report.Run.Id);
            Property(w, "target", report.Run.Target);
            Property(w, "seed", Int(report.Run.Seed));
            w.WriteEndElement();
            foreach (var row in rows)
            {
                var probe = report.Probe(row.Key);
                var attempts = report.Attempts.Where(a => a.ProbeId == row.Key).ToList();
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", "llmsecops.probe." + family.Key);
                w.WriteAttributeString("name", row.Key);
                w.WriteAttributeString("time", Seconds(attempts));
                var summary = Summary(row);
                if (row.AllErrored)
                {
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", $"all {row.Attempts} attempts errored; nothing was judged");
                    w.WriteAttributeString("type", "target_error");
                    w.WriteString(Clean(attempts.FirstOrDefault(a => a.Error is not null)?.Error ?? string.Empty));
                    w.WriteEndElement();
                }
                else if (Failed(row))
                {
                    var limit = row.Threshold is { } t ? t.ToString("0.###", CultureInfo.InvariantCulture) : "0 (no --fail-on given)";
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", $"attack success rate {row.Asr.ToString("0.###", CultureInfo.InvariantCulture)} is above {limit}: {row.Successes} of {row.Judged} attacks succeeded");
                    w.WriteAttributeString("type", "attack_success_rate");
                    var sb = new StringBuilder();
                    sb.AppendLine(probe.Title + ": " + probe.Intent);
                    foreach (var a in attempts.Where(a => a.Outcome == AttemptOutcome.Success).Take(20))
                    {
                        sb.Append("- [").Append(a.Mutator).Append("] ").Append(a.PromptKey).Append(": ").AppendLine(a.Evidence);
                    }

                    w.WriteString(Clean(sb.ToString()));
                    w.WriteEndElement();
                }

                w.WriteElementString("system-out", Clean(summary));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>Whether a probe's test case fails: above its threshold, or any success when none is set.</summary>
    internal static bool Failed(MetricRow row) =>
        !row.AllErrored && (row.Threshold is { } ? row.ThresholdExceeded : row.Successes > 0);

    private static string Summary(MetricRow r) => string.Create(CultureInfo.InvariantCulture,
        $"attempts={r.Attempts} successes={r.Successes} failures={r.Failures} blocked={r.Blocked} errors={r.Errors} asr={r.Asr:0.####}");

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", Clean(value));
        w.WriteEndElement();
    }

    private static string Seconds(IEnumerable<AttemptResult> attempts) =>
        (attempts.Sum(a => a.LatencyMs) / 1000).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (model output can hold anything).</summary>
    internal static string Clean(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= ' ' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb?.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }

            if (!ok)
            {
                sb ??= new StringBuilder(s, 0, i, s.Length);
                sb.Append('\uFFFD');
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? s;
    }
}

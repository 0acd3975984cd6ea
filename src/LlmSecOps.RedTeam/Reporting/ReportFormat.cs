namespace LlmSecOps.RedTeam.Reporting;

/// <summary>Report formats and their file extensions.</summary>
public enum ReportFormat
{
    /// <summary>One JSON document with totals, per-probe/family/mutator rows and the successful attacks.</summary>
    Json,

    /// <summary>One JSON line per attempt.</summary>
    Jsonl,

    /// <summary>JUnit XML, one test case per probe.</summary>
    Junit,

    /// <summary>SARIF 2.1.0, one result per successful attack.</summary>
    Sarif,

    /// <summary>One self-contained HTML page.</summary>
    Html,
}

/// <summary>Parsing and naming of <see cref="ReportFormat"/>.</summary>
public static class ReportFormats
{
    /// <summary>Parses a comma-separated list (<c>json,sarif</c>); unknown names are returned as errors.</summary>
    public static (IReadOnlyList<ReportFormat> Formats, IReadOnlyList<string> Errors) Parse(string? text)
    {
        var list = new List<ReportFormat>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (list, errors);
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ReportFormat? f = part.ToLowerInvariant() switch
            {
                "json" => ReportFormat.Json,
                "jsonl" or "ndjson" => ReportFormat.Jsonl,
                "junit" or "xml" => ReportFormat.Junit,
                "sarif" => ReportFormat.Sarif,
                "html" => ReportFormat.Html,
                _ => null,
            };
            if (f is { } format)
            {
                if (!list.Contains(format))
                {
                    list.Add(format);
                }
            }
            else
            {
                errors.Add($"unknown report format '{part}'; expected json, jsonl, junit, sarif or html");
            }
        }

        return (list, errors);
    }

    /// <summary>The file extension of a format.</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Json => ".json",
        ReportFormat.Jsonl => ".jsonl",
        ReportFormat.Junit => ".junit.xml",
        ReportFormat.Sarif => ".sarif",
        _ => ".html",
    };

    /// <summary>Writes a report in a format.</summary>
    public static void Write(ReportFormat format, RunReport report, Stream stream)
    {
        switch (format)
        {
            case ReportFormat.Json:
                JsonReportWriter.Write(report, stream);
                break;
            case ReportFormat.Jsonl:
                JsonlReportWriter.Write(report, stream);
                break;
            case ReportFormat.Junit:
                JUnitReportWriter.Write(report, stream);
                break;
            case ReportFormat.Sarif:
                SarifReportWriter.Write(report, stream);
                break;
            default:
                HtmlReportWriter.Write(report, stream);
                break;
        }
    }

    /// <summary>
    /// The files to write: one path per format (as many as formats), a directory (a
    /// <c>probe-report</c> file per format inside), or one path used as the base name when several
    /// formats share it (its extension is replaced per format).
    /// </summary>
    public static IReadOnlyList<(ReportFormat Format, string Path)> Destinations(IReadOnlyList<ReportFormat> formats, IReadOnlyList<string> outputs)
    {
        if (outputs.Count == formats.Count)
        {
            return formats.Select((f, i) => (f, outputs[i])).ToList();
        }

        if (outputs.Count != 1)
        {
            throw new ArgumentException($"give one --output per format ({formats.Count}), or one path to use as a base name or directory");
        }

        var output = outputs[0];
        if (Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(System.IO.Path.DirectorySeparatorChar))
        {
            return formats.Select(f => (f, System.IO.Path.Combine(output, "probe-report" + Extension(f)))).ToList();
        }

        if (formats.Count == 1)
        {
            return [(formats[0], output)];
        }

        var stem = StripKnownExtension(output);
        return formats.Select(f => (f, stem + Extension(f))).ToList();
    }

    private static string StripKnownExtension(string path)
    {
        foreach (var ext in (string[])[".junit.xml", ".json", ".jsonl", ".sarif", ".html", ".xml"])
        {
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return path[..^ext.Length];
            }
        }

        return path;
    }
}

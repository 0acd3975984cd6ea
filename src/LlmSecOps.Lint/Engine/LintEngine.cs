using LlmSecOps.Guard;
using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Discovery;
using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Replay;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Engine;

/// <summary>
/// Runs the linter: discovers files, reads and checks them in parallel, applies configuration,
/// inline suppressions and the baseline, and returns findings in a stable order. A file that
/// cannot be read becomes a notice; a file that breaks a reader becomes a notice too, never a crash.
/// </summary>
public sealed class LintEngine
{
    private readonly LintOptions _options;
    private readonly GuardEngine _guard;
    private readonly BypassReplayer? _replayer;

    /// <summary>Creates an engine.</summary>
    public LintEngine(LintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Root) || !Directory.Exists(options.Root))
        {
            throw new ArgumentException($"root directory '{options.Root}' does not exist", nameof(options));
        }

        if (options.MaxParallelism < 1)
        {
            throw new ArgumentException("MaxParallelism must be at least 1", nameof(options));
        }

        _options = options;
        _guard = options.Guard ?? GuardChecks.CreateEngine();
        if (options.BypassCorpus is { } corpus)
        {
            _replayer = new BypassReplayer(corpus, options.ReplayGuard ?? GuardEngine.Create());
        }
    }

    /// <summary>Lints files and directories (relative paths are relative to the root).</summary>
    public async Task<LintResult> RunAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var started = _options.TimeProvider.GetTimestamp();
        var config = _options.Config;
        var discovery = new FileDiscovery(config, _options.Root);
        foreach (var p in paths.Count == 0 ? ["."] : paths)
        {
            discovery.Add(p);
        }

        var notices = new List<LintNotice>(discovery.Notices);
        var findings = new List<LintFinding>();
        var schema = LoadSchemas(findings);
        var files = discovery.Files;
        var outcomes = new FileOutcome[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await ProcessAsync(files[i], schema, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var scanned = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Notice is not null)
            {
                notices.Add(outcome.Notice);
            }
            else
            {
                scanned++;
            }

            findings.AddRange(outcome.Findings);
        }

        if (_options.Baseline is { } baseline)
        {
            for (var i = 0; i < findings.Count; i++)
            {
                if (findings[i].Suppression is null && baseline.Contains(findings[i].Fingerprint))
                {
                    findings[i] = findings[i] with { Suppression = new LintSuppression(SuppressionKind.Baseline, "accepted in the baseline") };
                }
            }
        }

        findings.Sort(CompareFindings);
        notices.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new LintResult
        {
            Findings = findings,
            Notices = notices,
            FilesScanned = scanned,
            Elapsed = _options.TimeProvider.GetElapsedTime(started),
            Config = config,
        };
    }

    private static int CompareFindings(LintFinding a, LintFinding b)
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        if (c != 0)
        {
            return c;
        }

        c = a.Line.CompareTo(b.Line);
        if (c != 0)
        {
            return c;
        }

        c = a.Column.CompareTo(b.Column);
        return c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
    }

    private PromptSchema LoadSchemas(List<LintFinding> findings)
    {
        var paths = _options.Config.Schemas.Concat(_options.SchemaPaths.Select(p => Path.GetFullPath(p, _options.Root))).Distinct(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return PromptSchema.Empty;
        }

        var schemas = new List<PromptSchema>();
        foreach (var path in paths)
        {
            var (schema, errors) = PromptSchemaParser.LoadFile(path);
            schemas.Add(schema);
            if (errors.Count == 0)
            {
                continue;
            }

            var relative = Path.GetRelativePath(_options.Root, path).Replace('\\', '/');
            SourceText? source = null;
            try
            {
                source = File.Exists(path) ? new SourceText(File.ReadAllText(path)) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                source = null;
            }

            var raws = errors.Select(e => new RawFinding(e.IsSyntax ? RuleIds.ParseError : RuleIds.SchemaViolation, e.Offset, e.Offset + 1, "prompt schema: " + e.Message, e.Message)).ToList();
            findings.AddRange(source is null
                ? raws.Select(r => new LintFinding
                {
                    RuleId = r.RuleId,
                    RuleName = RuleCatalog.Get(r.RuleId).Name,
                    Severity = _options.Config.SeverityOf(RuleCatalog.Get(r.RuleId)),
                    Message = r.Message,
                    Path = relative,
                    Line = 1,
                    Column = 1,
                    EndLine = 1,
                    EndColumn = 1,
                    Fingerprint = Fingerprint.Compute(r.RuleId, relative, string.Empty, r.Key, 0),
                })
                : Convert(raws, source, relative));
        }

        return PromptSchema.Merge(schemas);
    }

    private async Task<FileOutcome> ProcessAsync(DiscoveredFile file, PromptSchema schema, CancellationToken ct)
    {
        var text = FileLoader.Load(file, _options.Config.MaxFileBytes, out var notice);
        if (text is null)
        {
            return new FileOutcome([], notice);
        }

        try
        {
            var doc = DocumentReader.Read(file, text);
            var ctx = new CheckContext { Document = doc, Config = _options.Config, Schema = schema };
            foreach (var f in doc.Findings)
            {
                ctx.Add(f.RuleId, f.Start, f.End, f.Message, f.Key, f.Properties);
            }

            TemplateChecks.Run(ctx);
            ToolChecks.Run(ctx);
            ModelChecks.Run(ctx);
            if (doc.IsLlmRelevant)
            {
                UnicodeCheck.Run(ctx);
            }

            await GuardChecks.RunAsync(ctx, _guard, ct).ConfigureAwait(false);
            if (_replayer is not null)
            {
                await _replayer.RunAsync(ctx, ct).ConfigureAwait(false);
            }

            var findings = Convert(ctx.Findings, doc.Source, file.RelativePath);
            var problems = doc.Kind == DocumentKind.Code && doc.Code is null
                ? []
                : Suppressions.Apply(doc.Source, findings, _options.Config.IsEnabled, doc.Code?.Comments);
            if (problems.Count > 0)
            {
                var extra = problems
                    .Where(p => _options.Config.IsEnabled(p.RuleId))
                    .Select(p => new RawFinding(p.RuleId, p.Start, p.End, p.Message, p.Key))
                    .ToList();
                findings.AddRange(Convert(extra, doc.Source, file.RelativePath));
            }

            return new FileOutcome(findings, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reader bug on odd input must not stop the run or lose the other files' results.
            return new FileOutcome([], new LintNotice(file.RelativePath, "internal_error", $"could not be checked: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    private List<LintFinding> Convert(List<RawFinding> raws, SourceText source, string path)
    {
        var list = new List<LintFinding>(raws.Count);
        var seen = new HashSet<(string, int, int, string)>();
        var occurrences = new Dictionary<(string, string, string?), int>();
        foreach (var raw in raws.OrderBy(static r => r.Start).ThenBy(static r => r.RuleId, StringComparer.Ordinal))
        {
            if (!seen.Add((raw.RuleId, raw.Start, raw.End, raw.Message)))
            {
                continue;
            }

            var rule = RuleCatalog.Get(raw.RuleId);
            var (line, col) = source.GetLineColumn(raw.Start);
            var (endLine, endCol) = source.GetLineColumn(Math.Max(raw.Start, raw.End));
            var lineText = source.GetLine(line);
            var occurrenceKey = (raw.RuleId, lineText.Trim(), raw.Key);
            occurrences.TryGetValue(occurrenceKey, out var n);
            occurrences[occurrenceKey] = n + 1;
            list.Add(new LintFinding
            {
                RuleId = rule.Id,
                RuleName = rule.Name,
                Severity = _options.Config.SeverityOf(rule),
                Message = raw.Message,
                Path = path,
                Line = line,
                Column = col,
                EndLine = endLine,
                EndColumn = endLine == line && endCol <= col ? col + 1 : endCol,
                Snippet = lineText,
                Fingerprint = Fingerprint.Compute(rule.Id, path, lineText, raw.Key, n),
                Properties = raw.Properties,
                Key = raw.Key,
            });
        }

        return list;
    }

    private sealed record FileOutcome(List<LintFinding> Findings, LintNotice? Notice);

}

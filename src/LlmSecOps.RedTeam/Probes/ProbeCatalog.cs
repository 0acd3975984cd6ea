using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Resources;

namespace LlmSecOps.RedTeam.Probes;

/// <summary>
/// The probes available to a run: the built-in ones shipped in the assembly plus files and
/// directories the user names. A user probe with the id of a built-in one replaces it, so a team
/// can tune a shipped probe without forking the product.
/// </summary>
internal sealed class ProbeCatalog
{
    /// <summary>Largest number of probe files read from one directory tree.</summary>
    public const int MaxFiles = 5000;

    private ProbeCatalog(IReadOnlyList<Probe> probes)
    {
        Probes = probes;
    }

    /// <summary>Every probe, built-in first, then user probes in path order.</summary>
    public IReadOnlyList<Probe> Probes { get; }

    /// <summary>The built-in probes only.</summary>
    public static ProbeCatalog BuiltIn() => Load([], includeBuiltIn: true);

    /// <summary>Loads built-in probes (unless excluded) and every probe file under <paramref name="paths"/>; throws with every problem found.</summary>
    public static ProbeCatalog Load(IReadOnlyList<string> paths, bool includeBuiltIn)
    {
        var errors = new List<SourceError>();
        var byId = new Dictionary<string, Probe>(StringComparer.Ordinal);
        var order = new List<string>();
        if (includeBuiltIn)
        {
            foreach (var name in EmbeddedText.Names("LlmSecOps.RedTeam.Probes."))
            {
                var file = name["LlmSecOps.RedTeam.Probes.".Length..];
                foreach (var p in ProbeLoader.Parse(EmbeddedText.Read(name), "builtin:" + file, errors))
                {
                    if (byId.TryAdd(p.Id, p))
                    {
                        order.Add(p.Id);
                    }
                    else
                    {
                        errors.Add(new SourceError(p.Source, p.Line, p.Column, $"duplicate probe id '{p.Id}'"));
                    }
                }
            }
        }

        var userIds = new Dictionary<string, Probe>(StringComparer.Ordinal);
        foreach (var file in ExpandPaths(paths, errors))
        {
            string text;
            try
            {
                var info = new FileInfo(file);
                if (info.Length > YamlNodeReader.MaxChars)
                {
                    errors.Add(new SourceError(file, 0, 0, $"file is {info.Length} bytes; the limit is {YamlNodeReader.MaxChars}"));
                    continue;
                }

                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new SourceError(file, 0, 0, ex.Message));
                continue;
            }

            foreach (var p in ProbeLoader.Parse(text, file, errors))
            {
                if (userIds.TryGetValue(p.Id, out var other))
                {
                    errors.Add(new SourceError(p.Source, p.Line, p.Column, $"duplicate probe id '{p.Id}' (also at {other.Source}:{other.Line})"));
                    continue;
                }

                userIds[p.Id] = p;
                if (!byId.ContainsKey(p.Id))
                {
                    order.Add(p.Id);
                }

                byId[p.Id] = p;
            }
        }

        if (errors.Count > 0)
        {
            throw new RedTeamFormatException(errors);
        }

        return new ProbeCatalog(order.Select(id => byId[id]).ToList());
    }

    /// <summary>
    /// The probes a run selects: families (empty = all) and id patterns with <c>*</c> wildcards
    /// (empty = all). Unknown families or patterns that match nothing are reported.
    /// </summary>
    public (IReadOnlyList<Probe> Selected, IReadOnlyList<string> Errors) Select(IReadOnlyCollection<string> families, IReadOnlyCollection<string> idPatterns)
    {
        var errors = new List<string>();
        var knownFamilies = Probes.Select(p => p.Family).ToHashSet(StringComparer.Ordinal);
        foreach (var f in families)
        {
            if (!knownFamilies.Contains(f))
            {
                errors.Add($"unknown family '{f}'; known: {string.Join(", ", knownFamilies.Order(StringComparer.Ordinal))}");
            }
        }

        var selected = Probes.Where(p => families.Count == 0 || families.Contains(p.Family)).ToList();
        if (idPatterns.Count > 0)
        {
            var matchers = idPatterns.Select(p => (Pattern: p, Match: WildcardMatcher(p))).ToList();
            foreach (var (pattern, match) in matchers)
            {
                if (!Probes.Any(p => match(p.Id)))
                {
                    errors.Add($"no probe id matches '{pattern}'");
                }
            }

            selected = selected.Where(p => matchers.Any(m => m.Match(p.Id))).ToList();
        }

        return (selected, errors);
    }

    private static Func<string, bool> WildcardMatcher(string pattern)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return id => id.Equals(pattern, StringComparison.Ordinal) || id.StartsWith(pattern + ".", StringComparison.Ordinal);
        }

        var regex = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));
        return id => regex.IsMatch(id);
    }

    private static List<string> ExpandPaths(IReadOnlyList<string> paths, List<SourceError> errors)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 16, IgnoreInaccessible = true })
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .Take(MaxFiles + 1)
                    .ToList();
                if (found.Count > MaxFiles)
                {
                    errors.Add(new SourceError(path, 0, 0, $"more than {MaxFiles} probe files"));
                    found = found.Take(MaxFiles).ToList();
                }

                files.AddRange(found);
            }
            else
            {
                errors.Add(new SourceError(path, 0, 0, "no such file or directory"));
            }
        }

        return files;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using LlmSecOps.Core.Serialization;

namespace LlmSecOps.Lint.Engine;

/// <summary>
/// Accepted findings: a JSON file of fingerprints. Findings whose fingerprint is listed are marked
/// suppressed (kind baseline) so existing debt does not fail CI while new findings do.
/// </summary>
public sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;

    private Baseline(IEnumerable<string> fingerprints)
    {
        _fingerprints = new HashSet<string>(fingerprints, StringComparer.Ordinal);
    }

    /// <summary>Number of accepted findings.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Whether a fingerprint is accepted.</summary>
    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

    /// <summary>Loads a baseline file; throws <see cref="InvalidDataException"/> with the reason on bad input.</summary>
    public static Baseline Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InvalidDataException($"{path}: file not found");
            }

            if (info.Length > 64L << 20)
            {
                throw new InvalidDataException($"{path}: baseline is over 64 MB");
            }

            var file = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), JsonDefaults.Options)
                ?? throw new InvalidDataException($"{path}: empty baseline");
            if (file.Version != 1)
            {
                throw new InvalidDataException($"{path}: unsupported baseline version {file.Version}");
            }

            return new Baseline(file.Findings.Select(static f => f.Fingerprint).Where(static f => !string.IsNullOrEmpty(f)));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid baseline JSON: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the unsuppressed findings as a baseline file.</summary>
    public static void Write(string path, IEnumerable<LintFinding> findings)
    {
        var entries = findings
            .Where(static f => f.Suppression is null or { Kind: SuppressionKind.Baseline })
            .Select(static f => new BaselineEntry(f.Fingerprint, f.RuleId, f.Path, f.Message))
            .OrderBy(static e => e.Path, StringComparer.Ordinal)
            .ThenBy(static e => e.Rule, StringComparer.Ordinal)
            .ThenBy(static e => e.Fingerprint, StringComparer.Ordinal)
            .ToList();
        var json = JsonSerializer.Serialize(new BaselineFile(1, "llmsecops", entries), JsonDefaults.Indented);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        // Write to a temporary file and move it into place, so a failed write never leaves half a baseline.
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, json + Environment.NewLine);
        File.Move(tmp, path, overwrite: true);
    }

    private sealed record BaselineFile(int Version, string Tool, IReadOnlyList<BaselineEntry> Findings);

    private sealed record BaselineEntry(string Fingerprint, string Rule, string Path, string Message);
}

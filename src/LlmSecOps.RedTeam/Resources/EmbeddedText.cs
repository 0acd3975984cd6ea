using System.Reflection;

namespace LlmSecOps.RedTeam.Resources;

/// <summary>Reads text files shipped inside the assembly.</summary>
internal static class EmbeddedText
{
    /// <summary>The content of an embedded resource by logical name.</summary>
    public static string Read(string logicalName)
    {
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded resource {logicalName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The non-empty, non-comment lines of an embedded word list.</summary>
    public static IEnumerable<string> Lines(string logicalName) =>
        Read(logicalName).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>Logical names of embedded resources with a prefix.</summary>
    public static IEnumerable<string> Names(string prefix) =>
        typeof(EmbeddedText).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    internal static Assembly Assembly => typeof(EmbeddedText).Assembly;
}

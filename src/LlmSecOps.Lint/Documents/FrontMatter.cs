namespace LlmSecOps.Lint.Documents;

/// <summary>Finds a YAML front matter block (<c>---</c> … <c>---</c>) at the start of a file.</summary>
internal static class FrontMatter
{
    /// <summary>Offsets of the YAML between the fences and of the body after them; false when there is no front matter.</summary>
    public static bool TrySplit(string text, out int yamlStart, out int yamlEnd, out int bodyStart)
    {
        yamlStart = yamlEnd = bodyStart = 0;
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        if (!text.AsSpan(start).StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        var firstNl = text.IndexOf('\n', start);
        if (firstNl < 0 || text.AsSpan(start + 3, firstNl - start - 3).Trim().Length != 0)
        {
            return false;
        }

        var pos = firstNl + 1;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var lineEnd = nl < 0 ? text.Length : nl;
            var line = text.AsSpan(pos, lineEnd - pos).TrimEnd('\r');
            if (line.SequenceEqual("---") || line.SequenceEqual("..."))
            {
                yamlStart = firstNl + 1;
                yamlEnd = pos;
                bodyStart = nl < 0 ? text.Length : nl + 1;
                return true;
            }

            if (nl < 0)
            {
                break;
            }

            pos = nl + 1;
        }

        return false;
    }
}

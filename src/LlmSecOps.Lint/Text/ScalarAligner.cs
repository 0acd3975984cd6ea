namespace LlmSecOps.Lint.Text;

/// <summary>
/// Recovers, for each character of a YAML scalar's value, the file offset it was read from.
/// YAML folds lines, strips indentation and decodes escapes, so the value is not a slice of
/// the file; a greedy walk that matches value characters against the source text (skipping
/// indentation, quotes and escape syntax) gets every ordinary character exactly and the rest
/// to within a few columns.
/// </summary>
internal static class ScalarAligner
{
    private const int Lookahead = 48;

    public static int[] Align(string source, int start, int end, string value, bool block, bool doubleQuoted)
    {
        var map = new int[value.Length];
        end = Math.Min(end, source.Length);
        var p = Math.Clamp(start, 0, source.Length);
        if (block)
        {
            // Skip the header line ("|", ">-", "|2+").
            var nl = source.IndexOf('\n', p, Math.Max(0, end - p));
            p = nl < 0 ? end : nl + 1;
        }
        else if (p < end && source[p] is '"' or '\'')
        {
            p++;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var want = doubleQuoted && (c < ' ' || c == '"' || c == '\\') ? '\\' : c;
            var limit = Math.Min(end, p + Lookahead);
            var found = -1;
            for (var q = p; q < limit; q++)
            {
                if (source[q] == want)
                {
                    found = q;
                    break;
                }

                // A folded line break or an escaped break reads as a space or newline in the value.
                if ((c == ' ' || c == '\n') && source[q] is '\n' or '\r')
                {
                    found = q;
                    break;
                }
            }

            if (found < 0)
            {
                map[i] = Math.Min(p, Math.Max(start, end - 1));
                continue;
            }

            map[i] = found;
            p = found + 1;
            if (want == '\\' && p < end)
            {
                // Step over the escape's tail: \n, \t, \xHH, \uHHHH, \UHHHHHHHH.
                var tail = source[p] switch
                {
                    'x' => 3,
                    'u' => 5,
                    'U' => 9,
                    _ => 1,
                };
                p = Math.Min(end, p + tail);
            }
        }

        return map;
    }
}

using System.Text.RegularExpressions;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Documents;

/// <summary>
/// Reads <c>.prompty</c> files (and Markdown prompts with front matter): YAML front matter with
/// name, model (configuration and parameters), inputs and samples, followed by a template whose
/// lines <c>system:</c>, <c>user:</c>, <c>assistant:</c> start chat messages.
/// </summary>
internal static partial class PromptyReader
{
    public static void Read(LintDocument doc, bool prompty)
    {
        var text = doc.Source.Text;
        if (!FrontMatter.TrySplit(text, out var yamlStart, out var yamlEnd, out var bodyStart))
        {
            if (prompty)
            {
                doc.Findings.Add(new RawFinding(RuleIds.ParseError, 0, Math.Min(3, text.Length), "a .prompty file starts with YAML front matter between '---' lines", "front-matter"));
            }

            TextPromptReader.ReadBody(doc, 0, null, null, null, prompty);
            return;
        }

        var roots = YamlTreeParser.Parse(text, yamlStart, yamlEnd, out var error);
        if (error is not null)
        {
            doc.Findings.Add(new RawFinding(RuleIds.ParseError, error.Offset, error.Offset + 1, error.Message, "yaml"));
        }

        var front = roots.Count > 0 ? roots[0] as DataMap : null;
        if (front is not null)
        {
            doc.DataRoots.Add(front);
            var reader = new StructuredReader(doc);
            reader.Read(front, extractTemplates: false);
        }

        TemplateSyntax? syntax = null;
        if (front?.Get("template") is { } t)
        {
            var format = t is DataMap tm ? tm.GetString("format") ?? tm.GetString("type") : (t as DataScalar)?.Value;
            syntax = TemplateScanner.FromFormatName(format);
        }

        List<DeclaredVariable>? declared = null;
        var samples = new List<SampleValue>();
        var defaults = new List<SampleValue>();
        if (front?.Get("inputs") is { } inputs)
        {
            declared = [];
            switch (inputs)
            {
                case DataMap im:
                    foreach (var (k, v) in im.Entries)
                    {
                        declared.Add(new DeclaredVariable(k.Value, k.Start, k.End));
                        if (v is DataMap spec && (spec.Get("sample") ?? spec.Get("default")) is { } sample && sample is not DataScalar { Kind: ScalarKind.Null })
                        {
                            samples.Add(new SampleValue(k.Value, sample));
                        }

                        if (v is DataMap withDefault && withDefault.Get("default") is { } dflt and not DataScalar { Kind: ScalarKind.Null })
                        {
                            defaults.Add(new SampleValue(k.Value, dflt));
                        }
                    }

                    break;
                case DataSequence seq:
                    foreach (var item in seq.Items)
                    {
                        if (item is DataMap spec && spec.GetScalar("name") is { } name)
                        {
                            declared.Add(new DeclaredVariable(name.Value, name.Start, name.End));
                            if ((spec.Get("sample") ?? spec.Get("default")) is DataScalar { Kind: not ScalarKind.Null } sample)
                            {
                                samples.Add(new SampleValue(name.Value, sample));
                            }

                            if (spec.Get("default") is DataScalar { Kind: not ScalarKind.Null } dflt)
                            {
                                defaults.Add(new SampleValue(name.Value, dflt));
                            }
                        }
                        else if (item is DataScalar s)
                        {
                            declared.Add(new DeclaredVariable(s.Value, s.Start, s.End));
                        }
                    }

                    break;
            }
        }

        if (front?.GetMap("sample") is { } sampleMap)
        {
            foreach (var (k, v) in sampleMap.Entries)
            {
                samples.Add(new SampleValue(k.Value, v));
            }
        }

        var id = front?.GetString("name") is { Length: > 0 } n ? n : doc.Stem;
        TextPromptReader.ReadBody(doc, bodyStart, syntax, declared, samples, prompty, id);
        doc.Units[^1].Defaults.AddRange(defaults);
    }

    /// <summary>Splits a prompty body into (role, start, end) messages on role lines.</summary>
    public static List<(string? Role, int Start, int End)> SplitRoles(string text, int start)
    {
        var result = new List<(string?, int, int)>();
        var matches = RoleLineRegex().Matches(text, start);
        if (matches.Count == 0)
        {
            result.Add((null, start, text.Length));
            return result;
        }

        if (text.AsSpan(start, matches[0].Index - start).Trim().Length > 0)
        {
            result.Add((null, start, matches[0].Index));
        }

        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var bodyStart = m.Index + m.Length;
            var bodyEnd = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            result.Add((m.Groups["role"].Value.ToLowerInvariant(), bodyStart, bodyEnd));
        }

        return result;
    }

    [GeneratedRegex(@"^[ \t]*#?[ \t]*(?<role>system|user|assistant|developer|function|tool)(?:\[[^\]\r\n]*\])?[ \t]*:[ \t]*\r?$\n?", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex RoleLineRegex();
}

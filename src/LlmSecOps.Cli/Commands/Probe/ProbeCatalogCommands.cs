using System.CommandLine;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Detectors;
using LlmSecOps.RedTeam.Mutators;
using LlmSecOps.RedTeam.Probes;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands.Probe;

/// <summary><c>probe list</c> and <c>probe validate</c>.</summary>
internal static class ProbeCatalogCommands
{
    public static Command CreateList(CliIo io)
    {
        var probes = new Option<string[]>("--probes", "-p") { Description = "Extra probe files or directories.", Arity = ArgumentArity.ZeroOrMore };
        var what = new Option<string>("--what") { Description = "probes, families, mutators or detectors.", DefaultValueFactory = _ => "probes" };
        what.AcceptOnlyFromAmong("probes", "families", "mutators", "detectors");
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "List the available probes, families, mutators or detectors.") { probes, what, format };
        command.SetAction(parse =>
        {
            var json = parse.GetValue(format) == "json";
            var console = ProbeTables.Console(io, io.Out);
            switch (parse.GetValue(what))
            {
                case "mutators":
                    if (json)
                    {
                        io.Out.WriteLine(JsonSerializer.Serialize(MutatorCatalog.All.Select(m => new { m.Name, m.Description, Reversible = m is EncodingMutator }), JsonDefaults.Indented));
                    }
                    else
                    {
                        var t = new Table().AddColumns("mutator", "decodable", "what it does");
                        foreach (var m in MutatorCatalog.All)
                        {
                            t.AddRow(m.Name, m is EncodingMutator ? "yes" : "no", Markup.Escape(m.Description));
                        }

                        console.Write(t);
                    }

                    return ExitCodes.Ok;
                case "detectors":
                    if (json)
                    {
                        io.Out.WriteLine(JsonSerializer.Serialize(DetectorCatalog.Descriptions.Select(d => new { d.Name, d.Description }), JsonDefaults.Indented));
                    }
                    else
                    {
                        var t = new Table().AddColumns("detector", "succeeds when");
                        foreach (var (name, description) in DetectorCatalog.Descriptions)
                        {
                            t.AddRow(name, Markup.Escape(description));
                        }

                        console.Write(t);
                    }

                    return ExitCodes.Ok;
            }

            var catalog = Load(io, parse.GetValue(probes));
            if (catalog is null)
            {
                return ExitCodes.Usage;
            }

            if (parse.GetValue(what) == "families")
            {
                var families = catalog.Probes.GroupBy(p => p.Family).Select(g => new { Family = g.Key, Probes = g.Count(), Prompts = g.Sum(p => p.Prompts.Count) }).ToList();
                if (json)
                {
                    io.Out.WriteLine(JsonSerializer.Serialize(families, JsonDefaults.Indented));
                }
                else
                {
                    var t = new Table().AddColumns("family", "probes", "prompts");
                    foreach (var f in families)
                    {
                        t.AddRow(f.Family, f.Probes.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Prompts.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    console.Write(t);
                }

                return ExitCodes.Ok;
            }

            if (json)
            {
                var rows = catalog.Probes.Select(p => new
                {
                    p.Id, p.Family, p.Title, p.Intent, Severity = p.Severity.ToString().ToLowerInvariant(), p.Owasp, p.Atlas, p.Tags,
                    Prompts = p.Prompts.Count, Detectors = p.Detectors.Select(d => d.Name), p.Source, p.Line,
                });
                io.Out.WriteLine(JsonSerializer.Serialize(rows, JsonDefaults.Indented));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("probe", "family", "OWASP", "ATLAS", "prompts", "detectors");
            foreach (var p in catalog.Probes)
            {
                table.AddRow(Markup.Escape(p.Id), p.Family, string.Join(' ', p.Owasp), string.Join(' ', p.Atlas), p.Prompts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", p.Detectors.Select(d => d.Name)));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateValidate(CliIo io)
    {
        var paths = new Argument<string[]>("paths") { Description = "Probe YAML files or directories.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check probe files; every problem is reported with file:line:column. Exit 0 when valid, 2 otherwise.") { paths };
        command.SetAction(parse =>
        {
            var catalog = Load(io, parse.GetValue(paths), includeBuiltIn: false);
            if (catalog is null)
            {
                return ExitCodes.Usage;
            }

            io.Out.WriteLine($"{catalog.Probes.Count} probes, {catalog.Probes.Sum(p => p.Prompts.Count)} prompts: valid");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ProbeCatalog? Load(CliIo io, string[]? paths, bool includeBuiltIn = true)
    {
        try
        {
            return ProbeCatalog.Load(ProbeOptions.Split(paths).Select(io.ResolvePath).ToList(), includeBuiltIn);
        }
        catch (RedTeamFormatException ex)
        {
            foreach (var e in ex.Errors)
            {
                io.Error.WriteLine($"error: {e}");
            }

            return null;
        }
    }
}

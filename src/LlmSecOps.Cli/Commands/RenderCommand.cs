using System.CommandLine;
using System.Text;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Cli.Commands;

/// <summary><c>llmsecops render</c>: renders a template with variable values after validating them against the prompt schema.</summary>
internal static class RenderCommand
{
    public static Command Create(CliIo io)
    {
        var template = new Argument<string>("template") { Description = "Template file (.prompty, Semantic Kernel/LangChain YAML or JSON, Jinja, text or Markdown prompt)." };
        var vars = new Option<string?>("--vars") { Description = "YAML or JSON file mapping variable names to values." };
        var schema = new Option<string[]>("--schema") { Description = "Prompt schema file(s) (default: the schemas in .llmsecops.yaml)." };
        var templateId = new Option<string?>("--template-id") { Description = "Template id in the schema (default: the prompt's name or file name)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("render", "Render a template with validated variables. Exit 0 rendered, 2 on any violation (all are listed) or bad input.")
        {
            template, vars, schema, templateId, format,
        };

        command.SetAction(async (parse, ct) =>
        {
            var path = io.ResolvePath(parse.GetValue(template)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"{parse.GetValue(template)}: file not found");
            }

            Dictionary<string, object?> values;
            try
            {
                values = parse.GetValue(vars) is { } varsPath
                    ? TemplateRendering.LoadVariables(io.ResolvePath(varsPath))
                    : new Dictionary<string, object?>(StringComparer.Ordinal);
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            var promptSchema = LoadSchema(io, parse.GetValue(schema) ?? [], path);
            RenderOutcome outcome;
            try
            {
                outcome = TemplateRendering.Run(path, values, promptSchema, parse.GetValue(templateId), io.WorkingDirectory);
            }
            catch (TemplateRenderException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            if (!outcome.Ok)
            {
                foreach (var p in outcome.Problems)
                {
                    await io.Error.WriteLineAsync($"error: {p}").ConfigureAwait(false);
                }

                await io.Error.WriteLineAsync($"{outcome.Problems.Count} problem{(outcome.Problems.Count == 1 ? string.Empty : "s")}; nothing rendered").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (parse.GetValue(format) == "json")
            {
                var json = JsonSerializer.Serialize(
                    new RenderJson(outcome.TemplateId, outcome.Messages.Select(static m => new RenderMessage(m.Role, m.Content)).ToList()),
                    JsonDefaults.Indented);
                await io.Out.WriteLineAsync(json).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var sb = new StringBuilder();
            var single = outcome.Messages.Count == 1 && outcome.Messages[0].Role is null;
            foreach (var (role, content) in outcome.Messages)
            {
                if (!single)
                {
                    if (sb.Length > 0)
                    {
                        sb.Append('\n');
                    }

                    sb.Append(role ?? "user").Append(":\n");
                }

                sb.Append(content).Append('\n');
            }

            await io.Out.WriteAsync(sb.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static PromptSchema LoadSchema(CliIo io, string[] explicitPaths, string templatePath)
    {
        IEnumerable<string> paths = explicitPaths.Select(io.ResolvePath);
        if (explicitPaths.Length == 0)
        {
            try
            {
                var config = LintConfigLoader.Find(Path.GetDirectoryName(templatePath)!) is { } found ? LintConfigLoader.Load(found) : null;
                paths = config?.Schemas ?? [];
            }
            catch (LintConfigException ex)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", ex.Errors), ex);
            }
        }

        var schemas = new List<PromptSchema>();
        foreach (var p in paths)
        {
            try
            {
                schemas.Add(PromptSchema.LoadFile(p));
            }
            catch (PromptSchemaException ex)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", ex.Errors), ex);
            }
        }

        return schemas.Count == 0 ? PromptSchema.Empty : PromptSchema.Merge(schemas);
    }

    private sealed record RenderJson(string TemplateId, IReadOnlyList<RenderMessage> Messages);

    private sealed record RenderMessage(string? Role, string Content);
}

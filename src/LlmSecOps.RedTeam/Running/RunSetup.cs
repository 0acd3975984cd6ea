using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Detectors;
using LlmSecOps.RedTeam.Mutators;
using LlmSecOps.RedTeam.Probes;
using LlmSecOps.RedTeam.Replay;
using LlmSecOps.RedTeam.Reporting;
using LlmSecOps.RedTeam.Targets;

namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// Turns a <see cref="RunConfig"/> into a <see cref="PreparedRun"/>: builds and wraps the target,
/// loads and selects probes (or the replay corpus), parses mutators, loads behaviours, sets up the
/// judge and the planted values, and plans the attempts. Every problem is collected and reported
/// together before anything is sent.
/// </summary>
internal static class RunSetup
{
    public static PreparedRun Prepare(RunConfig c, string runId, Func<string, string?> environment, HttpClient http, TimeProvider time)
    {
        var errors = new List<string>();
        var formatErrors = new List<SourceError>();
        if (c.Concurrency is < 1 or > 1024)
        {
            errors.Add("--concurrency must be from 1 to 1024");
        }

        if (c.Rpm < 0 || double.IsNaN(c.Rpm))
        {
            errors.Add("--rpm must be 0 (no limit) or more");
        }

        if (c.TimeoutSeconds is <= 0 or > 3600 || double.IsNaN(c.TimeoutSeconds))
        {
            errors.Add("--timeout must be more than 0 and at most 3600 seconds");
        }

        if (c.Retries is < 0 or > 10)
        {
            errors.Add("--retries must be from 0 to 10");
        }

        if (c.Sample is < 1)
        {
            errors.Add("--sample must be at least 1");
        }

        if (c.MaxAttempts is < 1)
        {
            errors.Add("--max-attempts must be at least 1");
        }

        var inner = BuildTarget(c, environment, http, time, errors, formatErrors);
        var (chains, mutatorErrors) = MutatorCatalog.Parse(c.Mutators);
        errors.AddRange(mutatorErrors);

        IReadOnlyList<Probe> probes = [];
        try
        {
            probes = c.Kind == "replay" ? ReplayProbesFor(c, errors) : SelectProbes(c, errors);
        }
        catch (RedTeamFormatException ex)
        {
            formatErrors.AddRange(ex.Errors);
        }

        IReadOnlyList<Behavior> behaviors = [];
        if (probes.Any(p => p.UsesBehaviors))
        {
            try
            {
                behaviors = c.Behaviors is null ? BehaviorLoader.Sample() : BehaviorLoader.LoadFile(c.Behaviors);
            }
            catch (RedTeamFormatException ex)
            {
                formatErrors.AddRange(ex.Errors);
            }
        }

        IResponseJudge? judge = null;
        if (c.JudgeUrl is not null)
        {
            if (!Uri.TryCreate(c.JudgeUrl, UriKind.Absolute, out var judgeUri) || (judgeUri.Scheme != Uri.UriSchemeHttp && judgeUri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"--judge '{c.JudgeUrl}' is not an absolute http or https URL");
            }
            else if (string.IsNullOrWhiteSpace(c.JudgeModel))
            {
                errors.Add("--judge needs --judge-model");
            }
            else
            {
                var key = ApiKey(c.JudgeApiKeyEnv, "--judge-api-key-env", environment, errors);
                judge = new LlmJudge(http, judgeUri, c.JudgeModel, key, TimeSpan.FromSeconds(Math.Clamp(c.TimeoutSeconds, 1, 3600)), time);
            }
        }
        else if (c.JudgeModel is not null)
        {
            errors.Add("--judge-model needs --judge URL");
        }

        if (formatErrors.Count > 0)
        {
            throw new RedTeamFormatException(formatErrors);
        }

        if (errors.Count > 0 || inner is null)
        {
            throw new RunConfigException(errors.Count > 0 ? errors : ["no target"]);
        }

        var limiter = c.Rpm > 0 ? new TokenBucket(c.Rpm, Math.Clamp((int)(c.Rpm / 60), 1, c.Concurrency), time) : null;
        var target = new ResilientTarget(inner, new RetryOptions { MaxRetries = c.Retries }, limiter, time);

        string? systemPrompt = null;
        var canaries = new List<string>();
        var planted = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaults = PlantedValues.Secrets(c.Seed);
        if (c.SystemPrompt is not null)
        {
            systemPrompt = c.SystemPrompt;
            if (systemPrompt.Contains("{{canary}}", StringComparison.Ordinal))
            {
                canaries.Add(PlantedValues.Canary(c.Seed));
            }

            foreach (var (name, value) in defaults)
            {
                if (systemPrompt.Contains("{{" + name + "}}", StringComparison.Ordinal))
                {
                    planted[name] = value;
                }
            }
        }
        else if (c.SendSystemPrompt && inner.AcceptsSystemPrompt)
        {
            systemPrompt = PlantedValues.DefaultSystemPrompt;
            canaries.Add(PlantedValues.Canary(c.Seed));
            foreach (var (name, value) in defaults)
            {
                planted[name] = value;
            }
        }

        canaries.AddRange(c.Canaries.Where(t => t.Length > 0));

        IReadOnlyList<PlannedAttempt> plan;
        try
        {
            plan = AttemptPlanner.Plan(probes, chains, behaviors, target.Id, c.Seed, c.Sample, c.MaxAttempts);
        }
        catch (InvalidOperationException ex)
        {
            throw new RunConfigException(ex.Message);
        }

        if (plan.Count == 0)
        {
            throw new RunConfigException("the selection plans no attempts");
        }

        var options = new RunOptions
        {
            RunId = runId,
            Seed = c.Seed,
            Concurrency = c.Concurrency,
            SystemPrompt = systemPrompt,
            SystemPromptFromUser = c.SystemPrompt is not null,
            SendSystemPrompt = c.SendSystemPrompt,
            Canaries = canaries,
            Planted = planted,
            Judge = judge,
        };
        var optionErrors = options.Validate();
        if (optionErrors.Count > 0)
        {
            throw new RunConfigException(optionErrors);
        }

        var probeInfo = probes.ToDictionary(p => p.Id, ProbeInfo.From, StringComparer.Ordinal);
        return new PreparedRun(target, plan, options, probeInfo, c.TargetConfig is null ? c.Model : null);
    }

    /// <summary>Probe metadata for reports of a stored run (empty when its probe files are gone).</summary>
    public static IReadOnlyDictionary<string, ProbeInfo> ProbeInfoFor(RunConfig c)
    {
        try
        {
            if (c.Kind == "replay")
            {
                var errors = new List<string>();
                return ReplayProbesFor(c, errors).ToDictionary(p => p.Id, ProbeInfo.From, StringComparer.Ordinal);
            }

            return ProbeCatalog.Load(c.ProbePaths, c.BuiltIn).Probes.ToDictionary(p => p.Id, ProbeInfo.From, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is RedTeamFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new Dictionary<string, ProbeInfo>(StringComparer.Ordinal);
        }
    }

    private static Target? BuildTarget(RunConfig c, Func<string, string?> environment, HttpClient http, TimeProvider time, List<string> errors, List<SourceError> formatErrors)
    {
        if (c.TargetConfig is not null && c.TargetUrl is not null)
        {
            errors.Add("give either --target (OpenAI-compatible) or --target-config (HTTP template), not both");
            return null;
        }

        if (c.TargetConfig is not null)
        {
            try
            {
                var template = HttpTargetTemplateLoader.LoadFile(c.TargetConfig, environment);
                if (c.TimeoutSeconds > 0 && c.TimeoutSeconds != 60)
                {
                    template = template with { Timeout = TimeSpan.FromSeconds(c.TimeoutSeconds) };
                }

                return new HttpTemplateTarget(http, template, time);
            }
            catch (RedTeamFormatException ex)
            {
                formatErrors.AddRange(ex.Errors);
                return null;
            }
        }

        if (c.TargetUrl is null)
        {
            errors.Add("no target: give --target URL (an OpenAI-compatible base such as http://127.0.0.1:8000/v1) or --target-config FILE");
            return null;
        }

        if (!Uri.TryCreate(c.TargetUrl, UriKind.Absolute, out var uri))
        {
            errors.Add($"--target '{c.TargetUrl}' is not an absolute URL");
            return null;
        }

        var key = ApiKey(c.ApiKeyEnv, "--api-key-env", environment, errors);
        var options = new OpenAiTargetOptions
        {
            BaseUrl = uri,
            Model = c.Model ?? string.Empty,
            ApiKey = key,
            Timeout = TimeSpan.FromSeconds(c.TimeoutSeconds > 0 ? c.TimeoutSeconds : 60),
            Temperature = c.Temperature,
            MaxTokens = c.MaxTokens,
        };
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            errors.AddRange(problems);
            return null;
        }

        return new OpenAiTarget(http, options, time);
    }

    private static string? ApiKey(string? variable, string option, Func<string, string?> environment, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        var value = environment(variable);
        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"{option}: environment variable {variable} is not set");
        }

        return value;
    }

    private static List<Probe> SelectProbes(RunConfig c, List<string> errors)
    {
        var catalog = ProbeCatalog.Load(c.ProbePaths, c.BuiltIn);
        var (selected, selectionErrors) = catalog.Select(c.Families, c.ProbePatterns);
        errors.AddRange(selectionErrors);
        if (selected.Count == 0 && selectionErrors.Count == 0)
        {
            errors.Add("no probes selected");
        }

        return selected.ToList();
    }

    private static IReadOnlyList<Probe> ReplayProbesFor(RunConfig c, List<string> errors)
    {
        if (c.Corpus is null)
        {
            errors.Add("replay needs --corpus FILE");
            return [];
        }

        var entries = CorpusReader.LoadFile(c.Corpus);
        var detectors = new List<Detector>();
        foreach (var name in c.Detectors.Count > 0 ? c.Detectors : ReplayProbes.DefaultDetectors)
        {
            try
            {
                detectors.Add(DetectorCatalog.CreateDefault(name));
            }
            catch (ArgumentException ex)
            {
                errors.Add("--detectors: " + ex.Message);
            }
        }

        return ReplayProbes.Build(entries, detectors, c.Corpus);
    }
}

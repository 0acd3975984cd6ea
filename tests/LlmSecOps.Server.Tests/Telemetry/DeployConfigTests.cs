using System.Text.Json;
using LlmSecOps.Server.Telemetry.Prometheus;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class DeployConfigTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Series Prometheus adds to every scrape, and the target labels it attaches.
    private static readonly HashSet<string> PrometheusOwnMetrics = new(StringComparer.Ordinal) { "up", "scrape_duration_seconds", "scrape_samples_scraped" };
    private static readonly HashSet<string> TargetLabels = new(StringComparer.Ordinal) { "job", "instance", "le" };

    private static string RulesFile => RepositoryPaths.Combine("deploy", "prometheus", "rules", "llmsecops.rules.yml");

    [Fact]
    public async Task PromtoolCheckRules_AlertRules_AreValid()
    {
        var promtool = ExternalTool.Require("promtool");

        var result = await ExternalTool.RunAsync(promtool, ["check", "rules", RulesFile], timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromtoolCheckConfig_ExampleScrapeConfig_IsValid()
    {
        var promtool = ExternalTool.Require("promtool");

        var result = await ExternalTool.RunAsync(promtool, ["check", "config", RepositoryPaths.Combine("deploy", "prometheus", "prometheus.yml")], timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task PromtoolTestRules_AlertsFireOnTheirScenarios()
    {
        var promtool = ExternalTool.Require("promtool");
        var tests = RepositoryPaths.Combine("deploy", "prometheus", "rules", "llmsecops.rules.test.yml");

        var result = await ExternalTool.RunAsync(promtool, ["test", "rules", tests], timeout: Timeout, workingDirectory: Path.GetDirectoryName(tests));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void GrafanaDashboard_EveryQueryUsesMetricsAndLabelsTheExporterProduces()
    {
        var produced = ProducedSeries();
        var recordingRules = RecordingRuleNames();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("deploy", "grafana", "dashboards", "llmsecops-gateway.json")));
        var root = dashboard.RootElement;
        Assert.Equal("llmsecops-gateway", root.GetProperty("uid").GetString());

        var expressions = new List<string>();
        Collect(root, expressions);
        Assert.True(expressions.Count >= 15, $"Only {expressions.Count} queries found.");

        var problems = new List<string>();
        foreach (var expression in expressions)
        {
            problems.AddRange(Check(expression, produced, recordingRules));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        var used = expressions.SelectMany(e => PromQlReferences.Extract(e).Metrics).ToHashSet(StringComparer.Ordinal);
        foreach (var required in new[] { "llmsecops_gateway_requests_total", "llmsecops_guard_verdicts_total", "llmsecops_guard_findings_total", "llmsecops_gateway_upstream_duration_seconds_bucket", "gen_ai_client_token_usage_sum", "llmsecops_completion_entropy_nats_bucket" })
        {
            Assert.Contains(required, used);
        }
    }

    [Fact]
    public void AlertRules_EveryExpressionUsesMetricsAndLabelsTheExporterProduces()
    {
        var produced = ProducedSeries();
        var recordingRules = RecordingRuleNames();
        var expressions = RuleNodes().Select(r => ((YamlScalarNode)r.Children[new YamlScalarNode("expr")]).Value!).ToList();

        var problems = expressions.SelectMany(e => Check(e, produced, recordingRules)).ToList();

        Assert.True(expressions.Count >= 8);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void GrafanaProvisioning_PointsAtTheDashboardFolderAndDataSourceUid()
    {
        var datasources = LoadYaml(RepositoryPaths.Combine("deploy", "grafana", "provisioning", "datasources", "llmsecops-prometheus.yml"));
        var providers = LoadYaml(RepositoryPaths.Combine("deploy", "grafana", "provisioning", "dashboards", "llmsecops.yml"));
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("deploy", "grafana", "dashboards", "llmsecops-gateway.json")));
        var uid = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)datasources.Children[new YamlScalarNode("datasources")])[0]).Children[new YamlScalarNode("uid")]).Value;
        var provider = (YamlMappingNode)((YamlSequenceNode)providers.Children[new YamlScalarNode("providers")])[0];

        var variable = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "datasource");

        Assert.Equal(uid, variable.GetProperty("current").GetProperty("value").GetString());
        Assert.Equal("file", ((YamlScalarNode)provider.Children[new YamlScalarNode("type")]).Value);
    }

    [Fact]
    public void PromQlReferences_FindsMetricsAndLabels_ButNotFunctionsOrStrings()
    {
        var (metrics, labels) = PromQlReferences.Extract(
            "histogram_quantile(0.99, sum by (le, llmsecops_upstream) (rate(foo_bucket{job=~\"$job\",a=\"x,y\"}[$__rate_interval]))) / clamp_min(bar_total offset 5m, 1e-9) > 3 and on (job) up");

        Assert.Equal(["bar_total", "foo_bucket", "up"], metrics.Order());
        Assert.Equal(["a", "job", "le", "llmsecops_upstream"], labels.Order());
    }

    private static List<string> Check(string expression, Dictionary<string, HashSet<string>> produced, HashSet<string> recordingRules)
    {
        var problems = new List<string>();
        var (metrics, labels) = PromQlReferences.Extract(expression);
        var knownLabels = new HashSet<string>(TargetLabels, StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            if (produced.TryGetValue(metric, out var metricLabels))
            {
                knownLabels.UnionWith(metricLabels);
            }
            else if (!PrometheusOwnMetrics.Contains(metric) && !recordingRules.Contains(metric))
            {
                problems.Add($"'{metric}' is not produced by the exporter: {expression}");
            }
        }

        if (metrics.Any(recordingRules.Contains))
        {
            // Labels of recorded series come from the rule's own grouping.
            return problems;
        }

        problems.AddRange(labels.Where(l => !knownLabels.Contains(l)).Select(l => $"label '{l}' is on none of the metrics of: {expression}"));
        return problems;
    }

    private static Dictionary<string, HashSet<string>> ProducedSeries()
    {
        using var exporter = new PrometheusExporter(new PrometheusExporterOptions());
        TelemetrySamples.RecordEveryInstrument("deploy-check");
        var exposition = Exposition.Parse(exporter.CollectText());
        return exposition.Samples
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Labels.Keys).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static HashSet<string> RecordingRuleNames() =>
        RuleNodes().Where(r => r.Children.ContainsKey(new YamlScalarNode("record")))
            .Select(r => ((YamlScalarNode)r.Children[new YamlScalarNode("record")]).Value!)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<YamlMappingNode> RuleNodes()
    {
        var root = LoadYaml(RulesFile);
        foreach (var group in ((YamlSequenceNode)root.Children[new YamlScalarNode("groups")]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group.Children[new YamlScalarNode("rules")]).Cast<YamlMappingNode>())
            {
                yield return rule;
            }
        }
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static void Collect(JsonElement element, List<string> expressions)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        expressions.Add(property.Value.GetString()!);
                    }
                    else if (property.Name == "query" && property.Value.ValueKind == JsonValueKind.String
                        && property.Value.GetString()!.StartsWith("label_values(", StringComparison.Ordinal))
                    {
                        // label_values(metric, label) reads like a call of the metric.
                        var inner = property.Value.GetString()!["label_values(".Length..^1].Split(',');
                        expressions.Add($"{inner[0].Trim()} and on ({inner[1].Trim()}) up");
                    }
                    else
                    {
                        Collect(property.Value, expressions);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, expressions);
                }

                break;
        }
    }
}

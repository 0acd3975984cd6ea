using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Reporting;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// One invocation of <c>probe run</c> or <c>probe replay</c>: creates (or resumes) the run in the
/// store, prepares it, runs what is left, and records how it ended.
/// </summary>
internal static class ProbeSession
{
    /// <summary>Starts a new run, or resumes <paramref name="resumeRunId"/> with its stored settings.</summary>
    public static async Task<SessionOutcome> RunAsync(
        RedTeamStore store,
        RunConfig config,
        string? resumeRunId,
        Func<string, string?> environment,
        IRunObserver? observer,
        TimeProvider time,
        CancellationToken stop,
        Core.Events.IEventSink? events = null)
    {
        RunRecord? existing = null;
        if (resumeRunId is not null)
        {
            existing = store.GetRun(resumeRunId) ?? throw new RunConfigException($"--resume: no run '{resumeRunId}' in {store.Database.Path}");
            var stored = JsonSerializer.Deserialize<RunConfig>(existing.Config, JsonDefaults.Options) ?? throw new RunConfigException($"run {resumeRunId} has no readable settings");

            // Only settings that do not change which attempts exist may differ on resume.
            config = stored with
            {
                Concurrency = config.Concurrency,
                Rpm = config.Rpm,
                Retries = config.Retries,
                TimeoutSeconds = config.TimeoutSeconds,
            };
        }

        var runId = existing?.Id ?? NewRunId(time);
        using var http = TargetHttp.Create(config.Concurrency);
        var prepared = RunSetup.Prepare(config, runId, environment, http, time);
        var options = prepared.Options with { Events = events };
        if (existing is null)
        {
            store.CreateRun(new RunRecord
            {
                Id = runId,
                Kind = config.Kind,
                Status = RunStatus.Running,
                StartedAt = time.GetUtcNow(),
                Target = prepared.Target.Id,
                Model = prepared.Model,
                Seed = config.Seed,
                Planned = prepared.Plan.Count,
                Config = JsonSerializer.Serialize(config, JsonDefaults.Options),
            });
        }
        else
        {
            if (existing.Target != prepared.Target.Id)
            {
                throw new RunConfigException($"run {runId} was against {existing.Target}, but its settings now resolve to {prepared.Target.Id}");
            }

            store.SetStatus(runId, RunStatus.Running);
        }

        var done = store.CompletedAttemptIds(runId);
        var runner = new ProbeRunner(prepared.Target, options, time);
        RunSessionResult result;
        await using (var writer = new AttemptWriter(store))
        {
            try
            {
                result = await runner.RunAsync(prepared.Plan, done, writer, observer, stop).ConfigureAwait(false);
                await writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                store.FinishRun(runId, RunStatus.Failed, time.GetUtcNow());
                throw;
            }
        }

        if (events is not null)
        {
            await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var status = result.Interrupted ? RunStatus.Interrupted : RunStatus.Completed;
        store.FinishRun(runId, status, time.GetUtcNow());
        return new SessionOutcome(runId, result.Interrupted, result.Counters, prepared.Probes, prepared.Plan.Count);
    }

    /// <summary>Builds the report of a stored run.</summary>
    public static RunReport Report(RedTeamStore store, string runId, FailOnPolicy failOn, IReadOnlyDictionary<string, ProbeInfo>? probes = null)
    {
        var run = store.GetRun(runId) ?? throw new RunConfigException($"no run '{runId}' in {store.Database.Path}");
        if (probes is null)
        {
            var config = JsonSerializer.Deserialize<RunConfig>(run.Config, JsonDefaults.Options);
            probes = config is null ? null : RunSetup.ProbeInfoFor(config);
        }

        return RunReport.Create(run, store.ReadAttempts(runId), probes, failOn);
    }

    /// <summary>A run id: UTC time to the second plus four random hex digits, e.g. <c>20261122-153012-a3f9</c>.</summary>
    public static string NewRunId(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
}

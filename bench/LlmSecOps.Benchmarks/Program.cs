using BenchmarkDotNet.Running;
using LlmSecOps.Benchmarks.Gateway;
using LlmSecOps.Benchmarks.RedTeam;

// "gateway" runs the gateway load comparison (a load test, not a BenchmarkDotNet micro-benchmark).
if (args.Length > 0 && args[0] == "gateway")
{
    return await GatewayLoadBench.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && RedTeamBench.Handles(args[0]))
{
    return await RedTeamBench.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

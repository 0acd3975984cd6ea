using BenchmarkDotNet.Running;
using LlmSecOps.Benchmarks.Gateway;

// "gateway" runs the gateway load comparison (a load test, not a BenchmarkDotNet micro-benchmark);
// everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "gateway")
{
    return await GatewayLoadBench.RunAsync(args[1..]).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

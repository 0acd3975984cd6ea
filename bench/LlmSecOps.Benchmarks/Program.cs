using BenchmarkDotNet.Running;
using LlmSecOps.Benchmarks.RedTeam;

if (args.Length > 0 && RedTeamBench.Handles(args[0]))
{
    return await RedTeamBench.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

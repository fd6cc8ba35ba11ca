using BenchmarkDotNet.Running;
using Weft.Benchmarks;
using Weft.Benchmarks.Forwarding;

// Weft.Benchmarks [--quick] [--allocations-only] [BenchmarkDotNet options such as --filter '*Route*']
//   --quick             one iteration per benchmark and a short allocation count (smoke tests)
//   --allocations-only  only the all-threads bytes-per-request table
// Weft.Benchmarks --allocation-types KEY [REQUESTS]   which types one scenario's bytes are (sampled)
if (args is ["--allocation-types", var key, ..])
{
    var n = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
    Console.WriteLine(await AllocationSampler.RunAsync(key, n, CancellationToken.None));
    return 0;
}
var quick = args.Contains("--quick");
var allocationsOnly = args.Contains("--allocations-only");
var bdnArgs = args.Where(a => a is not "--quick" and not "--allocations-only").ToArray();
var artifacts = ArtifactsPath(bdnArgs) ?? Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");

// 1. The all-threads meter: what one request costs the whole proxy process, Kestrel included.
var table = await AllocationMeter.RunAsync(quick ? 300 : 20_000, CancellationToken.None);
Directory.CreateDirectory(Path.Combine(artifacts, "results"));
await File.WriteAllTextAsync(Path.Combine(artifacts, "results", "AllocationsPerRequest-report-github.md"), table);
Console.WriteLine(table);
if (allocationsOnly)
    return 0;

// 2. BenchmarkDotNet: times, and allocations of the benchmark thread's own work.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(bdnArgs, new BenchConfig(quick));
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

static string? ArtifactsPath(string[] args)
{
    var i = Array.IndexOf(args, "--artifacts");
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

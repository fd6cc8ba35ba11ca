using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Weft.Benchmarks;

/// <summary>
/// In-process runs (no generated project to build: the repository's artifacts layout stays
/// untouched and a run starts in seconds), allocations measured, GitHub Markdown for README.md.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig(bool quick)
    {
        var job = quick
            ? Job.Dry
            // Ten measured iterations are enough for figures a noisy shared machine can give; more only takes longer.
            : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1);
        AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub);
        AddLogger(DefaultConfig.Instance.GetLoggers().ToArray());
        AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray());
        WithOptions(ConfigOptions.DisableLogFile);
    }
}

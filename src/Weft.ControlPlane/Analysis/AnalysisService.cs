using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Weft.Api.Analysis;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Analysis;

/// <summary>One finding about a stored object.</summary>
public sealed record StoredFinding(Finding Finding, StoredConfig Subject);

/// <summary>The findings of one analysis of the store.</summary>
public sealed record AnalysisReport(long Revision, ImmutableArray<StoredFinding> Findings)
{
    public static AnalysisReport Empty { get; } = new(0, []);
}

/// <summary>
/// Analyzes what is stored, as istiod's status controller does: after each change (debounced) every
/// analyzer runs over the whole config, the findings are kept for `weft analyze`, and each Istio
/// object's <c>status.validationMessages</c> is rewritten when its findings changed. Findings warn;
/// they never block a write.
/// </summary>
public sealed partial class AnalysisService(ConfigCache cache, MeshConfigSource mesh, ResourceService resources, TimeProvider time,
    ILogger<AnalysisService> log) : IAsyncDisposable
{
    /// <summary>How long to wait after a change for more, so a burst of applies is analyzed once.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stop = new();
    private AnalysisReport _latest = AnalysisReport.Empty;
    private TaskCompletionSource<AnalysisReport> _analyzed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public AnalysisReport Latest => Volatile.Read(ref _latest);

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    /// <summary>A report that covers at least <paramref name="revision"/> (the revision a client just wrote).</summary>
    public async Task<AnalysisReport> WaitForRevisionAsync(long revision, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            var signal = Volatile.Read(ref _analyzed);
            var latest = Latest;
            if (latest.Revision >= revision)
                return latest;
            try
            {
                await signal.Task.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Latest;
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        long seen = -1;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var snapshot = await cache.WaitForChangeAsync(seen, ct);
                await Task.Delay(Debounce, time, ct);
                snapshot = cache.Current;
                seen = snapshot.Revision;
                var report = Analyze(snapshot);
                Volatile.Write(ref _latest, report);
                Interlocked.Exchange(ref _analyzed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(report);
                await WriteStatusesAsync(snapshot, report, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One bad run must not stop analysis for good: log it and try again on the next change.
                LogFailed(log, ex);
            }
        }
    }

    /// <summary>Runs every analyzer over a snapshot; each finding is tied to the stored object it is about.</summary>
    public AnalysisReport Analyze(ConfigSnapshot snapshot)
    {
        var byKey = snapshot.Objects.ToDictionary(o => o.Key, StringComparer.Ordinal);
        // The store key stands in for a file name, so every finding leads back to its object.
        var inputs = snapshot.Objects.Select(o => new AnalysisInput(o.Object, o.Kind, o.Key)).ToList();
        var findings = AnalysisRunner.Run(inputs, null, new AnalysisOptions { Mesh = mesh.For(snapshot) });
        var stored = ImmutableArray.CreateBuilder<StoredFinding>(findings.Count);
        foreach (var f in findings)
            if (f.Source is not null && byKey.TryGetValue(f.Source, out var subject))
                stored.Add(new StoredFinding(f, subject));
        LogAnalyzed(log, snapshot.Revision, snapshot.Objects.Length, stored.Count);
        return new AnalysisReport(snapshot.Revision, stored.ToImmutable());
    }

    private async Task WriteStatusesAsync(ConfigSnapshot snapshot, AnalysisReport report, CancellationToken ct)
    {
        var byKey = report.Findings.GroupBy(f => f.Subject.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var o in snapshot.Objects)
        {
            // Istio writes validation messages on its own kinds only; other kinds' status has a schema of its own.
            if (!o.Kind.Group.EndsWith("istio.io", StringComparison.Ordinal))
                continue;
            var findings = byKey.TryGetValue(o.Key, out var list) ? list : [];
            var current = StatusWrites.Current(o);
            var wanted = WantedStatus(current, findings, o.Object.Metadata.Generation);
            if (JsonNode.DeepEquals(current, wanted))
                continue;
            await StatusWrites.TryPutAsync(resources, o, wanted, ct);
        }
    }

    /// <summary>The status with Istio's <c>validationMessages</c> for these findings (other status fields kept).</summary>
    public static JsonObject WantedStatus(JsonObject current, IReadOnlyList<StoredFinding> findings, long? generation)
    {
        var status = (JsonObject)current.DeepClone();
        status.Remove("validationMessages");
        if (findings.Count > 0)
        {
            var messages = new JsonArray();
            foreach (var f in findings.OrderBy(f => f.Finding.Code, StringComparer.Ordinal).ThenBy(f => f.Finding.Message, StringComparer.Ordinal))
            {
                messages.Add(new JsonObject
                {
                    ["documentationUrl"] = $"https://istio.io/latest/docs/reference/config/analysis/{f.Finding.Code.ToLowerInvariant()}/",
                    ["level"] = f.Finding.Level.ToString().ToUpperInvariant(),
                    ["type"] = new JsonObject { ["code"] = f.Finding.Code, ["name"] = f.Finding.Type.Name },
                    ["description"] = f.Finding.Message,
                });
            }
            status["validationMessages"] = messages;
        }
        if (generation is { } g)
            status["observedGeneration"] = g.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return status;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(1200, LogLevel.Debug, "Analyzed revision {Revision}: {Objects} objects, {Findings} findings")]
    private static partial void LogAnalyzed(ILogger log, long revision, int objects, int findings);

    [LoggerMessage(1201, LogLevel.Error, "Analysis failed; it runs again on the next change")]
    private static partial void LogFailed(ILogger log, Exception ex);
}

using Weft.Discovery.Clusters;

namespace Weft.Proxy.Upstream;

/// <summary>
/// Passive health for one cluster, as Envoy's outlier detection: consecutive 5xx (local failures
/// count as 5xx) or gateway errors eject an endpoint at once, for BaseEjectionTime x the times it
/// was ejected; a sweep every Interval readmits those whose time is up, and forgives one ejection
/// per BaseEjectionTime an endpoint stays in. Time comes from TimeProvider so tests can use short times.
/// </summary>
public sealed partial class OutlierDetector : IDisposable
{
    private readonly OutlierDetectionSettings _settings;
    private readonly Func<EndpointSet> _endpoints;
    private readonly ClusterStats _stats;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string _cluster;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();

    public OutlierDetector(string cluster, OutlierDetectionSettings settings, Func<EndpointSet> endpoints, ClusterStats stats, TimeProvider time, ILogger log)
    {
        _cluster = cluster;
        _settings = settings;
        _endpoints = endpoints;
        _stats = stats;
        _time = time;
        _log = log;
        _timer = time.CreateTimer(static s => ((OutlierDetector)s!).Sweep(), this, settings.Interval, settings.Interval);
    }

    public int MinHealthPercent => _settings.MinHealthPercent;

    /// <summary>Feeds one attempt's result: an HTTP status, or a local failure (connect error, reset, timeout).</summary>
    public void OnResult(EndpointState ep, int status, bool localFailure)
    {
        var is5xx = localFailure || status >= 500;
        if (!is5xx)
        {
            if (ep.Consecutive5xx != 0)
                Interlocked.Exchange(ref ep.Consecutive5xx, 0);
            if (ep.ConsecutiveGatewayErrors != 0)
                Interlocked.Exchange(ref ep.ConsecutiveGatewayErrors, 0);
            return;
        }
        var gateway = localFailure || status is 502 or 503 or 504;
        var c5 = Interlocked.Increment(ref ep.Consecutive5xx);
        var cg = gateway ? Interlocked.Increment(ref ep.ConsecutiveGatewayErrors) : Interlocked.Exchange(ref ep.ConsecutiveGatewayErrors, 0) * 0;
        if ((_settings.Consecutive5xxErrors is > 0 and var t5 && c5 >= t5)
            || (_settings.ConsecutiveGatewayErrors is > 0 and var tg && cg >= tg))
            TryEject(ep, c5 >= (_settings.Consecutive5xxErrors ?? int.MaxValue) ? "consecutive 5xx" : "consecutive gateway errors");
    }

    private void TryEject(EndpointState ep, string reason)
    {
        lock (_gate)
        {
            if (ep.Ejected)
                return;
            var set = _endpoints().All;
            var ejected = 0;
            foreach (var e in set)
                if (e.Ejected)
                    ejected++;
            // Envoy: at most maxEjectionPercent of the hosts, but one host can always be ejected.
            if (ejected > 0 && (ejected + 1) * 100 > set.Length * _settings.MaxEjectionPercent)
            {
                LogEjectionRefused(_log, ep.Authority, _cluster, ejected, _settings.MaxEjectionPercent);
                return;
            }
            ep.EjectionCount++;
            var duration = _settings.BaseEjectionTime * ep.EjectionCount;
            ep.EjectedUntilTimestamp = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
            ep.Consecutive5xx = 0;
            ep.ConsecutiveGatewayErrors = 0;
            ep.TotalEjections++;
            ep.Ejected = true;
            Interlocked.Increment(ref _stats.OutlierDetectionEjectionsTotal);
            LogEjected(_log, ep.Authority, _cluster, reason, duration.TotalMilliseconds, ep.EjectionCount);
        }
    }

    /// <summary>The interval timer: readmits endpoints whose ejection time is up.</summary>
    internal void Sweep()
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            foreach (var ep in _endpoints().All)
            {
                if (ep.Ejected)
                {
                    if (now >= ep.EjectedUntilTimestamp)
                    {
                        ep.Ejected = false;
                        ep.Consecutive5xx = 0;
                        ep.ConsecutiveGatewayErrors = 0;
                        // Reuse the timestamp field: when the endpoint came back, to forgive later.
                        ep.EjectedUntilTimestamp = now;
                        LogReadmitted(_log, ep.Authority, _cluster);
                    }
                }
                else if (ep.EjectionCount > 0 && now - ep.EjectedUntilTimestamp >= (long)(_settings.BaseEjectionTime.TotalSeconds * _time.TimestampFrequency))
                {
                    ep.EjectionCount--;
                    ep.EjectedUntilTimestamp = now;
                }
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    [LoggerMessage(2001, LogLevel.Warning, "Ejected {Endpoint} from {Cluster} after {Reason} for {Milliseconds} ms (ejection {Count})")]
    private static partial void LogEjected(ILogger log, string endpoint, string cluster, string reason, double milliseconds, int count);

    [LoggerMessage(2002, LogLevel.Information, "Readmitted {Endpoint} to {Cluster}: its ejection time is up")]
    private static partial void LogReadmitted(ILogger log, string endpoint, string cluster);

    [LoggerMessage(2003, LogLevel.Information, "Kept {Endpoint} in {Cluster}: {Ejected} endpoints are already ejected and maxEjectionPercent is {Percent}")]
    private static partial void LogEjectionRefused(ILogger log, string endpoint, string cluster, int ejected, int percent);
}

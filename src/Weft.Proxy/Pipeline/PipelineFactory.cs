using Weft.Discovery.Snapshot;
using Weft.Proxy.Telemetry;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Builds the request pipeline for a snapshot, leaving out stages no route of the snapshot
/// needs (no CORS, fault or mirror anywhere: those stages are not in the chain at all).
/// Order, outermost first: stats, route match, CORS, fault, direct response, header ops,
/// forward (timeout, body, response), mirror, retry, load balance, upstream call.
/// </summary>
public sealed class PipelineFactory(TimeProvider time, ILoggerFactory logs, IStatsHook stats, AccessLog accessLog, ProxyCounters counters)
{
    public IProxyStage Build(ProxySnapshot s)
    {
        var routes = s.RouteConfigurations.SelectMany(rc => rc.VirtualHosts).SelectMany(vh => vh.Routes).ToList();
        IProxyStage stage = new UpstreamCallStage(time);
        stage = new LoadBalanceStage(stage);
        stage = new RetryStage(stage, time);
        if (routes.Any(r => r.Forward is { Mirrors.IsDefaultOrEmpty: false }))
            stage = new MirrorStage(stage, logs.CreateLogger<MirrorStage>());
        stage = new ForwardStage(stage, time);
        stage = new HeaderOpsStage(stage);
        stage = new DirectResponseStage(stage);
        if (routes.Any(r => r.Fault is not null))
            stage = new FaultStage(stage, time);
        if (routes.Any(r => r.Cors is not null))
            stage = new CorsStage(stage);
        stage = new RouteMatchStage(stage);
        stage = Security.InboundSecurityStage.Wrap(stage, s, logs, time);
        stats.OnSnapshot(s);
        return new StatsStage(stage, stats, accessLog, counters, time, logs.CreateLogger<StatsStage>());
    }
}

using Weft.Api.Model.Networking;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Workloads;

/// <summary>
/// The probe a sidecar runs for its workload: the <c>spec.probe</c> of the WorkloadGroup the proxy
/// names (<c>--workload-group</c>), with Kubernetes' defaults filled in (period 10 s, timeout
/// 1 s, success 1, failure 3), as Istio sends it to the agent on a VM. No group or no probe: none.
/// </summary>
public static class WorkloadProbes
{
    public static WorkloadProbe? For(PushContext push, NodeInfo node)
    {
        if (node.WorkloadGroup is not { Length: > 0 } group || !push.WorkloadGroups.TryGetValue((node.Namespace, group), out var wg))
            return null;
        return wg.Spec?.Probe is { } p ? Translate(p) : null;
    }

    public static WorkloadProbe? Translate(ReadinessProbe p)
    {
        var probe = new WorkloadProbe
        {
            InitialDelay = Seconds(p.InitialDelaySeconds, 0),
            Period = Seconds(p.PeriodSeconds, 10),
            Timeout = Seconds(p.TimeoutSeconds, 1),
            SuccessThreshold = Positive(p.SuccessThreshold, 1),
            FailureThreshold = Positive(p.FailureThreshold, 3),
        };
        if (p.HttpGet is { Port: { } hp } http)
            return probe with
            {
                HttpGet = new HttpGetProbe((int)hp, string.IsNullOrEmpty(http.Path) ? "/" : http.Path, Empty(http.Host), string.IsNullOrEmpty(http.Scheme) ? "HTTP" : http.Scheme.ToUpperInvariant())
                {
                    Headers = [.. (http.HttpHeaders ?? []).Where(h => !string.IsNullOrEmpty(h.Name)).Select(h => new HeaderValue(h.Name!, h.Value ?? ""))],
                },
            };
        if (p.TcpSocket is { Port: { } tp } tcp)
            return probe with { TcpSocket = new TcpSocketProbe((int)tp, Empty(tcp.Host)) };
        if (p.Exec is { Command: { Count: > 0 } command })
            return probe with { Exec = new ExecProbe([.. command]) };
        if (p.Grpc is { Port: { } gp } grpc)
            return probe with { Grpc = new GrpcProbe((int)gp, Empty(grpc.Service)) };
        return null;
    }

    private static TimeSpan Seconds(int? value, int fallback) => TimeSpan.FromSeconds(value is > 0 ? value.Value : fallback);

    private static int Positive(int? value, int fallback) => value is > 0 ? value.Value : fallback;

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

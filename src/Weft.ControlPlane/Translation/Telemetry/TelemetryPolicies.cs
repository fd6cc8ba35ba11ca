using System.Collections.Immutable;
using Weft.Api.Model.Telemetry;
using Weft.Discovery.Telemetry;
using TelemetryResource = Weft.Api.Model.Telemetry.Telemetry;

namespace Weft.ControlPlane.Translation.Telemetry;

/// <summary>
/// The Telemetry API for one workload, with Istio's precedence: the root namespace's Telemetry
/// without a selector (mesh-wide), then its own namespace's without a selector, then the one
/// whose selector matches it (the oldest at each level, as Istio picks one). Metric overrides of
/// every level apply in that order (later ones win); access logging and tracing take the most
/// specific level that configures them, field by field for tracing.
/// </summary>
public static class TelemetryPolicies
{
    public static TelemetryConfig Apply(TelemetryConfig config, PushContext push, string ns, IReadOnlyDictionary<string, string> labels, Action<string>? warn = null)
    {
        var levels = Levels(push, ns, labels);
        if (levels.Count == 0)
            return config;
        var overrides = ImmutableArray.CreateBuilder<MetricOverride>();
        var accessLog = config.AccessLog;
        var sampling = config.TraceSamplingPercent;
        var tags = new SortedDictionary<string, TraceTag>(StringComparer.Ordinal);
        foreach (var t in levels)
        {
            var spec = t.Spec!;
            foreach (var m in spec.Metrics ?? [])
                foreach (var o in m.Overrides ?? [])
                    overrides.Add(Override(o));
            if (spec.AccessLogging is { Count: > 0 } logging)
                accessLog = AccessLog(config.AccessLog, logging, t, warn);
            foreach (var tr in spec.Tracing ?? [])
            {
                if (tr.RandomSamplingPercentage is { } p)
                    sampling = Math.Clamp(p, 0, 100);
                foreach (var (name, tag) in tr.CustomTags ?? new Dictionary<string, CustomTag>())
                    tags[name] = new TraceTag
                    {
                        Name = name,
                        Literal = tag.Literal?.Value,
                        Header = tag.Header?.Name,
                        DefaultValue = tag.Header?.DefaultValue ?? tag.Environment?.DefaultValue,
                        Environment = tag.Environment?.Name,
                    };
            }
        }
        return config with
        {
            MetricOverrides = overrides.ToImmutable(),
            AccessLog = accessLog,
            TraceSamplingPercent = sampling,
            TraceCustomTags = [.. tags.Values],
        };
    }

    /// <summary>The Telemetry resources that apply to a workload, least specific first.</summary>
    public static List<TelemetryResource> Levels(PushContext push, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var levels = new List<TelemetryResource>();
        static bool Unselected(TelemetryResource t) => t.Spec?.Selector?.MatchLabels is not { Count: > 0 } && t.Spec?.TargetRef is null && t.Spec?.TargetRefs is not { Count: > 0 };
        var root = push.Telemetries.FirstOrDefault(t => t.Namespace == push.RootNamespace && Unselected(t));
        if (root is not null)
            levels.Add(root);
        if (ns != push.RootNamespace && push.Telemetries.FirstOrDefault(t => t.Namespace == ns && Unselected(t)) is { } nsLevel)
            levels.Add(nsLevel);
        if (push.Telemetries.FirstOrDefault(t => t.Namespace == ns && t.Spec?.Selector?.MatchLabels is { Count: > 0 } sel && Translation.Labels.Match(sel, labels)) is { } workload)
            levels.Add(workload);
        return levels;
    }

    private static MetricOverride Override(MetricsOverrides o) => new()
    {
        Metric = o.Match?.CustomMetric is { Length: > 0 } custom ? custom : Name(o.Match?.Metric ?? IstioMetric.AllMetrics),
        Reporter = o.Match?.Mode switch
        {
            WorkloadMode.Client => "source",
            WorkloadMode.Server => "destination",
            _ => null,
        },
        Disabled = o.Disabled,
        Tags = [.. (o.TagOverrides ?? new Dictionary<string, TagOverride>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new TagChange
        {
            Name = kv.Key,
            Remove = kv.Value.Operation == TagOperation.Remove,
            Value = kv.Value.Operation == TagOperation.Remove ? null : Literal(kv.Value.Value),
        })],
    };

    private static string Name(IstioMetric m) => m switch
    {
        IstioMetric.RequestCount => "REQUEST_COUNT",
        IstioMetric.RequestDuration => "REQUEST_DURATION",
        IstioMetric.RequestSize => "REQUEST_SIZE",
        IstioMetric.ResponseSize => "RESPONSE_SIZE",
        IstioMetric.TcpOpenedConnections => "TCP_OPENED_CONNECTIONS",
        IstioMetric.TcpClosedConnections => "TCP_CLOSED_CONNECTIONS",
        IstioMetric.TcpSentBytes => "TCP_SENT_BYTES",
        IstioMetric.TcpReceivedBytes => "TCP_RECEIVED_BYTES",
        IstioMetric.GrpcRequestMessages => "GRPC_REQUEST_MESSAGES",
        IstioMetric.GrpcResponseMessages => "GRPC_RESPONSE_MESSAGES",
        _ => "ALL_METRICS",
    };

    // A tag value is a CEL expression; a string literal ('x' or "x") is what a label set computed
    // once per snapshot can carry. Per-request attributes (request.host) would build a label per
    // request: they read "unknown" until a bounded form is supported.
    private static string Literal(string? expression)
    {
        var e = expression?.Trim() ?? "";
        if (e.Length >= 2 && (e[0] == '\'' || e[0] == '"') && e[^1] == e[0])
            return e[1..^1];
        return "unknown";
    }

    private static AccessLogConfig AccessLog(AccessLogConfig current, IReadOnlyList<AccessLogging> logging, TelemetryResource from, Action<string>? warn)
    {
        var result = current with { Enabled = true, ResponseCodes = [], FilterExpression = null };
        foreach (var l in logging)
        {
            if (l.Disabled == true)
                return result with { Enabled = false };
            if (l.Filter?.Expression is { Length: > 0 } expression)
            {
                var ranges = AccessLogFilterCompiler.Compile(expression, out var error);
                if (ranges is null)
                    warn?.Invoke($"Telemetry {from.Namespace}/{from.Name}: accessLogging filter {error}; every request is logged");
                result = result with { ResponseCodes = ranges ?? [], FilterExpression = expression };
            }
        }
        return result;
    }
}

using System.Collections.Immutable;
using System.Globalization;
using Weft.Discovery.Listeners;
using Weft.Discovery.Telemetry;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Pipeline;

namespace Weft.Proxy.Telemetry.Tracing;

/// <summary>
/// A finished request as the span Istio's sidecars report: SERVER on the inbound side, CLIENT on
/// the outbound side, named <c>service:port/*</c>, with Envoy's tags (node_id, guid:x-request-id,
/// http.url, http.method, http.protocol, http.status_code, response_flags, upstream_cluster,
/// component=proxy, istio.*) and the Telemetry API's custom tags. Only sampled requests get here.
/// </summary>
public static class SpanBuilder
{
    public static OtlpSpan Build(ProxyContext ctx, SnapshotTelemetry t, TraceSpan span, int status, TimeSpan duration)
    {
        var request = ctx.Http.Request;
        var inbound = ctx.Listener.Config.Direction == TrafficDirection.Inbound;
        var c = CultureInfo.InvariantCulture;
        var attributes = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        void Tag(string k, string v) => attributes.Add(new(k, v));
        Tag("node_id", t.ExchangeId);
        Tag("zone", "");
        Tag("guid:x-request-id", ctx.RequestId);
        Tag("http.url", $"{ctx.Scheme}://{ctx.OriginalAuthority}{request.Path.ToUriComponent()}{request.QueryString.Value}");
        Tag("http.method", request.Method);
        Tag("downstream_cluster", "-");
        Tag("user_agent", request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : "-");
        Tag("http.protocol", request.Protocol);
        Tag("peer.address", ctx.Http.Connection.RemoteIpAddress?.ToString() ?? "-");
        Tag("request_size", ctx.BytesReceived.ToString(c));
        Tag("response_size", ctx.BytesSent.ToString(c));
        Tag("upstream_cluster", ctx.Cluster?.Name ?? "-");
        Tag("upstream_cluster.name", ctx.Cluster?.Name ?? "-");
        Tag("http.status_code", status.ToString(c));
        Tag("response_flags", ResponseFlagsText.Format(ctx.Flags));
        Tag("component", "proxy");
        Tag("istio.canonical_service", t.Self.CanonicalService);
        Tag("istio.canonical_revision", t.Self.CanonicalRevision);
        Tag("istio.namespace", t.Self.Namespace);
        Tag("istio.mesh_id", "cluster.local");
        if (status >= 500 || status == 0)
            Tag("error", "true");
        foreach (var custom in t.CustomTags)
        {
            var value = custom.Literal
                ?? (custom.Header is { } h ? request.Headers.TryGetValue(h, out var hv) && hv.Count > 0 ? hv.ToString() : custom.DefaultValue : null)
                ?? (custom.Environment is { } e ? Environment.GetEnvironmentVariable(e) ?? custom.DefaultValue : null);
            if (value is not null)
                Tag(custom.Name, value);
        }
        return new OtlpSpan
        {
            Service = t.TracingService,
            TraceId = span.TraceId,
            SpanId = span.SpanId,
            ParentSpanId = span.ParentSpanId,
            Name = t.SpanName(ctx.Cluster, ctx.OriginalAuthority),
            Kind = inbound ? 2 : 3,
            StartUnixNano = span.StartUnixNano,
            EndUnixNano = span.StartUnixNano + duration.Ticks * 100,
            StatusCode = status >= 500 || status == 0 ? 2 : 0,
            Attributes = attributes.ToImmutable(),
        };
    }
}

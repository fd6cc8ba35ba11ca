using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Weft.Discovery.Listeners;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Pipeline;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Istio's standard metrics for one proxy, both reporters: <c>source</c> for what it sends out
/// (outbound listeners), <c>destination</c> for what it receives (inbound listeners). Holds every
/// edge and series for the life of the process (counters never go back when config changes);
/// per request it picks the snapshot's precomputed edge, the series for the response code and
/// flags, and increments. Between sidecars it runs Istio's metadata exchange (<see cref="PeerMetadata"/>).
/// </summary>
public sealed class IstioMetrics : IStatsHook
{
    /// <summary>Distinct peer headers remembered; beyond, a header is decoded per request (someone is sending junk).</summary>
    private const int PeerCacheLimit = 4096;

    private readonly ConcurrentDictionary<string, HttpEdge> _httpEdges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TcpEdge> _tcpEdges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnownPeer?> _peers = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ProxySnapshot, SnapshotTelemetry> _compiled = new();
    private readonly ConditionalWeakTable<ProxySnapshot, SnapshotTelemetry>.CreateValueCallback _compile;
    private readonly Principals _principals = new();
    private readonly NodeInfo _node;
    private SnapshotTelemetry? _last;

    private readonly Tracing.SpanExporter _exporter;

    public IstioMetrics(NodeInfo node, ILoggerFactory? logs = null)
    {
        _node = node;
        _exporter = new Tracing.SpanExporter((logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<Tracing.SpanExporter>());
        _compile = s => new SnapshotTelemetry(s, _node, this, s.Security.TrustDomain);
    }

    public IEnumerable<HttpEdge> HttpEdges => _httpEdges.Values;

    public IEnumerable<TcpEdge> TcpEdges => _tcpEdges.Values;

    /// <summary>The compiled telemetry of a snapshot (the last one is kept at hand: nearly every request uses it).</summary>
    public SnapshotTelemetry For(ProxySnapshot snapshot)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Source, snapshot))
            return last;
        var t = _compiled.GetValue(snapshot, _compile);
        Volatile.Write(ref _last, t);
        return t;
    }

    public void OnSnapshot(ProxySnapshot snapshot) => For(snapshot);

    public object? OnHttpStarting(ProxyContext ctx)
    {
        var headers = ctx.Http.Request.Headers;
        var t = For(ctx.Snapshot.Source);
        KnownPeer? peer = null;
        if (ctx.Listener.Config.Direction == TrafficDirection.Inbound)
        {
            if (headers.TryGetValue(PeerMetadata.Header, out var value))
            {
                peer = Peer(value.ToString());
                headers.Remove(PeerMetadata.Header);
            }
            if (headers.ContainsKey(PeerMetadata.IdHeader))
                headers.Remove(PeerMetadata.IdHeader);
        }
        else
        {
            headers[PeerMetadata.Header] = t.ExchangeHeader;
            headers[PeerMetadata.IdHeader] = t.ExchangeId;
        }
        // Without a tracing endpoint trace headers pass untouched and nothing is allocated here.
        return t.TracingEndpoint is null ? peer : Tracing.TraceSpan.Start(headers, t.SamplingPercent, ctx.StartTime, peer);
    }

    public void OnHttpCompleted(ProxyContext ctx, int status, TimeSpan duration, object? state)
    {
        var t = For(ctx.Snapshot.Source);
        var span = state as Tracing.TraceSpan;
        if (span is { Sampled: true } && t.TracingEndpoint is { } endpoint)
            _exporter.Enqueue(endpoint, Tracing.SpanBuilder.Build(ctx, t, span, status, duration));
        if (!t.Enabled)
            return;
        var http = ctx.Http;
        var edge = ctx.Listener.Config.Direction == TrafficDirection.Inbound
            ? t.Inbound(span?.Peer ?? state as KnownPeer, DownstreamPrincipal(http.Features), ctx.Cluster)
            : t.Outbound(ctx.Cluster, ctx.Endpoint);
        var grpc = http.Request.ContentType is { } ct && ct.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
        var series = edge.Get(grpc, status, grpc ? GrpcStatus(http) : -1, ctx.Flags);
        series.Record(duration.TotalMilliseconds, ctx.BytesReceived, ctx.BytesSent);
    }

    /// <summary>Spans sent and lost (queue full or endpoint failing), for /stats.</summary>
    public Tracing.SpanExporter Spans => _exporter;

    public void OnTcpOpened(TcpConnectionRecord record)
    {
        if (Volatile.Read(ref _last) is not { Enabled: true } t)
            return;
        Interlocked.Increment(ref t.Tcp(record).Get(record.Flags).Opened);
    }

    public void OnTcpCompleted(TcpConnectionRecord record)
    {
        if (Volatile.Read(ref _last) is not { Enabled: true } t)
            return;
        var series = t.Tcp(record).Get(record.Flags);
        Interlocked.Add(ref series.ReceivedBytes, record.BytesReceived);
        Interlocked.Add(ref series.SentBytes, record.BytesSent);
        Interlocked.Increment(ref series.Closed);
    }

    /// <summary>The mutual-TLS peer of a connection, read from its certificate; null when plaintext.</summary>
    public string? DownstreamPrincipal(IFeatureCollection features)
        => features.Get<ITlsConnectionFeature>()?.ClientCertificate is { } cert ? _principals.Of(cert) : null;

    internal HttpEdge HttpEdge(string prefix, string securityPolicy)
        => _httpEdges.GetOrAdd(prefix + "," + securityPolicy, static (_, a) => new HttpEdge(a.prefix, a.securityPolicy), (prefix, securityPolicy));

    internal TcpEdge TcpEdge(string prefix, string securityPolicy)
        => _tcpEdges.GetOrAdd(prefix + "," + securityPolicy, static (_, a) => new TcpEdge(a.prefix, a.securityPolicy), (prefix, securityPolicy));

    private KnownPeer? Peer(string header)
    {
        if (_peers.TryGetValue(header, out var known))
            return known;
        var decoded = PeerMetadata.Decode(header) is { } p ? new KnownPeer(p) : null;
        if (_peers.Count < PeerCacheLimit)
            decoded = _peers.GetOrAdd(header, decoded);
        return decoded;
    }

    private static int GrpcStatus(HttpContext http)
    {
        var trailers = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-status", out var t) && int.TryParse(t.ToString(), out var fromTrailer))
            return fromTrailer;
        if (http.Response.Headers.TryGetValue("grpc-status", out var h) && int.TryParse(h.ToString(), out var fromHeader))
            return fromHeader;
        return -1;
    }
}

using Weft.Proxy.Forwarding;
using Weft.Proxy.Routing;
using Weft.Proxy.Runtime;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Pipeline;

/// <summary>Everything one request carries through the stages.</summary>
public sealed class ProxyContext
{
    public ProxyContext(HttpContext http, CompiledSnapshot snapshot, CompiledListener listener, CompiledChain chain, long startTimestamp, DateTimeOffset startTime)
    {
        Http = http;
        Snapshot = snapshot;
        Listener = listener;
        Chain = chain;
        StartTimestamp = startTimestamp;
        StartTime = startTime;
        Aborted = http.RequestAborted;
        RequestToken = http.RequestAborted;
    }

    public HttpContext Http { get; }

    public CompiledSnapshot Snapshot { get; }

    public CompiledListener Listener { get; }

    public CompiledChain Chain { get; }

    public long StartTimestamp { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The client went away.</summary>
    public CancellationToken Aborted { get; }

    /// <summary>Aborted, or the route timeout fired.</summary>
    public CancellationToken RequestToken { get; set; }

    public bool RouteTimeoutFired { get; set; }

    public string Scheme { get; set; } = "http";

    public string RequestId { get; set; } = "";

    /// <summary>Host/:authority as the client sent it (for the access log).</summary>
    public string OriginalAuthority { get; set; } = "";

    public CompiledVirtualHost? VirtualHost { get; set; }

    public CompiledRoute? Route { get; set; }

    public CompiledDestination? Destination { get; set; }

    public ClusterRuntime? Cluster => Destination?.Cluster;

    /// <summary>Path and query sent upstream, after rewrites.</summary>
    public string UpstreamPathAndQuery { get; set; } = "/";

    /// <summary>Authority sent upstream, after rewrites.</summary>
    public string UpstreamAuthority { get; set; } = "";

    /// <summary>The request body read into memory when retries or mirrors need to replay it.</summary>
    public byte[]? BufferedBody { get; set; }

    public int BufferedBodyLength { get; set; }

    /// <summary>False once a streamed body has been (partly) sent: it cannot be sent again.</summary>
    public bool CanRetry { get; set; } = true;

    public ulong? HashKey { get; set; }

    /// <summary>Set-Cookie the consistent-hash cookie policy asks for.</summary>
    public string? SetCookie { get; set; }

    public EndpointState? Endpoint { get; set; }

    public int Attempt { get; set; }

    // Allocated on the first retry only: most requests never need it.
    private EndpointState?[]? _tried;

    public int TriedCount { get; private set; }

    public ReadOnlySpan<EndpointState?> TriedSpan => _tried is null ? default : _tried.AsSpan(0, Math.Min(TriedCount, _tried.Length));

    public HttpResponseMessage? UpstreamResponse { get; set; }

    public UpstreamFailure Failure { get; set; }

    public string? FailureDetail { get; set; }

    /// <summary>Whether the current attempt holds a circuit-breaker request slot and an endpoint's active count.</summary>
    public bool AttemptHeld { get; set; }

    public long UpstreamStartTimestamp { get; set; }

    public long UpstreamServiceTimeMs { get; set; } = -1;

    public ResponseFlags Flags { get; set; }

    /// <summary>Envoy's %RESPONSE_CODE_DETAILS%.</summary>
    public string Details { get; set; } = "-";

    public long BytesReceived { get; set; }

    public long BytesSent { get; set; }

    public string? CorsOrigin { get; set; }

    /// <summary>Ends the current attempt: drops its response and gives back its slots.</summary>
    public void ReleaseAttempt()
    {
        UpstreamResponse?.Dispose();
        UpstreamResponse = null;
        if (AttemptHeld)
        {
            AttemptHeld = false;
            Endpoint?.RequestFinished();
            Cluster?.Breaker.ReleaseRequest();
        }
    }

    /// <summary>Remembers an endpoint an attempt used (the first 4; Envoy's previous_hosts looks no further in practice).</summary>
    public void RememberTried(EndpointState ep)
    {
        _tried ??= new EndpointState?[4];
        if (TriedCount < _tried.Length)
            _tried[TriedCount] = ep;
        TriedCount++;
    }
}

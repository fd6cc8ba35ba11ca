using Weft.Discovery.Endpoints;

namespace Weft.Proxy.Upstream;

/// <summary>
/// One upstream endpoint and what the proxy learned about it: requests in flight (for least
/// request), consecutive errors and ejection (outlier detection). Kept across snapshots while the
/// endpoint stays, so a config push does not forgive a failing endpoint.
/// </summary>
public sealed class EndpointState
{
    private LbEndpoint _spec;
    private int _active;

    public EndpointState(LbEndpoint spec)
    {
        _spec = spec;
        Address = spec.Address;
        Port = spec.Port;
        Authority = spec.Address.Contains(':', StringComparison.Ordinal) ? $"[{spec.Address}]:{spec.Port}" : $"{spec.Address}:{spec.Port}";
        BaseUri = new Uri("http://" + Authority);
        TlsBaseUri = new Uri("https://" + Authority);
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary><c>address:port</c>, as %UPSTREAM_HOST% and /clusters show it.</summary>
    public string Authority { get; }

    public Uri BaseUri { get; }

    /// <summary>The same over TLS (DestinationRule TLS or mesh mTLS).</summary>
    public Uri TlsBaseUri { get; }

    /// <summary>The last upstream request URI built for this endpoint, reused while the path repeats (Forwarding/UpstreamUri).</summary>
    internal Forwarding.UpstreamUri? LastUpstreamUri;

    public LbEndpoint Spec => Volatile.Read(ref _spec);

    public int ActiveRequests => Volatile.Read(ref _active);

    // Outlier detection state; written under the detector's lock, read racily by load balancers
    // (a request may see an ejection a moment late, which Envoy also allows).
    internal int Consecutive5xx;
    internal int ConsecutiveGatewayErrors;
    internal int EjectionCount;
    internal long EjectedUntilTimestamp;
    internal volatile bool Ejected;
    internal long TotalEjections;

    public bool IsEjected => Ejected;

    public int TimesEjected => Volatile.Read(ref EjectionCount);

    public long RequestsTotal;
    public long RequestsFailed;

    public bool IsHealthy => Spec.Health == EndpointHealth.Healthy;

    /// <summary>Usable for a new request: healthy by the control plane and not ejected.</summary>
    public bool IsAvailable => !Ejected && Spec.Health == EndpointHealth.Healthy;

    internal void Update(LbEndpoint spec) => Volatile.Write(ref _spec, spec);

    public void RequestStarted() => Interlocked.Increment(ref _active);

    public void RequestFinished() => Interlocked.Decrement(ref _active);
}

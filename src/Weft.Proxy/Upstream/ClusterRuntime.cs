using System.Collections.Immutable;
using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Proxy.Upstream.LoadBalancing;

namespace Weft.Proxy.Upstream;

/// <summary>
/// The live side of a cluster: its connection pool (one SocketsHttpHandler), endpoints, load
/// balancer, circuit breaker, outlier detector and counters. Kept across snapshots while its
/// config is unchanged, so pooled connections and learned health survive a push.
/// </summary>
public sealed class ClusterRuntime : IDisposable
{
    private EndpointSet _endpoints = EndpointSet.Empty;
    private readonly Security.Tls.MeshTls? _meshTls;

    public ClusterRuntime(Cluster config, string configKey, TimeProvider time, ILoggerFactory logs, Security.Tls.MeshTls? meshTls = null, IPAddress? sourceAddress = null)
    {
        Config = config;
        ConfigKey = configKey;
        Breaker = new CircuitBreaker(config);
        LoadBalancer = config.LoadBalancer.Policy switch
        {
            LoadBalancerPolicy.RoundRobin => new RoundRobinLoadBalancer(),
            LoadBalancerPolicy.Random => new RandomLoadBalancer(),
            LoadBalancerPolicy.RingHash => new RingHashLoadBalancer(config.LoadBalancer.ConsistentHash?.MinimumRingSize ?? 1024),
            LoadBalancerPolicy.Maglev => new MaglevLoadBalancer(),
            _ => new LeastRequestLoadBalancer(),
        };
        var pool = config.ConnectionPool;
        var http1 = config.Protocol != UpstreamProtocol.Http2;
        Handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = pool.ConnectTimeout,
            PooledConnectionIdleTimeout = pool.IdleTimeout,
            MaxConnectionsPerServer = http1 && pool.MaxConnections is { } max ? max : int.MaxValue,
            EnableMultipleHttp2Connections = true,
            // The proxy propagates trace headers itself (telemetry issue); no Activity injection here.
            ActivityHeadersPropagator = null,
            MaxResponseHeadersLength = 96,
        };
        _meshTls = meshTls;
        SourceAddress = sourceAddress;
        if (sourceAddress is not null)
            Gateways.GatewaySource.Bind(Handler, sourceAddress);
        Security.Tls.UpstreamTls.Configure(Handler, config, meshTls, logs.CreateLogger<ClusterRuntime>());
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: true);
        if (config.OutlierDetection is { } od)
            Outlier = new OutlierDetector(config.Name, od, () => Endpoints, Stats, time, logs.CreateLogger<OutlierDetector>());
    }

    public string Name => Config.Name;

    public Cluster Config { get; }

    /// <summary>The cluster's config as JSON: equal keys mean the runtime can be kept.</summary>
    public string ConfigKey { get; }

    public SocketsHttpHandler Handler { get; }

    /// <summary>The address this cluster's connections leave from (a gateway's own), or null for the kernel's choice.</summary>
    public IPAddress? SourceAddress { get; }

    public HttpMessageInvoker Invoker { get; }

    public ILoadBalancer LoadBalancer { get; }

    public CircuitBreaker Breaker { get; }

    public OutlierDetector? Outlier { get; }

    public ClusterStats Stats { get; } = new();

    public EndpointSet Endpoints => Volatile.Read(ref _endpoints);

    /// <summary>This proxy's mesh certificate source (TCP connections originate mesh mTLS with it).</summary>
    public Security.Tls.MeshTls? MeshTls => _meshTls;

    /// <summary>
    /// Whether requests to this endpoint use the https scheme (the cluster's mode, auto mTLS, this
    /// proxy's certificate). A cluster with a DestinationRule <c>sni</c> encrypts in its connect
    /// callback instead, so its requests use http over the TLS stream.
    /// </summary>
    public bool UsesTls(EndpointState endpoint) =>
        !Security.Tls.UpstreamTls.HandshakesInConnect(Config.Tls) && Security.Tls.UpstreamTls.Applies(Config.Tls, _meshTls, endpoint.Spec);

    public bool IsPanic => Outlier is { } o && Usable.IsPanic(Endpoints, o.MinHealthPercent);

    /// <summary>Swaps the endpoint set, keeping the state of endpoints that stay.</summary>
    public void UpdateEndpoints(ImmutableArray<LbEndpoint> endpoints)
    {
        var old = Endpoints.All;
        var next = new EndpointState[endpoints.IsDefault ? 0 : endpoints.Length];
        for (var i = 0; i < next.Length; i++)
        {
            var spec = endpoints[i];
            EndpointState? kept = null;
            foreach (var o in old)
                if (o.Port == spec.Port && string.Equals(o.Address, spec.Address, StringComparison.OrdinalIgnoreCase))
                    kept = o;
            if (kept is null)
                kept = new EndpointState(spec);
            else
                kept.Update(spec);
            next[i] = kept;
        }
        Volatile.Write(ref _endpoints, new EndpointSet(next));
    }

    public void Dispose()
    {
        Outlier?.Dispose();
        Invoker.Dispose();
    }
}

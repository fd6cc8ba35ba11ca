using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Codec;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;
using Weft.Identity.Ca;
using Weft.Identity.Csr;
using Weft.Identity.Keys;
using Weft.Identity.Spiffe;
using Route = Weft.Discovery.Routes.Route;

namespace Weft.Bench.Tools;

/// <summary>
/// The sidecar pair of the load benchmark, written with the Discovery records (so the files
/// follow the model as it changes) in the shape translation gives a two-workload mesh.
/// </summary>
public static class SnapshotsCommand
{
    public const string Service = "backend.bench.svc.cluster.local";

    /// <summary>The sidecars' identities when they speak mTLS (namespace bench, one service account each).</summary>
    public static readonly SpiffeId ClientIdentity = SpiffeId.Create(TrustDomain.Default, "bench", "bench-client");
    public static readonly SpiffeId ServerIdentity = SpiffeId.Create(TrustDomain.Default, "bench", "bench-server");

    internal static int Run(Options o)
    {
        var dir = o.String("--out", required: true);
        var client = o.Endpoint("--client");
        var server = o.Endpoint("--server");
        var backend = o.Endpoint("--backend");
        var accessLog = o.Flag("--access-log");
        var mtls = o.Flag("--mtls");
        o.RejectUnknown("--out", "--client", "--server", "--backend", "--access-log", "--mtls");
        if (o.Errors.Count > 0)
            return Usage.Fail("snapshots", o.Errors);
        Directory.CreateDirectory(dir!);
        File.WriteAllText(Path.Combine(dir!, "client.json"), SnapshotCodec.EncodeIndented(ClientSidecar(client!, server!, backend!.Port, accessLog, mtls)));
        File.WriteAllText(Path.Combine(dir!, "server.json"), SnapshotCodec.EncodeIndented(ServerSidecar(server!, backend, accessLog)));
        if (mtls)
            IssueCertificates(dir!);
        return 0;
    }

    /// <summary>Outbound: the app's requests to the service go over HTTP/2 to the server's sidecar, with Istio's default retries.</summary>
    public static ProxySnapshot ClientSidecar(IPEndPoint listen, IPEndPoint serverSidecar, int servicePort, bool accessLog, bool mtls = false)
    {
        var cluster = $"outbound|{servicePort}||{Service}";
        return Snapshot("bench-client", listen, TrafficDirection.Outbound, "outbound", new Route
        {
            Name = "backend",
            Match = new RouteMatch { Path = StringMatch.ForPrefix("/") },
            Forward = new RouteAction
            {
                Clusters = [new WeightedCluster { Name = cluster }],
                // What translation puts on every route whose VirtualService sets none.
                Retry = new RetryPolicy
                {
                    Attempts = 2,
                    RetryOn = ["connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"],
                    RetriableStatusCodes = [503],
                },
            },
        }, new Cluster
        {
            Name = cluster,
            Protocol = UpstreamProtocol.Http2,
            ServiceName = Service,
            Port = servicePort,
            // What translation gives a meshed destination: auto mTLS, the server's identity expected.
            Tls = mtls ? new UpstreamTlsSettings { Mode = TlsMode.IstioMutual, Auto = true, SubjectAltNames = [ServerIdentity.ToString()] } : null,
        }, serverSidecar, accessLog, mtls ? ServerIdentity : null);
    }

    /// <summary>
    /// A mesh CA of its own (Weft.Identity's) issues each sidecar its workload certificate, saved
    /// where weft-proxy reuses a certificate (DATA_DIR/certs, Istio's file names): run.sh starts
    /// the proxies with --data-dir DIR/NAME-data, so no CA has to answer during the benchmark.
    /// </summary>
    private static void IssueCertificates(string dir)
    {
        var ca = MeshCa.CreateWithNewRoot(TrustDomain.Default, TimeProvider.System);
        foreach (var (name, id) in new[] { ("client", ClientIdentity), ("server", ServerIdentity) })
        {
            using var pending = CsrBuilder.Create(id);
            var issued = ca.Sign(pending.CsrPem, id);
            var certificate = pending.Complete(issued.Chain, issued.TrustBundle, ca.Time.GetUtcNow());
            var certs = Path.Combine(dir, name + "-data", "certs");
            Directory.CreateDirectory(certs);
            SecretFile.Write(Path.Combine(certs, "root-cert.pem"), certificate.TrustBundle.ToPem());
            SecretFile.Write(Path.Combine(certs, "key.pem"), certificate.KeyPem());
            SecretFile.Write(Path.Combine(certs, "cert-chain.pem"), certificate.ChainPem);
        }
    }

    /// <summary>Inbound: what reaches the server's sidecar goes to the app over HTTP/1.1.</summary>
    public static ProxySnapshot ServerSidecar(IPEndPoint listen, IPEndPoint app, bool accessLog)
    {
        var cluster = $"inbound|{app.Port}||";
        return Snapshot("bench-server", listen, TrafficDirection.Inbound, "inbound", new Route
        {
            Name = "inbound|http|" + app.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Match = new RouteMatch { Path = StringMatch.ForPrefix("/") },
            Forward = new RouteAction { Clusters = [new WeightedCluster { Name = cluster }] },
        }, new Cluster { Name = cluster, Protocol = UpstreamProtocol.Http1 }, app, accessLog, null);
    }

    private static ProxySnapshot Snapshot(string name, IPEndPoint listen, TrafficDirection direction, string routes, Route route, Cluster cluster, IPEndPoint endpoint, bool accessLog, SpiffeId? endpointIdentity) => new()
    {
        Version = "bench-1",
        Node = new NodeInfo { Name = name, Namespace = "bench" },
        Listeners =
        [
            new Listener
            {
                Name = $"{routes}-{listen.Port}",
                Address = listen.Address.ToString(),
                Port = listen.Port,
                Direction = direction,
                FilterChains = [new FilterChain { Name = routes, Http = new HttpConnectionManager { RouteConfigName = routes } }],
            },
        ],
        RouteConfigurations = [new RouteConfiguration { Name = routes, VirtualHosts = [new VirtualHost { Name = "all", Domains = ["*"], Routes = [route] }] }],
        Clusters = [cluster],
        Endpoints = [new ClusterLoadAssignment { ClusterName = cluster.Name, Endpoints = [new LbEndpoint
        {
            Address = endpoint.Address.ToString(),
            Port = endpoint.Port,
            Identity = endpointIdentity?.ToString(),
            TlsMode = endpointIdentity is null ? null : "istio",
        }] }],
        Telemetry = new TelemetryConfig { AccessLog = new AccessLogConfig { Enabled = accessLog } },
    };
}

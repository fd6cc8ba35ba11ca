using Weft.Discovery.Clusters;
using Weft.Discovery.Codec;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using Weft.Identity.Ca;
using Weft.Identity.Spiffe;
using Weft.Proxy.Security.Certificates;
using Weft.Proxy.Tests.Certificates;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// Two real weft-proxy processes as the control plane would configure them: a client sidecar
/// (portal) whose outbound listener forwards to the server sidecar (travels) of another
/// address, which serves its application (a real backend) on an inbound listener. Each may hold
/// a workload certificate of a real mesh CA, saved where the proxy reuses it.
/// </summary>
internal sealed class MeshPair : IAsyncDisposable
{
    public static readonly SpiffeId Portal = SpiffeId.Create("cluster.local", "travel-portal", "travels");
    public static readonly SpiffeId Travels = SpiffeId.Create("cluster.local", "travel-agency", "travels");
    public const string Cluster = "outbound|8000||travels.travel-agency.svc.cluster.local";

    private MeshPair(TempDir dir, TestBackend app, ProxyProcess server, ProxyProcess client, string serverAddress, int serverPort, string clientAddress)
    {
        Dir = dir;
        App = app;
        Server = server;
        Client = client;
        ServerAddress = serverAddress;
        ServerPort = serverPort;
        Http = Clients.For(clientAddress, 15001);
    }

    public TempDir Dir { get; }
    public TestBackend App { get; }
    public ProxyProcess Server { get; }
    public ProxyProcess Client { get; }
    public string ServerAddress { get; }
    public int ServerPort { get; }
    public HttpClient Http { get; }

    /// <param name="ca">The mesh CA issuing the proxies' certificates.</param>
    /// <param name="serverCert">Whether the server sidecar holds a certificate.</param>
    /// <param name="clientCert">Whether the client sidecar holds one.</param>
    /// <param name="tls">The client cluster's TLS (null: plaintext).</param>
    /// <param name="security">The server's security settings (peer authentication, authorization).</param>
    /// <param name="protocol">The client cluster's protocol (HTTP/2 between sidecars).</param>
    /// <param name="handler">The application's handler (null: the test backend's default).</param>
    /// <param name="endpointTlsMode">The server endpoint's tlsMode (istio: it runs a sidecar).</param>
    /// <param name="serverSnapshot">Changes to the server's snapshot (more clusters).</param>
    public static async Task<MeshPair> StartAsync(MeshCa ca, bool serverCert, bool clientCert, UpstreamTlsSettings? tls, SecurityConfig? security = null,
        UpstreamProtocol protocol = UpstreamProtocol.Http2, Func<Microsoft.AspNetCore.Http.HttpContext, Task>? handler = null, string? endpointTlsMode = "istio",
        Func<ProxySnapshot, ProxySnapshot>? serverSnapshot = null)
    {
        var dir = new TempDir("weft-mesh-tls");
        var app = await TestBackend.StartAsync("travels-v1", handler);
        var serverAddress = Net.UniqueLoopback();
        var clientAddress = Net.UniqueLoopback();
        const int port = 8000;
        var server = new ProxySnapshot
        {
            Version = "s1",
            Listeners = [new Listener
            {
                Name = $"{serverAddress}_{port}",
                Address = serverAddress,
                Port = port,
                Direction = TrafficDirection.Inbound,
                FilterChains = [new FilterChain { Name = "inbound|8000||", Http = new HttpConnectionManager { RouteConfigName = "inbound|8000||" } }],
            }],
            RouteConfigurations = [Snap.Routes("inbound|8000||", Snap.Host(["*"], Snap.To("default", "inbound|8000||")))],
            Clusters = [Snap.Cluster("inbound|8000||")],
            Endpoints = [Snap.Endpoints("inbound|8000||", app)],
            Security = security ?? new SecurityConfig(),
        };
        var client = new ProxySnapshot
        {
            Version = "c1",
            Listeners = [Snap.Http(clientAddress, 15001, routeConfig: "outbound")],
            RouteConfigurations = [Snap.Routes("outbound", Snap.Host(["*"], Snap.To("travels", Cluster)))],
            Clusters = [Snap.Cluster(Cluster, protocol) with { Tls = tls }],
            Endpoints = [new ClusterLoadAssignment
            {
                ClusterName = Cluster,
                Endpoints = [new LbEndpoint { Address = serverAddress, Port = port, Identity = Travels.ToString(), TlsMode = endpointTlsMode }],
            }],
        };
        server = serverSnapshot?.Invoke(server) ?? server;
        var serverProcess = await StartProxyAsync(dir, "server", server, serverCert ? ca : null, Travels);
        var clientProcess = await StartProxyAsync(dir, "client", client, clientCert ? ca : null, Portal);
        return new MeshPair(dir, app, serverProcess, clientProcess, serverAddress, port, clientAddress);
    }

    public static async Task<ProxyProcess> StartProxyAsync(TempDir dir, string name, ProxySnapshot snapshot, MeshCa? ca, SpiffeId id)
    {
        var file = dir.Write(name + ".json", SnapshotCodec.EncodeIndented(snapshot));
        string[] args = ["--snapshot-file", file, "--drain-seconds", "0", "--name", name, "--namespace", id.Namespace, "--service-account", id.ServiceAccount];
        if (ca is not null)
        {
            var data = dir.File(name + "-data");
            new CertificateFiles(Path.Combine(data, "certs")).Save(TestMesh.Issue(ca, id));
            // The saved certificate is reused: this address is never called (renewal is 12 h away).
            args = [.. args, "--data-dir", data, "--ca-address", "https://127.0.0.1:1"];
        }
        return await ProxyProcess.StartAsync(args);
    }

    public static UpstreamTlsSettings IstioMutual(params string[] sans) => new() { Mode = TlsMode.IstioMutual, Auto = true, SubjectAltNames = [.. sans] };

    public string CertsOf(string name) => Path.Combine(Dir.File(name + "-data"), "certs");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        await App.DisposeAsync();
        Dir.Dispose();
    }
}

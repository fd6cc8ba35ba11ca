using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// A DestinationRule's tls SIMPLE or MUTUAL on a TCP cluster: the sidecar takes plain TCP from
/// the application and speaks TLS to the external server (a real .NET SslStream server here),
/// with the rule's sni, roots and, for MUTUAL, client certificate; a server the roots do not
/// vouch for gets no byte and the client's connection closes.
/// </summary>
public sealed class TcpTlsOriginationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Pki(string CaPem, X509Certificate2 Server, string ClientPem, string ClientKeyPem);

    private static Pki Issue(string name)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        X509Certificate2 Leaf(string cn, ECDsa key, bool server)
        {
            var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(cn);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
            return request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        }
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var serverCert = Leaf("db.example.com", serverKey, server: true).CopyWithPrivateKey(serverKey);
        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var clientCert = Leaf("client.example.com", clientKey, server: false);
        return new(ca.ExportCertificatePem(), X509CertificateLoader.LoadPkcs12(serverCert.Export(X509ContentType.Pkcs12), null),
            clientCert.ExportCertificatePem(), clientKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A TLS echo server: answers "tls:" and what it read, and records the SNI and client certificate of each handshake.</summary>
    private sealed class TlsEchoServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _accepting;
        private readonly CancellationTokenSource _stop = new();

        public TlsEchoServer(X509Certificate2 cert, bool requireClientCert)
        {
            Address = Net.UniqueLoopback();
            _listener = new TcpListener(IPAddress.Parse(Address), 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accepting = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try
                    {
                        client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    }
                    catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                        return;
                    }
                    _ = Task.Run(async () =>
                    {
                        using var c = client;
                        await using var ssl = new SslStream(c.GetStream());
                        try
                        {
                            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                            {
                                ServerCertificate = cert,
                                ClientCertificateRequired = requireClientCert,
                                RemoteCertificateValidationCallback = (_, presented, _, _) => !requireClientCert || presented is not null,
                            }, _stop.Token);
                            Handshakes.Enqueue((ssl.TargetHostName, ssl.RemoteCertificate?.Subject));
                            var buffer = new byte[1024];
                            var n = await ssl.ReadAsync(buffer, _stop.Token);
                            Received.Enqueue(Encoding.ASCII.GetString(buffer, 0, n));
                            await ssl.WriteAsync(Encoding.ASCII.GetBytes("tls:" + Encoding.ASCII.GetString(buffer, 0, n)), _stop.Token);
                            await ssl.FlushAsync(_stop.Token);
                        }
                        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
                        {
                            Failures.Enqueue(e.Message);
                        }
                    });
                }
            });
        }

        public string Address { get; }

        public int Port { get; }

        public ConcurrentQueue<(string Sni, string? ClientSubject)> Handshakes { get; } = new();

        public ConcurrentQueue<string> Failures { get; } = new();

        public ConcurrentQueue<string> Received { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
        }
    }

    private static ProxySnapshot TcpTo(string address, TlsEchoServer server, UpstreamTlsSettings tls) => new()
    {
        Version = "v1",
        Listeners = [new Listener { Name = "tcp-5432", Address = address, Port = 5432, FilterChains = [new FilterChain { Name = "db", Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "outbound|5432||db.example.com" }] } }] }],
        Clusters = [new Cluster { Name = "outbound|5432||db.example.com", Protocol = UpstreamProtocol.Tcp, LoadBalancer = new() { Policy = LoadBalancerPolicy.RoundRobin }, Tls = tls }],
        Endpoints = [new ClusterLoadAssignment { ClusterName = "outbound|5432||db.example.com", Endpoints = [new LbEndpoint { Address = server.Address, Port = server.Port }] }],
    };

    /// <summary>Plain TCP to the sidecar: what comes back ("" when the connection closes).</summary>
    private static async Task<string> ExchangeAsync(string address, string message)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address, 5432, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(message), Ct);
        var buffer = new byte[1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (IOException)
        {
            return "";
        }
    }

    [Fact]
    public async Task Simple_tls_on_a_tcp_cluster_sends_the_sni_and_trusts_only_the_rules_roots()
    {
        var pki = Issue("db");
        await using var server = new TlsEchoServer(pki.Server, requireClientCert: false);
        var address = Net.UniqueLoopback();
        await using (var proxy = await ProxyUnderTest.StartAsync(TcpTo(address, server, new UpstreamTlsSettings { Mode = TlsMode.Simple, Sni = "db.example.com", CaCertificatesPem = pki.CaPem })))
        {
            (await ExchangeAsync(address, "SELECT 1")).Should().Be("tls:SELECT 1");
            server.Handshakes.Should().ContainSingle().Which.Should().Be(("db.example.com", (string?)null));
        }

        var other = Issue("other");
        address = Net.UniqueLoopback();
        await using (var proxy = await ProxyUnderTest.StartAsync(TcpTo(address, server, new UpstreamTlsSettings { Mode = TlsMode.Simple, Sni = "db.example.com", CaCertificatesPem = other.CaPem })))
        {
            (await ExchangeAsync(address, "SELECT 2")).Should().BeEmpty("a server another CA signed is not believed");
            server.Received.Should().Equal(["SELECT 1"], "the proxy sends nothing to a server it does not believe");
        }
    }

    [Fact]
    public async Task Mutual_tls_on_a_tcp_cluster_presents_the_client_certificate()
    {
        var pki = Issue("db");
        await using var server = new TlsEchoServer(pki.Server, requireClientCert: true);
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(TcpTo(address, server, new UpstreamTlsSettings
        {
            Mode = TlsMode.Mutual,
            SubjectAltNames = ["db.example.com"],
            CaCertificatesPem = pki.CaPem,
            ClientCertificatePem = pki.ClientPem,
            PrivateKeyPem = pki.ClientKeyPem,
        }));

        (await ExchangeAsync(address, "HELLO")).Should().Be("tls:HELLO");
        server.Handshakes.Should().ContainSingle().Which.ClientSubject.Should().Be("CN=client.example.com");
    }
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Ca;
using Weft.Identity.Csr;
using Weft.Proxy.Security.Certificates;

namespace Weft.Proxy.Tests.Certificates;

/// <summary>
/// The proxy talks only to the mesh's control plane: a TLS server that cannot show a certificate
/// for <c>weftd</c> from the mesh's roots never sees the bootstrap token, not even its request line.
/// </summary>
public class CaClientTests
{
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);
    private const string Token = "weftbt.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public async Task A_server_with_a_certificate_from_another_CA_never_receives_the_token()
    {
        var impostorCa = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);
        await using var server = await RogueServer.StartAsync(Serving(impostorCa, "weftd"));
        var e = await Bootstrap(server.Address);
        e.Message.Should().Contain("is not the mesh's control plane").And.Contain("does not chain to a root");
        server.BytesAfterHandshake.Should().Be(0, "the token was never sent");
    }

    [Fact]
    public async Task A_server_signed_by_the_mesh_but_not_named_weftd_never_receives_the_token()
    {
        // A workload's own certificate is mesh-signed too: it must not pass for the control plane.
        await using var server = await RogueServer.StartAsync(Serving(_ca, "cars.vm.svc"));
        var e = await Bootstrap(server.Address);
        e.Message.Should().Contain("does not name weftd");
        server.BytesAfterHandshake.Should().Be(0);
    }

    [Fact]
    public async Task An_unreachable_control_plane_is_a_retriable_error()
    {
        var port = Weft.Testing.Net.FreePort();
        var e = await Bootstrap(new Uri($"https://127.0.0.1:{port}"));
        e.Should().BeOfType<IOException>().Which.Message.Should().StartWith($"cannot reach the certificate endpoint https://127.0.0.1:{port}/");
    }

    private async Task<Exception> Bootstrap(Uri address)
    {
        var client = new CaClient(address, TimeProvider.System);
        using var pending = CsrBuilder.Create(TestMesh.Cars);
        return (await FluentActions.Awaiting(() => client.BootstrapAsync(pending, Token, _ca.TrustBundle, CancellationToken.None))
            .Should().ThrowAsync<IOException>()).Which;
    }

    private static X509Certificate2 Serving(MeshCa ca, string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = ca.IssueServing(new PublicKey(key), null, [dnsName], [IPAddress.Loopback]);
        return issued.Certificate.CopyWithPrivateKey(key);
    }

    /// <summary>A TLS server that counts what a client sends after the handshake.</summary>
    private sealed class RogueServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accept;
        private int _bytes;

        private RogueServer(TcpListener listener, X509Certificate2 cert)
        {
            _listener = listener;
            _accept = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try
                    {
                        client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    _ = Task.Run(async () =>
                    {
                        using var c = client;
                        try
                        {
                            await using var tls = new SslStream(c.GetStream());
                            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = cert, EnabledSslProtocols = SslProtocols.Tls13 });
                            var buffer = new byte[4096];
                            int n;
                            while ((n = await tls.ReadAsync(buffer)) > 0)
                                Interlocked.Add(ref _bytes, n);
                        }
                        catch (Exception e) when (e is IOException or AuthenticationException)
                        {
                        }
                    });
                }
            });
        }

        public Uri Address => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

        public int BytesAfterHandshake => Volatile.Read(ref _bytes);

        public static Task<RogueServer> StartAsync(X509Certificate2 cert)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new RogueServer(listener, cert));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accept;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }
    }
}

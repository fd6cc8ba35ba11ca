using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Rotation;
using Weft.Identity.Tests.Support;

namespace Weft.Identity.Tests.Rotation;

public class CertificateRotatorTests
{
    private readonly ManualClock _clock = new(Certs.Start);

    private (MeshCa Ca, Func<WorkloadCertificate, CancellationToken, Task<WorkloadCertificate>> Renew, List<DateTimeOffset> Calls) Setup()
    {
        var ca = Certs.NewCa(_clock);
        var calls = new List<DateTimeOffset>();
        return (ca, (current, _) =>
        {
            lock (calls)
                calls.Add(_clock.GetUtcNow());
            return Task.FromResult(Certs.Issue(ca, current.Identity));
        }, calls);
    }

    [Fact]
    public void Renewal_is_planned_at_half_life_within_the_jitter()
    {
        var (ca, renew, _) = Setup();
        var cert = Certs.Issue(ca, Certs.Id());
        var rotator = new CertificateRotator(cert, renew, _clock, NullLogger.Instance);
        var times = Enumerable.Range(0, 200).Select(_ => rotator.RenewalTime(cert)).ToList();
        var life = cert.Lifetime;
        times.Should().AllSatisfy(t => t.Should().BeOnOrAfter(cert.NotBefore + life * 0.45).And.BeOnOrBefore(cert.NotBefore + life * 0.55));
        times.Distinct().Count().Should().BeGreaterThan(150, "the jitter spreads proxies that started together");
    }

    [Fact]
    public async Task The_certificate_is_renewed_at_half_life_not_before_and_again_after_that()
    {
        var (ca, renew, calls) = Setup();
        var first = Certs.Issue(ca, Certs.Id());
        await using var rotator = new CertificateRotator(first, renew, _clock, NullLogger.Instance, new RotationOptions { Jitter = 0 });
        var rotated = new List<WorkloadCertificate>();
        rotator.Rotated += rotated.Add;
        rotator.Start();

        await _clock.WaitForWaiterAsync();
        _clock.AdvanceTo(first.NotBefore + first.Lifetime / 2 - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        calls.Should().BeEmpty("half life is not reached");

        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntil(() => rotator.Rotations == 1);
        rotator.Current.Should().NotBeSameAs(first);
        rotator.Current.Certificate.NotAfter.Should().BeAfter(first.Certificate.NotAfter);
        rotated.Should().ContainSingle().Which.Should().BeSameAs(rotator.Current);

        var second = rotator.Current;
        await _clock.WaitForWaiterAsync();
        _clock.AdvanceTo(rotator.NextRenewal);
        await WaitUntil(() => rotator.Rotations == 2);
        calls.Should().HaveCount(2);
        rotator.Current.Should().NotBeSameAs(second);
    }

    [Fact]
    public async Task A_failed_renewal_is_retried_with_doubling_back_off_and_the_old_certificate_is_kept_meanwhile()
    {
        var ca = Certs.NewCa(_clock);
        var first = Certs.Issue(ca, Certs.Id());
        var attempts = 0;
        await using var rotator = new CertificateRotator(first, (current, _) =>
        {
            if (Interlocked.Increment(ref attempts) <= 3)
                throw new HttpRequestException("control plane unreachable");
            return Task.FromResult(Certs.Issue(ca, current.Identity));
        }, _clock, NullLogger.Instance, new RotationOptions { Jitter = 0, RetryInitial = TimeSpan.FromSeconds(1) });
        rotator.Start();

        await _clock.WaitForWaiterAsync();
        _clock.AdvanceTo(rotator.NextRenewal);
        await WaitUntil(() => attempts == 1);
        await _clock.WaitForWaiterAsync();
        rotator.NextRenewal.Should().Be(_clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        rotator.Current.Should().BeSameAs(first);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntil(() => attempts == 2);
        await _clock.WaitForWaiterAsync();
        rotator.NextRenewal.Should().Be(_clock.GetUtcNow() + TimeSpan.FromSeconds(2));

        _clock.Advance(TimeSpan.FromSeconds(2));
        await WaitUntil(() => attempts == 3);
        await _clock.WaitForWaiterAsync();
        rotator.NextRenewal.Should().Be(_clock.GetUtcNow() + TimeSpan.FromSeconds(4));

        _clock.Advance(TimeSpan.FromSeconds(4));
        await WaitUntil(() => rotator.Rotations == 1);
        rotator.Current.Should().NotBeSameAs(first);
    }

    [Fact]
    public async Task A_rotation_changes_what_new_connections_see_and_drops_no_established_connection()
    {
        var (ca, renew, _) = Setup();
        var first = Certs.Issue(ca, Certs.Id("shop", "cart"));
        await using var rotator = new CertificateRotator(first, renew, _clock, NullLogger.Instance);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = Task.Run(async () =>
        {
            var sessions = new List<Task>();
            for (var i = 0; i < 2; i++)
            {
                var socket = await listener.AcceptTcpClientAsync(cts.Token);
                sessions.Add(Task.Run(async () =>
                {
                    using var tcp = socket;
                    await using var tls = new SslStream(tcp.GetStream());
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificateSelectionCallback = rotator.SelectServerCertificate,
                        EnabledSslProtocols = SslProtocols.Tls13,
                    }, cts.Token);
                    var buffer = new byte[64];
                    int n;
                    while ((n = await tls.ReadAsync(buffer, cts.Token)) > 0)
                        await tls.WriteAsync(buffer.AsMemory(0, n), cts.Token);
                }));
            }
            await Task.WhenAll(sessions);
        });

        async Task<(SslStream Tls, TcpClient Tcp, X509Certificate2 Seen)> ConnectAsync()
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            X509Certificate2? seen = null;
            var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "cart",
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                {
                    seen = new X509Certificate2(cert!);
                    return first.TrustBundle.VerifyPeer(seen, [], _clock.GetUtcNow()).Ok;
                },
            }, cts.Token);
            return (tls, tcp, seen!);
        }

        async Task<string> EchoAsync(SslStream tls, string text)
        {
            await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text), cts.Token);
            var buffer = new byte[64];
            var n = await tls.ReadAsync(buffer, cts.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
        }

        var (oldTls, oldTcp, oldSeen) = await ConnectAsync();
        oldSeen.Thumbprint.Should().Be(first.Certificate.Thumbprint);
        (await EchoAsync(oldTls, "before")).Should().Be("before");

        await rotator.RenewNowAsync(cts.Token);
        rotator.Current.Should().NotBeSameAs(first);

        var (newTls, newTcp, newSeen) = await ConnectAsync();
        newSeen.Thumbprint.Should().Be(rotator.Current.Certificate.Thumbprint, "a new connection gets the new certificate");
        (await EchoAsync(newTls, "new")).Should().Be("new");
        (await EchoAsync(oldTls, "still here")).Should().Be("still here", "the established connection was not dropped");

        await oldTls.DisposeAsync();
        await newTls.DisposeAsync();
        oldTcp.Dispose();
        newTcp.Dispose();
        await server;
    }

    [Fact]
    public async Task Server_options_per_handshake_carry_the_current_certificate_and_its_intermediates()
    {
        var (ca, renew, _) = Setup();
        await using var rotator = new CertificateRotator(Certs.Issue(ca, Certs.Id()), renew, _clock, NullLogger.Instance);
        var options = rotator.ServerOptions(new SslServerAuthenticationOptions { ClientCertificateRequired = true });
        options.ServerCertificateContext!.TargetCertificate.Thumbprint.Should().Be(rotator.Current.Certificate.Thumbprint);
        options.ClientCertificateRequired.Should().BeTrue();
        await rotator.RenewNowAsync(CancellationToken.None);
        rotator.ServerOptions(new SslServerAuthenticationOptions()).ServerCertificateContext!.TargetCertificate.Thumbprint
            .Should().Be(rotator.Current.Certificate.Thumbprint);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not become true within 10 s");
            await Task.Delay(5);
        }
    }
}

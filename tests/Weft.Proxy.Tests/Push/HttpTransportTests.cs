using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Protocol;
using Weft.Proxy.Tests.Infrastructure;

namespace Weft.Proxy.Tests.Push;

public sealed class HttpTransportTests
{
    [Fact]
    public async Task The_http2_push_stream_carries_hello_snapshot_and_ack_both_ways()
    {
        await using var cp = await DiscoveryHost.StartNewAsync();
        cp.Source.SetForAll(Snap.Forwarding("127.0.0.1", 9, []) with { Version = "h2" });
        using var http = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false });
        var target = new Target();
        using var stop = new CancellationTokenSource();
        var client = new DiscoveryClient(c => HttpDiscoveryConnection.ConnectAsync(http, new Uri(cp.Url), c),
            new() { Name = "p", Namespace = "default" }, target, new(), TimeProvider.System, NullLogger<DiscoveryClient>.Instance);
        var run = client.RunAsync(stop.Token);

        await cp.WaitForAsync(s => s.Proxies.Any(p => p.AckedVersion == "h2"), "the ACK over HTTP/2", TimeSpan.FromSeconds(5));

        target.Version.Should().Be("h2");
        await stop.CancelAsync();
        await run;
    }

    private sealed class Target : ISnapshotTarget
    {
        public string? Version;

        public string? CurrentVersion => Version;

        public Task<string?> ApplyAsync(Weft.Discovery.Snapshot.ProxySnapshot snapshot, CancellationToken ct)
        {
            Version = snapshot.Version;
            return Task.FromResult<string?>(null);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Weft.ControlPlane.Hosting;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Push;

/// <summary>weftd hosting discovery: a real push stream (on the plaintext listener a test asks for) to an in-process server, seen through the REST API.</summary>
public sealed class DiscoveryHostingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WeftServerOptions Options(string dir, IPEndPoint? insecureDiscovery, IPEndPoint? tlsPort = null, bool explicitly = true) => new()
    {
        DataDir = dir,
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        InsecureDiscoveryListen = insecureDiscovery,
        Ca = new Weft.ControlPlane.Ca.CaOptions { Listen = tlsPort, ListenExplicit = explicitly },
        Logging = l => l.ClearProviders().AddProvider(Log).SetMinimumLevel(LogLevel.Debug),
    };

    private static readonly RecordingLogs Log = new();

    [Fact]
    public async Task A_connected_proxy_is_listed_with_its_last_NACK_and_then_the_version_it_acknowledged()
    {
        using var dir = Repo.TempDir("weftd-push");
        await using var server = await WeftServer.StartAsync(Options(dir.Path, new IPEndPoint(IPAddress.Loopback, 0)), Ct);
        server.Discovery.Address.Should().NotBeNull();
        using var api = new HttpClient { BaseAddress = server.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);

        var target = new Target { Refuse = true };
        using var http = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false });
        var node = new NodeInfo { Name = "cars-v1", Namespace = "travel", Address = "127.22.0.1", AdminAddress = "127.22.0.1:15000" };
        var client = new DiscoveryClient(c => HttpDiscoveryConnection.ConnectAsync(http, server.Discovery.Address!, c), node, target,
            new DiscoveryClientOptions(), TimeProvider.System, Log.CreateLogger<DiscoveryClient>());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = client.RunAsync(stop.Token);

        var nacked = await WaitForProxyAsync(api, p => p["lastNack"] is JsonObject);
        nacked["id"]!.GetValue<string>().Should().Be("cars-v1.travel");
        nacked["adminAddress"]!.GetValue<string>().Should().Be("127.22.0.1:15000");
        nacked["connected"]!.GetValue<bool>().Should().BeTrue();
        nacked["lastNack"]!["error"]!.GetValue<string>().Should().Be("refused by the test");
        nacked["ackedVersion"].Should().BeNull();

        target.Refuse = false;
        using (var apply = await api.PostAsync("apis/weft.io/v1/apply", new StringContent("""
            {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"cars","namespace":"travel"},"spec":{"selector":{"app":"cars"},"ports":[{"name":"http","port":8000}]}}]}
            """, Encoding.UTF8, "application/json"), Ct))
            apply.StatusCode.Should().Be(HttpStatusCode.OK);

        var synced = await WaitForProxyAsync(api, p => p["ackedVersion"] is not null && p["ackedVersion"]!.ToString() == p["sentVersion"]!.ToString());
        target.Applied.Should().Contain(s => s.Clusters.Any(c => c.Name == "outbound|8000||cars.travel.svc.cluster.local"));
        synced["sentVersion"]!.GetValue<string>().Should().Be(target.Applied.Last().Version);

        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        (await WaitForProxyAsync(api, p => p["connected"]!.GetValue<bool>() == false))["disconnectedAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_taken_default_TLS_port_is_a_warning_but_a_taken_explicit_one_stops_the_start()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var endpoint = (IPEndPoint)taken.LocalEndpoint;
        using var dirA = Repo.TempDir("weftd-push");
        using var dirB = Repo.TempDir("weftd-push");

        await using (var server = await WeftServer.StartAsync(Options(dirA.Path, null, endpoint, explicitly: false), Ct))
        {
            server.Ca.Address.Should().BeNull("the TLS port could not listen, and the REST API serves anyway");
            server.Discovery.Address.Should().BeNull("no plaintext listener was asked for");
        }

        var start = () => WeftServer.StartAsync(Options(dirB.Path, null, endpoint, explicitly: true), Ct);
        await start.Should().ThrowAsync<IOException>();
    }

    private static async Task<JsonObject> WaitForProxyAsync(HttpClient api, Func<JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await api.GetStringAsync("apis/weft.io/v1/proxies", Ct);
            if (JsonNode.Parse(last)!["items"]!.AsArray().OfType<JsonObject>().FirstOrDefault(condition) is { } p)
                return p;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("the proxy list never showed what was expected: " + last + "\nlogs:\n" + Log.Text);
    }

    private sealed class Target : ISnapshotTarget
    {
        public volatile bool Refuse;

        public List<ProxySnapshot> Applied { get; } = [];

        public string? CurrentVersion { get; private set; }

        public Task<string?> ApplyAsync(ProxySnapshot snapshot, CancellationToken ct)
        {
            if (Refuse)
                return Task.FromResult<string?>("refused by the test");
            lock (Applied)
                Applied.Add(snapshot);
            CurrentVersion = snapshot.Version;
            return Task.FromResult<string?>(null);
        }
    }

    /// <summary>Every log line of the server and the client, for the failure message.</summary>
    private sealed class RecordingLogs : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public string Text => string.Join('\n', lines);

        public ILogger<T> CreateLogger<T>() => new Logger<T>(new LoggerFactory([this]));

        public ILogger CreateLogger(string categoryName) => new Line(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Line(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
        }
    }
}

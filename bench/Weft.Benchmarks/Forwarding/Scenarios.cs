using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Bench.Tools;
using Weft.Benchmarks.Infrastructure;
using Weft.Discovery.Clusters;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Runtime;
using Weft.Proxy.Telemetry;
using Weft.Proxy.Upstream;

namespace Weft.Benchmarks.Forwarding;

/// <summary>One way of sending one request through (part of) the proxy; set up once, sent many times.</summary>
public interface IRequestScenario : IAsyncDisposable
{
    /// <summary>Sends one request and waits for the whole response.</summary>
    ValueTask SendAsync();
}

/// <summary>
/// The scenarios of the forwarder's measurements, from the meter's own floor to two whole
/// sidecars. Upstream is always <see cref="RawHttpBackend"/> and downstream, where there is a
/// socket, <see cref="RawHttpClient"/>: both allocate nothing per request.
/// </summary>
public static class Scenarios
{
    /// <summary><paramref name="Key"/> is short: BenchmarkDotNet cuts parameter values past 20 characters.</summary>
    public sealed record Info(string Key, string Name, string Measures, Func<Task<IRequestScenario>> Start);

    public static readonly Info[] All =
    [
        new("floor", "raw client -> raw backend", "the meter's floor: should be 0", async () => await Direct.StartAsync()),
        new("handler", "SocketsHttpHandler -> raw backend", "what the upstream leg's HTTP/1.1 client needs by itself", async () => await Handler.StartAsync()),
        new("kestrel", "raw client -> Kestrel app", "what Kestrel needs by itself to serve a 1 KiB response", async () => await Kestrel.StartAsync()),
        new("pipeline-inbound", "pipeline, inbound route (no Kestrel)", "DefaultHttpContext -> Weft's stages -> SocketsHttpHandler (HTTP/1.1): the server sidecar's route", async () => await Pipeline.StartAsync(outbound: false)),
        new("pipeline-outbound", "pipeline, outbound route (no Kestrel)", "as above with Istio's default retry policy, as the client sidecar's route (upstream HTTP/1.1 here)", async () => await Pipeline.StartAsync(outbound: true)),
        new("sidecar", "weft-proxy, one sidecar", "a whole weft-proxy in-process, HTTP/1.1 in and out (the server sidecar)", async () => await Sidecars.StartAsync(pair: false)),
        new("sidecar-pair", "weft-proxy, sidecar pair", "both sidecars in-process: HTTP/1.1 in, HTTP/2 between them, HTTP/1.1 out", async () => await Sidecars.StartAsync(pair: true)),
    ];

    public static Info Find(string key) => All.First(s => s.Key == key);

    private sealed class Direct(RawHttpBackend backend, RawHttpClient client) : IRequestScenario
    {
        public static Task<Direct> StartAsync()
        {
            var b = new RawHttpBackend();
            return Task.FromResult(new Direct(b, new RawHttpClient(b.EndPoint, "backend")));
        }

        public ValueTask SendAsync() => Check(client.Get());

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            backend.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Handler(RawHttpBackend backend, HttpMessageInvoker invoker, Uri uri) : IRequestScenario
    {
        private readonly byte[] _buffer = new byte[32 * 1024];

        public static Task<Handler> StartAsync()
        {
            var b = new RawHttpBackend();
            var invoker = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false, ActivityHeadersPropagator = null });
            return Task.FromResult(new Handler(b, invoker, new Uri($"http://{b.EndPoint}/")));
        }

        public async ValueTask SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await invoker.SendAsync(request, CancellationToken.None);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(_buffer) > 0)
            {
            }
            await Check((int)response.StatusCode);
        }

        public ValueTask DisposeAsync()
        {
            invoker.Dispose();
            backend.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Kestrel(WebApplication app, RawHttpClient client) : IRequestScenario
    {
        public static async Task<Kestrel> StartAsync()
        {
            var ep = new IPEndPoint(IPAddress.Loopback, FreePort());
            var app = BackendCommand.Build(ep, null, 1024);
            await app.StartAsync();
            return new Kestrel(app, new RawHttpClient(ep, "backend"));
        }

        public ValueTask SendAsync() => Check(client.Get());

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Weft's stages driven without Kestrel: one DefaultHttpContext over plain features, reset per
    /// request as Kestrel resets its pooled one, a ProxyContext, the compiled snapshot's pipeline.
    /// </summary>
    private sealed class Pipeline : IRequestScenario
    {
        private readonly RawHttpBackend _backend = new();
        private readonly ClusterManager _clusters = new(TimeProvider.System, NullLoggerFactory.Instance, TimeSpan.Zero);
        private readonly AccessLog _accessLog = new();
        private readonly HttpRequestFeature _request = new();
        private readonly HttpResponseFeature _response = new();
        private readonly DefaultHttpContext _http;
        private readonly CompiledSnapshot _snapshot;
        private readonly CompiledListener _listener;
        private readonly CompiledChain _chain;
        private readonly bool _outbound;

        private Pipeline(bool outbound)
        {
            _outbound = outbound;
            var listen = new IPEndPoint(IPAddress.Loopback, 15006);
            var snapshot = outbound
                ? SnapshotsCommand.ClientSidecar(listen, _backend.EndPoint, 8080, accessLog: false)
                : SnapshotsCommand.ServerSidecar(listen, _backend.EndPoint, accessLog: false);
            // The client sidecar speaks HTTP/2 upstream; the raw backend only HTTP/1.1 (the pair scenario covers HTTP/2).
            snapshot = snapshot with { Clusters = [.. snapshot.Clusters.Select(c => c with { Protocol = UpstreamProtocol.Http1 })] };
            _accessLog.Configure(snapshot.Telemetry.AccessLog);
            var prepared = _clusters.Prepare(snapshot);
            _clusters.Commit(prepared);
            var pipelines = new PipelineFactory(TimeProvider.System, NullLoggerFactory.Instance, new NullStatsHook(), _accessLog, new ProxyCounters());
            _snapshot = new CompiledSnapshot(snapshot, prepared, pipelines, DateTimeOffset.UtcNow);
            _listener = _snapshot.Listeners.Values.Single();
            _chain = _listener.Chains[0];
            var features = new FeatureCollection();
            features.Set<IHttpRequestFeature>(_request);
            features.Set<IHttpResponseFeature>(_response);
            features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
            features.Set<IHttpRequestBodyDetectionFeature>(NoBody.Instance);
            _http = new DefaultHttpContext(features);
        }

        public static Task<Pipeline> StartAsync(bool outbound) => Task.FromResult(new Pipeline(outbound));

        public async ValueTask SendAsync()
        {
            Reset();
            var ctx = new ProxyContext(_http, _snapshot, _listener, _chain, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
            await _snapshot.Pipeline.InvokeAsync(ctx);
            await Check(_response.StatusCode);
        }

        // What Kestrel hands a fresh request: the same strings each time, so resetting allocates nothing.
        private void Reset()
        {
            _request.Method = "GET";
            _request.Scheme = "http";
            _request.Protocol = "HTTP/1.1";
            _request.Path = "/";
            _request.RawTarget = "/";
            _request.QueryString = "";
            var h = _request.Headers;
            h.Clear();
            h.Host = "backend.bench.svc.cluster.local:8080";
            h.UserAgent = "weft-bench";
            h.Accept = "*/*";
            // The server sidecar gets the id the client sidecar generated; the client sidecar makes one.
            if (!_outbound)
                h["x-request-id"] = "6c8e3d1e-8f3b-4a47-9d6e-2a1f0b9c7d55";
            _response.StatusCode = 200;
            _response.ReasonPhrase = null;
            _response.Headers.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            _clusters.Dispose();
            await _accessLog.DisposeAsync();
            _backend.Dispose();
        }

        private sealed class NoBody : IHttpRequestBodyDetectionFeature
        {
            public static readonly NoBody Instance = new();

            public bool CanHaveBody => false;
        }
    }

    /// <summary>One or two whole weft-proxies in this process, with their own loopback addresses.</summary>
    private sealed class Sidecars(RawHttpBackend backend, InProcessProxy[] proxies, RawHttpClient client) : IRequestScenario
    {
        public static async Task<Sidecars> StartAsync(bool pair)
        {
            var backend = new RawHttpBackend();
            var net = $"127.{Random.Shared.Next(30, 230)}.{Random.Shared.Next(1, 250)}";
            var server = IPEndPoint.Parse($"{net}.12:15006");
            var proxies = new List<InProcessProxy>
            {
                await InProcessProxy.StartAsync(SnapshotsCommand.ServerSidecar(server, backend.EndPoint, accessLog: false), IPEndPoint.Parse($"{net}.12:15000")),
            };
            var entry = server;
            if (pair)
            {
                entry = IPEndPoint.Parse($"{net}.11:15001");
                proxies.Add(await InProcessProxy.StartAsync(SnapshotsCommand.ClientSidecar(entry, server, 8080, accessLog: false), IPEndPoint.Parse($"{net}.11:15000")));
            }
            return new Sidecars(backend, [.. proxies], new RawHttpClient(entry, "backend.bench.svc.cluster.local:8080"));
        }

        public ValueTask SendAsync() => Check(client.Get());

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            foreach (var p in proxies.Reverse())
                await p.DisposeAsync();
            backend.Dispose();
        }
    }

    private static ValueTask Check(int status) => status == 200
        ? ValueTask.CompletedTask
        : ValueTask.FromException(new InvalidOperationException($"expected 200, got {status}"));

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

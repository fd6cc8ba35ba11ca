using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Runtime;

namespace Weft.Proxy.Hosting;

/// <summary>
/// Connects the runtime to the control plane's push stream: an h2c (TLS later) full-duplex POST,
/// reconnected with back-off for ever. Good snapshots are applied and persisted; bad ones NACKed.
/// </summary>
internal static class DiscoveryConnector
{
    public static async Task RunAsync(ProxyOptions options, ProxyRuntime runtime, ProxyState state, ILoggerFactory logs, TimeProvider time, CancellationToken ct, Security.Tls.MeshTls? meshTls = null, Workloads.WorkloadProber? prober = null)
    {
        var address = new Uri(options.DiscoveryAddress!);
        using var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // A dead control plane must be noticed: ping the idle stream.
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ActivityHeadersPropagator = null,
            // https: weftd's TLS port, where the workload certificate proves whose snapshot this is.
            SslOptions = address.Scheme == Uri.UriSchemeHttps && meshTls is not null ? Security.Tls.DiscoveryTls.ClientOptions(meshTls) : new System.Net.Security.SslClientAuthenticationOptions(),
        });
        meshTls?.Secrets.Use(Security.Secrets.SecretClient.Over(http, address, options.Node.Namespace));
        var client = new DiscoveryClient(
            Security.Tls.DiscoveryTls.Connect(address, meshTls, c => HttpDiscoveryConnection.ConnectAsync(http, address, c)),
            options.Node,
            new RuntimeTarget(runtime, meshTls?.Secrets),
            new DiscoveryClientOptions { InitialBackoff = options.ReconnectInitial, MaxBackoff = options.ReconnectMax },
            time,
            logs.CreateLogger<DiscoveryClient>());
        client.StatusChanged += s => state.Discovery = new DiscoveryStatus
        {
            Connected = s.Connected,
            ControlPlane = address.ToString(),
            LastAckedVersion = s.LastAckedVersion,
            LastNackedVersion = s.LastNackedVersion,
            LastNackError = s.LastNackError,
            LastChange = s.LastChange,
            Reconnects = s.Reconnects,
            LastError = s.LastError,
        };
        if (prober is not null)
        {
            // Every probe transition goes up the push stream; the latest is sent again after each hello.
            prober.Reported += r => _ = client.ReportHealthAsync(r, ct);
            if (prober.Current is { } current)
                _ = client.ReportHealthAsync(current, ct);
        }
        await client.RunAsync(ct);
    }

    private sealed class RuntimeTarget(ProxyRuntime runtime, Security.Secrets.SecretStore? secrets = null) : ISnapshotTarget
    {
        public string? CurrentVersion => runtime.Current?.Version;

        public async Task<string?> ApplyAsync(ProxySnapshot snapshot, CancellationToken ct)
        {
            // The Secrets a snapshot names come first (SDS), so its chains and clusters find them.
            if (secrets is not null)
                await secrets.ResolveAsync(snapshot, ct);
            return (await runtime.ApplyAsync(snapshot, persist: true, ct)).Error;
        }
    }
}

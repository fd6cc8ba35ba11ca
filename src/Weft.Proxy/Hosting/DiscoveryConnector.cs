using Weft.Proxy.Runtime;

namespace Weft.Proxy.Hosting;

/// <summary>Connects the runtime to the control plane's push stream (slice 3 fills this in).</summary>
internal static class DiscoveryConnector
{
    public static Task RunAsync(ProxyOptions options, ProxyRuntime runtime, ProxyState state, ILoggerFactory logs, TimeProvider time, CancellationToken ct)
        => Task.CompletedTask;
}

using Weft.Proxy.Runtime;
using Weft.Proxy.Tcp;
using Weft.Proxy.Telemetry;

namespace Weft.Proxy.Listeners;

/// <summary>
/// Reconciles bound sockets with a snapshot's listeners: opens new ones before the swap (a
/// socket that cannot bind refuses the snapshot), keeps unchanged ones, and drains removed ones
/// after the swap.
/// </summary>
internal sealed partial class ListenerManager(ProxyRuntime runtime, TcpProxyHandler tcp, ProxyCounters counters, TimeProvider time, ILoggerFactory logs, IServiceProvider services, TimeSpan drain)
{
    private readonly ILogger _log = logs.CreateLogger<ListenerManager>();
    private readonly Dictionary<string, ListenerServer> _servers = new(StringComparer.Ordinal);
    private bool _draining;

    public IReadOnlyCollection<string> Bound
    {
        get
        {
            lock (_servers)
                return [.. _servers.Keys];
        }
    }

    /// <summary>Binds every listener of the snapshot not bound yet. On failure, unbinds what this call bound and throws.</summary>
    public async Task OpenAsync(CompiledSnapshot next, CancellationToken ct)
    {
        if (_draining)
            return;
        var opened = new List<ListenerServer>();
        foreach (var l in next.Listeners.Values)
        {
            lock (_servers)
                if (_servers.ContainsKey(l.SocketKey))
                    continue;
            var server = new ListenerServer(l.Config.Address, l.Config.Port, runtime, tcp, counters, time, logs, services);
            try
            {
                await server.StartAsync(ct);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                await server.DisposeAsync();
                foreach (var o in opened)
                    await o.DisposeAsync();
                lock (_servers)
                    foreach (var o in opened)
                        _servers.Remove(o.SocketKey);
                throw new ListenerBindException($"listeners[{l.Name}]: cannot bind {l.SocketKey}: {e.Message}", e);
            }
            opened.Add(server);
            lock (_servers)
                _servers[l.SocketKey] = server;
            LogOpened(_log, l.Name, l.SocketKey);
        }
    }

    /// <summary>Drains and closes sockets the live snapshot no longer has.</summary>
    public void CloseRemoved(CompiledSnapshot live)
    {
        List<ListenerServer> removed = [];
        lock (_servers)
        {
            foreach (var (key, server) in _servers)
                if (!live.Listeners.ContainsKey(key))
                    removed.Add(server);
            foreach (var r in removed)
                _servers.Remove(r.SocketKey);
        }
        foreach (var r in removed)
        {
            LogClosing(_log, r.SocketKey);
            _ = CloseAsync(r);
        }
    }

    private async Task CloseAsync(ListenerServer server)
    {
        await server.StopAsync(drain);
        await server.DisposeAsync();
    }

    /// <summary>Stops accepting on every listener, lets in-flight requests finish within the drain period.</summary>
    public async Task DrainAllAsync()
    {
        _draining = true;
        List<ListenerServer> all;
        lock (_servers)
        {
            all = [.. _servers.Values];
            _servers.Clear();
        }
        await Task.WhenAll(all.Select(s => s.StopAsync(drain)));
        foreach (var s in all)
            await s.DisposeAsync();
    }

    [LoggerMessage(1001, LogLevel.Information, "Listening on {Socket} for listener {Listener}")]
    private static partial void LogOpened(ILogger log, string listener, string socket);

    [LoggerMessage(1002, LogLevel.Information, "Draining and closing {Socket}: its listener left the snapshot")]
    private static partial void LogClosing(ILogger log, string socket);
}

internal sealed class ListenerBindException(string message, Exception inner) : Exception(message, inner);

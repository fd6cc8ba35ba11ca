using System.Net;
using System.Net.Sockets;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Hosting;

namespace Weft.Benchmarks.Infrastructure;

/// <summary>
/// A whole weft-proxy (Kestrel listeners, pipeline, pools) hosted in this process through
/// <see cref="ProxyHost.RunAsync"/>, serving a static snapshot, so an all-threads allocation
/// count sees every byte it allocates. Stopped as SIGTERM would stop it.
/// </summary>
public sealed class InProcessProxy : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;
    private readonly string _dir;

    private InProcessProxy(CancellationTokenSource stop, Task<int> run, string dir)
    {
        _stop = stop;
        _run = run;
        _dir = dir;
    }

    public static async Task<InProcessProxy> StartAsync(ProxySnapshot snapshot, IPEndPoint admin)
    {
        var dir = Directory.CreateTempSubdirectory("weft-bench-proxy").FullName;
        var file = Path.Combine(dir, "snapshot.json");
        await File.WriteAllTextAsync(file, SnapshotCodec.EncodeIndented(snapshot));
        var (options, errors) = ProxyOptions.Parse(["--snapshot-file", file, "--admin-address", admin.ToString(), "--drain-seconds", "0", "--log-level", "Warning"]);
        if (options is null)
            throw new InvalidOperationException(string.Join("; ", errors));
        var stop = new CancellationTokenSource();
        var proxy = new InProcessProxy(stop, Task.Run(() => ProxyHost.RunAsync(options, stop.Token)), dir);
        foreach (var l in snapshot.Listeners)
            await WaitForListenerAsync(new IPEndPoint(IPAddress.Parse(l.Address), l.Port), proxy._run);
        return proxy;
    }

    private static async Task WaitForListenerAsync(IPEndPoint ep, Task<int> run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (run.IsCompleted)
                throw new InvalidOperationException($"the in-process proxy stopped (exit {await run}) before listening on {ep}");
            try
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync(ep);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The token ends ProxyHost's wait for shutdown: it then drains (0 s) and returns.
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Still draining: it ends with the benchmark process.
        }
        _stop.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

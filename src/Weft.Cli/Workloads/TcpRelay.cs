using System.Net;
using System.Net.Sockets;

namespace Weft.Cli.Workloads;

/// <summary>
/// A plain TCP relay from an address in the root namespace to a loopback one: how a sidecar in a
/// network namespace reaches weftd's discovery and CA ports (weftd listens on 127.0.0.1, which a
/// namespace cannot see). Bytes only; TLS stays end to end.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private TcpRelay(TcpListener listener, string host, int port) => (_listener, _host, _port) = (listener, host, port);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static Task<TcpRelay> StartAsync(IPEndPoint at, string host, int port, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var listener = new TcpListener(at);
        listener.Start();
        var relay = new TcpRelay(listener, host, port);
        relay._loop = Task.Run(relay.AcceptLoopAsync, CancellationToken.None);
        return Task.FromResult(relay);
    }

    private async Task AcceptLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                using (var upstream = new TcpClient())
                {
                    try
                    {
                        await upstream.ConnectAsync(_host, _port, ct);
                        var a = client.GetStream();
                        var b = upstream.GetStream();
                        var up = a.CopyToAsync(b, ct).ContinueWith(_ => upstream.Client.Shutdown(SocketShutdown.Send), TaskScheduler.Default);
                        var down = b.CopyToAsync(a, ct).ContinueWith(_ => client.Client.Shutdown(SocketShutdown.Send), TaskScheduler.Default);
                        await Task.WhenAll(up, down);
                    }
                    catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
                    {
                    }
                }
            }, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

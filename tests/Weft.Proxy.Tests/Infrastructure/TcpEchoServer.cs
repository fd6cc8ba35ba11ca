using System.Net;
using System.Net.Sockets;

namespace Weft.Proxy.Tests.Infrastructure;

/// <summary>A real TCP server that echoes what it receives, prefixed by its name once, and counts bytes.</summary>
public sealed class TcpEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private long _received;

    public TcpEchoServer(string name)
    {
        Name = name;
        Address = Weft.Testing.Net.UniqueLoopback();
        _listener = new TcpListener(IPAddress.Parse(Address), 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = AcceptAsync();
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    public long Received => Interlocked.Read(ref _received);

    public int Connections;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try
            {
                s = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref Connections);
            _ = Task.Run(async () =>
            {
                using var socket = s;
                using var stream = new NetworkStream(socket);
                var buffer = new byte[8192];
                try
                {
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(Name + ":"));
                    while (true)
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0)
                            break;
                        Interlocked.Add(ref _received, n);
                        await stream.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                    }
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                {
                }
            });
        }
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

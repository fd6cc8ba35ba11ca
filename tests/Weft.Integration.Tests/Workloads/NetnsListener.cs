using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// A plain HTTP server the test runs inside a workload's network namespace, as a second program of
/// that "VM" would: its socket is created on a thread moved into the namespace with
/// <c>setns(2)</c> (a socket belongs to the namespace it was created in), then the thread comes
/// back. Every answer is <c>you are ADDRESS</c>, the peer address the server's socket saw, which
/// is also recorded in <see cref="Callers"/>.
/// </summary>
internal sealed class NetnsListener : IAsyncDisposable
{
    private const int CloneNewNet = 0x4000_0000;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the project.
    private static extern int SetNs(int fd, int nstype);
#pragma warning restore SYSLIB1054

    private NetnsListener(Socket listener)
    {
        _listener = listener;
        _accept = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The peer addresses of the connections served, in order.</summary>
    public ConcurrentQueue<string> Callers { get; } = new();

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> inside the network namespace <paramref name="netns"/> (<c>ip netns</c> name; null: the test's own).</summary>
    public static NetnsListener Start(string? netns, string address, int port)
    {
        if (netns is null)
        {
            var here = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            here.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            here.Listen(16);
            return new NetnsListener(here);
        }
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var home = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle($"/var/run/netns/{netns}");
                if (SetNs((int)target.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new IOException($"setns into {netns} failed: errno {Marshal.GetLastPInvokeError()}");
                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
                    socket.Listen(16);
                }
                finally
                {
                    // Back home before the thread ends, whatever happened.
                    if (SetNs((int)home.DangerousGetHandle(), CloneNewNet) != 0)
                        failure = new IOException($"setns back failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }
            catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            socket?.Dispose();
            throw new InvalidOperationException($"cannot listen on {address}:{port} in {netns}: {failure.Message}", failure);
        }
        return new NetnsListener(socket!);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var peer = ((IPEndPoint)client.RemoteEndPoint!).Address.ToString();
                    Callers.Enqueue(peer);
                    try
                    {
                        // Read the request head (curl sends it in one write), then answer and close.
                        var buffer = new byte[4096];
                        await client.ReceiveAsync(buffer, _stop.Token);
                        var body = $"you are {peer}\n";
                        await client.SendAsync(Encoding.ASCII.GetBytes(
                            $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n{body}"), _stop.Token);
                        client.Shutdown(SocketShutdown.Both);
                    }
                    catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

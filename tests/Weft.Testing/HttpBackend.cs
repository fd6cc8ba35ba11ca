using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Weft.Testing;

/// <summary>
/// A small real HTTP/1.1 server for data-plane tests, on an address and port of the test's
/// choosing: answers every request 200 with its own name as the body (and in <c>x-backend</c>),
/// keeps connections alive, and counts what it served. Plain sockets, so any test project can
/// use it without ASP.NET Core.
/// </summary>
public sealed class HttpBackend : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private long _requests;

    private HttpBackend(string name, TcpListener listener)
    {
        Name = name;
        _listener = listener;
        var ep = (IPEndPoint)listener.LocalEndpoint;
        Address = ep.Address.ToString();
        Port = ep.Port;
        _accept = Task.Run(AcceptLoopAsync);
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The heads (request line and headers, as received) of the last requests served, oldest first; at most 1,000.</summary>
    public IReadOnlyCollection<string> Heads => _heads;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _heads = new();

    public static HttpBackend Start(string name, string address, int port = 0)
    {
        var listener = new TcpListener(IPAddress.Parse(address), port);
        listener.Start(512);
        return new HttpBackend(name, listener);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var buffer = new byte[16 * 1024];
        var filled = 0;
        var body = Encoding.UTF8.GetBytes(Name);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-backend: {Name}\r\ncontent-length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n");
        var response = head.Concat(body).ToArray();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // Read one request head.
                int end;
                while ((end = IndexOf(buffer.AsSpan(0, filled), "\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length)
                        return;
                    var n = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (n == 0)
                        return;
                    filled += n;
                }
                var headText = Encoding.ASCII.GetString(buffer, 0, end);
                var consumed = end + 4;
                var length = ContentLength(headText);
                // Skip a request body, whatever it holds.
                while (filled - consumed < length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (n == 0)
                        return;
                    filled += n;
                }
                consumed += length;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                Interlocked.Increment(ref _requests);
                _heads.Enqueue(headText);
                while (_heads.Count > 1000)
                    _heads.TryDequeue(out string? _);
                await stream.WriteAsync(response, _stop.Token);
                if (headText.Contains("\r\nconnection: close", StringComparison.OrdinalIgnoreCase))
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan(15).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return n;
        return 0;
    }

    private static int IndexOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> pattern) => data.IndexOf(pattern);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Weft.Benchmarks.Infrastructure;

/// <summary>
/// An HTTP/1.1 upstream that allocates nothing per request: a thread per connection, blocking
/// socket calls, one prebuilt 200 response with a 1 KiB body. In the same process as the proxy
/// it adds nothing to an all-threads allocation count, so the count is the proxy's alone.
/// </summary>
public sealed class RawHttpBackend : IDisposable
{
    private readonly Socket _listener;
    private readonly byte[] _response;
    private readonly List<Socket> _connections = [];
    private volatile bool _stopped;

    public RawHttpBackend(int bodyBytes = 1024)
    {
        var head = $"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {bodyBytes}\r\n\r\n";
        _response = [.. Encoding.ASCII.GetBytes(head), .. Enumerable.Repeat((byte)'x', bodyBytes)];
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        new Thread(AcceptLoop) { IsBackground = true, Name = "raw-backend-accept" }.Start();
    }

    public IPEndPoint EndPoint { get; }

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            Socket s;
            try
            {
                s = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            s.NoDelay = true;
            lock (_connections)
                _connections.Add(s);
            new Thread(() => Serve(s)) { IsBackground = true, Name = "raw-backend-conn" }.Start();
        }
    }

    private void Serve(Socket s)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (!_stopped)
            {
                var n = s.Receive(buffer.AsSpan(filled));
                if (n == 0)
                    return;
                filled += n;
                // Answer every complete request head in the buffer (GETs: no bodies).
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    s.Send(_response);
                    var consumed = end + 4;
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
                if (filled == buffer.Length)
                    return;
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            s.Dispose();
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Dispose();
        lock (_connections)
            foreach (var c in _connections)
                c.Dispose();
    }
}

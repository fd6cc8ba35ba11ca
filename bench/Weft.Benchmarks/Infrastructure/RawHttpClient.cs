using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Weft.Benchmarks.Infrastructure;

/// <summary>
/// An HTTP/1.1 keep-alive client that allocates nothing per request (blocking calls, one
/// prebuilt request, one buffer): the downstream of the all-threads allocation count.
/// </summary>
public sealed class RawHttpClient : IDisposable
{
    private static ReadOnlySpan<byte> ContentLength => "\r\ncontent-length:"u8;

    private readonly Socket _socket;
    private readonly byte[] _request;
    private readonly byte[] _buffer = new byte[64 * 1024];

    public RawHttpClient(IPEndPoint server, string authority, string path = "/")
    {
        _request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: weft-bench\r\nAccept: */*\r\n\r\n");
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(server);
    }

    /// <summary>Sends the request and reads the whole response; returns its status code.</summary>
    public int Get()
    {
        _socket.Send(_request);
        var filled = 0;
        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            filled += Receive(filled);
        var head = _buffer.AsSpan(0, headEnd);
        var status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        var length = ParseContentLength(head);
        var total = headEnd + 4 + length;
        if (total > _buffer.Length)
            throw new InvalidOperationException($"a response of {total} bytes does not fit the client's buffer");
        while (filled < total)
            filled += Receive(filled);
        if (filled != total)
            throw new InvalidOperationException("the server sent more than one response");
        return status;
    }

    private int Receive(int offset)
    {
        var n = _socket.Receive(_buffer.AsSpan(offset));
        if (n == 0)
            throw new InvalidOperationException("the server closed the connection");
        return n;
    }

    // Case-insensitive search for the content-length header; the proxies under test always send one for a 1 KiB body.
    private static int ParseContentLength(ReadOnlySpan<byte> head)
    {
        Span<byte> lower = stackalloc byte[head.Length];
        for (var i = 0; i < head.Length; i++)
            lower[i] = head[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(head[i] + 32) : head[i];
        var at = lower.IndexOf(ContentLength);
        if (at < 0)
            throw new InvalidOperationException("the response has no content-length (chunked responses are not expected here): " + Encoding.ASCII.GetString(head));
        var value = 0;
        for (var i = at + ContentLength.Length; i < lower.Length && lower[i] != '\r'; i++)
            if (lower[i] is >= (byte)'0' and <= (byte)'9')
                value = value * 10 + (lower[i] - '0');
        return value;
    }

    public void Dispose() => _socket.Dispose();
}

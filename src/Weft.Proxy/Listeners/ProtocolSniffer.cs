using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Weft.Proxy.Listeners;

/// <summary>
/// Classifies a connection by its first bytes without consuming them: the HTTP/2 preface, a TLS
/// ClientHello (with its SNI), an HTTP/1 request line (CONNECT told apart), or anything else.
/// Reads only as much as it needs; what it read stays in the pipe for whoever handles the connection.
/// </summary>
internal static class ProtocolSniffer
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private static readonly string[] Methods = ["GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ", "TRACE ", "CONNECT "];

    public static async ValueTask<SniffResult> SniffAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return new(SniffKind.None, null);
            }
            var buffer = result.Buffer;
            var verdict = Classify(buffer, result.IsCompleted);
            if (verdict is { } v)
            {
                input.AdvanceTo(buffer.Start);
                return v;
            }
            // Need more bytes: keep everything, mark all as examined.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static SniffResult? Classify(ReadOnlySequence<byte> buffer, bool completed)
    {
        if (buffer.Length == 0)
            return completed ? new(SniffKind.None, null) : null;
        var first = buffer.FirstSpan[0];
        if (first == 0x16)
        {
            var sni = TlsClientHello.TryReadServerName(buffer, out var needMore);
            if (needMore && !completed)
                return null;
            return new(SniffKind.Tls, sni);
        }
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(head);
        head = head[..length];
        if (Preface.AsSpan(0, length).SequenceEqual(head))
            return length == Preface.Length || completed ? new(length == Preface.Length ? SniffKind.Http2 : SniffKind.Raw, null) : null;
        var text = Encoding.ASCII.GetString(head);
        foreach (var m in Methods)
        {
            if (text.Length >= m.Length ? text.StartsWith(m, StringComparison.Ordinal) : m.StartsWith(text, StringComparison.Ordinal))
            {
                if (text.Length < m.Length)
                    return completed ? new(SniffKind.Raw, null) : null;
                return new(m == "CONNECT " ? SniffKind.Connect : SniffKind.Http1, null);
            }
        }
        return new(SniffKind.Raw, null);
    }
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Weft.Proxy.Listeners;

/// <summary>
/// Reads an HTTP/1.1 CONNECT request head (<c>CONNECT host:port HTTP/1.1</c> + headers) off the
/// connection, consuming exactly the head; the tunnel's bytes that follow stay in the pipe.
/// </summary>
internal static class ConnectRequest
{
    private const int MaxHeadBytes = 16 * 1024;

    public static async ValueTask<(string Host, int Port)?> ReadAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            var end = Find(buffer);
            if (end is { } e)
            {
                var head = Encoding.ASCII.GetString(buffer.Slice(0, e).ToArray());
                input.AdvanceTo(buffer.GetPosition(e));
                return Parse(head);
            }
            if (result.IsCompleted || buffer.Length > MaxHeadBytes)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static long? Find(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8, advancePastDelimiter: true) ? reader.Consumed : null;
    }

    private static (string, int)? Parse(string head)
    {
        var line = head[..head.IndexOf('\r')];
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0] != "CONNECT")
            return null;
        var target = parts[1];
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            return null;
        return (target[..colon].Trim('[', ']'), port);
    }
}

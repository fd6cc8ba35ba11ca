using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Weft.Discovery.Protocol;

/// <summary>
/// gRPC-style framing on a byte stream: one flag byte (0: uncompressed), a 4-byte big-endian
/// length, then that many bytes of JSON. Works over any duplex pair of streams (an HTTP/2
/// request and response body here; TLS later).
/// </summary>
public static class MessageFraming
{
    /// <summary>A snapshot of a large mesh is big, but not this big: a longer frame means a broken peer.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public static ValueTask WriteAsync<T>(Stream stream, T message, JsonTypeInfo<T> typeInfo, CancellationToken ct)
        => WriteFrameAsync(stream, JsonSerializer.SerializeToUtf8Bytes(message, typeInfo), ct);

    /// <summary>One frame around JSON the caller encoded itself (a snapshot written straight into its response).</summary>
    public static async ValueTask WriteFrameAsync(Stream stream, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var frame = ArrayPool<byte>.Shared.Rent(body.Length + 5);
        try
        {
            frame[0] = 0;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1, 4), body.Length);
            body.Span.CopyTo(frame.AsSpan(5));
            await stream.WriteAsync(frame.AsMemory(0, body.Length + 5), ct);
            await stream.FlushAsync(ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>One frame around JSON encoded into pooled chunks, written chunk by chunk (no copy of the whole body).</summary>
    public static async ValueTask WriteFrameAsync(Stream stream, PooledBufferWriter body, CancellationToken ct)
    {
        if (body.Length > MaxMessageBytes)
            throw new InvalidDataException($"a {body.Length}-byte message is over the {MaxMessageBytes}-byte frame limit");
        var header = new byte[5];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1, 4), body.Length);
        await stream.WriteAsync(header, ct);
        foreach (var chunk in body.Chunks())
            await stream.WriteAsync(chunk, ct);
        await stream.FlushAsync(ct);
    }

    /// <summary>The next message, or null when the peer closed the stream cleanly between messages.</summary>
    public static async ValueTask<T?> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, CancellationToken ct) where T : class
    {
        var header = new byte[5];
        if (!await ReadExactlyOrEndAsync(stream, header, ct))
            return null;
        if (header[0] != 0)
            throw new InvalidDataException($"frame flag {header[0]} is not supported (compression is not used)");
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        if (length is < 0 or > MaxMessageBytes)
            throw new InvalidDataException($"frame length {length} is outside 0..{MaxMessageBytes}");
        var body = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!await ReadExactlyOrEndAsync(stream, body.AsMemory(0, length), ct) && length > 0)
                throw new EndOfStreamException($"the stream ended inside a {length}-byte frame");
            return JsonSerializer.Deserialize(body.AsSpan(0, length), typeInfo)
                ?? throw new InvalidDataException("the frame holds JSON null");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static async ValueTask<bool> ReadExactlyOrEndAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], ct);
            if (n == 0)
            {
                if (read == 0)
                    return false;
                throw new EndOfStreamException($"the stream ended after {read} of {buffer.Length} bytes");
            }
            read += n;
        }
        return true;
    }
}

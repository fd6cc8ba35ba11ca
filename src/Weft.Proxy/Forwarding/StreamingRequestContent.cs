using System.Buffers;
using System.Net;

namespace Weft.Proxy.Forwarding;

/// <summary>
/// The client's request body streamed upstream as it arrives, flushed per read so gRPC and
/// other streaming calls move message by message. Counts bytes for the access log.
/// </summary>
public sealed class StreamingRequestContent(Stream source, long? length, Action<long> onBytes) : HttpContent
{
    public bool Started { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Started = true;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var n = await source.ReadAsync(buffer, cancellationToken);
                if (n == 0)
                    break;
                onBytes(n);
                await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length2)
    {
        length2 = length ?? -1;
        return length is not null;
    }
}

namespace Weft.ControlPlane.Ca;

/// <summary>A read-only stream that yields <paramref name="prefix"/> then <paramref name="rest"/>: a message read ahead, put back in front of the stream.</summary>
internal sealed class PrefixedStream(Stream prefix, Stream rest) : Stream
{
    private bool _prefixDone;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_prefixDone)
        {
            var n = await prefix.ReadAsync(buffer, cancellationToken);
            if (n > 0)
                return n;
            _prefixDone = true;
        }
        return await rest.ReadAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Buffers;

namespace Weft.Discovery.Protocol;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over 64 KiB chunks rented from the shared pool. A snapshot of
/// a large mesh is megabytes: one growing array per push lands on the large object heap (only a
/// full collection frees it) and a whole copy sits in the transport's buffers at once; chunks stay
/// in the small object heap and are written one by one (<see cref="MessageFraming.WriteFrameAsync(Stream, PooledBufferWriter, CancellationToken)"/>),
/// so the transport's backpressure bounds what waits in memory.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    // Below the large object heap's 85,000-byte threshold.
    private const int ChunkSize = 64 * 1024;

    private readonly List<(byte[] Array, int Length)> _full = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    public void Advance(int count)
    {
        if (count < 0 || _used + count > _current.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"advanced {count} bytes with {_current.Length - _used} available");
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_used);
    }

    /// <summary>The written bytes, chunk by chunk, in order.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        foreach (var (array, length) in _full)
            yield return array.AsMemory(0, length);
        if (_used > 0)
            yield return _current.AsMemory(0, _used);
    }

    private void Ensure(int sizeHint)
    {
        var need = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= need)
            return;
        if (_used > 0)
            _full.Add((_current, _used));
        else if (_current.Length > 0)
            ArrayPool<byte>.Shared.Return(_current);
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, need));
        _used = 0;
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full)
            ArrayPool<byte>.Shared.Return(array);
        _full.Clear();
        if (_current.Length > 0)
            ArrayPool<byte>.Shared.Return(_current);
        _current = [];
        _used = 0;
    }
}

using System.Threading.Channels;
using Weft.Discovery.Telemetry;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// The access log: entries queue in a bounded channel and one background writer formats and
/// writes them, so a slow disk never slows a request (lines are dropped, and counted, when the
/// queue is full, as Envoy's buffered log does under pressure). Configured by each snapshot.
/// The last <see cref="RecentCapacity"/> lines are also kept in memory for the admin endpoint's
/// <c>/access_log</c> (what the console's access-log tab tails through weftd).
/// </summary>
public sealed class AccessLog : IAsyncDisposable
{
    private readonly Channel<AccessLogEntry> _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(16384)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    public const int RecentCapacity = 1000;

    private readonly string[] _recent = new string[RecentCapacity];
    private readonly Lock _recentLock = new();
    private long _written;
    private readonly Task _writer;
    private readonly AccessLogFormat? _formatOverride;
    private AccessLogConfig _config = new();
    private TextWriter? _file;
    private string? _filePath;

    public AccessLog(AccessLogFormat? formatOverride = null)
    {
        _formatOverride = formatOverride;
        _writer = Task.Run(WriteLoopAsync);
    }

    public long Dropped;

    public bool Enabled => Volatile.Read(ref _config).Enabled;

    public void Configure(AccessLogConfig config) => Volatile.Write(ref _config, config);

    /// <summary>Whether the Telemetry API filter lets a request that ended with this code be logged.</summary>
    public bool Accepts(int code) => Volatile.Read(ref _config).Accepts(code);

    public void Write(AccessLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
            Interlocked.Increment(ref Dropped);
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var entry in _queue.Reader.ReadAllAsync())
        {
            var config = Volatile.Read(ref _config);
            var line = (_formatOverride ?? config.Format) == AccessLogFormat.Json ? AccessLogFormatter.Json(entry) : AccessLogFormatter.Text(entry);
            lock (_recentLock)
                _recent[_written++ % RecentCapacity] = line;
            try
            {
                var w = WriterFor(config.Path);
                await w.WriteLineAsync(line);
                if (!_queue.Reader.TryPeek(out _))
                    await w.FlushAsync();
            }
            catch (IOException)
            {
                Interlocked.Increment(ref Dropped);
            }
        }
    }

    /// <summary>The last <paramref name="max"/> lines written (at most <see cref="RecentCapacity"/>), oldest first.</summary>
    public IReadOnlyList<string> Recent(int max)
    {
        lock (_recentLock)
        {
            var n = (int)Math.Min(Math.Min(max, RecentCapacity), _written);
            var lines = new string[Math.Max(n, 0)];
            for (var i = 0; i < lines.Length; i++)
                lines[i] = _recent[(_written - n + i) % RecentCapacity];
            return lines;
        }
    }

    private TextWriter WriterFor(string path)
    {
        if (path is "/dev/stdout" or "" or "-")
            return Console.Out;
        if (_filePath != path)
        {
            _file?.Dispose();
            _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
            _filePath = path;
        }
        return _file!;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        if (_file is not null)
            await _file.DisposeAsync();
    }
}

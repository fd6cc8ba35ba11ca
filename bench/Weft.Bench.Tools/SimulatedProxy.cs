using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Weft.Discovery.Codec;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.Bench.Tools;

/// <summary>
/// A proxy without listeners: opens the push stream as weft-proxy does (one HTTP/2 connection
/// of its own, <see cref="HttpDiscoveryConnection"/>, h2c), says hello with its node, and ACKs
/// every snapshot it is sent. It reads only the frame's version and nonce (the snapshot is
/// skipped, never decoded, and its buffer pooled), so thousands fit in one process.
/// </summary>
internal sealed class SimulatedProxy(NodeInfo node, Uri controlPlane) : IAsyncDisposable
{
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        EnableMultipleHttp2Connections = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = Timeout.InfiniteTimeSpan,
    });
    private readonly Lock _gate = new();
    private readonly List<(long At, long Revision)> _received = [];
    private IDiscoveryConnection? _connection;

    public NodeInfo Node { get; } = node;

    /// <summary>Set when the stream failed (the benchmark reports it).</summary>
    public string? Error { get; private set; }

    /// <summary>Each push ACKed, in order: the Stopwatch timestamp of the ACK and the config revision the version names ("REVISION-HASH").</summary>
    public (long At, long Revision)[] Acked()
    {
        lock (_gate)
            return [.. _received];
    }

    public int Pushes
    {
        get
        {
            lock (_gate)
                return _received.Count;
        }
    }

    public async Task RunAsync(SemaphoreSlim connecting, CancellationToken ct)
    {
        try
        {
            await connecting.WaitAsync(ct);
            try
            {
                _connection = await HttpDiscoveryConnection.ConnectAsync(_http, controlPlane, ct, TimeSpan.FromSeconds(60));
                await MessageFraming.WriteAsync(_connection.Requests, new DiscoveryRequest { Node = Node }, SnapshotJsonContext.Default.DiscoveryRequest, ct);
            }
            finally
            {
                connecting.Release();
            }
            var header = new byte[5];
            while (await ReadHeaderAsync(_connection.Responses, header, ct))
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
                if (length is < 0 or > MessageFraming.MaxMessageBytes)
                    throw new InvalidDataException($"frame length {length} is outside 0..{MessageFraming.MaxMessageBytes}");
                var body = ArrayPool<byte>.Shared.Rent(length);
                string version, nonce;
                try
                {
                    await _connection.Responses.ReadExactlyAsync(body.AsMemory(0, length), ct);
                    (version, nonce) = VersionAndNonce(body.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(body);
                }
                await MessageFraming.WriteAsync(_connection.Requests, new DiscoveryRequest { VersionInfo = version, ResponseNonce = nonce }, SnapshotJsonContext.Default.DiscoveryRequest, ct);
                var now = Stopwatch.GetTimestamp();
                var dash = version.IndexOf('-', StringComparison.Ordinal);
                var revision = long.TryParse(dash > 0 ? version.AsSpan(0, dash) : version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : -1;
                lock (_gate)
                    _received.Add((now, revision));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException or JsonException or OperationCanceledException)
        {
            Error = $"{Node.Id}: {e.GetType().Name}: {e.Message}";
        }
    }

    private static async Task<bool> ReadHeaderAsync(Stream s, byte[] header, CancellationToken ct)
    {
        var read = await s.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (read == 0)
            return false;
        if (read < header.Length)
            throw new EndOfStreamException($"the stream ended after {read} of 5 header bytes");
        return header[0] == 0 ? true : throw new InvalidDataException($"frame flag {header[0]} is not supported");
    }

    /// <summary>The response's top-level versionInfo and nonce; the snapshot object is skipped.</summary>
    private static (string Version, string Nonce) VersionAndNonce(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? version = null, nonce = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("versionInfo"u8))
            {
                reader.Read();
                version = reader.GetString();
            }
            else if (reader.ValueTextEquals("nonce"u8))
            {
                reader.Read();
                nonce = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return (version ?? throw new InvalidDataException("a push without versionInfo"), nonce ?? throw new InvalidDataException("a push without nonce"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _http.Dispose();
    }
}

using System.Net;

namespace Weft.Discovery.Protocol;

/// <summary>
/// The push stream as one full-duplex HTTP/2 POST (h2c prior knowledge in plaintext; TLS when
/// the address is https): the request body carries the proxy's messages, the response body the
/// control plane's.
/// </summary>
public sealed class HttpDiscoveryConnection : IDiscoveryConnection
{
    public const string Path = "/weft.discovery.v1/Stream";

    private readonly HttpResponseMessage _response;
    private readonly DuplexContent _content;
    private readonly CancellationTokenSource _lifetime;

    private HttpDiscoveryConnection(HttpResponseMessage response, DuplexContent content, Stream responses, string peer, CancellationTokenSource lifetime)
    {
        _response = response;
        _content = content;
        _lifetime = lifetime;
        Responses = responses;
        Peer = peer;
    }

    public Stream Requests => _content.Stream;

    public Stream Responses { get; }

    public string Peer { get; }

    /// <summary>
    /// Opens the stream. A server that accepts the connection but sends no response headers
    /// within <paramref name="connectTimeout"/> (10 s by default) counts as down: without this a
    /// half-started control plane could hold a proxy's reconnect loop for ever.
    /// </summary>
    public static async Task<IDiscoveryConnection> ConnectAsync(HttpMessageInvoker http, Uri controlPlane, CancellationToken ct, TimeSpan? connectTimeout = null)
    {
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            return await ConnectCoreAsync(http, controlPlane, lifetime, connectTimeout ?? TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            lifetime.Dispose();
            throw new IOException($"the control plane at {controlPlane} sent no response headers within {(connectTimeout ?? TimeSpan.FromSeconds(10)).TotalSeconds} s", e);
        }
        catch
        {
            lifetime.Dispose();
            throw;
        }
    }

    private static async Task<IDiscoveryConnection> ConnectCoreAsync(HttpMessageInvoker http, Uri controlPlane, CancellationTokenSource lifetime, TimeSpan connectTimeout)
    {
        var ct = lifetime.Token;
        lifetime.CancelAfter(connectTimeout);
        var content = new DuplexContent();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(controlPlane, Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Content.Headers.ContentType = new("application/weft-discovery");
        var sending = http.SendAsync(request, ct);
        // The request body starts flowing as soon as the headers went out; the server answers
        // with its headers right away (the hosting adapter starts the response).
        var finished = await Task.WhenAny(sending, content.Ready);
        if (finished == sending && sending.IsFaulted)
            await sending;
        var response = await sending;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            response.Dispose();
            content.Complete();
            throw new HttpRequestException($"the control plane at {controlPlane} answered {(int)response.StatusCode} to {Path}", null, response.StatusCode);
        }
        var stream = await response.Content.ReadAsStreamAsync(ct);
        lifetime.CancelAfter(Timeout.InfiniteTimeSpan);
        return new HttpDiscoveryConnection(response, content, stream, controlPlane.Authority, lifetime);
    }

    public async ValueTask DisposeAsync()
    {
        _content.Complete();
        await _lifetime.CancelAsync();
        await Responses.DisposeAsync();
        _response.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Request content that hands its stream out and stays open until completed.</summary>
    private sealed class DuplexContent : HttpContent
    {
        private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ready => _stream.Task;

        public Stream Stream => _stream.Task.IsCompletedSuccessfully ? _stream.Task.Result : new WaitingStream(_stream.Task);

        public void Complete() => _done.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            // SocketsHttpHandler holds an HTTP/2 request's HEADERS frame back until the body
            // writes or flushes (it expects data to follow). The proxy writes nothing until it
            // has the response headers, and the server sends those once it sees the request:
            // without this flush the two wait on each other until the connect timeout.
            await stream.FlushAsync(cancellationToken);
            _stream.TrySetResult(stream);
            using var reg = cancellationToken.Register(() => _done.TrySetResult());
            await _done.Task;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    /// <summary>Writes wait until the request body stream exists.</summary>
    private sealed class WaitingStream(Task<Stream> inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Result.Flush();
        public override async Task FlushAsync(CancellationToken cancellationToken) => await (await inner.WaitAsync(cancellationToken)).FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Result.Write(buffer, offset, count);
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            => await (await inner.WaitAsync(cancellationToken)).WriteAsync(buffer, cancellationToken);
    }
}

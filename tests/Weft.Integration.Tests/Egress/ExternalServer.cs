using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// A server "outside the mesh" on a loopback address of its own: plain HTTP/1.1, or HTTPS with
/// a certificate from <see cref="TestCa"/>. It records who called (the client's address), the
/// SNI the client sent and each request's head, and answers 200 with
/// <c>NAME client=ADDRESS sni=NAME|none</c>, closing the connection after each answer.
/// </summary>
internal sealed class ExternalServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    private ExternalServer(string name, TcpListener listener, X509Certificate2? certificate)
    {
        Name = name;
        _listener = listener;
        _certificate = certificate;
        var ep = (IPEndPoint)listener.LocalEndpoint;
        Address = ep.Address.ToString();
        Port = ep.Port;
        _accept = Task.Run(AcceptLoopAsync);
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>Every request served, oldest first.</summary>
    public ConcurrentQueue<Seen> Requests { get; } = new();

    /// <summary>One request as the server saw it.</summary>
    public sealed record Seen(string Client, string? Sni, string Head);

    public static ExternalServer Start(string name, string address, int port, X509Certificate2? certificate = null)
    {
        var listener = new TcpListener(IPAddress.Parse(address), port);
        listener.Start(128);
        return new ExternalServer(name, listener, certificate);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var client = ((IPEndPoint)socket.RemoteEndPoint!).Address.ToString();
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        string? sni = null;
        try
        {
            if (_certificate is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateSelectionCallback = (_, name) =>
                    {
                        sni = string.IsNullOrEmpty(name) ? null : name;
                        return _certificate;
                    },
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                }, _stop.Token);
                stream = tls;
            }
            var head = await ReadHeadAsync(stream, _stop.Token);
            if (head is null)
                return;
            Requests.Enqueue(new Seen(client, sni, head));
            var body = Encoding.UTF8.GetBytes($"{Name} client={client} sni={sni ?? "none"}");
            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {body.Length}\r\nconnection: close\r\n\r\n");
            await stream.WriteAsync(response, _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // A client that went away or failed its handshake: nothing to answer.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (n == 0)
                return null;
            filled += n;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
                return text[..end];
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _certificate?.Dispose();
    }
}

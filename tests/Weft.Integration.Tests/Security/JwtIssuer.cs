using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Weft.Integration.Tests.Security;

/// <summary>
/// An identity provider on loopback: an RSA key whose JWKS it serves over real HTTP at
/// <c>/jwks.json</c> (what a RequestAuthentication's jwksUri points at), and RS256 tokens signed
/// with it. Counts the key fetches, so a test sees weftd (not the proxy) fetch them.
/// </summary>
internal sealed class JwtIssuer : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private int _fetches;

    public JwtIssuer(string issuer, string address)
    {
        Issuer = issuer;
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        JwksUri = $"http://{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}/jwks.json";
        _accept = Task.Run(AcceptAsync);
    }

    public string Issuer { get; }

    public string JwksUri { get; }

    public int Fetches => Volatile.Read(ref _fetches);

    public string Jwks
    {
        get
        {
            var p = _key.ExportParameters(false);
            return new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["kid"] = "test-key", ["alg"] = "RS256", ["e"] = B64(p.Exponent!), ["n"] = B64(p.Modulus!) }),
            }.ToJsonString();
        }
    }

    public string Token(string sub, TimeSpan validFor, string? issuer = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = "test-key", ["typ"] = "JWT" }.ToJsonString();
        var payload = new JsonObject { ["iss"] = issuer ?? Issuer, ["sub"] = sub, ["iat"] = now, ["exp"] = now + (long)validFor.TotalSeconds, ["groups"] = new JsonArray("group1") }.ToJsonString();
        var signed = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes(payload));
        return signed + "." + B64(_key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var filled = 0;
                while (filled < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, filled).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (n == 0)
                        break;
                    filled += n;
                }
                var found = Encoding.ASCII.GetString(buffer, 0, filled).StartsWith("GET /jwks.json ", StringComparison.Ordinal);
                if (found)
                    Interlocked.Increment(ref _fetches);
                var body = Encoding.UTF8.GetBytes(found ? Jwks : "not found");
                var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _key.Dispose();
        _stop.Dispose();
    }
}

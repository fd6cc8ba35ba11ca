using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Weft.Identity.Protocol;
using Weft.Identity.Rotation;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// weftd's TLS port (<c>--discovery-listen</c>, 15012 as Istio's): the certificate endpoint and the
/// authenticated push stream (<see cref="SecureDiscoveryEndpoint"/>). TLS 1.3 with weftd's own
/// serving certificate (signed by the mesh CA, DNS <c>weftd</c> and the listen address, renewed at
/// half life by a <see cref="CertificateRotator"/>), HTTP/2 and HTTP/1.1. Client certificates are
/// asked for but not required at the handshake: a VM with only a bootstrap token has none yet;
/// each endpoint judges a certificate against the mesh's roots itself.
/// </summary>
public sealed partial class CaHost : IAsyncDisposable
{
    private readonly CaService _ca;
    private readonly ILogger _log;
    private WebApplication? _app;
    private CertificateRotator? _serving;

    public CaHost(CaService ca, ILogger<CaHost> log)
    {
        _ca = ca;
        _log = log;
    }

    /// <summary>https://ADDR:PORT with the real port; null before start.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The push server proxies reach over this TLS port with their workload certificate; null: certificates only.</summary>
    public Weft.Discovery.Protocol.DiscoveryServer? Discovery { get; set; }

    /// <summary>The config the secret endpoint (SDS) reads Secrets and ReferenceGrants from; null: no secrets served.</summary>
    public Func<Config.ConfigSnapshot>? SecretConfig { get; set; }

    /// <summary>weftd's serving certificate, as handshakes see it now.</summary>
    public CertificateRotator? Serving => _serving;

    /// <exception cref="IOException">The address cannot be bound.</exception>
    public async Task StartAsync(IPEndPoint listen, Action<ILoggingBuilder> logging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var addresses = new List<IPAddress>();
        var names = new List<string> { CaProtocol.ServerName };
        if (listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any))
        {
            addresses.AddRange([IPAddress.Loopback, IPAddress.IPv6Loopback]);
            names.Add(Dns.GetHostName());
        }
        else
        {
            addresses.Add(listen.Address);
        }
        _serving = _ca.CreateServingRotator(names, addresses);
        _serving.Start();
        var serving = _serving;
        var template = new SslServerAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls13,
            ClientCertificateRequired = true,
            // Any client certificate (or none) passes the handshake; CaEndpoints judges it against the mesh roots.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        };

        var builder = WebApplication.CreateSlimBuilder();
        logging(builder.Logging);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            // A push stream idles between snapshots: that is no slow client (as on the h2c listener).
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MinResponseDataRate = null;
            k.Listen(listen, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(serving.ServerOptions(template)),
                });
            });
        });
        var app = builder.Build();
        CaEndpoints.Map(app, _ca);
        SecureDiscoveryEndpoint.Map(app, _ca, () => Discovery, _log);
        Security.SecretEndpoint.MapTls(app, _ca, () => SecretConfig?.Invoke(), _log);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            await _serving.DisposeAsync();
            _serving = null;
            throw;
        }
        _app = app;
        Address = new Uri(app.Urls.First());
        _ca.Address = Address;
        LogListening(_log, Address.ToString().TrimEnd('/'));
        LogServing(_log, serving.Current.Identity.ToString(), serving.Current.NotAfter);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
        }
        if (_serving is not null)
            await _serving.DisposeAsync();
    }

    /// <summary>The start of the log line naming the TLS port; the address (https://ADDR:PORT) ends the line.</summary>
    public const string ListeningLine = "Discovery and certificates (TLS 1.3: push to proxies with workload certificates, bootstrap tokens, renewals) listening on ";

    [LoggerMessage(1720, LogLevel.Information, "Discovery and certificates (TLS 1.3: push to proxies with workload certificates, bootstrap tokens, renewals) listening on {Address}")]
    private static partial void LogListening(ILogger log, string address);

    [LoggerMessage(1721, LogLevel.Information, "weftd's serving certificate ({Identity}, signed by the mesh CA) is valid until {NotAfter:o} and renewed at half life")]
    private static partial void LogServing(ILogger log, string identity, DateTimeOffset notAfter);
}
